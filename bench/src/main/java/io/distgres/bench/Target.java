package io.distgres.bench;

import java.util.List;

/**
 * One side of the comparison: a PostgreSQL wire endpoint (the distgres coordinator or a plain
 * PostgreSQL) that pgbench, psql and pgjdbc connect to as {@code postgres} without a password.
 */
public record Target(String name, String host, int port) {
    static final String USER = "postgres";
    static final String DATABASE = "postgres";

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + DATABASE + "?user=" + USER;
    }

    /** libpq connection arguments for pgbench and psql. */
    public List<String> clientArguments() {
        return List.of("-h", host, "-p", Integer.toString(port), "-U", USER, DATABASE);
    }
}
