package io.distgres.coordinator.pgwire.codec;

import io.distgres.coordinator.error.PgError;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes backend messages into a buffer. Each method appends one complete message; the length
 * field is written as a placeholder and patched once the body is known.
 */
public final class BackendMessages {
    /** Not a typed message: one byte before the startup message, 'N' whether SSL or GSS was asked for. */
    private static final byte ENCRYPTION_REFUSED = 'N';

    private BackendMessages() {
    }

    /** The single byte answering SSLRequest and GSSENCRequest: no encryption, go on with the startup message. */
    public static void encryptionRefused(ByteBuf out) {
        out.writeByte(ENCRYPTION_REFUSED);
    }

    public static void authenticationOk(ByteBuf out) {
        out.writeByte(MessageType.AUTHENTICATION.code()).writeInt(8).writeInt(0);
    }

    public static void parameterStatus(ByteBuf out, String name, String value) {
        int start = begin(out, MessageType.PARAMETER_STATUS);
        cString(out, name);
        cString(out, value);
        end(out, start);
    }

    /** NotificationResponse: a NOTIFY on a channel the session LISTENs to; {@code processId} is the notifier's. */
    public static void notificationResponse(ByteBuf out, int processId, String channel, String payload) {
        int start = begin(out, MessageType.NOTIFICATION_RESPONSE);
        out.writeInt(processId);
        cString(out, channel);
        cString(out, payload);
        end(out, start);
    }

    public static void backendKeyData(ByteBuf out, int processId, int secretKey) {
        out.writeByte(MessageType.BACKEND_KEY_DATA.code()).writeInt(12).writeInt(processId).writeInt(secretKey);
    }

    public static void negotiateProtocolVersion(ByteBuf out, int newestMinor, List<String> unrecognized) {
        int start = begin(out, MessageType.NEGOTIATE_PROTOCOL_VERSION);
        out.writeInt(newestMinor);
        out.writeInt(unrecognized.size());
        unrecognized.forEach(option -> cString(out, option));
        end(out, start);
    }

    /** ReadyForQuery with the transaction status byte: 'I' idle, 'T' in a block, 'E' in a failed block. */
    public static void readyForQuery(ByteBuf out, TransactionStatus status) {
        out.writeByte(MessageType.READY_FOR_QUERY.code()).writeInt(5).writeByte(status.wireByte());
    }

    public static void rowDescription(ByteBuf out, List<ColumnDescriptor> columns, short[] formats) {
        int start = begin(out, MessageType.ROW_DESCRIPTION);
        out.writeShort(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            ColumnDescriptor c = columns.get(i);
            cString(out, c.name());
            out.writeInt(c.tableOid());
            out.writeShort(c.columnNumber());
            out.writeInt(c.typeOid());
            out.writeShort(c.typeSize());
            out.writeInt(c.typeModifier());
            out.writeShort(formatAt(formats, i));
        }
        end(out, start);
    }

    /** DataRow from already-encoded cells; a null cell is SQL NULL. */
    public static void dataRow(ByteBuf out, byte[][] cells) {
        int length = 4 + 2;
        for (byte[] cell : cells) {
            length += 4 + (cell == null ? 0 : cell.length);
        }
        out.ensureWritable(length + 1);
        out.writeByte(MessageType.DATA_ROW.code()).writeInt(length).writeShort(cells.length);
        for (byte[] cell : cells) {
            if (cell == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(cell.length).writeBytes(cell);
            }
        }
    }

    public static void commandComplete(ByteBuf out, String tag) {
        int start = begin(out, MessageType.COMMAND_COMPLETE);
        cString(out, tag);
        end(out, start);
    }

    public static void emptyQueryResponse(ByteBuf out) {
        out.writeByte(MessageType.EMPTY_QUERY_RESPONSE.code()).writeInt(4);
    }

