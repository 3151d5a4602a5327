package io.distgres.coordinator.session;

import io.distgres.coordinator.backend.BackendLease;
import io.distgres.coordinator.backend.CommitGatedSink;
import io.distgres.coordinator.backend.ResultSink;
import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.execution.DistributedStatement;
import io.distgres.coordinator.execution.StatementIsLocal;
import io.distgres.coordinator.pgwire.codec.BackendMessages;
import io.distgres.coordinator.pgwire.codec.TransactionStatus;
import io.distgres.coordinator.schema.ShellGuard;
import io.distgres.planner.classify.StatementClass;
import io.distgres.planner.errors.SqlStateException;
import io.distgres.planner.sql.StatementSplitter;
import io.distgres.planner.sql.StatementText;
import java.util.List;

/**
 * The simple query protocol: each statement of the query string goes through the pipeline
 * (classify, then run) in order; the first error ends the string. Several statements run in one
 * implicit transaction, which BEGIN turns into the client's block and COMMIT or ROLLBACK end
 * early, as in PostgreSQL ({@link PipelineTransaction}).
 */
final class SimpleQueryHandler {
    private static final short[] TEXT = new short[0];

    private final ClientSession session;
    private final CopyRelay copy;

    SimpleQueryHandler(ClientSession session) {
        this.session = session;
        this.copy = new CopyRelay(session);
    }

    void handle(String sql) {
        List<StatementText> statements = StatementSplitter.split(sql).stream().filter(s -> !s.isEmpty()).toList();
        if (statements.isEmpty()) {
            session.out().write(BackendMessages::emptyQueryResponse);
            session.readyForQuery();
            return;
        }
        // several statements: one implicit transaction, as PostgreSQL's exec_simple_query runs them
        PipelineTransaction implicit = statements.size() > 1 ? new PipelineTransaction(session) : null;
        StatementText current = null;
        try {
            CommitGatedSink last = null;
            for (int i = 0; i < statements.size(); i++) {
                current = statements.get(i);
                ResultSink sink = textResults();
                if (implicit != null) {
                    implicit.beforeStatementOfString(current);
                    if (implicit.isOpen() && i == statements.size() - 1) {
                        // as in PostgreSQL, the last statement's CommandComplete follows the commit
                        last = new CommitGatedSink(sink);
                        sink = last;
                    }
                }
                try {
                    if (implicit == null || !implicit.runTransactionStatement(current, sink)) {
                        execute(current, sink);
                    }
                } finally {
                    session.noteStatementRan(current);
                }
                session.reportParameterChanges();
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
            session.out().write(buf -> BackendMessages.errorResponse(buf, error));
            if (implicit != null && implicit.isOpen()) {
                implicit.rollback();
            } else {
                session.statementFailed();
            }
        }
        session.reportParameterChanges();
        session.releaseIfIdle();
        session.readyForQuery();
    }

    private void execute(StatementText statement, ResultSink results) {
        session.pin().noteStatement(statement);
        if (session.sqlPrepared().run(statement, results)) {
            return;
        }
        if (session.context().classifier().mayChangeRelations(statement)) {
            session.noteRelationsMayChange();
        }
        StatementClass kind = session.context().classifier().classify(statement);
        if (kind != StatementClass.EMPTY && kind != StatementClass.CLIENT_ENCODING) {
            if (session.transactionStatus() == TransactionStatus.FAILED && !session.context().classifier().isTransactionExit(statement)) {
                // what PostgreSQL answers; distgres's own statements must not run in an aborted block either
                throw new PgException(io.distgres.coordinator.error.SqlState.IN_FAILED_SQL_TRANSACTION,
                        "current transaction is aborted, commands ignored until end of transaction block");
            }
            var call = session.context().functions().recognize(statement);
            if (call.isPresent()) {
                session.context().functions().run(call.get(), session.acquireLease(), 0, List.of(),
                        session.transactionStatus() != TransactionStatus.IDLE, results);
                return;
            }
            var table = session.context().distributedTables().referencedTable(statement);
            if (table.isPresent() || session.context().distributed().reachesWorkers(statement)) {
                try {
                    session.context().distributed().execute(new DistributedStatement(statement, 0, List.of(),
                            session.context().distributedTables().catalog(), session.access(), results),
                            kind, table.orElse(""));
                    return;
                } catch (StatementIsLocal local) {
                    // the name belongs to a local relation under the session's search_path
                }
            }
        }
        switch (kind) {
            case EMPTY -> session.out().write(BackendMessages::emptyQueryResponse);
            case COPY_FROM_STDIN -> copy.copyIn(statement.text());
            case COPY_TO_STDOUT -> copy.copyOut(statement.text());
            case CLIENT_ENCODING -> setClientEncoding(statement);
            case PASSTHROUGH -> passthrough(statement, results);
        }
    }

    private void passthrough(StatementText statement, ResultSink results) {
        if (session.context().classifier().mayChangeSettings(statement)) {
            session.noteSettingsMayChange();
        }
        BackendLease lease = session.acquireLease();
        if (session.runTransactionStatement(statement, () -> lease.run(statement.text(), 0, List.of(), results))) {
            return;
        }
        if (ShellGuard.isMaintenance(statement)) {
            ShellGuard.runMaintenance(lease, () -> lease.run(statement.text(), 0, List.of(), results));
            return;
        }
        lease.run(statement.text(), 0, List.of(), results);
    }

    private ClientResultWriter textResults() {
        return new ClientResultWriter(session.out(), session.context().binaryEncoder(), TEXT, true);
    }

    private void setClientEncoding(StatementText statement) {
        String text = statement.text();
        String value = text.replaceFirst("(?is)^\\s*SET\\s+(SESSION\\s+|LOCAL\\s+)?(CLIENT_ENCODING\\s*(TO|=)|NAMES)\\s*",
                "").trim();
        String encoding = ClientEncodings.normalize(value, false);
        session.reportClientEncoding(encoding);
        session.out().write(buf -> BackendMessages.commandComplete(buf, "SET"));
    }
}
