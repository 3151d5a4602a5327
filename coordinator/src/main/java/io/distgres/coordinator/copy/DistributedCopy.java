package io.distgres.coordinator.copy;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.BackendLease;
import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.execution.DistributedStatement;
import io.distgres.coordinator.execution.SessionAccess;
import io.distgres.coordinator.metadata.DistNode;
import io.distgres.coordinator.metadata.DistShard;
import io.distgres.coordinator.metadata.DistTable;
import io.distgres.coordinator.metadata.ShardPlacement;
import io.distgres.coordinator.pgwire.codec.BackendMessages;
import io.distgres.coordinator.pgwire.codec.FrontendMessage;
import io.distgres.coordinator.schema.ColumnDefinition;
import io.distgres.coordinator.worker.WorkerClients;
import io.distgres.planner.hashing.DistributionHasher;
import io.distgres.planner.hashing.DistributionType;
import io.distgres.planner.hashing.HashingException;
import io.distgres.planner.sql.SqlIdentifiers;
import io.distgres.sqlstate.SqlState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs COPY FROM STDIN into a distributed or reference table: reads the client's rows, routes each
 * by PostgreSQL's hash of its distribution column (every placement for reference tables) and
 * streams them to the workers through one CopyIn transaction per worker. Every worker must have
 * accepted all its rows before any of them commits, so a bad row or a CopyFail leaves nothing
 * behind. The rows join the session's distributed transaction (an implicit one outside a
 * transaction block), so they commit on every worker or on none, with two-phase commit.
 * COPY TO STDOUT is {@link DistributedCopyOut}'s job.
 */
public final class DistributedCopy {
    /**
     * Once a worker's buffers hold this much, its fullest shard batch goes out: memory stays near
     * this much per worker, and batches stay large enough that switching COPY statements is rare.
     */
    private static final int WORKER_BUFFER_BYTES = 1 << 20;

    private final WorkerClients workers;
    private final DistributedCopyOut copyOut;

    public DistributedCopy(WorkerClients workers) {
        this.workers = requireNonNull(workers, "workers is null");
        this.copyOut = new DistributedCopyOut(workers);
    }

