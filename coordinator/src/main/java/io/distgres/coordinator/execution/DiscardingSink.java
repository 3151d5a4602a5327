package io.distgres.coordinator.execution;

import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.pgwire.codec.ColumnDescriptor;
import java.util.List;

/** A sink for statements distgres runs for itself, whose results nobody reads. */
public enum DiscardingSink implements ResultSink {
    INSTANCE;

    @Override
    public void columns(List<ColumnDescriptor> columns) {
    }

    @Override
    public void row(byte[][] cells) {
    }

    @Override
    public void complete(String commandTag) {
    }

    @Override
    public void notice(PgError notice) {
    }
}
