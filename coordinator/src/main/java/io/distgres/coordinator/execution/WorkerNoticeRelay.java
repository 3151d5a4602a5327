package io.distgres.coordinator.execution;

import io.distgres.coordinator.backend.ResultSink;
import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.pgwire.codec.ColumnDescriptor;
import io.distgres.sqlstate.SqlState;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Brings the NOTICEs and WARNINGs that one session's worker tasks raise to its client, as
 * PostgreSQL shows a statement's notices: gRPC threads queue them, and the session thread writes
 * them before the statement's next columns, row or command tag, and before its error. Every
 * task's notices are relayed, so a statement on n shards that raises one notice per shard shows
 * n of them (as Citus does, which relays each worker connection's notices).
 */
public final class WorkerNoticeRelay {
    /** Notices queued at most while the session thread is not writing; past it they are counted, not kept. */
    static final int MAX_PENDING = 10_000;

    private final Queue<PgError> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private volatile boolean relaying;

    /**
     * Runs {@code body} with the session's task notices written to {@code client}: {@code body} gets the
     * sink to send its results to, which writes the notices queued so far before each of its messages.
     */
    public void relay(ResultSink client, Consumer<ResultSink> body) {
        if (relaying) {
            body.accept(client);
            return;
        }
        clear();
        relaying = true;
        try {
            body.accept(new NoticesFirst(client));
        } finally {
            // also on failure: PostgreSQL sends the notices raised before an error, then the error
            relaying = false;
            writeTo(client);
            clear();
        }
    }

    /** Called on a gRPC thread for a notice of one of the session's tasks. */
    void add(PgError notice) {
        if (!relaying) {
            return;
        }
        if (queued.incrementAndGet() > MAX_PENDING) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        pending.add(notice);
    }

    private void writeTo(ResultSink sink) {
        PgError notice;
        while ((notice = pending.poll()) != null) {
            queued.decrementAndGet();
            sink.notice(notice);
        }
        int lost = dropped.getAndSet(0);
        if (lost > 0) {
            sink.notice(new PgError("WARNING", SqlState.WARNING, lost + " more notices from workers were not relayed",
                    null, "At most " + MAX_PENDING + " notices wait for the client at a time.", 0, null, null, null,
                    null, null, null));
        }
    }

    private void clear() {
        pending.clear();
        queued.set(0);
        dropped.set(0);
    }

    /** The statement's sink with the notices queued so far written before each message. */
    private final class NoticesFirst implements ResultSink {
        private final ResultSink client;

        NoticesFirst(ResultSink client) {
            this.client = client;
        }

        @Override
        public void columns(List<ColumnDescriptor> columns) {
            writeTo(client);
            client.columns(columns);
        }

        @Override
        public void row(byte[][] cells) {
            if (!pending.isEmpty()) {
                writeTo(client);
            }
            client.row(cells);
        }

        @Override
        public void complete(String commandTag) {
            writeTo(client);
            client.complete(commandTag);
        }

        @Override
        public void notice(PgError notice) {
            writeTo(client);
            client.notice(notice);
        }
    }
}
