package io.distgres.coordinator.distribution;

import io.distgres.coordinator.execution.ResultSink;
import java.io.ByteArrayOutputStream;
import java.util.List;

/** Collects a query's rows as COPY text-format lines (tab-separated, escaped, {@code \N} for NULL). */
final class CopyTextCollector implements ResultSink {
    private final List<byte[]> rows;

    CopyTextCollector(List<byte[]> rows) {
        this.rows = rows;
    }

    @Override
    public void row(byte[][] cells) {
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
