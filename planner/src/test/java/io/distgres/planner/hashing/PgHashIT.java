package io.distgres.planner.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/**
 * The differential test of distribution hashing: thousands of values per type are hashed by {@link DistributionHasher}
 * and by a real PostgreSQL 17 through the type's own hash opclass function, and must agree; so must the hash of the
 * text PostgreSQL prints for the value, and bad input must fail with PostgreSQL's SQLSTATE and message.
 */
class PgHashIT {
    private static final int VALUES_PER_TYPE = 3000;

    private static EmbeddedPostgres postgres;
    private static Connection connection;

    private final DistributionHasher hasher = new DistributionHasher();
    private final Random random = new Random(20240229);

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        connection = postgres.getPostgresDatabase().getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
        }
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void smallint() throws SQLException {
        List<String> values = edgeValues("0", "1", "-1", "32767", "-32768", " 12 ", "+7", "0x7FFF", "-0b1", "1_000");
        fill(values, () -> Integer.toString(random.nextInt(65536) - 32768));
        assertSameHashes(DistributionType.SMALLINT, "hashint2({v})", values);
    }

    @Test
    void integer() throws SQLException {
        List<String> values = edgeValues("0", "-0", "2147483647", "-2147483648", "-0x80000000", "0o17", "\t42\n");
        fill(values, () -> Integer.toString(random.nextInt()));
        fill(values, () -> Integer.toString(random.nextInt(2001) - 1000));
        assertSameHashes(DistributionType.INTEGER, "hashint4({v})", values);
    }

    @Test
    void bigint() throws SQLException {
        List<String> values = edgeValues("9223372036854775807", "-9223372036854775808", "2147483647", "2147483648",
                "-2147483648", "-2147483649", "4294967295", "4294967296", "-4294967296", "0x7FFF_FFFF_FFFF_FFFF");
        fill(values, () -> Long.toString(random.nextLong()));
        fill(values, () -> Long.toString(random.nextLong() >> random.nextInt(64)));
        assertSameHashes(DistributionType.BIGINT, "hashint8({v})", values);
    }

    @Test
    void bigintValuesThatFitInIntegerHashAsInteger() throws SQLException {
        List<String> values = edgeValues("2147483647", "-2147483648", "0", "-1");
        fill(values, () -> Integer.toString(random.nextInt() >> random.nextInt(32)));
        List<Integer> asInteger = postgresHashes(DistributionType.INTEGER, "hashint4({v})", values);
        List<Integer> asBigint = postgresHashes(DistributionType.BIGINT, "hashint8({v})", values);
        assertThat(asBigint).isEqualTo(asInteger);
        for (int i = 0; i < values.size(); i++) {
            assertThat(hasher.hash(DistributionType.BIGINT, values.get(i))).as(values.get(i))
                    .isEqualTo(asInteger.get(i));
        }
    }

    @Test
    void oid() throws SQLException {
        List<String> values = edgeValues("0", "4294967295", "-1", "-2147483648", "010", " 0x1F ", "2147483648");
        fill(values, () -> Long.toString(random.nextLong() & 0xFFFF_FFFFL));
        assertSameHashes(DistributionType.OID, "hashoid({v})", values);
    }

    @Test
    void booleanAndInternalChar() throws SQLException {
        List<String> bools = edgeValues("t", "true", "TRUE", " yes ", "y", "on", "1", "f", "fal", "no", "off", "of",
                "0", "N");
        assertSameHashes(DistributionType.BOOLEAN, "hash_array(array[{v}])::int8 - 31", bools);
        List<String> chars = edgeValues("", "a", "abc", "é", "€uro", "\\101", "\\377", "\\000", "\\", "\\1");
        fill(chars, () -> randomText(2));
        assertSameHashes(DistributionType.CHAR, "hashchar({v})", chars);
    }

    @Test
    void textAndVarchar() throws SQLException {
        List<String> values = edgeValues("", " ", "a", "abcdefghijkl", "abcdefghijklm", "trailing  ", "héllo wörld ✓",
                "😀 emoji", "日本語のテキスト", "x".repeat(1000));
        fill(values, () -> randomText(40));
        assertSameHashes(DistributionType.TEXT, "hashtext({v})", values);
        assertSameHashes(DistributionType.VARCHAR, "hashtext({v})", values);
    }

    @Test
    void nameIsCutTo63Bytes() throws SQLException {
        List<String> values = edgeValues("", "users", "a".repeat(63), "a".repeat(64), "é".repeat(40),
                "a" + "é".repeat(40), "😀".repeat(20));
        fill(values, () -> randomText(80));
        assertSameHashes(DistributionType.NAME, "hashname({v})", values);
    }

    @Test
    void bpcharIgnoresTrailingSpaces() throws SQLException {
        List<String> values = edgeValues("", " ", "   ", "ab", "ab ", "ab   ", " ab", "a b ", "é  ", "ab\t");
        fill(values, () -> randomText(20) + " ".repeat(random.nextInt(4)));
        assertSameHashes(DistributionType.BPCHAR, "hashbpchar({v})", values);
    }

    @Test
    void bytea() throws SQLException {
        List<String> values = edgeValues("\\x", "", "\\x00", "\\xDEADbeef", "\\x de ad ", "abc", "a\\\\b",
                "\\001\\377", "é");
        fill(values, () -> {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            return "\\x" + HexFormat.of().formatHex(bytes);
        });
        assertSameHashes(DistributionType.BYTEA, "hash_array(array[{v}])::int8 - 31", values);
    }

    @Test
    void uuid() throws SQLException {
        List<String> values = edgeValues("00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
                "{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}", "a0eebc999c0b4ef8bb6d6bb9bd380a11",
                "a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11", "{a0eebc99-9c0b4ef8-bb6d6bb9-bd380a11}");
        fill(values, () -> {
            String text = new UUID(random.nextLong(), random.nextLong()).toString();
            return random.nextBoolean() ? text : text.toUpperCase().replace("-", "");
        });
        assertSameHashes(DistributionType.UUID, "uuid_hash({v})", values);
    }

    @Test
    void date() throws SQLException {
        List<String> values = edgeValues("2000-01-01", "1999-12-31", "2024-02-29", "20240229", " 2024-02-29 ",
                "0044-03-15 BC", "0001-01-01", "0001-12-31 BC", "4714-11-24 BC", "5874897-12-31", "infinity",
                "-infinity", "epoch", "1970-01-01 AD");
        fill(values, () -> isoDate(LocalDate.ofEpochDay(random.nextLong(-2_400_000, 3_000_000))));
        assertSameHashes(DistributionType.DATE, "hash_array(array[{v}])::int8 - 31", values);
    }

    @Test
    void time() throws SQLException {
        List<String> values = edgeValues("00:00", "allballs", "24:00:00", "23:59:59.999999", "12:00:00.0000005",
                "12:00:00.0000015", "12:34:56.7890126", "1:02", "12:00+05");
        fill(values, () -> timeOfDay(random.nextLong(86_400_000_000L)));
        assertSameHashes(DistributionType.TIME, "time_hash({v})", values);
    }

    @Test
    void timestamp() throws SQLException {
        List<String> values = edgeValues("2000-01-01 00:00:00", "2024-02-29T12:34:56.789", "2024-01-01 24:00:00",
                "2024-01-01", "2024-01-01 12:00+05", "0044-03-15 12:00:00 BC", "294276-12-31 23:59:59.999999",
                "infinity", "-infinity", "epoch", "2016-12-31 23:59:60");
        fill(values, () -> randomTimestamp(""));
        assertSameHashes(DistributionType.TIMESTAMP, "timestamp_hash({v})", values);
    }

    @Test
    void timestamptz() throws SQLException {
        List<String> values = edgeValues("2024-01-01 12:00:00+05:30", "2024-01-01T12:00:00.1234567Z",
                "2024-01-01 12:00:00", "2024-01-01 12:00:00-0330", "2024-01-01 12:00:00+05:53:28",
                "2024-01-01 12:00:00 UTC", "2024-01-01 12:00:00 Europe/Berlin", "2024-06-01 12:00 europe/berlin",
                "2024-03-31 02:30:00 Europe/Berlin", "2024-10-27 02:30:00 Europe/Berlin",
                "2024-11-03 01:30:00 America/New_York", "0044-03-15 12:00:00+00 BC", "infinity");
        fill(values, () -> randomTimestamp(switch (random.nextInt(4)) {
            case 0 -> "";
            case 1 -> "Z";
            case 2 -> String.format("%+03d:%02d", random.nextInt(-12, 15), 15 * random.nextInt(4));
            default -> " America/New_York";
        }));
        assertSameHashes(DistributionType.TIMESTAMPTZ, "hash_array(array[{v}])::int8 - 31", values);
    }

    @Test
    void timestamptzWithoutZoneIsReadInTheSessionZone() throws SQLException {
        DistributionHasher berlin = new DistributionHasher(ZoneId.of("Europe/Berlin"));
        List<String> values = edgeValues("2024-07-01 12:00:00", "2024-03-31 02:30:00", "2024-10-27 02:30:00");
        fill(values, () -> randomTimestamp(""));
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'Europe/Berlin'");
            List<Integer> expected =
                    postgresHashes(DistributionType.TIMESTAMPTZ, "hash_array(array[{v}])::int8 - 31", values);
            for (int i = 0; i < values.size(); i++) {
                assertThat(berlin.hash(DistributionType.TIMESTAMPTZ, values.get(i))).as(values.get(i))
                        .isEqualTo(expected.get(i));
            }
        } finally {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TimeZone = 'UTC'");
            }
        }
    }

    @Test
    void floats() throws SQLException {
        List<String> doubles = edgeValues("0", "-0", "NaN", "Infinity", "-inf", " 1.5 ", "1e-320", "0x1p3",
                "1.7976931348623157e308", "4.9e-324", "0.1", "-1E+5");
        fill(doubles, () -> Double.toString(randomDouble()));
        fill(doubles, () -> Integer.toString(random.nextInt()));
        assertSameHashes(DistributionType.DOUBLE_PRECISION, "hashfloat8({v})", doubles);
        List<String> reals = edgeValues("0", "-0", "NaN", "Infinity", "-inf", " 1.5 ", "0x1p3", "3.4028235e38",
                "1e-45", "0.1", "16777217");
        fill(reals, () -> Float.toString(randomFloat()));
        // double-precision text rounded once to real, as strtof does, not via double
        fill(reals, () -> Double.toString(randomFloat() * (1 + random.nextDouble() * 1e-6)));
        assertSameHashes(DistributionType.REAL, "hashfloat4({v})", reals);
    }

    @Test
    void numeric() throws SQLException {
        List<String> values = edgeValues("0", "0.000", "-0", "1", "-1", "1.50", "10000", "0.0001", "12345.678",
                "1e100", "1e-100", "-1.5e3", "1_000.000_5", "0x1F", "-0o17", "0b101", ".5", "5.", "NaN", "Infinity",
                "-inf", "123456789012345678901234567890.123456789012345678901234567890");
        fill(values, () -> new BigDecimal(new BigInteger(random.nextInt(1, 120), random), random.nextInt(-20, 60))
                .multiply(BigDecimal.valueOf(random.nextBoolean() ? 1 : -1)).toString());
        fill(values, () -> new BigDecimal(new BigInteger(random.nextInt(1, 40), random), random.nextInt(-5, 10))
                .toPlainString());
        assertSameHashes(DistributionType.NUMERIC, "hash_numeric({v})", values);
    }

    @Test
    void badInputFailsAsInPostgres() throws SQLException {
        String[][] cases = {
            {"int8", "abc"}, {"int8", "9223372036854775808"}, {"int8", ""}, {"int8", "1.5"}, {"int4", "1__0"},
            {"int4", "_1"}, {"int4", "2147483648"}, {"int2", "99999"}, {"int2", "x"}, {"oid", "abc"},
            {"oid", "4294967296"}, {"oid", "-2147483649"}, {"oid", "08"}, {"bool", "o"}, {"bool", "maybe"},
            {"uuid", " a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"}, {"uuid", "a0eebc999c0b4ef8bb6d6bb9bd380a1"},
            {"uuid", "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"}, {"numeric", "abc"}, {"numeric", "1._5"},
            {"numeric", "1_"}, {"float8", "abc"}, {"float8", "1e400"}, {"float8", "1e-400"}, {"float4", "1e39"},
            {"float4", "1e-50"}, {"float4", "x"}, {"date", "x"}, {"date", "2024-02-30"}, {"date", "5874898-01-01"},
            {"timestamp", "x"}, {"timestamptz", "x"}, {"time", "x"}, {"time", "25:00"}, {"timestamp", "2024-13-01"},
            {"timestamptz", "2024-01-01 12:00 Nowhere/Land"}, {"bytea", "\\x0G"}, {"bytea", "\\x012"},
            {"bytea", "a\\b"},
        };
        for (String[] c : cases) {
            DistributionType type = DistributionType.forOid(typeOid(c[0]));
            PSQLException expected = postgresError(c[0], c[1]);
            HashingException actual = catchThrowableOfType(HashingException.class, () -> hasher.hash(type, c[1]));
            assertThat(actual).as("%s '%s' should fail with %s", c[0], c[1], expected.getMessage()).isNotNull();
            assertThat(actual.sqlState()).as("%s '%s'", c[0], c[1]).isEqualTo(expected.getSQLState());
            assertThat(actual.getMessage()).isEqualTo(expected.getServerErrorMessage().getMessage());
        }
    }

    /** Asserts distgres and PostgreSQL hash each text alike, and that PostgreSQL's own printed form hashes alike. */
    private void assertSameHashes(DistributionType type, String hashExpression, List<String> values)
            throws SQLException {
        List<String[]> rows = postgresRows(type, hashExpression, values);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String text = values.get(i);
            int expected = Integer.parseInt(rows.get(i)[0]);
            String printed = rows.get(i)[1];
            int actual = hasher.hash(type, text);
            int actualOfPrinted = hasher.hash(type, printed);
            if (actual != expected || actualOfPrinted != expected) {
                mismatches.add(String.format("'%s' (printed '%s'): postgres %d, distgres %d / %d", text, printed,
                        expected, actual, actualOfPrinted));
            }
        }
        assertThat(mismatches).as("%s values hashed unlike PostgreSQL", type).isEmpty();
        assertThat(values).hasSizeGreaterThan(type == DistributionType.BOOLEAN ? 10 : VALUES_PER_TYPE);
    }

    private List<Integer> postgresHashes(DistributionType type, String hashExpression, List<String> values)
            throws SQLException {
        return postgresRows(type, hashExpression, values).stream().map(row -> Integer.parseInt(row[0])).toList();
    }

    /** For each text: PostgreSQL's hash of it read as the type, and the type's output text. One query for all. */
    private List<String[]> postgresRows(DistributionType type, String hashExpression, List<String> values)
            throws SQLException {
        // int8 arithmetic, wrapped to int32 here: hash_array's result minus 31 can leave the int4 range
        String sql = "SELECT (" + hashExpression.replace("{v}", "t.x") + ")::int8, t.x::text"
                + " FROM unnest(?::text[]) WITH ORDINALITY AS u(v, i), LATERAL (SELECT u.v::" + castName(type)
                + " AS x) t ORDER BY u.i";
        List<String[]> rows = new ArrayList<>(values.size());
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            Array array = connection.createArrayOf("text", values.toArray());
            statement.setArray(1, array);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new String[] {Integer.toString((int) result.getLong(1)), result.getString(2)});
                }
            }
        }
        assertThat(rows).hasSameSizeAs(values);
        return rows;
    }

    private PSQLException postgresError(String castName, String text) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT ?::text::" + castName)) {
            statement.setString(1, text);
            statement.executeQuery().close();
        } catch (PSQLException e) {
            return e;
        }
        throw new AssertionError("PostgreSQL accepted '" + text + "' as " + castName);
    }

    private static int typeOid(String castName) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT ?::regtype::oid::int4")) {
            statement.setString(1, castName);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    private static String castName(DistributionType type) {
        return switch (type) {
            case CHAR -> "\"char\"";
            case BPCHAR -> "bpchar"; // not character, which means character(1)
            default -> type.sqlName();
        };
    }

    private static List<String> edgeValues(String... values) {
        return new ArrayList<>(List.of(values));
    }

    private void fill(List<String> values, Supplier<String> generator) {
        int target = values.size() + VALUES_PER_TYPE;
        while (values.size() < target) {
            values.add(generator.get());
        }
    }

    /** Text mixing ASCII, Latin-1, CJK and astral (surrogate pair) characters; never NUL, which text cannot hold. */
    private String randomText(int maxLength) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            int codePoint = switch (random.nextInt(4)) {
                case 0, 1 -> random.nextInt(0x20, 0x7F);
                case 2 -> random.nextInt(0xA0, 0x3000);
                default -> random.nextInt(0x1F300, 0x1F650);
            };
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    private double randomDouble() {
        double value;
        do {
            value = Double.longBitsToDouble(random.nextLong());
        } while (Double.isNaN(value) || Double.isInfinite(value));
        return value;
    }

    private float randomFloat() {
        float value;
        do {
            value = Float.intBitsToFloat(random.nextInt());
        } while (Float.isNaN(value) || Float.isInfinite(value) || Math.abs(value) > Float.MAX_VALUE / 2);
        return value;
    }

    private String randomTimestamp(String zone) {
        LocalDateTime time = LocalDate.ofEpochDay(random.nextLong(-700_000, 200_000)).atStartOfDay()
                .plusNanos(random.nextLong(86_400_000_000L) * 1000);
        return isoDate(time.toLocalDate()).replace(" BC", "") + " " + timeOfDay(time.toLocalTime().toNanoOfDay() / 1000)
                + zone + (time.getYear() <= 0 ? " BC" : "");
    }

    private static String isoDate(LocalDate date) {
        int year = date.getYear() <= 0 ? 1 - date.getYear() : date.getYear();
        return String.format("%04d-%02d-%02d%s", year, date.getMonthValue(), date.getDayOfMonth(),
                date.getYear() <= 0 ? " BC" : "");
    }

    private static String timeOfDay(long micros) {
        return String.format("%02d:%02d:%02d.%06d", micros / 3_600_000_000L, micros / 60_000_000 % 60,
                micros / 1_000_000 % 60, micros % 1_000_000);
    }
}
