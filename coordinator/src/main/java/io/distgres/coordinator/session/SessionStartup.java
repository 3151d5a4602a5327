package io.distgres.coordinator.session;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.BackendPool;
import io.distgres.coordinator.backend.SessionIdentity;
import io.distgres.coordinator.backend.SessionSettings;
import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.pgwire.codec.BackendMessages;
import io.distgres.coordinator.pgwire.codec.ClientConnection;
import io.distgres.coordinator.pgwire.codec.FrontendMessage;
import io.distgres.sqlstate.SqlState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The startup of a session: checks the startup packet (user, database, replication), logs the
 * user in through the coordinator database (its authentication and role), applies the settings
 * the packet asks for, and answers as PostgreSQL does: AuthenticationOk, the reported parameters
 * and BackendKeyData. Any failure is FATAL.
 */
final class SessionStartup {
    private static final Set<String> PROTOCOL_STARTUP_KEYS = Set.of("user", "database", "options",
            "client_encoding", "replication", "_pq_.protocol_managed");

    private final String databaseName;
    private final BackendPool pool;
    private final SessionState state;
    private final ParameterStatusReporter parameters;
    private final ClientConnection out;

    /** @param databaseName the one database sessions may connect to */
    SessionStartup(String databaseName, BackendPool pool, SessionState state, ParameterStatusReporter parameters,
                   ClientConnection out) {
        this.databaseName = requireNonNull(databaseName, "databaseName is null");
        this.pool = requireNonNull(pool, "pool is null");
        this.state = requireNonNull(state, "state is null");
        this.parameters = requireNonNull(parameters, "parameters is null");
        this.out = requireNonNull(out, "out is null");
    }

    /** Starts the session; ReadyForQuery is left to the caller. */
    void start(FrontendMessage.Startup startup, int processId, int secretKey) {
        Map<String, String> packet = startup.parameters();
        String user = packet.getOrDefault("user", "");
        if (user.isEmpty()) {
            throw new PgException(PgError.fatal(SqlState.INVALID_AUTHORIZATION,
                    "no PostgreSQL user name specified in startup packet"));
        }
        String database = packet.getOrDefault("database", user);
        if (!database.equals(databaseName)) {
            throw new PgException(PgError.fatal(SqlState.INVALID_CATALOG_NAME,
                    "database \"" + database + "\" does not exist"));
        }
        String clientEncoding = ClientEncodings.normalize(packet.getOrDefault("client_encoding", "UTF8"), true);
        if (packet.containsKey("replication") && !"false".equalsIgnoreCase(packet.get("replication"))) {
            throw new PgException(PgError.fatal(SqlState.FEATURE_NOT_SUPPORTED,
                    "replication connections are not supported by distgres"));
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        packet.forEach((name, value) -> {
            if (!PROTOCOL_STARTUP_KEYS.contains(name) && !name.startsWith("_pq_.")) {
                wanted.put(name, value);
            }
        });
        wanted.putAll(StartupOptions.parse(packet.getOrDefault("options", "")));
        Map<String, String> initial;
        try {
            state.loggedIn(user, SessionIdentity.loggedInAs(user, pool.verifyLogin(user)), SessionSettings.of(wanted));
            state.acquireLease();
            if (!wanted.isEmpty()) {
                state.readSettings();
            }
            initial = new TreeMap<>(state.heldLease().reportedParameters());
        } catch (PgException e) {
            state.releaseLease(false);
            PgError error = e.error();
            throw new PgException(new PgError("FATAL", error.sqlState(), error.message(), error.detail(),
                    error.hint(), 0, error.where(), null, null, null, null, null));
        }
        out.write(BackendMessages::authenticationOk);
        state.defaultTimeZone(initial.getOrDefault("TimeZone", "UTC"));
        initial.put("client_encoding", clientEncoding);
        parameters.reportAll(initial);
        state.releaseLease(false);
        out.write(buf -> BackendMessages.backendKeyData(buf, processId, secretKey));
    }
}
