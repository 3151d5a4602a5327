package io.distgres.coordinator.pgwire.types;

import java.nio.charset.StandardCharsets;

/** Converts one type's values between PostgreSQL's text format and its binary wire format. */
interface TypeCodec {
    /** The bytes the type's {@code *send} function produces for this text output. */
    byte[] toBinary(byte[] text);

    /** A literal the type's {@code *in} function accepts, meaning the same value as the binary input. */
    byte[] toText(byte[] binary);

    /** Text values travel as UTF-8 (the coordinator runs with client_encoding UTF8). */
    static String string(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
