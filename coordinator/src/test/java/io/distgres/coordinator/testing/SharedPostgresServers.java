package io.distgres.coordinator.testing;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.launcher.EmbeddedPostgresServer;
import io.distgres.coordinator.launcher.EmbeddedPostgresServers;
import io.distgres.coordinator.launcher.InitdbTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The embedded PostgreSQL servers (coordinator's and workers') that the test classes of one JVM
 * take turns on, so a class pays for fresh databases instead of initdb and postmaster starts and stops.
 *
 * <p>When a class gives the servers back, each server's database {@code postgres} is dropped and
 * created again from {@code template0} (what initdb made it from), and the databases and roles the
 * class added are dropped. What lives outside a database (roles, memberships, databases, tablespaces, role settings,
 * {@code ALTER SYSTEM}, replication slots, subscriptions, prepared transactions) is then compared
 * with what the servers held when they were new. Any difference, a failed step, or a postmaster
 * that died or was restarted retires the servers: the next class gets new ones. Isolation is thus
 * checked, not assumed.
 *
 * <p>One instance per worker count lives in the JUnit root store and is closed when the JVM's tests end.
 */
final class SharedPostgresServers implements AutoCloseable {
    /**
     * Everything a class could change outside its databases, one line per fact, in a fixed order; run
     * in template1, which new databases of later classes are copied from.
     */
    private static final String GLOBAL_STATE = """
            SELECT 'role ' || rolname || ' ' || rolsuper || rolinherit || rolcreaterole || rolcreatedb || rolcanlogin
                   || rolreplication || rolbypassrls || ' ' || rolconnlimit || ' ' || coalesce(rolpassword, '-')
                   || ' ' || coalesce(rolvaliduntil::text, '-') FROM pg_authid
            UNION ALL SELECT 'member ' || roleid::regrole || ' ' || member::regrole || ' ' || admin_option
                   FROM pg_auth_members
            UNION ALL SELECT 'database ' || datname || ' ' || datallowconn || ' ' || datconnlimit || ' '
                   || coalesce(datacl::text, '-') || ' ' || pg_get_userbyid(datdba) FROM pg_database
            UNION ALL SELECT 'tablespace ' || spcname FROM pg_tablespace
            UNION ALL SELECT 'role setting ' || setdatabase || ' ' || setrole || ' ' || array_to_string(setconfig, ',')
                   FROM pg_db_role_setting
            UNION ALL SELECT 'parameter acl ' || parname FROM pg_parameter_acl
            UNION ALL SELECT 'file setting ' || name || '=' || coalesce(setting, '') FROM pg_file_settings
                   WHERE sourcefile LIKE '%postgresql.auto.conf'
            UNION ALL SELECT 'slot ' || slot_name FROM pg_replication_slots
            UNION ALL SELECT 'subscription ' || subname FROM pg_subscription
            UNION ALL SELECT 'prepared ' || gid FROM pg_prepared_xacts
            UNION ALL SELECT 'template1 holds ' || (SELECT count(*) FROM pg_class) || ' relations, '
                   || (SELECT count(*) FROM pg_proc) || ' functions, ' || (SELECT count(*) FROM pg_extension) || ' extensions'
            ORDER BY 1
            """;

    private final int workerCount;
    private final Optional<InitdbTemplate> template;
    private final Consumer<String> progress;
    private Servers idle;

    /** One set of servers with what they held when new. */
    record Servers(EmbeddedPostgresServers postgres, Path dataDirectory, List<Long> postmasterPids,
                   List<List<String>> globalState) {
    }

