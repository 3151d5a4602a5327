package io.distgres.coordinator.metadata;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * One worker PostgreSQL server as {@code distgres.dist_node} records it.
 *
 * @param nodeId    stable id, never reused; placements refer to it
 * @param name      the configured worker name (unique), e.g. {@code worker-1}
 * @param host      the worker's PostgreSQL host (what {@code citus_nodes.nodename} shows)
 * @param port      the worker's PostgreSQL port
 * @param agentHost the worker agent's gRPC host
 * @param agentPort the worker agent's gRPC port
 * @param role      primary or streaming replica
 * @param primaryId for a replica, the node id of its primary
 * @param state     inactive nodes get no tasks
 */
public record DistNode(int nodeId, String name, String host, int port, String agentHost, int agentPort,
        Role role, OptionalInt primaryId, State state) {

    public DistNode {
        requireNonNull(name, "name is null");
        requireNonNull(host, "host is null");
        requireNonNull(agentHost, "agentHost is null");
        requireNonNull(role, "role is null");
        requireNonNull(primaryId, "primaryId is null");
        requireNonNull(state, "state is null");
    }

    /** {@code dist_node.role}. */
    public enum Role {
        PRIMARY, REPLICA;

        static Role fromSql(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    /** {@code dist_node.state}. */
    public enum State {
        ACTIVE, INACTIVE;

        static State fromSql(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    public boolean isActive() {
        return state == State.ACTIVE;
    }
}
