package io.distgres.coordinator.session;

import io.distgres.coordinator.backend.ResultSink;
import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.pgwire.codec.BackendMessages;
import io.distgres.coordinator.pgwire.codec.ClientConnection;
import io.distgres.coordinator.pgwire.codec.ColumnDescriptor;
import io.distgres.coordinator.pgwire.types.ResultFormatEncoder;
import java.util.List;

/**
 * Streams a statement's result to the client: RowDescription (when asked for), DataRows in the
 * requested formats, CommandComplete and notices.
 */
final class ClientResultWriter implements ResultSink {
    private final ClientConnection out;
    private final ResultFormatEncoder encoder;
    private final short[] formats;
    private final boolean sendRowDescription;
    private int[] typeOids;
    private boolean anyBinary;
    private String commandTag;

    ClientResultWriter(ClientConnection out, ResultFormatEncoder encoder, short[] formats, boolean sendRowDescription) {
        this.out = out;
        this.encoder = encoder;
        this.formats = formats;
        this.sendRowDescription = sendRowDescription;
    }

    @Override
    public void columns(List<ColumnDescriptor> columns) {
        typeOids = new int[columns.size()];
        for (int i = 0; i < typeOids.length; i++) {
            typeOids[i] = columns.get(i).typeOid();
            anyBinary |= formatOf(i) == 1;
        }
        if (sendRowDescription) {
            out.write(buf -> BackendMessages.rowDescription(buf, columns, formats));
        }
    }

    @Override
    public void row(byte[][] cells) {
        if (anyBinary) {
            for (int i = 0; i < cells.length; i++) {
                if (cells[i] != null && formatOf(i) == 1) {
                    cells[i] = encoder.toBinary(typeOids[i], cells[i]);
                }
            }
        }
        out.write(buf -> BackendMessages.dataRow(buf, cells));
    }

    @Override
    public void complete(String tag) {
        commandTag = tag;
        out.write(buf -> BackendMessages.commandComplete(buf, tag));
    }

    @Override
    public void notice(PgError notice) {
        out.write(buf -> BackendMessages.noticeResponse(buf, notice));
    }

    String commandTag() {
        return commandTag;
    }

    private short formatOf(int index) {
        if (formats == null || formats.length == 0) {
            return 0;
        }
        return formats.length == 1 ? formats[0] : formats[index];
    }
}
