package io.distgres.coordinator.copy;

import io.distgres.coordinator.backend.ResultSink;
import io.distgres.coordinator.pgwire.codec.ColumnDescriptor;
import java.io.ByteArrayOutputStream;
import java.util.List;

/** Collects a query's rows as COPY text-format lines (tab-separated, escaped, {@code \N} for NULL). */
public final class CopyTextCollector implements ResultSink {
    private final List<byte[]> rows;
    private int columnCount = -1;

    public CopyTextCollector(List<byte[]> rows) {
        this.rows = rows;
    }

    /** How many columns the query returned; -1 when it described none and returned no row. */
    public int columnCount() {
        return columnCount;
    }

    @Override
    public void columns(List<ColumnDescriptor> columns) {
        columnCount = columns.size();
    }

    @Override
    public void row(byte[][] cells) {
        columnCount = cells.length;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.write('\t');
            }
            byte[] cell = cells[i];
            if (cell == null) {
                line.write('\\');
                line.write('N');
                continue;
            }
            for (byte b : cell) {
                switch (b) {
                    case '\\' -> line.writeBytes(new byte[] {'\\', '\\'});
                    case '\t' -> line.writeBytes(new byte[] {'\\', 't'});
                    case '\n' -> line.writeBytes(new byte[] {'\\', 'n'});
                    case '\r' -> line.writeBytes(new byte[] {'\\', 'r'});
                    default -> line.write(b);
                }
            }
        }
        line.write('\n');
        rows.add(line.toByteArray());
    }
}
