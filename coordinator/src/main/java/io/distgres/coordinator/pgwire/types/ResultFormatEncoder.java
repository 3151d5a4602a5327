package io.distgres.coordinator.pgwire.types;

/** Turns a PostgreSQL text-format value into the binary format a client asked for. */
@FunctionalInterface
public interface ResultFormatEncoder {
    byte[] toBinary(int typeOid, byte[] text);
}
