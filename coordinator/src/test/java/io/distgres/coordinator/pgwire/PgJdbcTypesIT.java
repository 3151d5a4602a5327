package io.distgres.coordinator.pgwire;

import static io.distgres.coordinator.pgwire.JdbcModes.comparable;
import static io.distgres.coordinator.pgwire.JdbcModes.connect;
import static io.distgres.coordinator.pgwire.JdbcModes.queryString;
import static org.assertj.core.api.Assertions.assertThat;

import io.distgres.coordinator.testing.EmbeddedClusterExtension;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.util.PGInterval;
import org.postgresql.util.PGobject;

/**
 * Every common type through pgjdbc and the front door, in each protocol mode, compared with what the
 * same query returns from the coordinator's PostgreSQL directly: literals in results (text and binary
 * result formats) and values bound with {@code setXxx} and read back with {@code getXxx}.
 */
class PgJdbcTypesIT {
    @RegisterExtension
    static EmbeddedClusterExtension cluster = EmbeddedClusterExtension.cluster();

    /** Result expressions; each is selected alone, through the coordinator and directly. */
    private static final List<String> LITERALS = List.of(
            "32767::int2", "(-32768)::int2", "(-2147483648)::int4", "9223372036854775807::int8",
            "123456789012345678901234567890.123456789012345678901234567890::numeric",
            "(-0.000000000000000000000000000001)::numeric", "'NaN'::numeric", "0::numeric(20,10)",
            "1e100::numeric", "(-987654321.5)::numeric(30,4)",
            "3.4028235e38::float4", "'NaN'::float4", "'-Infinity'::float4", "1.0000001::float4",
            "'Infinity'::float8", "'NaN'::float8", "2.2250738585072014e-308::float8", "0.1::float8",
            "true", "false", "NULL::bool",
            "'héllo wörld ☃ 𝄞 ''quoted'' back\\slash'::text", "'日本語テキスト'::varchar(20)", "''::text",
            "'\\x00ff10fe'::bytea", "''::bytea",
            "'2024-02-29'::date", "'infinity'::date", "'0044-03-15 BC'::date",
            "'23:59:59.999999'::time", "'00:00'::time",
            "'2024-02-29 12:34:56.789012'::timestamp", "'1900-01-01 00:00:00'::timestamp",
            "'2024-02-29 12:34:56.789012+05:30'::timestamptz", "'-infinity'::timestamptz",
            "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid",
            "'{\"a\": [1, 2.50, null], \"b\": \"ü\"}'::json", "'{\"b\": \"ü\", \"a\": [1, 2.50, null]}'::jsonb",
            "ARRAY[1, NULL, 3]::int[]", "'{{1,2},{3,4}}'::int8[]", "'{}'::int[]",
            "ARRAY['a', NULL, 'with \"quotes\"', 'back\\slash', 'comma,', '', 'NULL']::text[]",
            "ARRAY[1.5, NULL, 'NaN']::numeric[]", "ARRAY['2024-01-01'::date, NULL]",
            "'1 year 2 mons 3 days 04:05:06.789'::interval", "'-1 days +02:00:00'::interval");

