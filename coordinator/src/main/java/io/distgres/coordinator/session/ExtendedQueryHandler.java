package io.distgres.coordinator.session;

import io.distgres.coordinator.backend.BoundParameter;
import io.distgres.coordinator.backend.ResultSink;
import io.distgres.coordinator.backend.StatementDescription;
import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.error.SqlState;
import io.distgres.coordinator.execution.DistributedStatement;
import io.distgres.coordinator.execution.StatementIsLocal;
import io.distgres.coordinator.pgwire.codec.BackendMessages;
import io.distgres.coordinator.pgwire.codec.ColumnDescriptor;
import io.distgres.coordinator.pgwire.codec.FrontendMessage;
import io.distgres.coordinator.pgwire.codec.TransactionStatus;
import io.distgres.coordinator.schema.ShellGuard;
import io.distgres.planner.classify.StatementClass;
import io.distgres.planner.classify.StatementClassifier;
import io.distgres.planner.errors.SqlStateException;
import io.distgres.planner.sql.StatementSplitter;
import io.distgres.planner.sql.StatementText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The extended query protocol: Parse, Bind, Describe, Execute, Close, Sync and Flush, with
 * named and unnamed statements and portals, row limits (PortalSuspended), and PostgreSQL's rule
 * that after an error everything up to Sync is skipped. The statements executed before a Sync
 * run in one implicit transaction, as in PostgreSQL ({@link PipelineTransaction}).
 */
final class ExtendedQueryHandler {
    private final ClientSession session;
    private final Map<String, PreparedStatementEntry> statements = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();
    private final PipelineTransaction pipeline;
    private boolean skipUntilSync;

    ExtendedQueryHandler(ClientSession session) {
        this.session = session;
        this.pipeline = new PipelineTransaction(session);
    }

    void handle(FrontendMessage message) {
        if (message instanceof FrontendMessage.Sync) {
            sync();
            return;
        }
        if (message instanceof FrontendMessage.Flush) {
            session.out().flush();
            return;
        }
        if (skipUntilSync) {
            return;
        }
        try {
            if (message instanceof FrontendMessage.Parse parse) {
                parse(parse);
            } else if (message instanceof FrontendMessage.Bind bind) {
                bind(bind);
            } else if (message instanceof FrontendMessage.Describe describe) {
                describe(describe);
            } else if (message instanceof FrontendMessage.Execute execute) {
                execute(execute);
            } else if (message instanceof FrontendMessage.Close close) {
                close(close);
            } else {
                throw new PgException(SqlState.PROTOCOL_VIOLATION,
                        "unexpected message " + message.getClass().getSimpleName());
            }
        } catch (PgException | SqlStateException e) {
            PgError error = PgException.errorOf(e);
            if ("FATAL".equals(error.severity())) {
                throw e;
            }
            session.out().write(buf -> BackendMessages.errorResponse(buf, error));
            session.statementFailed();
            skipUntilSync = true;
        }
    }