    SharedPostgresServers(int workerCount, Optional<InitdbTemplate> template, Consumer<String> progress) {
        this.workerCount = workerCount;
        this.template = requireNonNull(template, "template is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    /** The idle servers, or new ones when there are none (a class before gave back servers it changed). */
    synchronized Servers take() throws IOException, SQLException {
        if (idle != null) {
            Servers servers = idle;
            idle = null;
            return servers;
        }
        Path dataDirectory = Files.createTempDirectory("distgres-shared-" + workerCount + "w-");
        EmbeddedPostgresServers postgres = new EmbeddedPostgresServers(dataDirectory, workerCount, false, progress, template);
        postgres.start();
        try {
            return new Servers(postgres, dataDirectory, postmasterPids(postgres), globalState(postgres));
        } catch (SQLException | RuntimeException e) {
            retire(new Servers(postgres, dataDirectory, List.of(), List.of()), e.getMessage());
            throw e;
        }
    }

    /**
     * Takes the servers back after a class (its coordinator and agents stopped): reset for the next
     * class when that works and leaves nothing behind, else stopped.
     */
    synchronized void giveBack(Servers servers, String testClass) {
        String problem;
        try {
            problem = reset(servers);
        } catch (SQLException | RuntimeException e) {
            problem = "resetting failed: " + e.getMessage();
        }
        if (problem == null && idle == null) {
            idle = servers;
            return;
        }
        retire(servers, problem == null ? "another set is idle already" : "after " + testClass + ": " + problem);
    }

    /** Null once the servers are as new, else what is different. */
    private static String reset(Servers servers) throws SQLException {
        if (!postmasterPids(servers.postgres()).equals(servers.postmasterPids())) {
            return "a PostgreSQL server was restarted";
        }
        for (EmbeddedPostgresServer server : all(servers.postgres())) {
            if (!server.isAlive()) {
                return server.name() + " PostgreSQL is not running";
            }
        }
        List<List<String>> before = servers.globalState();
        List<EmbeddedPostgresServer> all = all(servers.postgres());
        for (int i = 0; i < all.size(); i++) {
            try (Connection c = DriverManager.getConnection(maintenanceUrl(all.get(i))); Statement s = c.createStatement()) {
                // FORCE ends sessions a class left open; it refuses while prepared transactions hold the database
                s.execute("DROP DATABASE " + EmbeddedPostgresServer.DATABASE + " WITH (FORCE)");
                s.execute("CREATE DATABASE " + EmbeddedPostgresServer.DATABASE + " TEMPLATE template0");
                for (String database : added(s, before.get(i), "database ", "SELECT datname FROM pg_database")) {
                    s.execute("DROP DATABASE \"" + database.replace("\"", "\"\"") + "\" WITH (FORCE)");
                }
                for (String role : added(s, before.get(i), "role ", "SELECT rolname FROM pg_authid")) {
                    s.execute("DROP ROLE \"" + role.replace("\"", "\"\"") + "\"");
                }
                List<String> after = lines(s, GLOBAL_STATE);
                if (!after.equals(before.get(i))) {
                    Set<String> changed = new HashSet<>(after);
                    changed.removeAll(before.get(i));
                    Set<String> gone = new HashSet<>(before.get(i));
                    gone.removeAll(after);
                    return all.get(i).name() + " PostgreSQL differs from new: added " + changed + ", missing " + gone;
                }
            }
        }
        return null;
    }

    /** The names {@code names} lists now that have no {@code kind} line in {@code before} (names hold no space). */
    private static List<String> added(Statement s, List<String> before, String kind, String names) throws SQLException {
        Set<String> known = new HashSet<>();
        for (String line : before) {
            if (line.startsWith(kind)) {
                known.add(line.substring(kind.length(), line.indexOf(' ', kind.length())));
            }
        }
        List<String> added = new ArrayList<>();
        for (String name : lines(s, names)) {
            if (!known.contains(name)) {
                added.add(name);
            }
        }
        return added;
    }

    private void retire(Servers servers, String reason) {
        progress.accept("stopping the shared PostgreSQL servers in " + servers.dataDirectory() + ": " + reason);
        try {
            servers.postgres().close();
        } catch (IOException e) {
            progress.accept("stopping the shared PostgreSQL servers failed: " + e.getMessage());
        }
        try {
            deleteRecursively(servers.dataDirectory());
        } catch (IOException e) {
            progress.accept("deleting " + servers.dataDirectory() + " failed: " + e.getMessage());
        }
    }

    /** Stops the idle servers (the JVM's tests are over). */
    @Override
    public synchronized void close() {
        if (idle != null) {
            retire(idle, "the tests are over");
            idle = null;
        }
    }

    private static List<Long> postmasterPids(EmbeddedPostgresServers postgres) {
        return all(postgres).stream().map(EmbeddedPostgresServer::postmasterPid).toList();
    }

    private static List<List<String>> globalState(EmbeddedPostgresServers postgres) throws SQLException {
        List<List<String>> states = new ArrayList<>();
        for (EmbeddedPostgresServer server : all(postgres)) {
            try (Connection c = DriverManager.getConnection(maintenanceUrl(server)); Statement s = c.createStatement()) {
                states.add(lines(s, GLOBAL_STATE));
            }
        }
        return states;
    }

    private static List<EmbeddedPostgresServer> all(EmbeddedPostgresServers postgres) {
        List<EmbeddedPostgresServer> all = new ArrayList<>();
        all.add(postgres.coordinator());
        all.addAll(postgres.workers());
        return all;
    }

    /** template1: a database no test uses, from which {@code postgres} can be dropped. */
    private static String maintenanceUrl(EmbeddedPostgresServer server) {
        return "jdbc:postgresql://" + server.host() + ":" + server.port() + "/template1?user=" + server.user();
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static List<String> lines(Statement s, String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                lines.add(rows.getString(1));
            }
        }
        return lines;
    }
}
