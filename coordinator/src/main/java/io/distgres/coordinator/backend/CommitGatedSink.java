package io.distgres.coordinator.backend;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.pgwire.codec.ColumnDescriptor;
import java.util.List;

/**
 * Passes a statement's result on as it comes, except its command tag, which it holds until
 * {@link #committed}: PostgreSQL sends CommandComplete for an autocommitted statement only after
 * the commit, so a statement whose commit fails gets an ErrorResponse and nothing else.
 */
public final class CommitGatedSink implements ResultSink {
    private final ResultSink target;
    private String commandTag;

    public CommitGatedSink(ResultSink target) {
        this.target = requireNonNull(target, "target is null");
    }

    @Override
    public void columns(List<ColumnDescriptor> columns) {
        target.columns(columns);
    }

    @Override
    public void row(byte[][] cells) {
        target.row(cells);
    }

    @Override
    public void complete(String tag) {
        commandTag = tag;
    }

    @Override
    public void notice(PgError notice) {
        target.notice(notice);
    }

    /** The transaction committed: the held command tag goes out now. */
    public void committed() {
        if (commandTag != null) {
            target.complete(commandTag);
        }
    }
}