    private void parse(FrontendMessage.Parse parse) {
        String name = parse.statementName();
        if (!name.isEmpty() && statements.containsKey(name)) {
            throw new PgException(SqlState.DUPLICATE_PREPARED_STATEMENT,
                    "prepared statement \"" + name + "\" already exists");
        }
        List<StatementText> pieces = StatementSplitter.split(parse.sql()).stream().filter(s -> !s.isEmpty()).toList();
        if (pieces.size() > 1) {
            throw new PgException("42601", "cannot insert multiple commands into a prepared statement");
        }
        StatementText statement = StatementText.of(parse.sql());
        rejectInFailedTransaction(statement);
        StatementClassifier kinds = session.context().classifier();
        StatementClass kind = kinds.classify(statement);
        if (kind == StatementClass.COPY_FROM_STDIN || kind == StatementClass.COPY_TO_STDOUT) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                    "COPY through the extended query protocol is not supported by distgres; use a simple query");
        }
        if (kind == StatementClass.CLIENT_ENCODING) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                    "SET client_encoding through the extended query protocol is not supported by distgres");
        }
        statements.put(name, new PreparedStatementEntry(name, statement, parse.parameterTypes(),
                kinds.mayChangeDefinitions(statement) || kinds.mayChangeNameResolution(statement),
                kinds.sessionStateCreatedBy(statement).orElse(null)));
        session.out().write(BackendMessages::parseComplete);
    }

    private void bind(FrontendMessage.Bind bind) {
        PreparedStatementEntry statement = statement(bind.statementName());
        String portalName = bind.portalName();
        if (!portalName.isEmpty() && portals.containsKey(portalName)) {
            throw new PgException(SqlState.DUPLICATE_CURSOR, "portal \"" + portalName + "\" already exists");
        }
        int supplied = bind.parameterValues().size();
        if (supplied != statement.parameterCount()) {
            throw new PgException(SqlState.PROTOCOL_VIOLATION, "bind message supplies " + supplied
                    + " parameters, but prepared statement \"" + statement.name() + "\" requires "
                    + statement.parameterCount());
        }
        rejectInFailedTransaction(statement.statement());
        checkRowTypeUnchanged(statement);
        List<BoundParameter> parameters = new ArrayList<>(supplied);
        for (int i = 0; i < supplied; i++) {
            parameters.add(new BoundParameter(bind.parameterValues().get(i), bind.parameterFormat(i) == 1,
                    statement.declaredType(i)));
        }
        portals.put(portalName, new Portal(portalName, statement, parameters, bind.resultFormats()));
        session.out().write(BackendMessages::bindComplete);
    }

    /** Parse and Bind refuse all but COMMIT and ROLLBACK in a failed transaction, as PostgreSQL's do. */
    private void rejectInFailedTransaction(StatementText statement) {
        if (session.transactionStatus() == TransactionStatus.FAILED && !session.context().classifier().isTransactionExit(statement)) {
            throw new PgException(SqlState.IN_FAILED_SQL_TRANSACTION,
                    "current transaction is aborted, commands ignored until end of transaction block");
        }
    }

    private void describe(FrontendMessage.Describe describe) {
        long stamp = session.definitionsStamp();
        if (describe.kind() == 'S') {
            PreparedStatementEntry statement = statement(describe.name());
            checkRowTypeUnchanged(statement);
            StatementDescription description = describeStatement(statement);
            statement.rowTypeSent(description.columns(), stamp);
            session.out().write(buf -> BackendMessages.parameterDescription(buf, description.parameterTypes()));
            writeRowDescription(description.columns(), null);
        } else if (describe.kind() == 'P') {
            Portal portal = portal(describe.name());
            if (!portal.isExecuted() && nextIsExecuteOf(portal.name())) {
                // the Execute queued next is this portal's own
                pipeline.beforeRun(portal.statement().statement(), 1);
                runBuffered(portal);
            }
            List<ColumnDescriptor> columns = portal.isExecuted() ? portal.columns()
                    : describeStatement(portal.statement()).columns();
            portal.statement().rowTypeSent(columns, stamp);
            writeRowDescription(columns, portal.resultFormats());
        } else {
            throw new PgException(SqlState.PROTOCOL_VIOLATION, "invalid DESCRIBE message subtype " + describe.kind());
        }
    }

    private void execute(FrontendMessage.Execute execute) {
        Portal portal = portal(execute.portalName());
        if (portal.statement().statement().isEmpty()) {
            session.out().write(BackendMessages::emptyQueryResponse);
            return;
        }
        if (!portal.isExecuted()) {
            pipeline.beforeRun(portal.statement().statement(), 0);
            if (execute.maxRows() <= 0) {
                runStreaming(portal);
                return;
            }
            runBuffered(portal);
        }
        ClientResultWriter writer = new ClientResultWriter(session.out(), session.context().binaryEncoder(),
                portal.resultFormats(), false);
        if (portal.columns() != null) {
            writer.columns(portal.columns());
        }
        int limit = execute.maxRows() <= 0 ? Integer.MAX_VALUE : execute.maxRows();
        int sent = 0;
        while (sent < limit && portal.hasMoreRows()) {
            writer.row(portal.nextRow());
            sent++;
        }
        if (portal.hasMoreRows()) {
            session.out().write(BackendMessages::portalSuspended);
        } else if (portal.commandTag() != null) {
            String tag = portal.columns() != null && portal.commandTag().startsWith("SELECT")
                    ? "SELECT " + sent : portal.commandTag();
            session.out().write(buf -> BackendMessages.commandComplete(buf, tag));
        }
    }

    private void close(FrontendMessage.Close close) {
        if (close.kind() == 'S') {
            statements.remove(close.name());
        } else if (close.kind() == 'P') {
            portals.remove(close.name());
        } else {
            throw new PgException(SqlState.PROTOCOL_VIOLATION, "invalid CLOSE message subtype " + close.kind());
        }
        session.out().write(BackendMessages::closeComplete);
    }

    private void sync() {
        skipUntilSync = false;
        try {
            pipeline.sync();
        } catch (PgException e) {
            session.out().write(buf -> BackendMessages.errorResponse(buf, e.error()));
        }
        session.reportParameterChanges();
        if (session.transactionStatus() == TransactionStatus.IDLE) {
            portals.clear();
        }
        session.releaseIfIdle();
        session.readyForQuery();
    }

    private void runStreaming(Portal portal) {
        portal.markExecuted();
        ClientResultWriter writer = new ClientResultWriter(session.out(), session.context().binaryEncoder(),
                portal.resultFormats(), false);
        run(portal, writer);
        if (writer.commandTag() == null) {
            session.out().write(buf -> BackendMessages.commandComplete(buf, "SELECT 0"));
        }
    }

    private void runBuffered(Portal portal) {
        portal.markExecuted();
        run(portal, new ResultSink() {
            @Override
            public void columns(List<ColumnDescriptor> columns) {
                portal.setColumns(columns);
            }

            @Override
            public void row(byte[][] cells) {
                portal.addRow(cells);
            }

            @Override
            public void complete(String commandTag) {
                portal.setCommandTag(commandTag);
            }

            @Override
            public void notice(PgError notice) {
                session.out().write(buf -> BackendMessages.noticeResponse(buf, notice));
            }
        });
    }

    private void run(Portal portal, ResultSink sink) {
        PreparedStatementEntry statement = portal.statement();
        List<ColumnDescriptor> sent = statement.sentRowType();
        // a guard against DDL the coordinator could not see (run by a function, or on its database directly)
        RowTypeGuard guard = sent == null ? null : new RowTypeGuard(sink, sent.size());
        try {
            runStatement(portal, guard == null ? sink : guard);
        } finally {
            if (statement.mayChangeRowTypes()) {
                session.noteStatementRan(statement.statement());
            }
        }
        if (guard != null) {
            guard.verify();
        }
    }

    private void runStatement(Portal portal, ResultSink sink) {
        PreparedStatementEntry statement = portal.statement();
        if (statement.sessionState() != null) {
            session.pin().pinFor(statement.sessionState());
        }
        if (pipeline.runTransactionStatement(statement.statement(), sink)
                || session.sqlPrepared().run(statement.statement(), sink)) {
            return;
        }
        if (session.context().classifier().mayChangeRelations(statement.statement())) {
            session.noteRelationsMayChange();
        }
        var call = session.context().functions().recognize(statement.statement());
        if (call.isPresent()) {
            boolean inTransactionBlock = session.transactionStatus() != TransactionStatus.IDLE || pipeline.isOpen();
            session.context().functions().run(call.get(), session.acquireLease(), statement.parameterCount(),
                    portal.parameters(), inTransactionBlock, sink);
            return;
        }
        var table = session.context().distributedTables().referencedTable(statement.statement());
        if (table.isPresent() || session.context().distributed().reachesWorkers(statement.statement())) {
            try {
                session.context().distributed().execute(new DistributedStatement(statement.statement(),
                        statement.parameterCount(), portal.parameters(),
                        session.context().distributedTables().catalog(), session.access(), sink),
                        session.context().classifier().classify(statement.statement()), table.orElse(""));
                return;
            } catch (StatementIsLocal local) {
                // the name belongs to a local relation under the session's search_path
            }
        }
        if (session.context().classifier().mayChangeSettings(statement.statement())) {
            session.noteSettingsMayChange();
        }
        var lease = session.acquireLease();
        Runnable onCoordinator = () -> lease.run(statement.sql(), statement.parameterCount(), portal.parameters(), sink);
        if (ShellGuard.isMaintenance(statement.statement())) {
            ShellGuard.runMaintenance(lease, onCoordinator);
        } else if (!session.runTransactionStatement(statement.statement(), onCoordinator)) {
            onCoordinator.run();
        }
        session.reportParameterChanges();
    }

    private StatementDescription describeStatement(PreparedStatementEntry statement) {
        if (statement.description() == null) {
            statement.describedAs(freshDescription(statement));
        }
        return statement.description();
    }

    /**
     * PostgreSQL fixes a prepared statement's row type: once DDL may have changed it, Bind describes
     * the statement again and fails as PostgreSQL does when the columns differ (pgjdbc then prepares
     * it again in autocommit), rather than run it and send rows the client's RowDescription does
     * not match. Costs nothing until some statement may have changed definitions.
     */
    private void checkRowTypeUnchanged(PreparedStatementEntry statement) {
        List<ColumnDescriptor> sent = statement.sentRowType();
        long stamp = session.definitionsStamp();
        if (sent == null || statement.rowTypeCheckedAt() == stamp) {
            return;
        }
        if (!RowTypeGuard.sameRowType(sent, freshDescription(statement).columns())) {
            throw RowTypeGuard.changed();
        }
        statement.rowTypeUnchangedAt(stamp);
    }

    private StatementDescription freshDescription(PreparedStatementEntry statement) {
        var sqlPrepared = session.sqlPrepared().describe(statement.statement());
        if (sqlPrepared.isPresent()) {
            return sqlPrepared.get();
        }
        var call = session.context().functions().recognize(statement.statement());
        if (call.isPresent()) {
            return session.context().functions().describe(call.get(), session.acquireLease(),
                    statement.parameterCount(), statement.declaredTypes());
        }
        return session.acquireLease().describe(statement.sql(), statement.parameterCount(), statement.declaredTypes());
    }

    private void writeRowDescription(List<ColumnDescriptor> columns, short[] formats) {
        if (columns == null) {
            session.out().write(BackendMessages::noData);
        } else {
            session.out().write(buf -> BackendMessages.rowDescription(buf, columns, formats));
        }
    }

    private boolean nextIsExecuteOf(String portalName) {
        FrontendMessage next = session.inbox().peek();
        return next instanceof FrontendMessage.Execute e && e.portalName().equals(portalName) && e.maxRows() <= 0;
    }

    private PreparedStatementEntry statement(String name) {
        PreparedStatementEntry statement = statements.get(name);
        if (statement == null) {
            throw new PgException(SqlState.INVALID_SQL_STATEMENT_NAME,
                    "prepared statement \"" + name + "\" does not exist");
        }
        return statement;
    }

    private Portal portal(String name) {
        Portal portal = portals.get(name);
        if (portal == null) {
            throw new PgException(SqlState.INVALID_CURSOR_NAME, "portal \"" + name + "\" does not exist");
        }
        return portal;
    }
}
