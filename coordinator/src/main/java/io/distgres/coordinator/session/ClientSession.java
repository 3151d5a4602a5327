package io.distgres.coordinator.session;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.BackendLease;
import io.distgres.coordinator.backend.CommitGatedSink;
import io.distgres.coordinator.backend.DiscardingSink;
import io.distgres.coordinator.backend.ResultSink;
import io.distgres.coordinator.backend.SessionIdentity;
import io.distgres.coordinator.backend.SessionSettings;
import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.error.SqlState;
import io.distgres.coordinator.execution.RunningTasks;
import io.distgres.coordinator.execution.SessionAccess;
import io.distgres.coordinator.pgwire.codec.BackendMessages;
import io.distgres.coordinator.pgwire.codec.ClientConnection;
import io.distgres.coordinator.pgwire.codec.FrontendMessage;
import io.distgres.coordinator.pgwire.codec.TransactionStatus;
import io.distgres.coordinator.transaction.DistributedTransaction;
import io.distgres.coordinator.transaction.SessionTransactions;
import io.distgres.planner.sql.StatementText;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.postgresql.PGNotification;

/**
 * One client connection's session: startup, the message loop and the state that lives as long
 * as the connection (settings, prepared statements, portals, the leased backend connection).
 * All methods except {@link #offer} and {@link #cancel} run on the session's
 * own serial executor, one message at a time.
 */
public final class ClientSession {
    /** Parameters PostgreSQL reports with ParameterStatus (GUC_REPORT). */
    static final Set<String> REPORTED_PARAMETERS = Set.of("application_name", "DateStyle", "IntervalStyle",
            "TimeZone", "standard_conforming_strings", "is_superuser", "integer_datetimes", "server_version",
            "server_encoding", "session_authorization", "default_transaction_read_only", "in_hot_standby",
            "search_path", "scram_iterations");
    private static final Set<String> PROTOCOL_STARTUP_KEYS = Set.of("user", "database", "options",
            "client_encoding", "replication", "_pq_.protocol_managed");

    private static final int INBOX_LOW_WATER = 64;

    private final SessionContext context;
    private final ClientConnection out;
    private final int processId;
    private final int secretKey;
    private final BlockingQueue<FrontendMessage> inbox = new LinkedBlockingQueue<>();
    private final Map<String, String> reportedToClient = new HashMap<>();
    private final SimpleQueryHandler simpleQuery;
    private final ExtendedQueryHandler extendedQuery;
    private final SessionTransactions transactions;
    private final RunningTasks runningTasks = new RunningTasks();
    private final SqlPreparedStatements sqlPrepared = new SqlPreparedStatements(this);
    private final RowTypeChanges rowTypes;
    private final SessionPin pin;
    private SessionSettings settings = SessionSettings.EMPTY;
    private volatile BackendLease lease;
    private boolean settingsMayHaveChanged;
    private boolean relationsMayHaveChanged;
    private String defaultTimeZone = "UTC";
    private boolean started;
    private volatile boolean closed;
    private String user = "";
    /** Who the session acts as, as last read from its connection (login, SET SESSION AUTHORIZATION, SET ROLE). */
    private SessionIdentity identity;

    public ClientSession(SessionContext context, ClientConnection out, int processId, int secretKey) {
        this.context = requireNonNull(context, "context is null");
        this.out = requireNonNull(out, "out is null");
        this.processId = processId;
        this.secretKey = secretKey;
        this.simpleQuery = new SimpleQueryHandler(this);
        this.extendedQuery = new ExtendedQueryHandler(this);
        this.transactions = new SessionTransactions(context.transactions(), this::acquireLease, () -> settings.values());
        this.rowTypes = new RowTypeChanges(context.schemaChanges(), context.classifier());
        this.pin = new SessionPin(processId, context.classifier());
    }

    public int processId() {
        return processId;
    }

    public int secretKey() {
        return secretKey;
    }

    public String user() {
        return user;
    }

    /** Queues a message from the event loop; returns the queue length for read backpressure. */
    public int offer(FrontendMessage message) {
        inbox.add(message);
        return inbox.size();
    }

    /** Processes every queued message; returns false once the connection must close. */
    public boolean drain() {
        try {
            FrontendMessage message;
            while (!closed && (message = inbox.poll()) != null) {
                if (!process(message)) {
                    closed = true;
                }
            }
        } catch (RuntimeException e) {
            closed = true;
            throw e;
        } finally {
            if (closed) {
                releaseLease();
            }
        }
        return !closed;
    }

    public boolean hasQueuedMessages() {
        return !inbox.isEmpty();
    }

