package io.distgres.coordinator.session;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.BackendLease;
import io.distgres.coordinator.pgwire.codec.BackendMessages;
import io.distgres.coordinator.pgwire.codec.ClientConnection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tells the client the parameters PostgreSQL reports (GUC_REPORT) with ParameterStatus: all of
 * them at startup, then each one the backend changed since the client last heard of it.
 */
final class ParameterStatusReporter {
    /** Parameters PostgreSQL reports with ParameterStatus. */
    private static final Set<String> REPORTED = Set.of("application_name", "DateStyle", "IntervalStyle",
            "TimeZone", "standard_conforming_strings", "is_superuser", "integer_datetimes", "server_version",
            "server_encoding", "session_authorization", "default_transaction_read_only", "in_hot_standby",
            "search_path", "scram_iterations");
    private static final String CLIENT_ENCODING = "client_encoding";

    private final ClientConnection out;
    private final Map<String, String> reportedToClient = new HashMap<>();

    ParameterStatusReporter(ClientConnection out) {
        this.out = requireNonNull(out, "out is null");
    }

    /** At startup: every reported parameter of {@code initial}, and the client encoding the front door speaks. */
    void reportAll(Map<String, String> initial) {
        initial.forEach((name, value) -> {
            if (REPORTED.contains(name) || name.equals(CLIENT_ENCODING)) {
                report(name, value);
            }
        });
    }

    /** Forwards the reported parameters {@code lease}'s backend changed since the client last heard. */
    void reportChanges(BackendLease lease) {
        if (lease == null) {
            return;
        }
        lease.reportedParameters().forEach((name, value) -> {
            if (REPORTED.contains(name) && !value.equals(reportedToClient.get(name))) {
                report(name, value);
            }
        });
    }

    /** SET client_encoding took effect at the front door. */
    void reportClientEncoding(String encoding) {
        report(CLIENT_ENCODING, encoding);
    }

    private void report(String name, String value) {
        reportedToClient.put(name, value);
        out.write(buf -> BackendMessages.parameterStatus(buf, name, value));
    }
}
