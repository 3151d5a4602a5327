package io.distgres.planner.classify;

/** What the coordinator must do with a statement, decided before any planning. */
public enum StatementClass {
    /** Only whitespace and comments. */
    EMPTY,
    /** Touches no distributed table: runs on the coordinator PostgreSQL as written. */
    PASSTHROUGH,
    /** COPY ... FROM STDIN: rows stream from the client. */
    COPY_FROM_STDIN,
    /** COPY ... TO STDOUT: rows stream to the client. */
    COPY_TO_STDOUT,
    /** SET client_encoding / SET NAMES: the front door converts, the backends always speak UTF-8. */
    CLIENT_ENCODING
}
