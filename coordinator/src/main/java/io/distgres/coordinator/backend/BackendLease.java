package io.distgres.coordinator.backend;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.pgwire.codec.ColumnDescriptor;
import io.distgres.coordinator.pgwire.codec.TransactionStatus;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.postgresql.PGNotification;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Oid;
import org.postgresql.core.ParameterList;
import org.postgresql.core.Query;
import org.postgresql.core.QueryExecutor;
import org.postgresql.core.SqlCommand;
import org.postgresql.core.TransactionState;

/**
 * A pooled connection to a backend PostgreSQL held by one session for a statement or a
 * transaction. Statements go through pgjdbc's protocol layer directly so the client's SQL text,
 * {@code $n} parameters, command tags, notices and transaction status pass through unchanged.
 */
public final class BackendLease implements AutoCloseable {
    private static final int RUN_FLAGS = QueryExecutor.QUERY_ONESHOT | QueryExecutor.QUERY_SUPPRESS_BEGIN
            | QueryExecutor.QUERY_BOTH_ROWS_AND_STATUS | QueryExecutor.QUERY_NO_BINARY_TRANSFER;
    private static final int DESCRIBE_FLAGS = QueryExecutor.QUERY_ONESHOT | QueryExecutor.QUERY_SUPPRESS_BEGIN
            | QueryExecutor.QUERY_DESCRIBE_ONLY | QueryExecutor.QUERY_NO_BINARY_TRANSFER;

    private final BackendPool pool;
    private final Connection pooled;
    private final BaseConnection connection;
    private final QueryExecutor executor;
    private volatile boolean running;
    private boolean broken;

    BackendLease(BackendPool pool, Connection pooled) throws SQLException {
        this.pool = requireNonNull(pool, "pool is null");
        this.pooled = requireNonNull(pooled, "pooled is null");
        this.connection = pooled.unwrap(BaseConnection.class);
        this.executor = connection.getQueryExecutor();
    }

    BaseConnection connection() {
        return connection;
    }

    /** Runs one statement with {@code $1..$n} parameters, relaying its result to the sink. */
    public void run(String sql, int parameterCount, List<BoundParameter> parameters, ResultSink sink) {
        Query query = query(sql, parameterCount);
        ParameterList list = bind(query, parameters);
        RelayingResultHandler handler = new RelayingResultHandler(sink);
        running = true;
        try {
            executor.execute(query, list, handler, 0, 0, RUN_FLAGS);
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            running = false;
        }
    }

    /** Describes a statement: parameter types (declared ones kept, others inferred) and its columns. */
    public StatementDescription describe(String sql, int parameterCount, int[] declaredTypes) {
        Query query = query(sql, parameterCount);
        ParameterList list = query.createParameterList();
        try {
            for (int i = 0; i < parameterCount; i++) {
                list.setNull(i + 1, i < declaredTypes.length ? declaredTypes[i] : Oid.UNSPECIFIED);
            }
            RelayingResultHandler handler = new RelayingResultHandler(DiscardingSink.INSTANCE);
            executor.execute(query, list, handler, 0, 0, DESCRIBE_FLAGS);
            int[] types = Arrays.copyOf(list.getTypeOIDs(), parameterCount);
            List<ColumnDescriptor> columns = handler.columns();
            return new StatementDescription(types, columns);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    public CopyIn copyIn(String sql) {
        try {
            return new CopyManager(connection).copyIn(sql);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    public CopyOut copyOut(String sql) {
        try {
            return new CopyManager(connection).copyOut(sql);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The backend's transaction status, as its last ReadyForQuery reported it. */
    public TransactionStatus transactionStatus() {
        TransactionState state = executor.getTransactionState();
        return switch (state) {
            case IDLE -> TransactionStatus.IDLE;
            case OPEN -> TransactionStatus.OPEN;
            case FAILED -> TransactionStatus.FAILED;
        };
    }

    /** Asks the backend to cancel the statement running on this lease, if any. */
    public void cancel() {
        if (!running) {
            return;
        }
        try {
            executor.sendQueryCancel();
        } catch (SQLException e) {
            // the statement ends anyway or the connection is gone; nothing to report to the canceller
        }
    }

    /**
     * The notifications (LISTEN) the backend sent since last asked: those pgjdbc kept while running
     * statements and those already waiting on the socket; never waits for more.
     */
    public List<PGNotification> notifications() {
        try {
            PGNotification[] received = connection.getNotifications();
            return received == null ? List.of() : List.of(received);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The GUC_REPORT parameters as the backend last reported them. */
    public Map<String, String> reportedParameters() {
        return executor.getParameterStatuses();
    }

    /** Marks the connection unusable so it is evicted instead of returned to the pool. */
    public void markBroken() {
        broken = true;
    }

    boolean isBroken() {
        return broken || executor.isClosed();
    }

    Connection pooled() {
        return pooled;
    }

    @Override
    public void close() {
        pool.release(this);
    }

    private PgException failure(SQLException e) {
        if (BackendErrors.isConnectionLoss(e)) {
            broken = true;
        }
        return BackendErrors.toPgException(e);
    }

    private Query query(String sql, int parameterCount) {
        int[] bindPositions = new int[parameterCount];
        Arrays.fill(bindPositions, sql.length());
        return executor.wrap(List.of(new NativeQuery(sql, bindPositions, false, SqlCommand.BLANK)));
    }

    private static ParameterList bind(Query query, List<BoundParameter> parameters) {
        ParameterList list = query.createParameterList();
        try {
            for (int i = 0; i < parameters.size(); i++) {
                BoundParameter p = parameters.get(i);
                int index = i + 1;
                if (p.value() == null) {
                    list.setNull(index, p.typeOid());
                } else if (p.binary()) {
                    list.setBinaryParameter(index, p.value(), p.typeOid());
                } else {
                    list.setStringParameter(index, new String(p.value(), StandardCharsets.UTF_8), p.typeOid());
                }
            }
        } catch (SQLException e) {
            throw BackendErrors.toPgException(e);
        }
        return list;
    }
}
