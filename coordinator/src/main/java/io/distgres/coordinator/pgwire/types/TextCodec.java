package io.distgres.coordinator.pgwire.types;

import io.distgres.sqlstate.SqlState;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Converts the string types (text, varchar, bpchar, name, unknown, json, xml): binary is the text's bytes.
 *
 * <p>Binary input is checked the way {@code textrecv} checks it, so that bad UTF-8 or a NUL byte fails here with
 * PostgreSQL's SQLSTATE rather than later on a worker.
 */
final class TextCodec implements TypeCodec {
    @Override
    public byte[] toBinary(byte[] text) {
        return text.clone();
    }

    @Override
    public byte[] toText(byte[] binary) {
        for (byte b : binary) {
            if (b == 0) {
                throw new PgTypeException(SqlState.CHARACTER_NOT_IN_REPERTOIRE,
                        "invalid byte sequence for encoding \"UTF8\": 0x00");
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(binary));
        } catch (CharacterCodingException e) {
            throw new PgTypeException(SqlState.CHARACTER_NOT_IN_REPERTOIRE,
                    "invalid byte sequence for encoding \"UTF8\"");
        }
        return binary.clone();
    }
}