    public static void parseComplete(ByteBuf out) {
        out.writeByte(MessageType.PARSE_COMPLETE.code()).writeInt(4);
    }

    public static void bindComplete(ByteBuf out) {
        out.writeByte(MessageType.BIND_COMPLETE.code()).writeInt(4);
    }

    public static void closeComplete(ByteBuf out) {
        out.writeByte(MessageType.CLOSE_COMPLETE.code()).writeInt(4);
    }

    public static void noData(ByteBuf out) {
        out.writeByte(MessageType.NO_DATA.code()).writeInt(4);
    }

    public static void portalSuspended(ByteBuf out) {
        out.writeByte(MessageType.PORTAL_SUSPENDED.code()).writeInt(4);
    }

    public static void parameterDescription(ByteBuf out, int[] typeOids) {
        out.writeByte(MessageType.PARAMETER_DESCRIPTION.code()).writeInt(4 + 2 + 4 * typeOids.length)
                .writeShort(typeOids.length);
        for (int oid : typeOids) {
            out.writeInt(oid);
        }
    }

    public static void errorResponse(ByteBuf out, PgError error) {
        notice(out, MessageType.ERROR_RESPONSE, error);
    }

    public static void noticeResponse(ByteBuf out, PgError notice) {
        notice(out, MessageType.NOTICE_RESPONSE, notice);
    }

    public static void copyInResponse(ByteBuf out, int overallFormat, short[] columnFormats) {
        copyResponse(out, MessageType.COPY_IN_RESPONSE, overallFormat, columnFormats);
    }

    public static void copyOutResponse(ByteBuf out, int overallFormat, short[] columnFormats) {
        copyResponse(out, MessageType.COPY_OUT_RESPONSE, overallFormat, columnFormats);
    }

    public static void copyData(ByteBuf out, byte[] data) {
        out.writeByte(MessageType.COPY_DATA.code()).writeInt(4 + data.length).writeBytes(data);
    }

    public static void copyDone(ByteBuf out) {
        out.writeByte(MessageType.COPY_DONE.code()).writeInt(4);
    }

    private static void copyResponse(ByteBuf out, MessageType type, int overallFormat, short[] columnFormats) {
        out.writeByte(type.code()).writeInt(4 + 1 + 2 + 2 * columnFormats.length);
        out.writeByte(overallFormat).writeShort(columnFormats.length);
        for (short format : columnFormats) {
            out.writeShort(format);
        }
    }

    private static void notice(ByteBuf out, MessageType type, PgError e) {
        int start = begin(out, type);
        field(out, 'S', e.severity());
        field(out, 'V', e.severity());
        field(out, 'C', e.sqlState());
        field(out, 'M', e.message());
        field(out, 'D', e.detail());
        field(out, 'H', e.hint());
        if (e.position() > 0) {
            field(out, 'P', Integer.toString(e.position()));
        }
        field(out, 'W', e.where());
        field(out, 's', e.schema());
        field(out, 't', e.table());
        field(out, 'c', e.column());
        field(out, 'd', e.dataType());
        field(out, 'n', e.constraint());
        field(out, 'R', e.routine());
        out.writeByte(0);
        end(out, start);
    }

    private static void field(ByteBuf out, char code, String value) {
        if (value != null) {
            out.writeByte(code);
            cString(out, value);
        }
    }

    private static short formatAt(short[] formats, int index) {
        if (formats == null || formats.length == 0) {
            return 0;
        }
        return formats.length == 1 ? formats[0] : formats[index];
    }

    private static int begin(ByteBuf out, MessageType type) {
        out.writeByte(type.code());
        int start = out.writerIndex();
        out.writeInt(0);
        return start;
    }

    private static void end(ByteBuf out, int start) {
        out.setInt(start, out.writerIndex() - start);
    }

    private static void cString(ByteBuf out, String value) {
        out.writeCharSequence(value, StandardCharsets.UTF_8);
        out.writeByte(0);
    }
}