    /** Cancels the statement running now (CancelRequest from another connection), on the workers too. */
    public void cancel() {
        runningTasks.cancelAll();
        BackendLease current = lease;
        if (current != null) {
            current.cancel();
        }
    }

    private boolean process(FrontendMessage message) {
        try {
            return dispatch(message);
        } catch (PgException e) {
            if ("FATAL".equals(e.error().severity())) {
                out.write(buf -> BackendMessages.errorResponse(buf, e.error()));
                out.flushAndClose();
                closed = true;
                return false;
            }
            throw e;
        }
    }

    private boolean dispatch(FrontendMessage message) {
        if (!started) {
            if (message instanceof FrontendMessage.Startup startup) {
                start(startup);
                return true;
            }
            throw new PgException(PgError.fatal(SqlState.PROTOCOL_VIOLATION, "expected startup message"));
        }
        if (message instanceof FrontendMessage.Terminate) {
            out.flush();
            closed = true;
            releaseLease();
            return false;
        }
        if (message instanceof FrontendMessage.Query query) {
            simpleQuery.handle(query.sql());
        } else if (message instanceof FrontendMessage.CopyData || message instanceof FrontendMessage.CopyDone
                || message instanceof FrontendMessage.CopyFail) {
            // stray COPY messages outside a COPY are ignored, as PostgreSQL does
            return true;
        } else if (message instanceof FrontendMessage.PasswordMessage) {
            throw new PgException(PgError.fatal(SqlState.PROTOCOL_VIOLATION,
                    "unexpected password message outside authentication"));
        } else {
            extendedQuery.handle(message);
        }
        return true;
    }

