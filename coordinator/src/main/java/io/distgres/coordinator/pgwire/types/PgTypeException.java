package io.distgres.coordinator.pgwire.types;

import io.distgres.planner.errors.SqlStateException;

/** A type conversion failure carrying the SQLSTATE the client should see in its ErrorResponse. */
public final class PgTypeException extends SqlStateException {
    /** feature_not_supported: no binary converter for the type. */
    public static final String FEATURE_NOT_SUPPORTED = "0A000";
    /** invalid_binary_representation: a binary value is malformed. */
    public static final String INVALID_BINARY_REPRESENTATION = "22P03";
    /** invalid_text_representation: a text value is malformed. */
    public static final String INVALID_TEXT_REPRESENTATION = "22P02";
    /** character_not_in_repertoire: bytes that are not valid UTF-8. */
    public static final String CHARACTER_NOT_IN_REPERTOIRE = "22021";
    /** datatype_mismatch: e.g. a binary array whose element type is not the declared one. */
    public static final String DATATYPE_MISMATCH = "42804";

    public PgTypeException(String sqlState, String message) {
        super(sqlState, message);
    }

    static PgTypeException unsupported(int typeOid) {
        return new PgTypeException(FEATURE_NOT_SUPPORTED,
                "binary format is not supported for type " + PgType.describe(typeOid));
    }

    static PgTypeException invalidBinary(String typeName, String detail) {
        return new PgTypeException(INVALID_BINARY_REPRESENTATION,
                "invalid binary representation of type " + typeName + ": " + detail);
    }

    static PgTypeException invalidText(String typeName, String text) {
        return new PgTypeException(INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type " + typeName + ": \"" + text + "\"");
    }
}
