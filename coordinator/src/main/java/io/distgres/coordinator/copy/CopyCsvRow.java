package io.distgres.coordinator.copy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads one field of a row in COPY's CSV format: quoted fields may hold delimiters, quotes
 * (doubled or escaped) and newlines; an unquoted field equal to the NULL string is NULL.
 */
final class CopyCsvRow {
    private CopyCsvRow() {
    }

    /** Field {@code index} of {@code row} (which may end in a newline), or null; IllegalArgumentException when missing. */
    static String field(byte[] row, int index, CopyFormat format) {
        int length = CopyTextRow.contentEnd(row);
        int field = 0;
        int i = 0;
        while (true) {
            ByteArrayOutputStream value = field == index ? new ByteArrayOutputStream() : null;
            boolean wasQuoted = false;
            boolean inQuotes = false;
            while (i < length) {
                byte b = row[i];
                if (inQuotes) {
                    // the escape byte makes a following quote or escape byte literal ("" when they are the same)
                    if (b == format.escape() && i + 1 < length
                            && (row[i + 1] == format.quote() || row[i + 1] == format.escape())) {
                        write(value, row[i + 1]);
                        i += 2;
                        continue;
                    }
                    if (b == format.quote()) {
                        inQuotes = false;
                    } else {
                        write(value, b);
                    }
                    i++;
                } else if (b == format.quote()) {
                    inQuotes = true;
                    wasQuoted = true;
                    i++;
                } else if (b == format.delimiter()) {
                    break;
                } else {
                    write(value, b);
                    i++;
                }
            }
            if (field == index) {
                String text = value.toString(StandardCharsets.UTF_8);
                if (!wasQuoted && text.equals(format.nullString())) {
                    return null;
                }
                return text;
            }
            if (i >= length) {
                throw new IllegalArgumentException("row has fewer than " + (index + 1) + " fields");
            }
            i++; // past the delimiter
            field++;
        }
    }

    private static void write(ByteArrayOutputStream value, byte b) {
        if (value != null) {
            value.write(b);
        }
    }
}
