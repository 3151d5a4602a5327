package io.distgres.coordinator.pgwire.codec;

import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.sqlstate.SqlState;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Frames and decodes frontend messages: untyped startup-phase packets first, then typed messages.
 * Every length is validated before anything is buffered so a hostile length cannot exhaust memory.
 */
public final class FrontendMessageDecoder extends ByteToMessageDecoder {
    static final int SSL_REQUEST_CODE = 80877103;
    static final int GSSENC_REQUEST_CODE = 80877104;
    static final int CANCEL_REQUEST_CODE = 80877102;
    /** PostgreSQL's MAX_STARTUP_PACKET_LENGTH. */
    static final int MAX_STARTUP_PACKET_LENGTH = 10_000;

    private final int maxMessageBytes;
    private boolean startupDone;
    private boolean terminated;

    public FrontendMessageDecoder(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (!terminated && in.isReadable()) {
            FrontendMessage message = startupDone ? decodeTyped(in) : decodeStartupPhase(in);
            if (message == null) {
                return;
            }
            if (message instanceof FrontendMessage.Startup) {
                startupDone = true;
            } else if (message instanceof FrontendMessage.Terminate || message instanceof FrontendMessage.CancelRequest) {
                terminated = true;
            }
            out.add(message);
        }
        if (terminated) {
            in.skipBytes(in.readableBytes());
        }
    }

    private FrontendMessage decodeStartupPhase(ByteBuf in) {
        if (in.readableBytes() < 4) {
            return null;
        }
        int length = in.getInt(in.readerIndex());
        if (length < 8 || length > MAX_STARTUP_PACKET_LENGTH) {
            throw new ProtocolViolationException("invalid length of startup packet");
        }
        if (in.readableBytes() < length) {
            return null;
        }
        in.skipBytes(4);
        ByteBuf body = in.readSlice(length - 4);
        int code = body.readInt();
        return switch (code) {
            case SSL_REQUEST_CODE -> new FrontendMessage.SslRequest();
            case GSSENC_REQUEST_CODE -> new FrontendMessage.GssEncRequest();
            case CANCEL_REQUEST_CODE -> {
                if (body.readableBytes() < 8) {
                    throw new ProtocolViolationException("invalid length of cancel request packet");
                }
                yield new FrontendMessage.CancelRequest(body.readInt(), body.readInt());
            }
            default -> decodeStartup(code, body);
        };
    }

    private static FrontendMessage decodeStartup(int protocolVersion, ByteBuf body) {
        if (protocolVersion >>> 16 != 3) {
            // a well-formed request for a protocol we lack: PostgreSQL answers 0A000, not 08P01
            throw new PgException(PgError.fatal(SqlState.FEATURE_NOT_SUPPORTED, "unsupported frontend protocol "
                    + (protocolVersion >>> 16) + "." + (protocolVersion & 0xFFFF) + ": server supports 3.0 to 3.0"));
        }
        MessageReader reader = new MessageReader(body, '\0');
        Map<String, String> parameters = new LinkedHashMap<>();
        while (true) {
            String name = reader.cString();
            if (name.isEmpty()) {
                break;
            }
            parameters.put(name, reader.cString());
        }
        return new FrontendMessage.Startup(protocolVersion, parameters);
    }

    private FrontendMessage decodeTyped(ByteBuf in) {
        if (in.readableBytes() < 5) {
            return null;
        }
        byte code = in.getByte(in.readerIndex());
        int length = in.getInt(in.readerIndex() + 1);
        if (length < 4 || length > maxMessageBytes) {
            throw new ProtocolViolationException("invalid message length " + length + " for message type '"
                    + MessageType.printable(code) + "'");
        }
        MessageType type = MessageType.fromClient(code);
        if (type == null) {
            throw new ProtocolViolationException("invalid frontend message type " + (code & 0xFF));
        }
        if (in.readableBytes() < length + 1) {
            return null;
        }
        in.skipBytes(5);
        ByteBuf body = in.readSlice(length - 4);
        return decodeBody(type, new MessageReader(body, (char) code));
    }

    private static FrontendMessage decodeBody(MessageType type, MessageReader r) {
        FrontendMessage message = switch (type) {
            case QUERY -> new FrontendMessage.Query(r.cString());
            case PARSE -> decodeParse(r);
            case BIND -> decodeBind(r);
            case DESCRIBE -> new FrontendMessage.Describe(r.int8(), r.cString());
            case EXECUTE -> new FrontendMessage.Execute(r.cString(), r.int32());
            case CLOSE -> new FrontendMessage.Close(r.int8(), r.cString());
            case SYNC -> new FrontendMessage.Sync();
            case FLUSH -> new FrontendMessage.Flush();
            case TERMINATE -> new FrontendMessage.Terminate();
            case COPY_DATA -> new FrontendMessage.CopyData(r.rest());
            case COPY_DONE -> new FrontendMessage.CopyDone();
            case COPY_FAIL -> new FrontendMessage.CopyFail(r.cString());
            case PASSWORD_MESSAGE -> new FrontendMessage.PasswordMessage(r.rest());
            case FUNCTION_CALL -> throw new ProtocolViolationException(
                    "function call protocol (message 'F') is not supported");
            default -> throw new ProtocolViolationException("invalid frontend message type " + (type.code() & 0xFF));
        };
        r.end();
        return message;
    }

    private static FrontendMessage decodeParse(MessageReader r) {
        String name = r.cString();
        String sql = r.cString();
        int count = r.count(4);
        int[] types = new int[count];
        for (int i = 0; i < count; i++) {
            types[i] = r.int32();
        }
        return new FrontendMessage.Parse(name, sql, types);
    }

    private static FrontendMessage decodeBind(MessageReader r) {
        String portal = r.cString();
        String statement = r.cString();
        short[] parameterFormats = readFormats(r);
        int count = r.count(4);
        if (parameterFormats.length > 1 && parameterFormats.length != count) {
            throw new ProtocolViolationException("bind message has " + parameterFormats.length
                    + " parameter formats but " + count + " parameters");
        }
        List<byte[]> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = r.int32();
            if (length < -1) {
                throw new ProtocolViolationException("invalid parameter length " + length + " in bind message");
            }
            values.add(length == -1 ? null : r.bytes(length));
        }
        short[] resultFormats = readFormats(r);
        return new FrontendMessage.Bind(portal, statement, parameterFormats, values, resultFormats);
    }

    private static short[] readFormats(MessageReader r) {
        int count = r.count(2);
        short[] formats = new short[count];
        for (int i = 0; i < count; i++) {
            formats[i] = r.int16();
            if (formats[i] != 0 && formats[i] != 1) {
                throw new ProtocolViolationException("unsupported format code: " + formats[i]);
            }
        }
        return formats;
    }
}
