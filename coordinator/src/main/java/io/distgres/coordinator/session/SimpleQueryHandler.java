package io.distgres.coordinator.session;

import io.distgres.coordinator.distribution.DistributedStatement;
import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.planner.errors.SqlStateException;
import io.distgres.coordinator.execution.BackendLease;
import io.distgres.coordinator.execution.DiscardingSink;
import io.distgres.coordinator.pgwire.codec.BackendMessages;
import io.distgres.planner.classify.StatementClass;
import io.distgres.planner.sql.StatementSplitter;
import io.distgres.planner.sql.StatementText;
import java.util.List;

/**
 * The simple query protocol: each statement of the query string goes through the pipeline
 * (classify, then run) in order; the first error ends the string. Several statements outside a
 * transaction block run in one implicit transaction, as in PostgreSQL.
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
        boolean implicitTransaction = statements.size() > 1 && session.transactionStatus() == 'I'
                && statements.stream().noneMatch(s -> session.context().classifier().isTransactionControl(s));
        StatementText current = null;
        try {
            if (implicitTransaction) {
                session.acquireLease().run("BEGIN", 0, List.of(), DiscardingSink.INSTANCE);
            }
            for (StatementText statement : statements) {
                current = statement;
                execute(statement);
                session.reportParameterChanges();
            }
            if (implicitTransaction) {
                session.endImplicitTransaction(true);
            }
        } catch (PgException | SqlStateException e) {
            int offset = current == null ? 0 : current.offset();
            PgError failure = PgException.errorOf(e);
            var error = failure.position() > 0 ? failure.withPosition(failure.position() + offset) : failure;
            if ("FATAL".equals(error.severity())) {
                throw new PgException(error);
            }
            session.out().write(buf -> BackendMessages.errorResponse(buf, error));
            if (implicitTransaction && session.hasLease() && session.transactionStatus() != 'I') {
                session.endImplicitTransaction(false);
            } else {
                session.statementFailed();
            }
        }
        session.reportParameterChanges();
        session.releaseIfIdle();
        session.readyForQuery();
    }

    private void execute(StatementText statement) {
        if (session.sqlPrepared().run(statement, textResults())) {
            return;
        }
        StatementClass kind = session.context().classifier().classify(statement);
        if (kind != StatementClass.EMPTY && kind != StatementClass.CLIENT_ENCODING) {
            if (session.transactionStatus() == 'E' && !session.context().classifier().isTransactionExit(statement)) {
                // what PostgreSQL answers; distgres's own statements must not run in an aborted block either
                throw new PgException(io.distgres.coordinator.error.SqlState.IN_FAILED_SQL_TRANSACTION,
                        "current transaction is aborted, commands ignored until end of transaction block");
            }
            var call = session.context().functions().recognize(statement);
            if (call.isPresent()) {
                session.context().functions().run(call.get(), session.acquireLease(), 0, List.of(),
                        session.transactionStatus() != 'I', textResults());
                return;
            }
            var table = session.context().distributedTables().referencedTable(statement);
            if (table.isPresent() || session.context().distributed().reachesWorkers(statement)) {
                session.context().distributed().execute(new DistributedStatement(statement, 0, List.of(),
                        session.context().distributedTables().catalog(), session.access(), textResults()),
                        kind, table.orElse(""));
                return;
            }
        }
        switch (kind) {
            case EMPTY -> session.out().write(BackendMessages::emptyQueryResponse);
            case COPY_FROM_STDIN -> copy.copyIn(statement.text());
            case COPY_TO_STDOUT -> copy.copyOut(statement.text());
            case CLIENT_ENCODING -> setClientEncoding(statement);
            case PASSTHROUGH -> passthrough(statement);
        }
    }

    private void passthrough(StatementText statement) {
        if (session.context().classifier().mayChangeSettings(statement)) {
            session.noteSettingsMayChange();
        }
        BackendLease lease = session.acquireLease();
        if (session.runTransactionStatement(statement, () -> lease.run(statement.text(), 0, List.of(), textResults()))) {
            return;
        }
        lease.run(statement.text(), 0, List.of(), textResults());
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
