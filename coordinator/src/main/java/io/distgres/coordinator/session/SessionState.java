package io.distgres.coordinator.session;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.BackendLease;
import io.distgres.coordinator.backend.BackendPool;
import io.distgres.coordinator.backend.SessionIdentity;
import io.distgres.coordinator.backend.SessionSettings;
import io.distgres.coordinator.pgwire.codec.TransactionStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a client session carries from statement to statement: who it is, the settings it changed,
 * and the coordinator database connection it holds for a statement or a transaction (leased on
 * demand, with those settings and that identity applied by the pool).
 */
final class SessionState {
    private final BackendPool pool;
    private String user = "";
    /** Who the session acts as, as last read from its connection (login, SET SESSION AUTHORIZATION, SET ROLE). */
    private SessionIdentity identity;
    private SessionSettings settings = SessionSettings.EMPTY;
    private String defaultTimeZone = "UTC";
    private boolean settingsMayHaveChanged;
    private volatile BackendLease lease;

    SessionState(BackendPool pool) {
        this.pool = requireNonNull(pool, "pool is null");
    }

    /** The startup packet was accepted: the session is {@code user}, acting as {@code identity}, with {@code startup} settings. */
    void loggedIn(String loginUser, SessionIdentity loginIdentity, SessionSettings startup) {
        this.user = requireNonNull(loginUser, "loginUser is null");
        this.identity = requireNonNull(loginIdentity, "loginIdentity is null");
        this.settings = requireNonNull(startup, "startup is null");
    }

    /** The user the client logged in as. */
    String user() {
        return user;
    }

    SessionIdentity identity() {
        return identity;
    }

    /** The session-level settings as last read ({@code pg_settings} names). */
    Map<String, String> settings() {
        return settings.values();
    }

    /** The TimeZone the coordinator database gave the session at startup. */
    void defaultTimeZone(String zone) {
        defaultTimeZone = requireNonNull(zone, "zone is null");
    }

    /** The session's TimeZone: its own setting, else the coordinator database's default. */
    String timeZone() {
        // pg_settings spells it TimeZone; a startup packet may say timezone (libpq's PGTZ)
        Map<String, String> values = settings.values();
        String zone = values.get("TimeZone");
        return zone != null ? zone : values.getOrDefault("timezone", defaultTimeZone);
    }

    /** A statement about to run may change session settings: they are read again once the session is idle. */
    void settingsMayChange() {
        settingsMayHaveChanged = true;
    }

    /** True when a SET may have changed the settings since they were last read. */
    boolean settingsMayHaveChanged() {
        return settingsMayHaveChanged;
    }

    /** The leased connection, leased now when the session holds none. */
    BackendLease acquireLease() {
        BackendLease held = lease;
        if (held == null) {
            held = pool.acquire(identity, settings);
            lease = held;
        }
        return held;
    }

    boolean hasLease() {
        return lease != null;
    }

    /** The connection the session holds, null when none. */
    BackendLease heldLease() {
        return lease;
    }

    /** The ReadyForQuery status: the backend's when a connection is held, idle otherwise. */
    TransactionStatus transactionStatus() {
        BackendLease held = lease;
        return held == null ? TransactionStatus.IDLE : held.transactionStatus();
    }

    /** Returns the held connection to the pool; {@code discard} closes it instead (its session state must go). */
    void releaseLease(boolean discard) {
        BackendLease held = lease;
        lease = null;
        if (held == null) {
            return;
        }
        if (discard) {
            held.markBroken();
        }
        held.close();
    }

    /** Asks the backend to cancel the statement running on the held connection, if any (from another thread). */
    void cancelRunning() {
        BackendLease held = lease;
        if (held != null) {
            held.cancel();
        }
    }

    /** Reads the session's settings and roles from its connection, and tells the pool what that connection carries. */
    void readSettings() {
        settingsMayHaveChanged = false;
        BackendLease held = acquireLease();
        Map<String, String> now = new TreeMap<>();
        held.run(SessionSettings.SNAPSHOT_SQL, 0, List.of(), new RowCollector(row -> now.put(
                new String(row[0], StandardCharsets.UTF_8), new String(row[1], StandardCharsets.UTF_8))));
        identity = identity.with(now.remove(SessionSettings.SESSION_AUTHORIZATION), now.remove(SessionSettings.ROLE));
        settings = SessionSettings.of(now);
        pool.recordSettings(held, settings, identity);
    }
}
