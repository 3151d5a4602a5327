package io.distgres.coordinator.pgwire;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The pgjdbc protocol modes every front-door test runs in, and small helpers shared by those tests.
 * Each mode exercises a different path through the front door: unnamed extended-protocol statements,
 * named server statements with binary parameters and results, and the simple query protocol.
 */
final class JdbcModes {
    /** URL suffixes, appended with {@code &} to a URL that already has {@code ?user=...}. */
    static final String UNNAMED = "prepareThreshold=0";
    static final String NAMED_BINARY = "prepareThreshold=1&binaryTransfer=true";
    static final String SIMPLE = "preferQueryMode=simple";

    private JdbcModes() {
    }

    /** The {@code @MethodSource} of the parameterized tests. */
    static Stream<String> all() {
        return Stream.of(UNNAMED, NAMED_BINARY, SIMPLE);
    }

    /** A short name for the mode, to keep per-mode tables apart. */
    static String label(String mode) {
        return switch (mode) {
            case UNNAMED -> "unnamed";
            case NAMED_BINARY -> "named";
            case SIMPLE -> "simple";
            default -> throw new IllegalArgumentException(mode);
        };
    }

    static Connection connect(String baseUrl, String mode) throws SQLException {
        return DriverManager.getConnection(baseUrl + "&" + mode);
    }

    static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            if (!rs.next()) {
                throw new AssertionError("no row from " + sql);
            }
            return rs.getString(1);
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** A value as comparable data: arrays become lists, bytes become hex, so {@code equals} compares content. */
    static Object comparable(Object value) throws SQLException {
        if (value instanceof Array array) {
            return comparable(array.getArray());
        }
        if (value instanceof byte[] bytes) {
            return "\\x" + HexFormat.of().formatHex(bytes);
        }
        if (value instanceof Object[] elements) {
            List<Object> list = new ArrayList<>(elements.length);
            for (Object element : elements) {
                list.add(comparable(element));
            }
            return list;
        }
        return value;
    }
}
