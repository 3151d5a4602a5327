package io.distgres.coordinator.session;

import io.distgres.coordinator.backend.ResultSink;
import java.util.function.Consumer;

/** A sink for distgres's own queries: hands each row to a consumer, ignores the rest. */
final class RowCollector implements ResultSink {
    private final Consumer<byte[][]> rows;

    RowCollector(Consumer<byte[][]> rows) {
        this.rows = rows;
    }

    @Override
    public void row(byte[][] cells) {
        rows.accept(cells);
    }
}
