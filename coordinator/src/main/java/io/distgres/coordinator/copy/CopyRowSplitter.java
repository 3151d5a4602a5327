package io.distgres.coordinator.copy;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;

/**
 * Cuts the byte stream of COPY FROM STDIN (CopyData messages split anywhere) into whole rows:
 * text rows end at a newline not escaped by a backslash, CSV rows at a newline outside quotes.
 * Each row is handed on with its newline; a last row without one gets {@code \n}. Text input
 * ends early at a {@code \.} line, as PostgreSQL's does.
 */
final class CopyRowSplitter {
    private static final int MAX_ROW_BYTES = 1 << 30;

    private final CopyFormat format;
    private final Consumer<byte[]> rows;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private boolean escaped;
    private boolean inQuotes;
    private boolean ended;

    CopyRowSplitter(CopyFormat format, Consumer<byte[]> rows) {
        this.format = requireNonNull(format, "format is null");
        this.rows = requireNonNull(rows, "rows is null");
    }

    void feed(byte[] data) {
        int start = 0;
        for (int i = 0; i < data.length && !ended; i++) {
            byte b = data[i];
            if (escaped) {
                escaped = false;
                continue;
            }
            if (format.csv()) {
                if (inQuotes && b == format.escape() && format.escape() != format.quote()) {
                    escaped = true;
                } else if (b == format.quote()) {
                    inQuotes = !inQuotes;
                } else if (b == '\n' && !inQuotes) {
                    start = emit(data, start, i + 1);
                }
            } else if (b == '\\') {
                escaped = true;
            } else if (b == '\n') {
                start = emit(data, start, i + 1);
            }
        }
        if (!ended) {
            partial.write(data, start, data.length - start);
            if (partial.size() > MAX_ROW_BYTES) {
                throw new IllegalArgumentException("row is longer than 1 GB");
            }
        }
    }

    /** Hands on a last row that lacks its newline. */
    void finish() {
        if (!ended && partial.size() > 0) {
            partial.write('\n');
            byte[] row = partial.toByteArray();
            partial.reset();
            deliver(row);
        }
    }

    private int emit(byte[] data, int start, int end) {
        byte[] row;
        if (partial.size() == 0) {
            row = java.util.Arrays.copyOfRange(data, start, end);
        } else {
            partial.write(data, start, end - start);
            row = partial.toByteArray();
            partial.reset();
        }
        deliver(row);
        return end;
    }

    private void deliver(byte[] row) {
        if (!format.csv() && isEndMarker(row)) {
            ended = true;
            return;
        }
        rows.accept(row);
    }

    private static boolean isEndMarker(byte[] row) {
        return (row.length == 3 && row[0] == '\\' && row[1] == '.')
                || (row.length == 4 && row[0] == '\\' && row[1] == '.' && row[2] == '\r');
    }
}
