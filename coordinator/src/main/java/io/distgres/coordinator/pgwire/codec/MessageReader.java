package io.distgres.coordinator.pgwire.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Reads the fields of one frontend message body, turning truncation into a protocol violation. */
final class MessageReader {
    private final ByteBuf body;
    private final char type;

    MessageReader(ByteBuf body, char type) {
        this.body = body;
        this.type = type;
    }

    String cString() {
        int end = body.indexOf(body.readerIndex(), body.writerIndex(), (byte) 0);
        if (end < 0) {
            throw new ProtocolViolationException("invalid string in message '" + type + "'");
        }
        String value = body.toString(body.readerIndex(), end - body.readerIndex(), StandardCharsets.UTF_8);
        body.readerIndex(end + 1);
        return value;
    }

    int int32() {
        need(4);
        return body.readInt();
    }

    short int16() {
        need(2);
        return body.readShort();
    }

    byte int8() {
        need(1);
        return body.readByte();
    }

    /** A count prefixed as Int16 that must be non-negative and fit the bytes left. */
    int count(int bytesPerItem) {
        int n = int16() & 0xFFFF;
        if ((long) n * bytesPerItem > body.readableBytes()) {
            throw new ProtocolViolationException("invalid count in message '" + type + "'");
        }
        return n;
    }

    byte[] bytes(int length) {
        need(length);
        byte[] out = new byte[length];
        body.readBytes(out);
        return out;
    }

    byte[] rest() {
        return bytes(body.readableBytes());
    }

    void end() {
        if (body.isReadable()) {
            throw new ProtocolViolationException("invalid message format: " + body.readableBytes()
                    + " unexpected bytes at the end of message '" + type + "'");
        }
    }

    private void need(int n) {
        if (n < 0 || body.readableBytes() < n) {
            throw new ProtocolViolationException("invalid message format: message '" + type + "' is truncated");
        }
    }
}
