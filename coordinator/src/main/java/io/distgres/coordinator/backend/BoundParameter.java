package io.distgres.coordinator.backend;

/**
 * A parameter value as the client bound it.
 *
 * @param value   the bytes, null for SQL NULL
 * @param binary  true when the bytes are in PostgreSQL's binary format
 * @param typeOid the declared type, 0 to let PostgreSQL infer it
 */
public record BoundParameter(byte[] value, boolean binary, int typeOid) {
}
