package io.distgres.coordinator.session;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.BoundParameter;
import io.distgres.coordinator.backend.ResultSink;
import io.distgres.coordinator.backend.StatementDescription;
import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.pgwire.codec.BackendMessages;
import io.distgres.coordinator.pgwire.codec.ClientConnection;
import io.distgres.coordinator.pgwire.codec.ColumnDescriptor;
import io.distgres.coordinator.pgwire.codec.FrontendMessage;
import io.distgres.coordinator.pgwire.codec.TransactionStatus;
import io.distgres.coordinator.pgwire.types.ResultFormatEncoder;
import io.distgres.coordinator.session.route.RoutedStatement;
import io.distgres.coordinator.session.route.StatementRoute;
import io.distgres.coordinator.tables.DistgresFunctions;
import io.distgres.planner.errors.SqlStateException;
import io.distgres.planner.sql.StatementSplitter;
import io.distgres.planner.sql.StatementText;
import io.distgres.sqlstate.SqlState;
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
    private final ClientConnection out;
    private final ResultFormatEncoder binaryEncoder;
    private final StatementPipeline statementPipeline;
    private final StatementCycle cycle;
    private final SessionState state;
    private final SessionInbox inbox;
    private final SqlPreparedStatements sqlPrepared;
    private final DistgresFunctions functions;
    private final DefinitionChanges definitions;
    private final Map<String, PreparedStatementEntry> statements = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();
    private final PipelineTransaction pipeline;
    private boolean skipUntilSync;

    /** The session's parts the extended protocol uses. */
    record Parts(ClientConnection out, ResultFormatEncoder binaryEncoder, StatementPipeline statementPipeline,
                 StatementCycle cycle, SessionState state, SessionInbox inbox, SqlPreparedStatements sqlPrepared,
                 DistgresFunctions functions, DefinitionChanges definitions, PipelineTransaction pipeline) {
    }

    ExtendedQueryHandler(Parts parts) {
        this.out = requireNonNull(parts.out(), "out is null");
        this.binaryEncoder = requireNonNull(parts.binaryEncoder(), "binaryEncoder is null");
        this.statementPipeline = requireNonNull(parts.statementPipeline(), "statementPipeline is null");
        this.cycle = requireNonNull(parts.cycle(), "cycle is null");
        this.state = requireNonNull(parts.state(), "state is null");
        this.inbox = requireNonNull(parts.inbox(), "inbox is null");
        this.sqlPrepared = requireNonNull(parts.sqlPrepared(), "sqlPrepared is null");
        this.functions = requireNonNull(parts.functions(), "functions is null");
        this.definitions = requireNonNull(parts.definitions(), "definitions is null");
        this.pipeline = requireNonNull(parts.pipeline(), "pipeline is null");
    }

    void handle(FrontendMessage message) {
        if (message instanceof FrontendMessage.Sync) {
            sync();
            return;
        }
        if (message instanceof FrontendMessage.Flush) {
            out.flush();
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
            out.write(buf -> BackendMessages.errorResponse(buf, error));
            cycle.statementFailed();
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
            throw new PgException(SqlState.SYNTAX_ERROR, "cannot insert multiple commands into a prepared statement");
        }
        RoutedStatement routed = statementPipeline.decide(StatementText.of(parse.sql()));
        rejectInFailedTransaction(routed);
        if (routed.isCopy()) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                    "COPY through the extended query protocol is not supported by distgres; use a simple query");
        }
        if (routed.route() instanceof StatementRoute.SetClientEncoding) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                    "SET client_encoding through the extended query protocol is not supported by distgres");
        }
        statements.put(name, new PreparedStatementEntry(name, routed, parse.parameterTypes()));
        out.write(BackendMessages::parseComplete);
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
        rejectInFailedTransaction(statement.routed());
        checkRowTypeUnchanged(statement);
        List<BoundParameter> parameters = new ArrayList<>(supplied);
        for (int i = 0; i < supplied; i++) {
            parameters.add(new BoundParameter(bind.parameterValues().get(i), bind.parameterFormat(i) == 1,
                    statement.declaredType(i)));
        }
        portals.put(portalName, new Portal(portalName, statement, parameters, bind.resultFormats()));
        out.write(BackendMessages::bindComplete);
    }

    /** Parse and Bind refuse all but COMMIT and ROLLBACK in a failed transaction, as PostgreSQL's do. */
    private void rejectInFailedTransaction(RoutedStatement statement) {
        if (state.transactionStatus() == TransactionStatus.FAILED && !(statement.route()
                instanceof StatementRoute.TransactionControl control && control.statement().endsFailedTransaction())) {
            throw new PgException(SqlState.IN_FAILED_SQL_TRANSACTION,
                    "current transaction is aborted, commands ignored until end of transaction block");
        }
    }

    private void describe(FrontendMessage.Describe describe) {
        long stamp = definitions.stamp();
        if (describe.kind() == 'S') {
            PreparedStatementEntry statement = statement(describe.name());
            checkRowTypeUnchanged(statement);
            StatementDescription description = describeStatement(statement);
            statement.rowTypeSent(description.columns(), stamp);
            out.write(buf -> BackendMessages.parameterDescription(buf, description.parameterTypes()));
            writeRowDescription(description.columns(), null);
        } else if (describe.kind() == 'P') {
            Portal portal = portal(describe.name());
            if (!portal.isExecuted() && nextIsExecuteOf(portal.name())) {
                // the Execute queued next is this portal's own
                pipeline.beforeRun(portal.statement().routed(), 1);
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
            out.write(BackendMessages::emptyQueryResponse);
            return;
        }
        if (!portal.isExecuted()) {
            pipeline.beforeRun(portal.statement().routed(), 0);
            if (execute.maxRows() <= 0) {
                runStreaming(portal);
                return;
            }
            runBuffered(portal);
        }
        ClientResultWriter writer = new ClientResultWriter(out, binaryEncoder,
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
            out.write(BackendMessages::portalSuspended);
        } else if (portal.commandTag() != null) {
            String tag = portal.columns() != null && portal.commandTag().startsWith("SELECT")
                    ? "SELECT " + sent : portal.commandTag();
            out.write(buf -> BackendMessages.commandComplete(buf, tag));
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
        out.write(BackendMessages::closeComplete);
    }

    private void sync() {
        skipUntilSync = false;
        try {
            pipeline.sync();
        } catch (PgException e) {
            out.write(buf -> BackendMessages.errorResponse(buf, e.error()));
        }
        cycle.reportParameterChanges();
        if (state.transactionStatus() == TransactionStatus.IDLE) {
            portals.clear();
        }
        cycle.releaseIfIdle();
        cycle.readyForQuery();
    }

    private void runStreaming(Portal portal) {
        portal.markExecuted();
        ClientResultWriter writer = new ClientResultWriter(out, binaryEncoder,
                portal.resultFormats(), false);
        run(portal, writer);
        if (writer.commandTag() == null) {
            out.write(buf -> BackendMessages.commandComplete(buf, "SELECT 0"));
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
                out.write(buf -> BackendMessages.noticeResponse(buf, notice));
            }
        });
    }

    private void run(Portal portal, ResultSink sink) {
        PreparedStatementEntry statement = portal.statement();
        statement.routed(statementPipeline.current(statement.routed()));
        RoutedStatement routed = statement.routed();
        List<ColumnDescriptor> sent = statement.sentRowType();
        // a guard against DDL the coordinator could not see (run by a function, or on its database directly)
        RowTypeGuard guard = sent == null ? null : new RowTypeGuard(sink, sent.size());
        ResultSink guarded = guard == null ? sink : guard;
        try {
            if (!pipeline.runTransactionStatement(routed, guarded)) {
                boolean inTransactionBlock = state.transactionStatus() != TransactionStatus.IDLE || pipeline.isOpen();
                statementPipeline.run(routed, statement.parameterCount(), portal.parameters(), guarded,
                        inTransactionBlock);
            }
        } finally {
            statementPipeline.ran(routed);
        }
        cycle.reportParameterChanges();
        if (guard != null) {
            guard.verify();
        }
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
        long stamp = definitions.stamp();
        if (sent == null || statement.rowTypeCheckedAt() == stamp) {
            return;
        }
        if (!RowTypeGuard.sameRowType(sent, freshDescription(statement).columns())) {
            throw RowTypeGuard.changed();
        }
        statement.rowTypeUnchangedAt(stamp);
    }

    private StatementDescription freshDescription(PreparedStatementEntry statement) {
        var sqlPreparedDescription = sqlPrepared.describe(statement.routed());
        if (sqlPreparedDescription.isPresent()) {
            return sqlPreparedDescription.get();
        }
        if (statement.routed().route() instanceof StatementRoute.SqlFunction function) {
            return functions.describe(function.call(), state.acquireLease(), statement.parameterCount(),
                    statement.declaredTypes());
        }
        return state.acquireLease().describe(statement.sql(), statement.parameterCount(), statement.declaredTypes());
    }

    private void writeRowDescription(List<ColumnDescriptor> columns, short[] formats) {
        if (columns == null) {
            out.write(BackendMessages::noData);
        } else {
            out.write(buf -> BackendMessages.rowDescription(buf, columns, formats));
        }
    }

    private boolean nextIsExecuteOf(String portalName) {
        FrontendMessage next = inbox.peek();
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
