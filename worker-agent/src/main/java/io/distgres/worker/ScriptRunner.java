package io.distgres.worker;

import static java.util.Objects.requireNonNull;

import io.distgres.proto.worker.v1.ScriptRequest;
import io.distgres.proto.worker.v1.ScriptResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs a script — several statements — in one transaction on one pooled connection, so a
 * worker applies all of them (e.g. every shard it receives, or one DDL on all its shards) or none.
 */
final class ScriptRunner {
    private final PostgresPool pool;
    private final RolesOnConnection roles;

    ScriptRunner(PostgresPool pool, RolesOnConnection roles) {
        this.pool = requireNonNull(pool, "pool is null");
        this.roles = requireNonNull(roles, "roles is null");
    }

    ScriptResponse run(ScriptRequest request) throws SQLException {
        ScriptResponse.Builder response = ScriptResponse.newBuilder();
        boolean broken = false;
        Connection connection = pool.connection(request.getIdentity());
        try {
            roles.apply(connection, request.getIdentity());
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.setEscapeProcessing(false);
                for (String sql : request.getStatementsList()) {
                    statement.execute(sql);
                    int count = statement.getUpdateCount();
                    response.addCommandTags(count >= 0 ? Integer.toString(count) : "");
                }
            }
            connection.commit();
            return response.build();
        } catch (SQLException e) {
            broken = !rollback(connection);
            throw e;
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                broken = true;
            }
            if (broken) {
                pool.evict(connection);
            } else {
                connection.close();
            }
        }
    }

    private static boolean rollback(Connection connection) {
        try {
            connection.rollback();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
