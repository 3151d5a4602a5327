package io.distgres.coordinator.copy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads one field of a row in PostgreSQL's COPY text format (tab-separated, {@code \N} for
 * NULL, backslash escapes), without decoding the rest: routing a row needs only its
 * distribution column, and the row itself travels on unchanged.
 */
public final class CopyTextRow {
    private CopyTextRow() {
    }

    /** Field {@code index} of {@code row} decoded to text, or null for {@code \N}; the row may end in a newline. */
    public static String field(byte[] row, int index) {
        return field(row, index, (byte) '\t', "\\N");
    }

    /** Like {@link #field(byte[], int)} with another delimiter and NULL marker (COPY's DELIMITER and NULL). */
    public static String field(byte[] row, int index, byte delimiter, String nullString) {
        int length = contentEnd(row);
        int start = 0;
        for (int field = 0; field < index; field++) {
            start = nextField(row, start, length, delimiter);
            if (start < 0) {
                throw new IllegalArgumentException("row has fewer than " + (index + 1) + " fields");
            }
        }
        int end = start;
        while (end < length && row[end] != delimiter) {
            end += row[end] == '\\' ? 2 : 1;
        }
        end = Math.min(end, length);
        if (isNull(row, start, end, nullString)) {
            return null;
        }
        return decode(row, start, end);
    }

    /** Where the row's data ends: before its newline ({@code \n} or {@code \r\n}), if it has one. */
    static int contentEnd(byte[] row) {
        int length = row.length;
        if (length > 0 && row[length - 1] == '\n') {
            length--;
            if (length > 0 && row[length - 1] == '\r') {
                length--;
            }
        }
        return length;
    }

    private static boolean isNull(byte[] row, int start, int end, String nullString) {
        byte[] marker = nullString.getBytes(StandardCharsets.UTF_8);
        return end - start == marker.length && java.util.Arrays.equals(row, start, end, marker, 0, marker.length);
    }

    private static int nextField(byte[] row, int from, int length, byte delimiter) {
        int i = from;
        while (i < length) {
            if (row[i] == '\\') {
                i += 2;
            } else if (row[i] == delimiter) {
                return i + 1;
            } else {
                i++;
            }
        }
        return -1;
    }

    private static String decode(byte[] row, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(end - start);
        for (int i = start; i < end; i++) {
            byte b = row[i];
            if (b != '\\' || i + 1 >= end) {
                out.write(b);
                continue;
            }
            byte next = row[++i];
            switch (next) {
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'v' -> out.write(0x0B);
                case 'x' -> {
                    int value = 0;
                    int digits = 0;
                    while (digits < 2 && i + 1 < end && Character.digit(row[i + 1], 16) >= 0) {
                        value = value * 16 + Character.digit(row[++i], 16);
                        digits++;
                    }
                    out.write(digits == 0 ? 'x' : value);
                }
                default -> {
                    if (next >= '0' && next <= '7') {
                        int value = next - '0';
                        int digits = 1;
                        while (digits < 3 && i + 1 < end && row[i + 1] >= '0' && row[i + 1] <= '7') {
                            value = value * 8 + (row[++i] - '0');
                            digits++;
                        }
                        out.write(value);
                    } else {
                        out.write(next);
                    }
                }
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
