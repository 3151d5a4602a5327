package io.distgres.coordinator.session;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.BackendPool;
import io.distgres.coordinator.execution.RunningTasks;
import io.distgres.coordinator.metadata.DdlEpoch;
import io.distgres.coordinator.pgwire.codec.ClientConnection;
import io.distgres.coordinator.pgwire.types.ResultFormatEncoder;
import io.distgres.coordinator.session.route.StatementRouteDecider;
import io.distgres.coordinator.tables.DistgresFunctions;
import io.distgres.coordinator.transaction.SessionTransactions;
import io.distgres.coordinator.transaction.TransactionManager;

/**
 * Opens client sessions: holds what every session shares (the coordinator database's pool, the
 * route decider, the executors, the distributed transactions' manager, the DDL epoch, the count of
 * DDL that prepared statements' row types follow) and wires each new session's parts, handing each
 * part only the collaborators it uses.
 */
public final class ClientSessions {
    private final BackendPool coordinatorPool;
    private final StatementRouteDecider decider;
    private final ResultFormatEncoder binaryEncoder;
    private final String databaseName;
    private final DistgresFunctions functions;
    private final DistributedStatementExecutor distributed;
    private final TransactionManager transactions;
    private final DdlEpoch ddlEpoch;
    private final SchemaChanges schemaChanges = new SchemaChanges();

    /**
     * @param databaseName the one database sessions may connect to
     * @param ddlEpoch     advanced by DDL: name caches and prepared statements' row types follow it
     */
    public ClientSessions(BackendPool coordinatorPool, StatementRouteDecider decider, ResultFormatEncoder binaryEncoder,
                          String databaseName, DistgresFunctions functions, DistributedStatementExecutor distributed,
                          TransactionManager transactions, DdlEpoch ddlEpoch) {
        this.coordinatorPool = requireNonNull(coordinatorPool, "coordinatorPool is null");
        this.decider = requireNonNull(decider, "decider is null");
        this.binaryEncoder = requireNonNull(binaryEncoder, "binaryEncoder is null");
        this.databaseName = requireNonNull(databaseName, "databaseName is null");
        this.functions = requireNonNull(functions, "functions is null");
        this.distributed = requireNonNull(distributed, "distributed is null");
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.ddlEpoch = requireNonNull(ddlEpoch, "ddlEpoch is null");
    }

    /** A new session that writes to {@code out}. */
    public ClientSession open(ClientConnection out, int processId, int secretKey) {
        SessionInbox inbox = new SessionInbox(out);
        SessionState state = new SessionState(coordinatorPool);
        ParameterStatusReporter parameters = new ParameterStatusReporter(out);
        SessionTransactions sessionTransactions = new SessionTransactions(transactions, state::acquireLease,
                state::settings);
        DefinitionChanges definitions = new DefinitionChanges(ddlEpoch, schemaChanges);
        SessionPin pin = new SessionPin(processId);
        RunningTasks runningTasks = new RunningTasks();
        StatementCycle cycle = new StatementCycle(out, state, sessionTransactions, definitions, pin, parameters);
        SqlPreparedStatements sqlPrepared = new SqlPreparedStatements(state, decider);
        SessionStatementAccess.Parts accessParts = new SessionStatementAccess.Parts(out, state, inbox,
                sessionTransactions, cycle, definitions, runningTasks);
        StatementPipeline pipeline = new StatementPipeline(out, state, cycle, decider, functions, distributed,
                definitions, pin, sqlPrepared, new CopyRelay(out, state, inbox), parameters,
                () -> SessionStatementAccess.startingNow(accessParts));
        PipelineTransaction.Factory implicitTransactions = () -> new PipelineTransaction(state, cycle, inbox);
        SimpleQueryHandler simple = new SimpleQueryHandler(out, binaryEncoder, pipeline, cycle, implicitTransactions);
        ExtendedQueryHandler extended = new ExtendedQueryHandler(new ExtendedQueryHandler.Parts(out, binaryEncoder,
                pipeline, cycle, state, inbox, sqlPrepared, functions, definitions, implicitTransactions.create()));
        SessionStartup startup = new SessionStartup(databaseName, coordinatorPool, state, parameters, out);
        return new ClientSession(out, processId, secretKey, new ClientSession.Parts(inbox, state, startup, simple,
                extended, cycle, runningTasks));
    }
}
