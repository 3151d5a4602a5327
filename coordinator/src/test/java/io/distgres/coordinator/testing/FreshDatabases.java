package io.distgres.coordinator.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Creates empty databases on one PostgreSQL server, so each test starts from a database no
 * other test has touched.
 */
public final class FreshDatabases {
    private final String serverJdbcUrl;
    private final AtomicInteger counter = new AtomicInteger();

    /** {@code serverJdbcUrl} names database {@code postgres}, like the extension's direct URLs. */
    public FreshDatabases(String serverJdbcUrl) {
        if (!serverJdbcUrl.contains("/postgres?")) {
            throw new IllegalArgumentException("expected a URL of database postgres: " + serverJdbcUrl);
        }
        this.serverJdbcUrl = serverJdbcUrl;
    }

    /** Creates database {@code <prefix>_<n>} and returns its JDBC URL (with the same user). */
    public String create(String prefix) throws SQLException {
        String name = prefix + "_" + counter.incrementAndGet();
        try (Connection c = DriverManager.getConnection(serverJdbcUrl); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return serverJdbcUrl.replace("/postgres?", "/" + name + "?");
    }

    /** A plain (unpooled) data source for a URL from {@link #create}. */
    public static DataSource dataSource(String jdbcUrl) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl);
        return dataSource;
    }
}