    private void start(FrontendMessage.Startup startup) {
        Map<String, String> parameters = startup.parameters();
        user = parameters.getOrDefault("user", "");
        if (user.isEmpty()) {
            throw new PgException(PgError.fatal(SqlState.INVALID_AUTHORIZATION,
                    "no PostgreSQL user name specified in startup packet"));
        }
        String database = parameters.getOrDefault("database", user);
        if (!database.equals(context.databaseName())) {
            throw new PgException(PgError.fatal(SqlState.INVALID_CATALOG_NAME,
                    "database \"" + database + "\" does not exist"));
        }
        String clientEncoding = ClientEncodings.normalize(parameters.getOrDefault("client_encoding", "UTF8"), true);
        if (parameters.containsKey("replication") && !"false".equalsIgnoreCase(parameters.get("replication"))) {
            throw new PgException(PgError.fatal(SqlState.FEATURE_NOT_SUPPORTED,
                    "replication connections are not supported by distgres"));
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (!PROTOCOL_STARTUP_KEYS.contains(name) && !name.startsWith("_pq_.")) {
                wanted.put(name, value);
            }
        });
        wanted.putAll(StartupOptions.parse(parameters.getOrDefault("options", "")));
        settings = SessionSettings.of(wanted);
        try {
            identity = SessionIdentity.loggedInAs(user, context.coordinatorPool().verifyLogin(user));
            acquireLease();
            if (!wanted.isEmpty()) {
                snapshotSettings();
            }
        } catch (PgException e) {
            releaseLease();
            PgError error = e.error();
            throw new PgException(new PgError("FATAL", error.sqlState(), error.message(), error.detail(),
                    error.hint(), 0, error.where(), null, null, null, null, null));
        }
        out.write(BackendMessages::authenticationOk);
        Map<String, String> initial = new TreeMap<>(lease.reportedParameters());
        defaultTimeZone = initial.getOrDefault("TimeZone", defaultTimeZone);
        initial.put("client_encoding", clientEncoding);
        initial.forEach((name, value) -> {
            if (REPORTED_PARAMETERS.contains(name) || name.equals("client_encoding")) {
                reportedToClient.put(name, value);
                out.write(buf -> BackendMessages.parameterStatus(buf, name, value));
            }
        });
        releaseLease();
        out.write(buf -> BackendMessages.backendKeyData(buf, processId, secretKey));
        started = true;
        readyForQuery();
    }

    // ---- shared with the query handlers ----

    SessionContext context() {
        return context;
    }

    ClientConnection out() {
        return out;
    }

    /** The session's SQL-level prepared statements (PREPARE / EXECUTE / DEALLOCATE). */
    SqlPreparedStatements sqlPrepared() {
        return sqlPrepared;
    }

    BlockingQueue<FrontendMessage> inbox() {
        return inbox;
    }

    /** This session as distributed statements see it; the statement's time counts from this call. */
    SessionAccess access() {
        long started = System.nanoTime();
        LiveState live = liveState();
        Duration timeout = live.statementTimeout();
        return new SessionAccess() {
            @Override
            public RunningTasks runningTasks() {
                return runningTasks;
            }

            @Override
            public Duration statementTimeLeft() {
                return timeout == null ? null : timeout.minusNanos(System.nanoTime() - started);
            }

            @Override
            public BackendLease coordinatorLease() {
                return acquireLease();
            }

            @Override
            public boolean inTransactionBlock() {
                return transactionStatus() != TransactionStatus.IDLE;
            }

            @Override
            public ClientConnection out() {
                return out;
            }

            @Override
            public String user() {
                return user;
            }

            @Override
            public boolean namesMayHaveChanged() {
                return settingsMayHaveChanged || relationsMayHaveChanged;
            }

            @Override
            public String timeZone() {
                // pg_settings spells it TimeZone; a startup packet may say timezone (libpq's PGTZ)
                Map<String, String> values = settings.values();
                String zone = values.get("TimeZone");
                return zone != null ? zone : values.getOrDefault("timezone", defaultTimeZone);
            }

            @Override
            public SessionIdentity identity() {
                return live.identity();
            }

            @Override
            public java.util.Map<String, String> settings() {
                return settings.values();
            }

            @Override
            public FrontendMessage awaitMessage() {
                return ClientSession.this.awaitMessage();
            }

            @Override
            public DistributedTransaction transaction() {
                return transactions.current();
            }

            @Override
            public void atomically(ResultSink sink, Consumer<ResultSink> body) {
                if (transactionStatus() != TransactionStatus.IDLE) {
                    body.accept(sink);
                    return;
                }
                CommitGatedSink gated = new CommitGatedSink(sink);
                acquireLease().run("BEGIN", 0, List.of(), DiscardingSink.INSTANCE);
                try {
                    body.accept(gated);
                } catch (RuntimeException e) {
                    endImplicitTransaction(false);
                    throw e;
                }
                endImplicitTransaction(true);
                gated.committed();
            }
        };
    }

    /**
     * The session's statement_timeout (null when it has none) and roles. Read from the coordinator
     * connection when a SET may have changed them since the settings were last read (a SET earlier
     * in the same query string or transaction), else from those settings.
     */
    private LiveState liveState() {
        if (settingsMayHaveChanged && lease != null && lease.transactionStatus() != TransactionStatus.FAILED) {
            String[] current = new String[3];
            lease.run("SELECT setting, pg_catalog.current_setting('session_authorization'),"
                    + " pg_catalog.current_setting('role') FROM pg_catalog.pg_settings WHERE name = 'statement_timeout'",
                    0, List.of(), cells -> {
                        for (int i = 0; i < current.length; i++) {
                            current[i] = new String(cells[i], java.nio.charset.StandardCharsets.UTF_8);
                        }
                    });
            return new LiveState(statementTimeout(current[0]), identity.with(current[1], current[2]));
        }
        return new LiveState(statementTimeout(settings.values().get("statement_timeout")), identity);
    }

    /** What a statement reads of the session when it starts. */
    private record LiveState(Duration statementTimeout, SessionIdentity identity) {
    }

    private static Duration statementTimeout(String millis) {
        if (millis == null) {
            return null;
        }
        try {
            long value = Long.parseLong(millis);
            return value > 0 ? Duration.ofMillis(value) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Takes the next message during COPY FROM STDIN, waiting for the client. */
    FrontendMessage awaitMessage() {
        try {
            FrontendMessage message;
            do {
                if (inbox.size() < INBOX_LOW_WATER) {
                    out.resumeReading();
                }
                message = inbox.poll(1, TimeUnit.SECONDS);
            } while (message == null && !closed && out.isOpen());
            if (message == null) {
                throw new PgException(PgError.fatal(SqlState.CONNECTION_FAILURE, "client went away during COPY"));
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PgException(PgError.fatal(SqlState.ADMIN_SHUTDOWN, "terminating connection"));
        }
    }

    /** The leased backend connection, leased now when the session holds none. */
    BackendLease acquireLease() {
        if (lease == null) {
            lease = context.coordinatorPool().acquire(identity, settings);
        }
        return lease;
    }

    boolean hasLease() {
        return lease != null;
    }

    void noteSettingsMayChange() {
        settingsMayHaveChanged = true;
    }

    /** The statement about to run may create, rename or drop relations or functions (DDL, DO, CALL). */
    void noteRelationsMayChange() {
        relationsMayHaveChanged = true;
    }

    /** After a statement ran: what it may have changed for prepared statements' row types. */
    void noteStatementRan(StatementText statement) {
        rowTypes.noteStatementRan(statement, transactionStatus() != TransactionStatus.IDLE);
    }

    /** Changes whenever what a prepared statement's text means may have changed. */
    long definitionsStamp() {
        return rowTypes.stamp();
    }

    /** Whether the session keeps its backend connection until it ends (it created session state there). */
    SessionPin pin() {
        return pin;
    }

    /** The ReadyForQuery status: the backend's when a connection is held, idle otherwise. */
    TransactionStatus transactionStatus() {
        return lease == null ? TransactionStatus.IDLE : lease.transactionStatus();
    }

    /** Forwards ParameterStatus for reported parameters the backend changed since the client last heard. */
    void reportParameterChanges() {
        if (lease == null) {
            return;
        }
        lease.reportedParameters().forEach((name, value) -> {
            if (REPORTED_PARAMETERS.contains(name) && !value.equals(reportedToClient.get(name))) {
                reportedToClient.put(name, value);
                out.write(buf -> BackendMessages.parameterStatus(buf, name, value));
            }
        });
    }

    /**
     * Runs a transaction statement (COMMIT, ROLLBACK, savepoints, SET LOCAL) with what the session's
     * distributed transaction must do around it; {@code onCoordinator} runs it on the coordinator
     * database. False when {@code statement} is none of those: the caller runs it as usual.
     */
    boolean runTransactionStatement(StatementText statement, Runnable onCoordinator) {
        return transactions.control(statement, onCoordinator);
    }

    /** Ends an implicit transaction block with COMMIT or ROLLBACK, on the workers too. */
    void endImplicitTransaction(boolean commit) {
        BackendLease held = acquireLease();
        transactions.endImplicit(commit, () -> held.run(commit ? "COMMIT" : "ROLLBACK", 0, List.of(),
                DiscardingSink.INSTANCE));
    }

    /** A statement failed: inside a transaction block the whole block is now aborted, as in PostgreSQL. */
    void statementFailed() {
        if (lease != null) {
            transactions.statementFailed(lease);
        }
    }

    /** Ends a statement or a transaction: returns the connection to the pool once the backend is idle. */
    void releaseIfIdle() {
        if (lease == null || lease.transactionStatus() != TransactionStatus.IDLE) {
            return;
        }
        transactions.coordinatorIdle();
        if (relationsMayHaveChanged) {
            // committed (or rolled back) now: names other sessions resolved before may mean something else
            relationsMayHaveChanged = false;
            context.ddlEpoch().advance();
        }
        rowTypes.transactionEnded();
        if (settingsMayHaveChanged) {
            snapshotSettings();
        }
        if (!pin.isPinned()) {
            releaseLease();
        }
    }

    void readyForQuery() {
        if (pin.isPinned() && lease != null) {
            relayNotifications();
        }
        TransactionStatus status = transactionStatus();
        out.write(buf -> BackendMessages.readyForQuery(buf, status));
        out.flush();
    }

    void reportClientEncoding(String encoding) {
        reportedToClient.put("client_encoding", encoding);
        out.write(buf -> BackendMessages.parameterStatus(buf, "client_encoding", encoding));
    }

    private void snapshotSettings() {
        settingsMayHaveChanged = false;
        Map<String, String> now = new TreeMap<>();
        lease.run(SessionSettings.SNAPSHOT_SQL, 0, List.of(), new RowCollector(row -> now.put(
                new String(row[0], java.nio.charset.StandardCharsets.UTF_8),
                new String(row[1], java.nio.charset.StandardCharsets.UTF_8))));
        identity = identity.with(now.remove(SessionSettings.SESSION_AUTHORIZATION), now.remove(SessionSettings.ROLE));
        settings = SessionSettings.of(now);
        context.coordinatorPool().recordSettings(lease, settings, identity);
    }

    /**
     * NOTIFYs on channels the session listens to, delivered before ReadyForQuery as PostgreSQL
     * does between statements. Those arriving while the client is idle wait for its next statement.
     */
    private void relayNotifications() {
        for (PGNotification n : lease.notifications()) {
            out.write(buf -> BackendMessages.notificationResponse(buf, n.getPID(), n.getName(), n.getParameter()));
        }
    }

    private void releaseLease() {
        if (closed) {
            transactions.abandon();
        }
        BackendLease held = lease;
        lease = null;
        if (held == null) {
            return;
        }
        if (pin.isPinned() && closed) {
            // closing the backend ends its temporary tables, LISTENs, advisory locks and cursors with it
            held.markBroken();
            pin.released();
        }
        held.close();
    }
}