    /** COPY table [(columns)] TO STDOUT: every shard's rows in shard order. */
    public void copyOut(DistributedStatement statement, String tableName) {
        CopyCommand command = CopyCommandParser.parse(statement.statement().text());
        if (command.from()) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "COPY FROM on \"" + tableName + "\" is not a COPY TO");
        }
        CopyTarget target = CopyTarget.resolve(command, statement.catalog(), statement.session().coordinatorLease());
        copyOut.run(statement, command, target);
    }

    public void copyIn(DistributedStatement statement, String tableName) {
        CopyCommand command = CopyCommandParser.parse(statement.statement().text());
        if (!command.from()) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "COPY TO on \"" + tableName + "\" is not a COPY FROM");
        }
        BackendLease lease = statement.session().coordinatorLease();
        CopyTarget target = CopyTarget.resolve(command, statement.catalog(), lease);
        // every worker's rows commit together: one distributed transaction (two-phase across workers)
        statement.session().atomically(statement.sink(),
                sink -> new Load(statement.withSink(sink), command, target, lease).run());
    }

    /**
     * Loads rows the coordinator produced (COPY text format, one row per element, newline
     * included) into {@code copyStatement}'s distributed table, all-or-nothing per worker like a
     * client's COPY; returns the number of rows.
     */
    public long loadRows(DistributedStatement statement, String copyStatement, Iterable<byte[]> rows) {
        CopyCommand command = CopyCommandParser.parse(copyStatement);
        BackendLease lease = statement.session().coordinatorLease();
        CopyTarget target = CopyTarget.resolve(command, statement.catalog(), lease);
        Load load = new Load(statement, command, target, lease);
        return load.runRows(rows);
    }

    /** One COPY FROM STDIN: its routing, its per-worker writers and its line count. */
    private final class Load {
        private final DistributedStatement statement;
        private final CopyCommand command;
        private final CopyTarget target;
        private final CopyFormat format;
        private final List<String> sentColumns;
        private final int clientColumnCount;
        private final SequenceValues sequences;
        private final int distributionIndex;
        private final DistributionType distributionType;
        private final DistributionHasher hasher;
        private final List<List<WorkerCopyWriter>> shardWriters = new ArrayList<>();
        private final List<String> shardStatements = new ArrayList<>();
        private final Map<Integer, WorkerCopyWriter> writers = new LinkedHashMap<>();
        private int line;
        private long rows;

        Load(DistributedStatement statement, CopyCommand command, CopyTarget target, BackendLease lease) {
            this.statement = statement;
            this.command = command;
            this.target = target;
            // the workers read a timestamptz without an offset in the session's TimeZone; so must the router
            this.hasher = DistributionHasher.forTimeZone(statement.session().timeZone());
            this.format = command.format();
            List<String> listed = command.columns().isEmpty() ? target.defaultColumns() : command.columns();
            for (String column : listed) {
                if (target.column(column).generated()) {
                    throw new PgException(SqlState.BAD_COPY_FILE_FORMAT, "column \"" + column
                            + "\" is a generated column");
                }
            }
            this.clientColumnCount = listed.size();
            List<ColumnDefinition> appended = command.columns().isEmpty() ? List.of() : target.columns().stream()
                    .filter(c -> c.hasSequenceDefault() && !c.generated() && !listed.contains(c.name())).toList();
            this.sequences = appended.isEmpty() ? null : new SequenceValues(lease,
                    appended.stream().map(c -> SequenceValues.expression(target, c)).toList());
            List<String> columns = new ArrayList<>(listed);
            appended.forEach(c -> columns.add(c.name()));
            this.sentColumns = List.copyOf(columns);
            DistTable table = target.table();
            if (table.kind() == DistTable.Kind.HASH) {
                String distribution = table.distributionColumn().orElseThrow();
                this.distributionIndex = sentColumns.indexOf(distribution);
                if (distributionIndex < 0) {
                    throw new PgException(SqlState.NOT_NULL_VIOLATION, "the distribution column \""
                            + distribution + "\" of table \"" + target.name() + "\" must be in the COPY column list");
                }
                this.distributionType = DistributionType.forOid(target.column(distribution).typeOid());
            } else {
                this.distributionIndex = -1;
                this.distributionType = null;
            }
            String columnList = sentColumns.stream().map(SqlIdentifiers::quote).collect(Collectors.joining(", "));
            for (DistShard shard : table.shards()) {
                shardStatements.add("COPY " + target.shardName(shard.shardId()) + " (" + columnList
                        + ") FROM STDIN WITH " + format.workerOptions());
                List<WorkerCopyWriter> placements = new ArrayList<>();
                for (ShardPlacement placement : shard.placements()) {
                    if (placement.state() != ShardPlacement.State.ACTIVE) {
                        continue;
                    }
                    DistNode node = statement.catalog().node(placement.nodeId()).orElseThrow(() -> new PgException(
                            SqlState.INTERNAL_ERROR, "placement of shard " + shard.shardId() + " names unknown node "
                                    + placement.nodeId()));
                    placements.add(writers.computeIfAbsent(node.nodeId(), id -> new WorkerCopyWriter(
                            workers.forNode(node), target.name(), () -> transactionId(statement.session(), node),
                            statement.session().identity())));
                }
                if (placements.isEmpty()) {
                    throw new PgException(SqlState.INTERNAL_ERROR, "shard " + shard.shardId()
                            + " has no active placement");
                }
                shardWriters.add(placements);
            }
        }

        void run() {
            short[] formats = new short[clientColumnCount];
            var out = statement.session().out();
            out.write(buf -> BackendMessages.copyInResponse(buf, 0, formats));
            out.flush();
            CopyRowSplitter splitter = new CopyRowSplitter(format, this::route);
            try {
                while (true) {
                    FrontendMessage message = statement.session().awaitMessage();
                    if (message instanceof FrontendMessage.CopyData data) {
                        splitter.feed(data.data());
                    } else if (message instanceof FrontendMessage.CopyDone) {
                        splitter.finish();
                        break;
                    } else if (message instanceof FrontendMessage.CopyFail fail) {
                        throw new PgException(SqlState.QUERY_CANCELED, "COPY from stdin failed: " + fail.reason());
                    } else if (message instanceof FrontendMessage.Flush || message instanceof FrontendMessage.Sync) {
                        continue; // ignored during COPY IN, as PostgreSQL does
                    } else if (message instanceof FrontendMessage.Terminate) {
                        throw new PgException(PgError.fatal(SqlState.CONNECTION_FAILURE,
                                "client ended the connection during COPY"));
                    } else {
                        throw new PgException(SqlState.PROTOCOL_VIOLATION, "unexpected message "
                                + message.getClass().getSimpleName() + " during COPY from stdin");
                    }
                }
                // every worker ends its COPY and confirms it before any commits
                for (WorkerCopyWriter writer : writers.values()) {
                    writer.endAndAwait();
                }
                for (WorkerCopyWriter writer : writers.values()) {
                    writer.commit();
                }
            } catch (RuntimeException e) {
                writers.values().forEach(w -> w.abort("COPY failed on the coordinator"));
                throw e;
            }
            statement.sink().complete("COPY " + rows);
        }

        long runRows(Iterable<byte[]> source) {
            try {
                for (byte[] row : source) {
                    route(row);
                }
                for (WorkerCopyWriter writer : writers.values()) {
                    writer.endAndAwait();
                }
                for (WorkerCopyWriter writer : writers.values()) {
                    writer.commit();
                }
            } catch (RuntimeException e) {
                writers.values().forEach(w -> w.abort("INSERT ... SELECT failed on the coordinator"));
                throw e;
            }
            return rows;
        }

        private void route(byte[] row) {
            line++;
            if (format.header() && line == 1) {
                return;
            }
            if (sequences != null) {
                row = appendFields(row, sequences.nextRow());
            }
            int shard = distributionIndex < 0 ? 0 : shardIndex(row);
            for (WorkerCopyWriter writer : shardWriters.get(shard)) {
                writer.add(shardStatements.get(shard), row, line);
                if (writer.buffered() >= WORKER_BUFFER_BYTES) {
                    writer.flushLargest();
                }
            }
            rows++;
        }

        /**
         * Inside a transaction block the rows join the session's transaction on the node; "" loads in
         * a transaction of its own. Asked only when the first rows for the node go out: a node that
         * receives none must not become a participant (it would have nothing to prepare or commit).
         */
        private static String transactionId(SessionAccess session, DistNode node) {
            return session.inTransactionBlock() ? session.transaction().enlist(node, true, session.identity()) : "";
        }

        private int shardIndex(byte[] row) {
            String column = sentColumns.get(distributionIndex);
            String value;
            try {
                value = format.csv() ? CopyCsvRow.field(row, distributionIndex, format)
                        : CopyTextRow.field(row, distributionIndex, format.delimiter(), format.nullString());
            } catch (IllegalArgumentException e) {
                throw rowError(SqlState.BAD_COPY_FILE_FORMAT, "missing data for column \"" + column + "\"", "");
            }
            if (value == null) {
                throw rowError(SqlState.NOT_NULL_VIOLATION,
                        "cannot distribute a row with a NULL value in distribution column \""
                        + column + "\"", ", column " + column + ": null input");
            }
            int hash;
            try {
                hash = hasher.hash(distributionType, value);
            } catch (HashingException e) {
                throw rowError(e.sqlState(), e.getMessage(), ", column " + column + ": \"" + value + "\"");
            }
            List<DistShard> shards = target.table().shards();
            for (int i = 0; i < shards.size(); i++) {
                if (shards.get(i).hashRange().orElseThrow().contains(hash)) {
                    return i;
                }
            }
            throw new PgException(SqlState.INTERNAL_ERROR, "no shard of \"" + target.name() + "\" holds hash value "
                    + hash);
        }

        private PgException rowError(String sqlState, String message, String whereSuffix) {
            return new PgException(new PgError("ERROR", sqlState, message, null, null, 0,
                    "COPY " + target.name() + ", line " + line + whereSuffix, null, null, null, null, null));
        }

        /** {@code row} with {@code values} added as last fields, before its newline. */
        private byte[] appendFields(byte[] row, List<String> values) {
            int end = CopyTextRow.contentEnd(row);
            StringBuilder extra = new StringBuilder();
            for (String value : values) {
                extra.append((char) format.delimiter()).append(value);
            }
            byte[] added = extra.toString().getBytes(StandardCharsets.UTF_8);
            byte[] result = new byte[row.length + added.length];
            System.arraycopy(row, 0, result, 0, end);
            System.arraycopy(added, 0, result, end, added.length);
            System.arraycopy(row, end, result, end + added.length, row.length - end);
            return result;
        }
    }
}
