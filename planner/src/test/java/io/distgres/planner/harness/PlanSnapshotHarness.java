package io.distgres.planner.harness;

import io.distgres.planner.errors.SqlStateException;
import io.distgres.planner.hashing.DistributionType;
import io.distgres.planner.hashing.HashRange;
import io.distgres.planner.hashing.ShardRanges;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Temporary: snapshots every plan of a corpus, to compare before/after the tier refactoring. */
class PlanSnapshotHarness {
    record Table(String name, List<String> columns, String distColumn, DistributionType type, int colocation,
                 int shards, boolean reference) {
    }

    record Statement(String id, String sql, List<String> parameters) {
    }

    static final Map<String, Table> TABLES = new LinkedHashMap<>();

    static Map<String, List<String>> columns() throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String schema = Files.readString(Path.of("../sql/regress/schema.sql"));
        String current = null;
        for (String line : schema.split("\n")) {
            String t = line.strip();
            if (t.startsWith("CREATE TABLE")) {
                current = t.split("\\s+")[2];
                out.put(current, new ArrayList<>());
            } else if (current != null && t.startsWith(")")) {
                current = null;
            } else if (current != null && !t.isEmpty() && !t.startsWith("PRIMARY") && !t.startsWith("--")) {
                out.get(current).add(t.split("\\s+")[0]);
            }
        }
        return out;
    }

    static void define() throws IOException {
        Map<String, List<String>> cols = columns();
        add(cols, "users", "user_id", DistributionType.BIGINT, 1, 4);
        add(cols, "orders", "user_id", DistributionType.BIGINT, 1, 4);
        add(cols, "events", "user_id", DistributionType.BIGINT, 1, 4);
        add(cols, "order_archive", "user_id", DistributionType.BIGINT, 1, 4);
        add(cols, "user_stats", "user_id", DistributionType.BIGINT, 1, 4);
        add(cols, "products", "product_id", DistributionType.INTEGER, 2, 4);
        add(cols, "sessions", "user_id", DistributionType.BIGINT, 3, 8);
        add(cols, "readings", "taken_at", DistributionType.TIMESTAMPTZ, 4, 4);
        add(cols, "ledger", "entry_id", DistributionType.BIGINT, 5, 6);
        TABLES.put("countries", new Table("countries", cols.get("countries"), null, null, 6, 1, true));
        TABLES.put("categories", new Table("categories", cols.get("categories"), null, null, 7, 1, true));
        // planner tests' tables
        List<String> m = List.of("id", "user_id", "body", "country", "name");
        TABLES.put("messages", new Table("messages", m, "user_id", DistributionType.BIGINT, 1, 4, false));
        TABLES.put("accounts", new Table("accounts", m, "user_id", DistributionType.BIGINT, 1, 4, false));
        TABLES.put("t", new Table("t", List.of("k", "v", "__dg0", "a__dgb"), "k", DistributionType.BIGINT, 1, 4, false));
    }

    static void add(Map<String, List<String>> cols, String name, String dist, DistributionType type, int colocation,
                    int shards) {
        TABLES.put(name, new Table(name, cols.get(name), dist, type, colocation, shards, false));
    }

    static List<Statement> statements() throws IOException {
        List<Statement> out = new ArrayList<>();
        for (String folder : List.of("queries", "dml")) {
            try (Stream<Path> files = Files.list(Path.of("../sql/regress", folder))) {
                for (Path file : files.sorted().toList()) {
                    String name = null;
                    StringBuilder sql = new StringBuilder();
                    for (String line : (Files.readString(file, StandardCharsets.UTF_8) + "\n-- name: __end").split("\n")) {
                        String t = line.strip();
                        if (t.startsWith("-- name:")) {
                            if (name != null) {
                                String text = sql.toString().strip();
                                if (text.endsWith(";")) {
                                    text = text.substring(0, text.length() - 1).strip();
                                }
                                out.add(new Statement(file.getFileName() + "/" + name, text, List.of()));
                            }
                            name = t.substring(8).strip();
                            sql.setLength(0);
                        } else if (t.startsWith("--") && sql.isEmpty()) {
                            continue;
                        } else if (name != null) {
                            sql.append(line).append('\n');
                        }
                    }
                }
            }
        }
        String extras = Files.readString(Path.of("src/test/java/io/distgres/planner/harness/extras.sql"));
        int n = 0;
        for (String line : extras.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(" \\|\\| ");
            List<String> params = parts.length > 1 ? Arrays.stream(parts[1].split(",", -1))
                    .map(p -> p.equals("NULL") ? null : p).toList() : List.of();
            out.add(new Statement("extra/" + (n++), parts[0], params));
        }
        return out;
    }

    @Test
    void snapshot() throws IOException {
        define();
        StringBuilder out = new StringBuilder();
        Snapshotter snapshotter = new Snapshotter(TABLES);
        for (Statement s : statements()) {
            out.append("=== ").append(s.id()).append('\n').append(s.sql()).append('\n');
            if (!s.parameters().isEmpty()) {
                out.append("params ").append(s.parameters()).append('\n');
            }
            try {
                out.append(snapshotter.describe(s.sql(), s.parameters()));
            } catch (SqlStateException e) {
                out.append("ERROR ").append(e.sqlState()).append(' ').append(e.getMessage()).append('\n');
            } catch (RuntimeException e) {
                out.append("EXCEPTION ").append(e).append('\n');
            }
        }
        Files.writeString(Path.of(System.getProperty("snapshot.out", "/tmp/plans.txt")), out);
    }

    /** Fake facts about gathered columns, identical before and after. */
    static String typeName(int column) {
        return "t" + column;
    }

    static int typeOid(int column) {
        return new int[] {20, 1700, 701, 1186}[column % 4];
    }

    static String columnName(int column) {
        return "c" + column;
    }

    static final int GATHERED = 12;

    static List<HashRange> ranges(int n) {
        return ShardRanges.split(n);
    }

    static Optional<Table> table(List<String> name) {
        return Optional.ofNullable(TABLES.get(name.get(name.size() - 1)));
    }
}
