package io.distgres.coordinator.error;

/** SQLSTATE codes distgres raises itself (PostgreSQL's own codes pass through unchanged). */
public final class SqlState {
    public static final String SUCCESSFUL_COMPLETION = "00000";
    public static final String WARNING = "01000";
    public static final String CONNECTION_EXCEPTION = "08000";
    public static final String CONNECTION_FAILURE = "08006";
    public static final String PROTOCOL_VIOLATION = "08P01";
    public static final String FEATURE_NOT_SUPPORTED = "0A000";
    public static final String INVALID_PARAMETER_VALUE = "22023";
    public static final String INVALID_TEXT_REPRESENTATION = "22P02";
    public static final String INVALID_BINARY_REPRESENTATION = "22P03";
    public static final String BAD_COPY_FILE_FORMAT = "22P04";
    public static final String INVALID_CURSOR_NAME = "34000";
    public static final String INVALID_SQL_STATEMENT_NAME = "26000";
    public static final String DUPLICATE_PREPARED_STATEMENT = "42P05";
    public static final String DUPLICATE_CURSOR = "42P03";
    public static final String SYNTAX_ERROR = "42601";
    public static final String GENERATED_ALWAYS = "428C9";
    public static final String IN_FAILED_SQL_TRANSACTION = "25P02";
    public static final String NO_ACTIVE_SQL_TRANSACTION = "25P01";
    public static final String INVALID_AUTHORIZATION = "28000";
    public static final String INSUFFICIENT_PRIVILEGE = "42501";
    public static final String INVALID_CATALOG_NAME = "3D000";
    public static final String TOO_MANY_CONNECTIONS = "53300";
    public static final String PROGRAM_LIMIT_EXCEEDED = "54000";
    public static final String QUERY_CANCELED = "57014";
    public static final String ADMIN_SHUTDOWN = "57P01";
    public static final String INTERNAL_ERROR = "XX000";

    private SqlState() {
    }
}
