package io.distgres.coordinator.pgwire.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Builds the bytes a client sends, well formed or not, for the codec tests. */
final class Frames {
    static final int PROTOCOL_3 = 3 << 16;

    private Frames() {
    }

    /** A typed message: type byte, length (itself included), body. */
    static ByteBuf typed(MessageType type, byte[]... body) {
        return typed(type.code(), body);
    }

    static ByteBuf typed(byte type, byte[]... body) {
        byte[] joined = concat(body);
        return Unpooled.buffer().writeByte(type).writeInt(4 + joined.length).writeBytes(joined);
    }

    /** An untyped startup-phase packet: length (itself included), body. */
    static ByteBuf untyped(byte[]... body) {
        byte[] joined = concat(body);
        return Unpooled.buffer().writeInt(4 + joined.length).writeBytes(joined);
    }

    static ByteBuf startup(Map<String, String> parameters) {
        ByteBuf body = Unpooled.buffer().writeInt(PROTOCOL_3);
        parameters.forEach((name, value) -> body.writeBytes(cString(name)).writeBytes(cString(value)));
        body.writeByte(0);
        return untyped(bytes(body));
    }

    static byte[] cString(String value) {
        return (value + "\0").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] int32(int value) {
        return bytes(Unpooled.buffer(4).writeInt(value));
    }

    static byte[] int16(int value) {
        return bytes(Unpooled.buffer(2).writeShort(value));
    }

    static byte[] int8(int value) {
        return new byte[] {(byte) value};
    }

    static byte[] bytes(ByteBuf buf) {
        byte[] out = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), out);
        return out;
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
