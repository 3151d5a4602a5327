package io.distgres.coordinator.session;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.CommitGatedSink;
import io.distgres.coordinator.backend.ResultSink;
import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.pgwire.codec.BackendMessages;
import io.distgres.coordinator.pgwire.codec.ClientConnection;
import io.distgres.coordinator.pgwire.codec.TransactionStatus;
import io.distgres.coordinator.pgwire.types.ResultFormatEncoder;
import io.distgres.coordinator.session.route.RoutedStatement;
import io.distgres.planner.errors.SqlStateException;
import io.distgres.planner.sql.SqlTokens;
import io.distgres.planner.sql.StatementSplitter;
import io.distgres.planner.sql.StatementText;
import io.distgres.sqlstate.SqlState;
import java.util.List;

/**
 * The simple query protocol: each statement of the query string is routed, then run by the
 * {@link StatementPipeline}, in order; the first error ends the string. Several statements run in
 * one implicit transaction, which BEGIN turns into the client's block and COMMIT or ROLLBACK end
 * early, as in PostgreSQL ({@link PipelineTransaction}).
 */
final class SimpleQueryHandler {
    private static final short[] TEXT = new short[0];

    private final ClientConnection out;
    private final ResultFormatEncoder binaryEncoder;
    private final StatementPipeline pipeline;
    private final StatementCycle cycle;
    private final PipelineTransaction.Factory implicitTransactions;

    SimpleQueryHandler(ClientConnection out, ResultFormatEncoder binaryEncoder, StatementPipeline pipeline,
                       StatementCycle cycle, PipelineTransaction.Factory implicitTransactions) {
        this.out = requireNonNull(out, "out is null");
        this.binaryEncoder = requireNonNull(binaryEncoder, "binaryEncoder is null");
        this.pipeline = requireNonNull(pipeline, "pipeline is null");
        this.cycle = requireNonNull(cycle, "cycle is null");
        this.implicitTransactions = requireNonNull(implicitTransactions, "implicitTransactions is null");
    }

    void handle(String sql) {
        List<StatementText> statements = StatementSplitter.split(sql).stream().filter(s -> !s.isEmpty()).toList();
        if (statements.isEmpty()) {
            out.write(BackendMessages::emptyQueryResponse);
            cycle.readyForQuery();
            return;
        }
        // several statements: one implicit transaction, as PostgreSQL's exec_simple_query runs them
        PipelineTransaction implicit = statements.size() > 1 ? implicitTransactions.create() : null;
        StatementText current = null;
        try {
            CommitGatedSink last = null;
            for (int i = 0; i < statements.size(); i++) {
                current = statements.get(i);
                RoutedStatement routed = pipeline.decide(current);
                ResultSink sink = textResults();
                if (implicit != null) {
                    implicit.beforeStatementOfString(routed);
                    if (implicit.isOpen() && i == statements.size() - 1) {
                        // as in PostgreSQL, the last statement's CommandComplete follows the commit
                        last = new CommitGatedSink(sink);
                        sink = last;
                    }
                }
                try {
                    if (implicit == null || !implicit.runTransactionStatement(routed, sink)) {
                        pipeline.run(routed, 0, List.of(), sink, cycle.transactionStatus() != TransactionStatus.IDLE);
                    }
                } finally {
                    pipeline.ran(routed);
                }
                cycle.reportParameterChanges();
            }
            if (implicit != null) {
                implicit.sync();
            }
            if (last != null) {
                last.committed();
            }
        } catch (PgException | SqlStateException e) {
            int offset = current == null ? 0 : current.offset();
            PgError failure = PgException.errorOf(e);
            var error = failure.position() > 0 ? failure.withPosition(failure.position() + offset) : failure;
            if ("FATAL".equals(error.severity())) {
                throw new PgException(error);
            }
            out.write(buf -> BackendMessages.errorResponse(buf, error));
            if (implicit != null && implicit.isOpen()) {
                implicit.rollback();
            } else {
                cycle.statementFailed();
            }
        }
        cycle.reportParameterChanges();
        cycle.releaseIfIdle();
        cycle.readyForQuery();
    }

    private ClientResultWriter textResults() {
        return new ClientResultWriter(out, binaryEncoder, TEXT, true);
    }
}
