package io.distgres.coordinator.pgwire.codec;

import static java.util.Objects.requireNonNull;

/** One field of a RowDescription. */
public record ColumnDescriptor(String name, int tableOid, short columnNumber, int typeOid, short typeSize,
                               int typeModifier) {
    public ColumnDescriptor {
        requireNonNull(name, "name is null");
    }
}
