package io.distgres.coordinator.metadata;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the coordinator database's distgres catalog up to the newest script version.
 *
 * <p>Each pending script runs in its own transaction together with its row in
 * {@code distgres.schema_version}, so a failed script leaves the previous version intact. A
 * session advisory lock serializes coordinators that start at the same time: the second waits,
 * then finds nothing left to apply. Applied scripts are verified by checksum, and a database
 * already at a version this build does not know is refused rather than used.
 */
public final class CatalogMigrator {
    /** Advisory lock key held while migrating: the bytes of "distgres" as a bigint. */
    public static final long ADVISORY_LOCK_KEY = 0x6469737467726573L;

    private static final Logger LOG = LoggerFactory.getLogger(CatalogMigrator.class);
    private static final String BOOTSTRAP = """
            CREATE SCHEMA IF NOT EXISTS distgres;
            CREATE TABLE IF NOT EXISTS distgres.schema_version (
                version     integer PRIMARY KEY,
                description text NOT NULL,
                checksum    text NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now(),
                applied_by  text NOT NULL DEFAULT current_user
            )""";

    private final DataSource dataSource;
    private final List<CatalogScript> scripts;

    public CatalogMigrator(DataSource dataSource, List<CatalogScript> scripts) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.scripts = List.copyOf(requireNonNull(scripts, "scripts is null"));
    }

    /** The outcome of one {@link #migrate()}: versions applied now and the version the database is at. */
    public record Result(List<Integer> applied, int currentVersion) {
        public Result {
            applied = List.copyOf(applied);
        }
    }

    /** Applies every pending script in version order; a no-op when the catalog is current. */
    public Result migrate() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_catalog.pg_advisory_lock(?)")) {
                lock.setLong(1, ADVISORY_LOCK_KEY);
                lock.execute();
            }
            try {
                return migrateLocked(connection);
            } finally {
                connection.setAutoCommit(true);
                try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_catalog.pg_advisory_unlock(?)")) {
                    unlock.setLong(1, ADVISORY_LOCK_KEY);
                    unlock.execute();
                }
            }
        }
    }

    private Result migrateLocked(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(BOOTSTRAP);
        }
        TreeMap<Integer, String> appliedChecksums = appliedChecksums(connection);
        verify(appliedChecksums);
        List<Integer> appliedNow = new ArrayList<>();
        int current = appliedChecksums.isEmpty() ? 0 : appliedChecksums.lastKey();
        for (CatalogScript script : scripts) {
            if (appliedChecksums.containsKey(script.version())) {
                continue;
            }
            apply(connection, script);
            appliedNow.add(script.version());
            current = Math.max(current, script.version());
        }
        if (!appliedNow.isEmpty()) {
            LOG.info("distgres catalog migrated to version {} (applied {})", current, appliedNow);
        }
        return new Result(appliedNow, current);
    }

    private static TreeMap<Integer, String> appliedChecksums(Connection connection) throws SQLException {
        TreeMap<Integer, String> applied = new TreeMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT version, checksum FROM distgres.schema_version")) {
            while (rs.next()) {
                applied.put(rs.getInt(1), rs.getString(2));
            }
        }
        return applied;
    }

    private void verify(Map<Integer, String> appliedChecksums) {
        Map<Integer, CatalogScript> known = new TreeMap<>();
        scripts.forEach(s -> known.put(s.version(), s));
        for (Map.Entry<Integer, String> applied : appliedChecksums.entrySet()) {
            CatalogScript script = known.get(applied.getKey());
            if (script == null) {
                throw new IllegalStateException("the coordinator database's distgres catalog is at version "
                        + applied.getKey() + ", which this distgres does not know: upgrade distgres");
            }
            if (!script.checksum().equals(applied.getValue())) {
                throw new IllegalStateException("catalog script " + script.fileName()
                        + " changed after it was applied to this database; add a new version instead");
            }
        }
    }

    private static void apply(Connection connection, CatalogScript script) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement();
                PreparedStatement record = connection.prepareStatement(
                        "INSERT INTO distgres.schema_version (version, description, checksum) VALUES (?, ?, ?)")) {
            statement.execute(script.sql());
            record.setInt(1, script.version());
            record.setString(2, script.description());
            record.setString(3, script.checksum());
            record.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw new SQLException("catalog script " + script.fileName() + " failed: " + e.getMessage(),
                    e.getSQLState(), e);
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
