package io.distgres.coordinator.copy;

import static java.util.Objects.requireNonNull;

import io.distgres.planner.sql.SqlIdentifiers;
import io.distgres.planner.sql.SqlLiterals;

/**
 * The options of a COPY's data format that matter to splitting, routing and forwarding rows.
 *
 * @param csv        CSV rather than PostgreSQL's text format
 * @param delimiter  the field separator byte (tab for text, comma for CSV by default)
 * @param nullString how NULL is written ({@code \N} for text, empty for CSV by default)
 * @param header     CSV only: the first line is a header and skipped
 * @param quote      CSV quote byte
 * @param escape     CSV escape byte (defaults to the quote)
 */
public record CopyFormat(boolean csv, byte delimiter, String nullString, boolean header, byte quote, byte escape) {
    public static final CopyFormat TEXT = new CopyFormat(false, (byte) '\t', "\\N", false, (byte) '"', (byte) '"');

    public CopyFormat {
        requireNonNull(nullString, "nullString is null");
    }

    /** The WITH clause that makes a worker read rows in this format (without HEADER: it is not forwarded). */
    String workerOptions() {
        StringBuilder options = new StringBuilder("(FORMAT ").append(csv ? "csv" : "text");
        options.append(", DELIMITER ").append(SqlLiterals.quote(String.valueOf((char) delimiter)));
        options.append(", NULL ").append(SqlLiterals.quote(nullString));
        if (csv) {
            options.append(", QUOTE ").append(SqlLiterals.quote(String.valueOf((char) quote)));
            options.append(", ESCAPE ").append(SqlLiterals.quote(String.valueOf((char) escape)));
        }
        return options.append(')').toString();
    }
}
