package io.distgres.coordinator.tables;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.BackendLease;
import io.distgres.coordinator.backend.BoundParameter;
import io.distgres.coordinator.backend.ResultSink;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.metadata.CatalogReader;
import io.distgres.coordinator.metadata.DistNode;
import io.distgres.coordinator.metadata.DistTable;
import io.distgres.coordinator.pgwire.codec.ColumnDescriptor;
import io.distgres.coordinator.transaction.TransactionManager;
import io.distgres.coordinator.worker.TaskResult;
import io.distgres.coordinator.worker.WorkerClients;
import io.distgres.coordinator.worker.WorkerTaskException;
import io.distgres.planner.classify.FunctionCall;
import io.distgres.planner.classify.FunctionCallRecognizer;
import io.distgres.planner.hashing.DistributionHasher;
import io.distgres.planner.hashing.DistributionType;
import io.distgres.planner.hashing.ShardRanges;
import io.distgres.planner.sql.StatementText;
import io.distgres.sqlstate.SqlState;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * distgres's SQL API — {@code create_distributed_table}, {@code create_reference_table},
 * {@code undistribute_table}, {@code get_shard_id_for_distribution_column},
 * {@code run_command_on_workers}, {@code recover_prepared_transactions} — intercepted
 * before the coordinator database sees the call. Arguments are read by PostgreSQL itself (through
 * the {@code distgres.*_args} functions, with the caller's search_path and parameters), so names,
 * casts, defaults and errors for unknown tables are exactly PostgreSQL's.
 */
public final class DistgresFunctions {
    private static final Set<String> NAMES = Set.of("create_distributed_table", "create_reference_table",
            "undistribute_table", "get_shard_id_for_distribution_column", "run_command_on_workers",
            "recover_prepared_transactions");
    private static final int VOID = 2278;
    private static final int INT4 = 23;
    private static final int INT8 = 20;
    private static final int TEXT = 25;
    private static final int BOOL = 16;
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(10);

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DistgresFunctions.class);

    /** Stateless: it only reads the tokens it is given. */
    private static final FunctionCallRecognizer RECOGNIZER = new FunctionCallRecognizer();
    private final DistributedTableCreator creator;
    private final TableUndistributor undistributor;
    private final CatalogReader catalog;
    private final WorkerClients workers;
    private final TransactionManager transactions;

    public DistgresFunctions(DistributedTableCreator creator, TableUndistributor undistributor, CatalogReader catalog,
                             WorkerClients workers, TransactionManager transactions) {
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.creator = requireNonNull(creator, "creator is null");
        this.undistributor = requireNonNull(undistributor, "undistributor is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.workers = requireNonNull(workers, "workers is null");
    }

    /** The call when {@code statement} is a call of one of distgres's functions. */
    public static Optional<FunctionCall> recognize(StatementText statement) {
        return RECOGNIZER.recognize(statement).filter(call -> NAMES.contains(call.name()));
    }

    /**
     * Runs the call. {@code lease} is the session's coordinator connection (for reading the
     * arguments with the session's settings); {@code inTransactionBlock} refuses operations that
     * commit on their own.
     */
    public void run(FunctionCall call, BackendLease lease, int parameterCount, List<BoundParameter> parameters,
                    boolean inTransactionBlock, ResultSink sink) {
        List<String> args = arguments(call, lease, parameterCount, parameters);
        try {
            switch (call.name()) {
                case "create_distributed_table", "create_reference_table", "undistribute_table" ->
                        requireOwner(lease, Long.parseLong(args.get(0)));
                case "run_command_on_workers", "recover_prepared_transactions" -> requireSuperuser(lease, call);
                default -> {
                }
            }
            switch (call.name()) {
                case "create_distributed_table" -> {
                    refuseInTransaction(call, inTransactionBlock);
                    if (!"hash".equalsIgnoreCase(args.get(2))) {
                        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                                "distribution type \"" + args.get(2) + "\" is not supported by distgres; use hash");
                    }
                    creator.createDistributed(Long.parseLong(args.get(0)), args.get(1), args.get(3),
                            Integer.parseInt(args.get(4)), progress(sink));
                    voidResult(call, sink);
                }
                case "create_reference_table" -> {
                    refuseInTransaction(call, inTransactionBlock);
                    creator.createReference(Long.parseLong(args.get(0)), progress(sink));
                    voidResult(call, sink);
                }
                case "undistribute_table" -> {
                    refuseInTransaction(call, inTransactionBlock);
                    undistributor.undistribute(Long.parseLong(args.get(0)), progress(sink), sink::notice);
                    voidResult(call, sink);
                }
                case "get_shard_id_for_distribution_column" -> shardIdFor(args, lease, sink);
                case "run_command_on_workers" -> runOnWorkers(args.get(0), sink);
                case "recover_prepared_transactions" -> {
                    sink.columns(resultColumns(call));
                    int settled = transactions.recoverPreparedTransactions();
                    sink.row(new byte[][] {utf8(Integer.toString(settled))});
                    sink.complete("SELECT 1");
                }
                default -> throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                        call.name() + " is not supported by distgres yet");
            }
        } catch (SQLException e) {
            throw io.distgres.coordinator.backend.BackendErrors.toPgException(e);
        }
    }

    /** Progress of a long operation: a NOTICE to the client and a log line. */
    private static java.util.function.Consumer<String> progress(ResultSink sink) {
        return message -> {
            LOG.info(message);
            sink.notice(new io.distgres.coordinator.error.PgError("NOTICE", SqlState.SUCCESSFUL_COMPLETION, message,
                    null, null, 0, null,
                    null, null, null, null, null));
        };
    }

    /** What Describe reports for a call: the argument reader's parameter types and the function's columns. */
    public io.distgres.coordinator.backend.StatementDescription describe(FunctionCall call, BackendLease lease,
                                                                            int parameterCount, int[] declaredTypes) {
        var arguments = lease.describe(argumentQuery(call), parameterCount, declaredTypes);
        return new io.distgres.coordinator.backend.StatementDescription(arguments.parameterTypes(),
                resultColumns(call));
    }

    private static List<ColumnDescriptor> resultColumns(FunctionCall call) {
        return switch (call.name()) {
            case "get_shard_id_for_distribution_column" -> List.of(column(call.name(), INT8));
            case "recover_prepared_transactions" -> List.of(column(call.name(), INT4));
            case "run_command_on_workers" -> List.of(column("nodename", TEXT), column("nodeport", INT4),
                    column("success", BOOL), column("result", TEXT));
            default -> List.of(column(call.name(), VOID));
        };
    }

    private static String argumentQuery(FunctionCall call) {
        return "SELECT * FROM distgres." + call.name() + "_args(" + call.arguments() + ")";
    }

    private static List<String> arguments(FunctionCall call, BackendLease lease, int parameterCount,
                                          List<BoundParameter> parameters) {
        List<String> values = new ArrayList<>();
        try {
            readArguments(call, lease, parameterCount, parameters, values);
        } catch (PgException e) {
            // a position would point into distgres's argument query, not the client's statement
            throw new PgException(e.error().withPosition(0));
        }
        return values;
    }

    private static void readArguments(FunctionCall call, BackendLease lease, int parameterCount,
                                      List<BoundParameter> parameters, List<String> values) {
        lease.run(argumentQuery(call), parameterCount, parameters, cells -> {
            for (byte[] cell : cells) {
                values.add(cell == null ? null : new String(cell, StandardCharsets.UTF_8));
            }
        });
    }

    /**
     * What PostgreSQL requires to ALTER or DROP the table: the session's current role owns it (or is
     * a member of its owner, or a superuser); 42501 otherwise, in PostgreSQL's words.
     */
    private static void requireOwner(BackendLease lease, long relationId) {
        String[] owner = new String[2];
        lease.run("SELECT c.relname, pg_catalog.pg_has_role(c.relowner, 'USAGE') FROM pg_catalog.pg_class c"
                + " WHERE c.oid = " + relationId, 0, List.of(), cells -> {
                    owner[0] = new String(cells[0], StandardCharsets.UTF_8);
                    owner[1] = new String(cells[1], StandardCharsets.UTF_8);
                });
        if (owner[0] != null && !"t".equals(owner[1])) {
            throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of table " + owner[0]);
        }
    }

    /** Functions that act on every worker as distgres itself are for superusers only, as in Citus. */
    private static void requireSuperuser(BackendLease lease, FunctionCall call) {
        boolean[] superuser = new boolean[1];
        lease.run("SELECT pg_catalog.current_setting('is_superuser')", 0, List.of(),
                cells -> superuser[0] = "on".equals(new String(cells[0], StandardCharsets.UTF_8)));
        if (!superuser[0]) {
            throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for function " + call.name());
        }
    }

    private static void refuseInTransaction(FunctionCall call, boolean inTransactionBlock) {
        if (inTransactionBlock) {
            throw new PgException(SqlState.ACTIVE_SQL_TRANSACTION, call.name()
                    + " cannot run inside a transaction block");
        }
    }

    private void shardIdFor(List<String> args, BackendLease lease, ResultSink sink) {
        long relationId = Long.parseLong(args.get(0));
        DistTable table = catalog.snapshot().table(relationId).orElseThrow(() -> new PgException(
                SqlState.INVALID_PARAMETER_VALUE, "relation is not distributed"));
        long shardId;
        if (table.kind() == DistTable.Kind.REFERENCE) {
            shardId = table.shards().get(0).shardId();
        } else {
            String value = args.get(1);
            if (value == null) {
                throw new PgException(SqlState.NULL_VALUE_NOT_ALLOWED,
                        "distribution value cannot be NULL for tables other than reference tables");
            }
            String column = table.distributionColumn().orElseThrow();
            DistributionType type = DistributionType.forOid(distributionTypeOid(relationId, column));
            if (type == DistributionType.TIMESTAMPTZ) {
                // read in the session's TimeZone, as a worker reads a value written without an offset
                value = timestamptzWithOffset(lease, value);
            }
            int hash = new DistributionHasher().hash(type, value);
            shardId = table.shards().get(ShardRanges.shardIndexFor(hash, table.shardCount())).shardId();
        }
        sink.columns(resultColumns(new FunctionCall("get_shard_id_for_distribution_column", "")));
        sink.row(new byte[][] {Long.toString(shardId).getBytes(StandardCharsets.UTF_8)});
        sink.complete("SELECT 1");
    }

    private static String timestamptzWithOffset(BackendLease lease, String value) {
        String[] text = new String[1];
        lease.run("SELECT CAST($1 AS pg_catalog.timestamptz)::pg_catalog.text", 1,
                List.of(new BoundParameter(value.getBytes(StandardCharsets.UTF_8), false, 25)),
                cells -> text[0] = new String(cells[0], StandardCharsets.UTF_8));
        return text[0];
    }

    private int distributionTypeOid(long relationId, String column) {
        return creator.columnType(relationId, column);
    }

    private void runOnWorkers(String command, ResultSink sink) {
        sink.columns(resultColumns(new FunctionCall("run_command_on_workers", "")));
        List<DistNode> nodes = catalog.snapshot().nodes().stream()
                .filter(n -> n.isActive() && n.role() == DistNode.Role.PRIMARY)
                .sorted(Comparator.comparingInt(DistNode::nodeId)).toList();
        for (DistNode node : nodes) {
            boolean success;
            String result;
            try {
                TaskResult task = workers.forNode(node).executeAndCollect(command, List.of(), COMMAND_TIMEOUT);
                success = true;
                result = task.rows().size() == 1 && task.rows().get(0).size() == 1
                        ? task.rows().get(0).get(0) : task.commandTag();
            } catch (WorkerTaskException e) {
                success = false;
                result = e.pgMessage();
            }
            sink.row(new byte[][] {utf8(node.host()), utf8(Integer.toString(node.port())),
                    utf8(success ? "t" : "f"), result == null ? null : utf8(result)});
        }
        sink.complete("SELECT " + nodes.size());
    }

    private static void voidResult(FunctionCall call, ResultSink sink) {
        sink.columns(resultColumns(call));
        sink.row(new byte[][] {new byte[0]});
        sink.complete("SELECT 1");
    }

    private static ColumnDescriptor column(String name, int typeOid) {
        short size = switch (typeOid) {
            case INT4, VOID -> 4;
            case INT8 -> 8;
            case BOOL -> 1;
            default -> -1;
        };
        return new ColumnDescriptor(name, 0, (short) 0, typeOid, size, -1);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
