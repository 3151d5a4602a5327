package io.distgres.planner.hashing;

import io.distgres.planner.errors.SqlStateException;
import io.distgres.sqlstate.SqlState;

/** A value that cannot be hashed, carrying the SQLSTATE and message PostgreSQL would give for it. */
public final class HashingException extends SqlStateException {
    public HashingException(String sqlState, String message) {
        super(sqlState, message);
    }

    static HashingException invalidSyntax(String typeName, String text) {
        return new HashingException(SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type " + typeName + ": \"" + text + "\"");
    }

    static HashingException outOfRange(String typeName, String text) {
        return new HashingException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                "value \"" + text + "\" is out of range for type " + typeName);
    }
}
