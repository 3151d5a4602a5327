package io.distgres.coordinator.session.route;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.transaction.TransactionStatement;
import io.distgres.planner.classify.FunctionCall;
import io.distgres.planner.sql.SqlPreparedCommand;

/**
 * Which path a client statement takes through the session, decided once from its tokens by
 * {@link StatementRouteDecider}: each kind has one executor. Routes hold what was decided, not the
 * statement's text, so that statements differing only in constants share them.
 */
public sealed interface StatementRoute {
    Empty EMPTY = new Empty();
    Passthrough PASSTHROUGH = new Passthrough();
    ShellMaintenance SHELL_MAINTENANCE = new ShellMaintenance();
    DiscardAll DISCARD_ALL = new DiscardAll();
    CopyIn COPY_IN = new CopyIn();
    CopyOut COPY_OUT = new CopyOut();

    /** Only whitespace and comments: EmptyQueryResponse. */
    record Empty() implements StatementRoute {
    }

    /** Names no distributed table: runs on the coordinator database as written. */
    record Passthrough() implements StatementRoute {
    }

    /** VACUUM, ANALYZE, REINDEX, CLUSTER of the coordinator database: passes through with every shell unguarded. */
    record ShellMaintenance() implements StatementRoute {
    }

    /** DISCARD ALL: passes through, and the session's SQL-level prepared statements go too. */
    record DiscardAll() implements StatementRoute {
    }

    /** COPY ... FROM STDIN into a local table: relayed to the coordinator database. */
    record CopyIn() implements StatementRoute {
    }

    /** COPY ... TO STDOUT from a local table or query: relayed from the coordinator database. */
    record CopyOut() implements StatementRoute {
    }

    /**
     * BEGIN, COMMIT, ROLLBACK, savepoints, SET LOCAL, SET TRANSACTION: run on the coordinator
     * database with what the implicit and the distributed transaction must do around them.
     */
    record TransactionControl(TransactionStatement statement) implements StatementRoute {
        public TransactionControl {
            requireNonNull(statement, "statement is null");
        }
    }

    /**
     * SET client_encoding or SET NAMES: answered by the front door, which converts; the backends
     * always speak UTF-8.
     *
     * @param value the encoding: a string literal's value, otherwise the words as written
     */
    record SetClientEncoding(String value) implements StatementRoute {
        public SetClientEncoding {
            requireNonNull(value, "value is null");
        }
    }

    /** PREPARE, EXECUTE (also under EXPLAIN) or DEALLOCATE: the session's SQL-level prepared statements. */
    record SqlPrepared(SqlPreparedCommand command) implements StatementRoute {
        public SqlPrepared {
            requireNonNull(command, "command is null");
        }
    }

    /** A call of one of distgres's SQL functions ({@code create_distributed_table}, ...). */
    record SqlFunction(FunctionCall call) implements StatementRoute {
        public SqlFunction {
            requireNonNull(call, "call is null");
        }
    }

    /**
     * Names a distributed or reference table (or must reach the workers though it names none):
     * never passed through to the empty shells.
     *
     * @param table   the distributed table it names, for error messages; empty for statements that
     *                reach the workers naming none (role statements)
     * @param command which distributed executor runs it
     * @param ifLocal the route it takes when each name it took for a distributed table turns out to
     *                mean a local relation under the session's search_path, found when it runs
     */
    record Distributed(String table, DistributedCommand command, StatementRoute ifLocal) implements StatementRoute {
        public Distributed {
            requireNonNull(table, "table is null");
            requireNonNull(command, "command is null");
            requireNonNull(ifLocal, "ifLocal is null");
        }
    }
}
