package io.distgres.planner.hashing;

import io.distgres.planner.errors.SqlStateException;

/** A value that cannot be hashed, carrying the SQLSTATE and message PostgreSQL would give for it. */
public final class HashingException extends SqlStateException {
    /** feature_not_supported: a distribution column type distgres cannot hash. */
    public static final String FEATURE_NOT_SUPPORTED = "0A000";
    /** invalid_text_representation: the text is not a value of the type. */
    public static final String INVALID_TEXT_REPRESENTATION = "22P02";
    /** invalid_datetime_format: what date/time input reports for bad syntax. */
    public static final String INVALID_DATETIME_FORMAT = "22007";
    /** numeric_value_out_of_range. */
    public static final String NUMERIC_VALUE_OUT_OF_RANGE = "22003";
    /** datetime_field_overflow: e.g. February 30th. */
    public static final String DATETIME_FIELD_OVERFLOW = "22008";
    /** invalid_parameter_value: e.g. a shard count outside 1..64000. */
    public static final String INVALID_PARAMETER_VALUE = "22023";

    public HashingException(String sqlState, String message) {
        super(sqlState, message);
    }

    static HashingException invalidSyntax(String typeName, String text) {
        return new HashingException(INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type " + typeName + ": \"" + text + "\"");
    }

    static HashingException outOfRange(String typeName, String text) {
        return new HashingException(NUMERIC_VALUE_OUT_OF_RANGE,
                "value \"" + text + "\" is out of range for type " + typeName);
    }
}
