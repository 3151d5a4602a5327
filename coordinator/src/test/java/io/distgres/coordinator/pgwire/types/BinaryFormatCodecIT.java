package io.distgres.coordinator.pgwire.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves the converters against PostgreSQL 17 itself: for generated values of every type, text to binary must
 * equal the type's {@code *send} output, and binary to text must read back (in PostgreSQL) to the same bytes.
 */
class BinaryFormatCodecIT {
    /** A random sign per row, so intervals mix positive and negative fields. */
    private static final String SIGN = "(CASE WHEN random() < 0.5 THEN -1 ELSE 1 END)";

    private static EmbeddedPostgres postgres;
    private static Connection connection;

    private final BinaryFormatCodec codec = new BinaryFormatCodec();
    private final Random random = new Random(42);

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        // text results only, so getBytes yields exactly what the type's output function printed
        connection = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres") + "&binaryTransfer=false");
        try (Statement statement = connection.createStatement()) {
            // a zone with a half-hour offset, and local mean time (+05:53:28) before 1854
            statement.execute("SET TimeZone = 'Asia/Kolkata'");
            statement.execute("SELECT setseed(0.42)");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** One value as PostgreSQL prints and sends it. */
    private record Sample(String text, byte[] binary) {
    }

    /** A type under test: its SQL name, send function, and a query yielding values as column {@code v}. */
    private record Case(PgType type, String sqlType, String sendFunction, List<String> literals, String extraSql) {
        String valuesSql() {
            String fromLiterals = "SELECT x::" + sqlType + " AS v FROM unnest(?::text[]) x";
            return extraSql == null ? fromLiterals : fromLiterals + " UNION ALL " + extraSql;
        }
    }

    @Test
    void oidsMatchPgType() throws SQLException {
        List<String> mismatches = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT oid::int, typarray::int FROM pg_type WHERE typname = ? AND typnamespace = 11")) {
            for (PgType type : PgType.values()) {
                statement.setString(1, type.typeName());
                try (ResultSet rs = statement.executeQuery()) {
                    if (!rs.next() || rs.getInt(1) != type.oid() || rs.getInt(2) != type.arrayOid()) {
                        mismatches.add(type.typeName());
                    }
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void numbers() throws SQLException {
        check(new Case(PgType.BOOL, "bool", "boolsend", booleans(), null));
        check(new Case(PgType.INT2, "int2", "int2send", integers(Short.MIN_VALUE, Short.MAX_VALUE), null));
        check(new Case(PgType.INT4, "int4", "int4send", integers(Integer.MIN_VALUE, Integer.MAX_VALUE), null));
        check(new Case(PgType.INT8, "int8", "int8send", integers(Long.MIN_VALUE, Long.MAX_VALUE), null));
        check(new Case(PgType.OID, "oid", "oidsend", integers(0, 0xFFFF_FFFFL), null));
        check(new Case(PgType.FLOAT8, "float8", "float8send", doubles(), null));
        check(new Case(PgType.FLOAT4, "float4", "float4send", floats(), null));
        check(new Case(PgType.NUMERIC, "numeric", "numeric_send", numerics(),
                "SELECT round((random() - 0.5)::numeric * power(10::numeric, (random() * 60 - 30)::int),"
                        + " (random() * 40)::int) FROM generate_series(1, 200)"));
    }

    @Test
    void stringsAndBytes() throws SQLException {
        List<String> strings = unicodeStrings();
        check(new Case(PgType.TEXT, "text", "textsend", strings, null));
        check(new Case(PgType.VARCHAR, "varchar", "varcharsend", strings, null));
        check(new Case(PgType.BPCHAR, "bpchar", "bpcharsend", strings,
                "SELECT x::char(12) FROM unnest(ARRAY['a', 'ab c', '☃', '']) x"));
        check(new Case(PgType.NAME, "name", "namesend", strings, null));
        check(new Case(PgType.CHAR, "\"char\"", "charsend", List.of("a", "\\", "\"", ""),
                "SELECT n::\"char\" FROM generate_series(-128, 127) n"));
        List<String> json = new ArrayList<>();
        List<String> xml = new ArrayList<>();
        for (String s : strings) {
            String escaped = s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                    .replace("\t", "\\t");
            json.add("{\"k\": \"" + escaped + "\", \"n\": [1.50, -2e3, null, true], \"o\": {\"z\": 1, \"a\": {}}}");
            xml.add("<a x=\"1\">" + s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</a>");
        }
        check(new Case(PgType.JSON, "json", "json_send", json, null));
        check(new Case(PgType.JSONB, "jsonb", "jsonb_send", json, null));
        check(new Case(PgType.XML, "xml", "xml_send", xml, null));
        check(new Case(PgType.BYTEA, "bytea", "byteasend", byteas(), null));
        check(new Case(PgType.UUID, "uuid", "uuid_send", List.of("00000000-0000-0000-0000-000000000000"),
                "SELECT gen_random_uuid() FROM generate_series(1, 200)"));
    }

    @Test
    void datesAndTimes() throws SQLException {
        check(new Case(PgType.DATE, "date", "date_send",
                List.of("infinity", "-infinity", "4713-01-01 BC", "5874897-12-31", "0001-01-01", "0001-12-31 BC",
                        "1582-10-10", "2000-02-29"),
                "SELECT date '2000-01-01' + (random() * 4800000 - 2450000)::int FROM generate_series(1, 300)"));
        check(new Case(PgType.TIME, "time", "time_send", times(), null));
        List<String> timetz = new ArrayList<>();
        for (String time : times()) {
            timetz.add(time + offset(random.nextInt(2 * 57_599) - 57_599));
        }
        check(new Case(PgType.TIMETZ, "timetz", "timetz_send", timetz, null));
        String days = "(CASE i % 3 WHEN 0 THEN random() * 80000 - 40000 WHEN 1 THEN random() * 1500000 - 750000"
                + " ELSE random() * 109000000 - 2450000 END)::int";
        check(new Case(PgType.TIMESTAMP, "timestamp", "timestamp_send",
                List.of("infinity", "-infinity", "4713-11-24 00:00:00 BC", "294276-12-31 23:59:59.999999",
                        "0001-12-31 23:59:59.5 BC", "2024-03-01 12:34:56.123456"),
                "SELECT timestamp '2000-01-01' + make_interval(days => " + days + ", secs => random() * 86400)"
                        + " FROM generate_series(1, 300) i"));
        check(new Case(PgType.TIMESTAMPTZ, "timestamptz", "timestamptz_send",
                List.of("infinity", "-infinity", "1850-01-01 00:00:00+05:53:28", "0044-03-15 12:00:00+00 BC",
                        "2024-03-01 12:34:56.123456+00", "1941-10-01 00:00:00+06:30"),
                "SELECT timestamptz '2000-01-01 00:00:00+00' + make_interval(days => " + days
                        + ", secs => random() * 86400) FROM generate_series(1, 300) i"));
        check(new Case(PgType.INTERVAL, "interval", "interval_send",
                List.of("infinity", "-infinity", "00:00:00", "-00:00:01", "100:00:00", "-1 years +2 mons",
                        "1 year 2 mons 3 days 04:05:06.789", "-178956970 years -7 mons -2147483647 days"),
                "SELECT make_interval(years => " + SIGN + " * (random() * 1000)::int,"
                        + " months => " + SIGN + " * (random() * 11)::int, days => " + SIGN + " * (random() * 40)::int,"
                        + " hours => " + SIGN + " * (random() * 30)::int, mins => (random() * 59)::int,"
                        + " secs => " + SIGN + " * round(random()::numeric * 60, (random() * 6)::int))"
                        + " FROM generate_series(1, 300) i"));
    }

    // ---- generators (deterministic: Random(42) in Java, setseed in PostgreSQL) ----

    private List<String> booleans() {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            values.add(random.nextBoolean() ? "t" : "f");
        }
        return values;
    }

    private List<String> integers(long min, long max) {
        List<String> values = new ArrayList<>(List.of(Long.toString(min), Long.toString(max), "0", "1", "-1"));
        values.removeIf(v -> Long.parseLong(v) < min);
        for (int i = 0; i < 300; i++) {
            long bits = random.nextLong() >> random.nextInt(64);
            values.add(Long.toString(min == 0 ? Math.floorMod(bits, max + 1) : Math.max(min, Math.min(max, bits))));
        }
        return values;
    }

    private List<String> doubles() {
        List<String> values = new ArrayList<>(List.of("NaN", "Infinity", "-Infinity", "0", "-0", "1e20", "1e15",
                "1e14", "0.0001", "0.00001", "4.9e-324", "1.7976931348623157e308", "2.2250738585072014e-308", "0.1"));
        for (int i = 0; i < 400; i++) {
            values.add(Double.toString(Double.longBitsToDouble(random.nextLong())));
            values.add(Double.toString(random.nextInt(100000) * Math.pow(10, random.nextInt(50) - 25)));
            // short decimals that PostgreSQL itself rounds, some landing exactly halfway between two doubles
            values.add(random.nextInt(100000) + "e" + (random.nextInt(80) - 40));
        }
        return values;
    }

    private List<String> floats() {
        List<String> values = new ArrayList<>(List.of("NaN", "Infinity", "-Infinity", "0", "-0", "1e6", "100000",
                "1.4e-45", "3.4028235e38", "0.1"));
        for (int i = 0; i < 400; i++) {
            values.add(Float.toString(Float.intBitsToFloat(random.nextInt())));
            values.add(Float.toString((float) (random.nextInt(100000) * Math.pow(10, random.nextInt(30) - 15))));
            values.add(random.nextInt(100000) + "e" + (random.nextInt(40) - 20));
        }
        return values;
    }

    private List<String> numerics() {
        List<String> values = new ArrayList<>(List.of("NaN", "Infinity", "-Infinity", "0", "0.000", "1e100",
                "1e-100", "-99999999.99999999", "10000", "0.00010000"));
        for (int i = 0; i < 300; i++) {
            StringBuilder value = new StringBuilder(random.nextBoolean() ? "-" : "");
            value.append(digits(random.nextInt(30) + 1));
            if (random.nextBoolean()) {
                value.append('.').append(digits(random.nextInt(30) + 1));
            }
            values.add(value.toString());
        }
        return values;
    }

    private String digits(int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            // zeros are common so that whole base-10000 groups of zeros appear
            out.append(random.nextInt(3) == 0 ? '0' : (char) ('0' + random.nextInt(10)));
        }
        return out.toString();
    }

    private List<String> unicodeStrings() {
        String[] pieces = {"a", "B", " ", "\"", "\\", "{", "}", ",", "NULL", "é", "☃", "日本", "😀", "\t", "'",
                "x y", "e\u0301", "\n"};
        List<String> values = new ArrayList<>(List.of("", "NULL", "null", " lead", "trail ", "plain"));
        for (int i = 0; i < 300; i++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(6);
            for (int j = 0; j < length; j++) {
                value.append(pieces[random.nextInt(pieces.length)]);
            }
            values.add(value.toString());
        }
        return values;
    }

    private List<String> byteas() {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            values.add("\\x" + HexFormat.of().formatHex(bytes));
        }
        return values;
    }

    private List<String> times() {
        List<String> values = new ArrayList<>(List.of("00:00:00", "24:00:00", "23:59:59.999999"));
        Random seeded = new Random(7);
        for (int i = 0; i < 300; i++) {
            long micros = (long) (seeded.nextDouble() * 86_400_000_000L);
            if (i % 2 == 0) {
                micros -= micros % 1_000_000;
            }
            values.add(java.time.LocalTime.ofNanoOfDay(micros * 1000).toString());
        }
        return values;
    }

    private static String offset(int eastSeconds) {
        int abs = Math.abs(eastSeconds);
        return String.format("%s%02d:%02d:%02d", eastSeconds < 0 ? "-" : "+", abs / 3600, abs / 60 % 60, abs % 60);
    }

    // ---- the check ----

    /** Checks the type, then arrays of it: one- and two-dimensional, with NULLs, empty, and lower bounds. */
    private void check(Case testCase) throws SQLException {
        checkOne(testCase.type().oid(), testCase.sqlType(), testCase.sendFunction(), testCase, testCase.valuesSql());
        String arrayType = testCase.sqlType() + "[]";
        String numbered = "SELECT v, row_number() OVER () AS r FROM (" + testCase.valuesSql() + ") s";
        String oneDimension = "SELECT array_agg(CASE WHEN random() < 0.15 THEN NULL ELSE v END ORDER BY r) AS a"
                + " FROM (" + numbered + ") t GROUP BY r % 40";
        String arrays = oneDimension
                + " UNION ALL SELECT array_agg(ARRAY[v, NULL, v] ORDER BY r) FROM (" + numbered + ") t GROUP BY r % 10"
                + " UNION ALL SELECT ('[-3:' || (cardinality(a) - 4) || ']=' || a::text)::" + arrayType
                + " FROM (" + oneDimension + ") o"
                + " UNION ALL SELECT '{}'::" + arrayType
                + " UNION ALL SELECT array_fill(NULL::" + testCase.sqlType() + ", ARRAY[2, 2], ARRAY[0, 5])";
        checkOne(testCase.type().arrayOid(), arrayType, "array_send", testCase, arrays);
    }

    private void checkOne(int oid, String sqlType, String sendFunction, Case testCase, String valuesSql)
            throws SQLException {
        List<Sample> samples = samples(sendFunction, valuesSql, testCase);
        assertThat(samples).as("values of %s", sqlType).hasSizeGreaterThan(sqlType.endsWith("[]") ? 40 : 1);
        boolean sameText = testCase.type() != PgType.TIMESTAMPTZ;
        List<String> failures = new ArrayList<>();
        List<String> literals = new ArrayList<>();
        List<String> expectedHex = new ArrayList<>();
        for (Sample sample : samples) {
            String binaryHex = HexFormat.of().formatHex(sample.binary());
            try {
                String ours = HexFormat.of().formatHex(codec.toBinary(oid, utf8(sample.text())));
                if (!ours.equals(binaryHex)) {
                    failures.add("toBinary(" + sample.text() + ") = " + ours + ", PostgreSQL sends " + binaryHex);
                }
                String literal = new String(codec.toText(oid, sample.binary()), StandardCharsets.UTF_8);
                if (sameText && !literal.equals(sample.text())) {
                    failures.add("toText(" + binaryHex + ") = " + literal + ", PostgreSQL prints " + sample.text());
                }
                literals.add(literal);
                expectedHex.add(binaryHex);
            } catch (PgTypeException e) {
                failures.add(sample.text() + ": " + e.getMessage());
            }
        }
        failures.addAll(readBack(sqlType, sendFunction, literals, expectedHex));
        assertThat(failures.subList(0, Math.min(failures.size(), 20))).as("%s failures of %s: %s", failures.size(),
                sqlType, failures.size()).isEmpty();
    }

    private List<Sample> samples(String sendFunction, String valuesSql, Case testCase) throws SQLException {
        List<Sample> samples = new ArrayList<>();
        // v itself, not v::text: casts to text differ from the output function for bool and bpchar
        String sql = "SELECT v, " + sendFunction + "(v) FROM (" + valuesSql + ") s(v) WHERE v IS NOT NULL";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            // the array query repeats the literal list once per use of the values query
            int uses = (statement.getParameterMetaData().getParameterCount());
            for (int i = 1; i <= uses; i++) {
                statement.setArray(i, connection.createArrayOf("text", testCase.literals().toArray()));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    samples.add(new Sample(rs.getString(1), rs.getBytes(2)));
                }
            }
        }
        return samples;
    }

    /** Has PostgreSQL read every literal and compares its send output with the original bytes, in one query. */
    private List<String> readBack(String sqlType, String sendFunction, List<String> literals, List<String> hex)
            throws SQLException {
        List<String> failures = new ArrayList<>();
        String sql = "SELECT u.lit, " + sendFunction + "(u.lit::" + sqlType + ") FROM unnest(?::text[], ?::text[])"
                + " AS u(lit, hex) WHERE " + sendFunction + "(u.lit::" + sqlType + ") IS DISTINCT FROM"
                + " decode(u.hex, 'hex')";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", literals.toArray()));
            statement.setArray(2, connection.createArrayOf("text", hex.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    failures.add("PostgreSQL reads " + rs.getString(1) + " as " + sqlType
                            + " with different bytes " + HexFormat.of().formatHex(rs.getBytes(2)));
                }
            }
        }
        return failures;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