    @ParameterizedTest
    @MethodSource("io.distgres.coordinator.pgwire.JdbcModes#all")
    void literalsReadTheSameAsDirectly(String mode) throws SQLException {
        List<String> mismatches = new ArrayList<>();
        try (Connection front = connect(cluster.jdbcUrl(), mode);
             Connection direct = connect(cluster.coordinatorPostgresJdbcUrl(), mode)) {
            for (String literal : LITERALS) {
                String sql = "SELECT " + literal + " AS v";
                // run three times so named statements switch to binary results after the first describe
                for (int run = 0; run < 3; run++) {
                    List<Object> got = readLiteral(front, sql);
                    List<Object> want = readLiteral(direct, sql);
                    if (!got.equals(want)) {
                        mismatches.add(literal + " (run " + run + "): front door " + got + ", direct " + want);
                    }
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    /** A value bound with a setter, read back with a getter; {@code expected} is what a correct server yields. */
    private record Bound(String sqlType, Binder binder, Reader reader, Object expected) {
    }

    @FunctionalInterface
    private interface Binder {
        void bind(Connection connection, PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    private interface Reader {
        Object read(ResultSet rs) throws SQLException;
    }

    private static List<Bound> boundValues() throws SQLException {
        byte[] allBytes = new byte[256];
        for (int i = 0; i < allBytes.length; i++) {
            allBytes[i] = (byte) i;
        }
        PGobject json = new PGobject();
        json.setType("json");
        json.setValue("{\"k\": [1, \"ü\", null], \"q\": \"\\\"\"}");
        PGobject jsonb = new PGobject();
        jsonb.setType("jsonb");
        jsonb.setValue(json.getValue());
        PGInterval interval = new PGInterval("1 year 2 mons -3 days 04:05:06.789");
        BigDecimal bigNumeric = new BigDecimal("-12345678901234567890.000000000000000000000012345");
        OffsetDateTime odt = OffsetDateTime.of(2024, 2, 29, 12, 34, 56, 789_012_000, ZoneOffset.ofHoursMinutes(5, 30));
        UUID uuid = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        return List.of(
                new Bound("int2", (c, s) -> s.setShort(1, Short.MIN_VALUE), rs -> rs.getShort(1), Short.MIN_VALUE),
                new Bound("int4", (c, s) -> s.setInt(1, Integer.MIN_VALUE), rs -> rs.getInt(1), Integer.MIN_VALUE),
                new Bound("int8", (c, s) -> s.setLong(1, Long.MAX_VALUE), rs -> rs.getLong(1), Long.MAX_VALUE),
                new Bound("numeric", (c, s) -> s.setBigDecimal(1, bigNumeric), rs -> rs.getBigDecimal(1), bigNumeric),
                new Bound("numeric", (c, s) -> s.setString(1, "NaN"), rs -> rs.getString(1), "NaN"),
                new Bound("numeric", (c, s) -> s.setDouble(1, Double.NaN), rs -> rs.getDouble(1), Double.NaN),
                new Bound("float4", (c, s) -> s.setFloat(1, Float.NaN), rs -> rs.getFloat(1), Float.NaN),
                new Bound("float4", (c, s) -> s.setFloat(1, Float.NEGATIVE_INFINITY), rs -> rs.getFloat(1),
                        Float.NEGATIVE_INFINITY),
                new Bound("float4", (c, s) -> s.setFloat(1, 1.1f), rs -> rs.getFloat(1), 1.1f),
                new Bound("float8", (c, s) -> s.setDouble(1, Double.POSITIVE_INFINITY), rs -> rs.getDouble(1),
                        Double.POSITIVE_INFINITY),
                new Bound("float8", (c, s) -> s.setDouble(1, Double.MIN_VALUE), rs -> rs.getDouble(1), Double.MIN_VALUE),
                new Bound("float8", (c, s) -> s.setDouble(1, 0.1), rs -> rs.getDouble(1), 0.1),
                new Bound("bool", (c, s) -> s.setBoolean(1, true), rs -> rs.getBoolean(1), true),
                new Bound("text", (c, s) -> s.setString(1, "ünïcödé ☃ 𝄞 'q' \"d\" \\"), rs -> rs.getString(1),
                        "ünïcödé ☃ 𝄞 'q' \"d\" \\"),
                new Bound("varchar(8)", (c, s) -> s.setString(1, "日本語"), rs -> rs.getString(1), "日本語"),
                new Bound("bytea", (c, s) -> s.setBytes(1, allBytes), rs -> comparable(rs.getBytes(1)),
                        comparable(allBytes)),
                new Bound("date", (c, s) -> s.setObject(1, LocalDate.of(2024, 2, 29)),
                        rs -> rs.getObject(1, LocalDate.class), LocalDate.of(2024, 2, 29)),
                new Bound("time", (c, s) -> s.setObject(1, LocalTime.of(23, 59, 59, 999_999_000)),
                        rs -> rs.getObject(1, LocalTime.class), LocalTime.of(23, 59, 59, 999_999_000)),
                new Bound("timestamp", (c, s) -> s.setObject(1, LocalDateTime.of(2024, 2, 29, 1, 2, 3, 4_000)),
                        rs -> rs.getObject(1, LocalDateTime.class), LocalDateTime.of(2024, 2, 29, 1, 2, 3, 4_000)),
                new Bound("timestamptz", (c, s) -> s.setObject(1, odt),
                        rs -> rs.getObject(1, OffsetDateTime.class).toInstant(), odt.toInstant()),
                new Bound("uuid", (c, s) -> s.setObject(1, uuid), rs -> rs.getObject(1, UUID.class), uuid),
                new Bound("json", (c, s) -> s.setObject(1, json), rs -> rs.getString(1), json.getValue()),
                new Bound("jsonb", (c, s) -> s.setObject(1, jsonb), rs -> rs.getString(1),
                        "{\"k\": [1, \"ü\", null], \"q\": \"\\\"\"}"),
                new Bound("int4[]", (c, s) -> s.setArray(1, c.createArrayOf("int4", new Integer[] {1, null, 3})),
                        rs -> comparable(rs.getArray(1)), java.util.Arrays.asList(1, null, 3)),
                new Bound("text[]", (c, s) -> s.setArray(1, c.createArrayOf("text",
                                new String[] {"a", null, "q\"uote", "back\\slash", "NULL", "", "{brace}", "x,y"})),
                        rs -> comparable(rs.getArray(1)),
                        java.util.Arrays.asList("a", null, "q\"uote", "back\\slash", "NULL", "", "{brace}", "x,y")),
                new Bound("interval", (c, s) -> s.setObject(1, interval), rs -> rs.getObject(1), interval),
                new Bound("int4", (c, s) -> s.setNull(1, java.sql.Types.INTEGER), rs -> rs.getObject(1), null));
    }

    @ParameterizedTest
    @MethodSource("io.distgres.coordinator.pgwire.JdbcModes#all")
    void boundValuesRoundTrip(String mode) throws SQLException {
        List<String> mismatches = new ArrayList<>();
        try (Connection front = connect(cluster.jdbcUrl(), mode);
             Connection direct = connect(cluster.coordinatorPostgresJdbcUrl(), mode)) {
            for (Bound value : boundValues()) {
                String sql = "SELECT CAST(? AS " + value.sqlType() + ")";
                try (PreparedStatement viaFront = front.prepareStatement(sql);
                     PreparedStatement viaDirect = direct.prepareStatement(sql)) {
                    for (int run = 0; run < 3; run++) {
                        Object got = bindAndRead(front, viaFront, value);
                        Object want = bindAndRead(direct, viaDirect, value);
                        if (!Objects.equals(got, value.expected()) || !Objects.equals(want, value.expected())) {
                            mismatches.add(value.sqlType() + " (run " + run + "): front door " + got + ", direct "
                                    + want + ", expected " + value.expected());
                        }
                    }
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("io.distgres.coordinator.pgwire.JdbcModes#all")
    void timestamptzFollowsTheSessionTimeZone(String mode) throws SQLException {
        OffsetDateTime odt = OffsetDateTime.of(2024, 7, 1, 23, 30, 0, 123_456_000, ZoneOffset.ofHours(-7));
        try (Connection front = connect(cluster.jdbcUrl(), mode);
             Connection direct = connect(cluster.coordinatorPostgresJdbcUrl(), mode)) {
            // pgjdbc sends the JVM zone as TimeZone in the startup packet
            assertThat(queryString(front, "SHOW TimeZone")).isEqualTo(queryString(direct, "SHOW TimeZone"));
            for (Connection c : List.of(front, direct)) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET TIME ZONE 'Asia/Kolkata'");
                }
            }
            assertThat(queryString(front, "SHOW TimeZone")).isEqualTo("Asia/Kolkata");
            String sql = "SELECT CAST(? AS timestamptz)::text, CAST(? AS timestamptz), '2024-01-01 00:00'::timestamptz";
            for (int run = 0; run < 3; run++) {
                List<Object> got = bindTimestamptz(front, sql, odt);
                assertThat(got).isEqualTo(bindTimestamptz(direct, sql, odt));
                assertThat(got.get(0)).isEqualTo("2024-07-02 12:00:00.123456+05:30");
                assertThat(got.get(1)).isEqualTo(odt.toInstant());
            }
        }
    }

    private static List<Object> bindTimestamptz(Connection c, String sql, OffsetDateTime value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, value);
            s.setObject(2, value);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return List.of(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3));
            }
        }
    }

    private static Object bindAndRead(Connection c, PreparedStatement statement, Bound value) throws SQLException {
        value.binder().bind(c, statement);
        try (ResultSet rs = statement.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return value.reader().read(rs);
        }
    }

    private static List<Object> readLiteral(Connection c, String sql) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            assertThat(rs.next()).isTrue();
            List<Object> values = new ArrayList<>();
            String typeName = rs.getMetaData().getColumnTypeName(1);
            values.add(typeName);
            // pgjdbc's getString on a binary bytea prints the byte[] identity, so read bytea as bytes
            values.add(typeName.equals("bytea") ? comparable(rs.getBytes(1)) : rs.getString(1));
            try {
                values.add(comparable(rs.getObject(1)));
            } catch (SQLException e) {
                // pgjdbc itself cannot decode some values (NaN inside numeric[]); both sides must fail alike
                values.add("getObject failed: " + e.getMessage());
            }
            return values;
        }
    }
}
