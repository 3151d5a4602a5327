package io.distgres.coordinator.execution;

import io.distgres.coordinator.backend.BackendLease;
import io.distgres.coordinator.backend.ResultSink;
import io.distgres.coordinator.backend.SessionIdentity;
import io.distgres.coordinator.pgwire.codec.ClientConnection;
import io.distgres.coordinator.pgwire.codec.FrontendMessage;
import io.distgres.coordinator.transaction.DistributedTransaction;
import java.util.function.Consumer;

/** What a distributed statement may use of the client session that runs it. */
public interface SessionAccess {
    /** The session's connection to the coordinator database (leased now if it holds none). */
    BackendLease coordinatorLease();

    /** True inside BEGIN ... COMMIT (or an implicit multi-statement transaction). */
    boolean inTransactionBlock();

    /** The session-level settings the client changed (pg_settings with source 'session'), by name. */
    default java.util.Map<String, String> settings() {
        return java.util.Map.of();
    }

    /** The user the client logged in as: what "$user" in a search_path means (unless a SET ROLE changed it). */
    default String user() {
        return "";
    }

    /**
     * True when the session ran, in its open transaction or query string, a statement that may change what a
     * table or function name means (DDL, SET search_path, SET ROLE): its {@link #settings()} may be behind and
     * other sessions may not see its changes yet, so nothing it resolves may be shared.
     */
    default boolean namesMayHaveChanged() {
        return true;
    }

    /**
     * The TimeZone the workers read this session's {@code timestamptz} text in: its own setting, else the
     * coordinator database's default (the servers of a cluster share it).
     */
    default String timeZone() {
        return settings().getOrDefault("TimeZone", "UTC");
    }

    /**
     * Who the session acts as now (its login, SET SESSION AUTHORIZATION, SET ROLE): every worker
     * task of the statement runs as this.
     */
    SessionIdentity identity();

    /** The client connection, for protocol messages such as CopyInResponse. */
    ClientConnection out();

    /** The next message from the client, waiting for it (COPY FROM STDIN data). */
    FrontendMessage awaitMessage();

    /**
     * The distributed transaction of the session's open transaction block (begun on first use);
     * call only when {@link #inTransactionBlock()}. Fails with 25P02 in an aborted block.
     */
    DistributedTransaction transaction();

    /**
     * Runs {@code body} as one transaction: outside a transaction block the session opens an
     * implicit one around it, so writes on several nodes commit together (two-phase) or not at
     * all; inside a block {@code body} simply runs in it. {@code body} writes its result to the
     * sink it is given: outside a block that sink holds the command tag back until the commit has
     * succeeded, so the client gets CommandComplete only for a statement that committed, and an
     * ErrorResponse alone for one whose commit failed (as PostgreSQL answers).
     */
    void atomically(ResultSink sink, Consumer<ResultSink> body);

    /** The session's running worker tasks, which a CancelRequest cancels. */
    RunningTasks runningTasks();

    /**
     * What is left of the statement's {@code statement_timeout}, counted from when the statement
     * started; null when the session has none.
     */
    java.time.Duration statementTimeLeft();
}
