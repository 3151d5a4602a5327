package io.distgres.sqlstate;

/**
 * The SQLSTATE codes distgres raises or looks for, named as PostgreSQL's errcodes.txt names them. The one
 * list for every module: the planner, the worker agent and the coordinator all raise PostgreSQL's errors,
 * and none of them may depend on another for it (PostgreSQL's own codes from a server pass through as
 * they came).
 */
public final class SqlState {
    public static final String SUCCESSFUL_COMPLETION = "00000";
    public static final String WARNING = "01000";
    public static final String CONNECTION_EXCEPTION = "08000";
    public static final String CONNECTION_FAILURE = "08006";
    public static final String PROTOCOL_VIOLATION = "08P01";
    public static final String FEATURE_NOT_SUPPORTED = "0A000";
    public static final String STRING_DATA_RIGHT_TRUNCATION = "22001";
    public static final String NUMERIC_VALUE_OUT_OF_RANGE = "22003";
    public static final String NULL_VALUE_NOT_ALLOWED = "22004";
    public static final String INVALID_DATETIME_FORMAT = "22007";
    public static final String DATETIME_FIELD_OVERFLOW = "22008";
    public static final String CHARACTER_NOT_IN_REPERTOIRE = "22021";
    public static final String INVALID_PARAMETER_VALUE = "22023";
    public static final String INVALID_TEXT_REPRESENTATION = "22P02";
    public static final String INVALID_BINARY_REPRESENTATION = "22P03";
    public static final String BAD_COPY_FILE_FORMAT = "22P04";
    public static final String NOT_NULL_VIOLATION = "23502";
    public static final String ACTIVE_SQL_TRANSACTION = "25001";
    public static final String NO_ACTIVE_SQL_TRANSACTION = "25P01";
    public static final String IN_FAILED_SQL_TRANSACTION = "25P02";
    public static final String INVALID_SQL_STATEMENT_NAME = "26000";
    public static final String INVALID_AUTHORIZATION = "28000";
    public static final String INVALID_CURSOR_NAME = "34000";
    public static final String INVALID_CATALOG_NAME = "3D000";
    public static final String DEADLOCK_DETECTED = "40P01";
    public static final String SYNTAX_ERROR = "42601";
    public static final String INSUFFICIENT_PRIVILEGE = "42501";
    public static final String INVALID_NAME = "42602";
    public static final String UNDEFINED_COLUMN = "42703";
    public static final String UNDEFINED_OBJECT = "42704";
    public static final String DATATYPE_MISMATCH = "42804";
    public static final String WRONG_OBJECT_TYPE = "42809";
    public static final String GENERATED_ALWAYS = "428C9";
    public static final String UNDEFINED_TABLE = "42P01";
    public static final String DUPLICATE_CURSOR = "42P03";
    public static final String DUPLICATE_PREPARED_STATEMENT = "42P05";
    public static final String INVALID_TABLE_DEFINITION = "42P16";
    public static final String INDETERMINATE_DATATYPE = "42P18";
    public static final String INSUFFICIENT_RESOURCES = "53000";
    public static final String TOO_MANY_CONNECTIONS = "53300";
    public static final String PROGRAM_LIMIT_EXCEEDED = "54000";
    public static final String OBJECT_NOT_IN_PREREQUISITE_STATE = "55000";
    public static final String QUERY_CANCELED = "57014";
    public static final String ADMIN_SHUTDOWN = "57P01";
    public static final String INTERNAL_ERROR = "XX000";

    private SqlState() {
    }

    /** True when {@code sqlState} is of class 08, connection exception: the connection cannot be used. */
    public static boolean isConnectionException(String sqlState) {
        return inClass(sqlState, CONNECTION_EXCEPTION);
    }

    /** True when {@code sqlState} is of the class (its first two characters) of {@code classCode}, e.g. 28000. */
    public static boolean inClass(String sqlState, String classCode) {
        return sqlState != null && sqlState.length() == 5 && sqlState.regionMatches(0, classCode, 0, 2);
    }
}
