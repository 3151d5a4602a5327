package io.distgres.coordinator.pgwire.types;

import io.distgres.planner.errors.SqlStateException;
import io.distgres.sqlstate.SqlState;

/** A type conversion failure carrying the SQLSTATE the client should see in its ErrorResponse. */
public final class PgTypeException extends SqlStateException {
    public PgTypeException(String sqlState, String message) {
        super(sqlState, message);
    }

    static PgTypeException unsupported(int typeOid) {
        return new PgTypeException(SqlState.FEATURE_NOT_SUPPORTED,
                "binary format is not supported for type " + PgType.describe(typeOid));
    }

    static PgTypeException invalidBinary(String typeName, String detail) {
        return new PgTypeException(SqlState.INVALID_BINARY_REPRESENTATION,
                "invalid binary representation of type " + typeName + ": " + detail);
    }

    static PgTypeException invalidText(String typeName, String text) {
        return new PgTypeException(SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type " + typeName + ": \"" + text + "\"");
    }
}
