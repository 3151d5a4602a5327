package io.distgres.coordinator.metadata;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Supplier;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on a connection of its own for the coordinator database's DDL notifications (channel
 * {@value #CHANNEL}, sent at commit by the event trigger of catalog V6) and advances the {@link DdlEpoch}
 * on each. While it is not listening (connection lost, or the trigger missing because distgres's database
 * user is no superuser) the epoch is unwatched, so caches fall back to asking the database every time.
 */
public final class DdlListener implements AutoCloseable {
    static final String CHANNEL = "distgres_ddl";
    private static final Logger LOG = LoggerFactory.getLogger(DdlListener.class);
    private static final int POLL_MILLIS = 500;
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);

    private final Supplier<Connection> connections;
    private final DdlEpoch epoch;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection connection;

    /** @param connections opens a new connection to the coordinator database (it is kept until lost) */
    public DdlListener(Supplier<Connection> connections, DdlEpoch epoch) {
        this.connections = requireNonNull(connections, "connections is null");
        this.epoch = requireNonNull(epoch, "epoch is null");
        this.thread = new Thread(this::listen, "distgres-ddl-listener");
        this.thread.setDaemon(true);
    }

    /** Starts listening; returns once the first attempt has either listened or given up. */
    public void start() {
        if (!listenOnce()) {
            return;
        }
        thread.start();
    }

    private boolean listenOnce() {
        try {
            Connection opened = connections.get();
            try (Statement statement = opened.createStatement()) {
                if (!triggerInstalled(statement)) {
                    LOG.info("no DDL event trigger in the coordinator database (distgres's user is not a superuser):"
                            + " table and function names are resolved by the database for every statement");
                    opened.close();
                    return false;
                }
                statement.execute("LISTEN " + CHANNEL);
            }
            connection = opened;
            epoch.watched(true);
            return true;
        } catch (SQLException | RuntimeException e) {
            LOG.warn("cannot listen for DDL notifications: {}", e.getMessage());
            epoch.watched(false);
            return true;
        }
    }

    private static boolean triggerInstalled(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery(
                "SELECT count(*) FROM pg_catalog.pg_event_trigger WHERE evtname = 'distgres_ddl_notify'")) {
            return rs.next() && rs.getInt(1) > 0;
        }
    }

    private void listen() {
        while (!closed) {
            Connection current = connection;
            if (current == null) {
                pause();
                if (!closed) {
                    listenOnce();
                }
                continue;
            }
            try {
                var notifications = current.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
                if (notifications != null && notifications.length > 0) {
                    epoch.advance();
                }
            } catch (SQLException e) {
                if (!closed) {
                    LOG.warn("lost the DDL notification connection: {}", e.getMessage());
                }
                epoch.watched(false);
                closeQuietly(current);
                connection = null;
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // already gone
        }
    }

    @Override
    public void close() {
        closed = true;
        epoch.watched(false);
        Connection current = connection;
        if (current != null) {
            closeQuietly(current);
        }
        thread.interrupt();
    }
}
