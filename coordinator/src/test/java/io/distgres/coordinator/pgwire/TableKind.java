package io.distgres.coordinator.pgwire;

import io.distgres.coordinator.testing.EmbeddedClusterExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** A local table, or (on distgres) a distributed one; on plain PostgreSQL both are plain tables. */
enum TableKind {
    LOCAL, DISTRIBUTED;

    /** Every {@link WireTarget} with every kind: the {@code @MethodSource} of wire tests on tables. */
    static Stream<Arguments> withEveryTarget() {
        return Arrays.stream(WireTarget.values())
                .flatMap(target -> Arrays.stream(values()).map(kind -> Arguments.of(target, kind)));
    }

    /**
     * A fresh empty table {@code (id int PRIMARY KEY, payload text)} of this kind, distributed by
     * {@code id} on distgres; its name is distinct per target, as both share one database.
     */
    String create(EmbeddedClusterExtension cluster, WireTarget target, String name) throws SQLException {
        String table = (target == WireTarget.DISTGRES ? "dg_" : "pg_") + name + "_" + name().toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(cluster)); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, payload text)");
            if (this == DISTRIBUTED && target == WireTarget.DISTGRES) {
                s.execute("SELECT create_distributed_table('" + table + "', 'id')");
            }
        }
        return table;
    }
}
