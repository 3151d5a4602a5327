package io.distgres.coordinator.pgwire.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Hand-checked vectors for each type, in both directions, without a database. */
class BinaryFormatCodecTest {
    private final BinaryFormatCodec codec = new BinaryFormatCodec();

    /** Checks text to binary gives {@code hex}, and binary back to text gives the same text. */
    private void assertRoundTrip(PgType type, String text, String hex) {
        assertRoundTrip(type.oid(), text, hex);
    }

    private void assertRoundTrip(int oid, String text, String hex) {
        byte[] binary = codec.toBinary(oid, utf8(text));
        assertThat(HexFormat.of().formatHex(binary)).as("binary of %s", text).isEqualTo(hex.replace(" ", ""));
        assertThat(string(codec.toText(oid, binary))).as("text of %s", hex).isEqualTo(text);
    }

    private String textOf(PgType type, String hex) {
        return string(codec.toText(type.oid(), HexFormat.of().parseHex(hex.replace(" ", ""))));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void bool() {
        assertRoundTrip(PgType.BOOL, "t", "01");
        assertRoundTrip(PgType.BOOL, "f", "00");
        assertThat(textOf(PgType.BOOL, "07")).isEqualTo("t");
    }

    @Test
    void integers() {
        assertRoundTrip(PgType.INT2, "-2", "fffe");
        assertRoundTrip(PgType.INT2, "32767", "7fff");
        assertRoundTrip(PgType.INT4, "1", "00000001");
        assertRoundTrip(PgType.INT4, "-2147483648", "80000000");
        assertRoundTrip(PgType.INT8, "-1", "ffffffffffffffff");
        assertRoundTrip(PgType.INT8, "4294967296", "0000000100000000");
        assertRoundTrip(PgType.OID, "4294967295", "ffffffff");
        assertThatThrownBy(() -> codec.toBinary(PgType.INT2.oid(), utf8("32768")))
                .hasFieldOrPropertyWithValue("sqlState", "22003");
    }

    @Test
    void float8PrintsLikePostgres() {
        assertRoundTrip(PgType.FLOAT8, "1", "3ff0000000000000");
        assertRoundTrip(PgType.FLOAT8, "-0", "8000000000000000");
        assertRoundTrip(PgType.FLOAT8, "NaN", "7ff8000000000000");
        assertRoundTrip(PgType.FLOAT8, "-Infinity", "fff0000000000000");
        assertThat(float8Text(1e20)).isEqualTo("1e+20");
        assertThat(float8Text(1e15)).isEqualTo("1e+15");
        assertThat(float8Text(1e14)).isEqualTo("100000000000000");
        assertThat(float8Text(123456789012345.6)).isEqualTo("123456789012345.6");
        assertThat(float8Text(0.0001)).isEqualTo("0.0001");
        assertThat(float8Text(0.00001)).isEqualTo("1e-05");
        assertThat(float8Text(0.1)).isEqualTo("0.1");
        assertThat(float8Text(-1.5e-300)).isEqualTo("-1.5e-300");
        assertThat(float8Text(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e+308");
        assertThat(float8Text(Double.MIN_VALUE)).isEqualTo("5e-324");
        // Double.toString in JDK 17 prints 2.0E-3 style and, here, a non-shortest 18-digit form
        assertThat(float8Text(2.82879384806159E17)).isEqualTo("2.82879384806159e+17");
    }

    @Test
    void float4PrintsLikePostgres() {
        assertRoundTrip(PgType.FLOAT4, "1", "3f800000");
        assertThat(float4Text(1e6f)).isEqualTo("1e+06");
        assertThat(float4Text(100000f)).isEqualTo("100000");
        assertThat(float4Text(0.1f)).isEqualTo("0.1");
        assertThat(float4Text(Float.MAX_VALUE)).isEqualTo("3.4028235e+38");
        assertThat(float4Text(Float.MIN_VALUE)).isEqualTo("1e-45");
    }

    private String float8Text(double value) {
        return string(codec.toText(PgType.FLOAT8.oid(), ByteBuffer.allocate(8).putDouble(value).array()));
    }

    private String float4Text(float value) {
        return string(codec.toText(PgType.FLOAT4.oid(), ByteBuffer.allocate(4).putFloat(value).array()));
    }

    @Test
    void numeric() {
        // ndigits, weight, sign, dscale, then base-10000 digits
        assertRoundTrip(PgType.NUMERIC, "0", "0000 0000 0000 0000");
        assertRoundTrip(PgType.NUMERIC, "0.00", "0000 0000 0000 0002");
        assertRoundTrip(PgType.NUMERIC, "12345.678", "0003 0001 0000 0003 0001 0929 1a7c");
        assertRoundTrip(PgType.NUMERIC, "-0.0001", "0001 ffff 4000 0004 0001");
        assertRoundTrip(PgType.NUMERIC, "10000", "0001 0001 0000 0000 0001");
        assertRoundTrip(PgType.NUMERIC, "0.00000001", "0001 fffe 0000 0008 0001");
        assertRoundTrip(PgType.NUMERIC, "NaN", "0000 0000 c000 0000");
        assertRoundTrip(PgType.NUMERIC, "Infinity", "0000 0000 d000 0020");
        assertRoundTrip(PgType.NUMERIC, "-Infinity", "0000 0000 f000 0020");
        // numeric_recv cuts digits beyond dscale, and leading zero groups are not canonical
        assertThat(textOf(PgType.NUMERIC, "0002 0000 0000 0001 0001 1388")).isEqualTo("1.5");
        assertThat(textOf(PgType.NUMERIC, "0002 0001 0000 0000 0000 0005")).isEqualTo("5");
        assertThatThrownBy(() -> textOf(PgType.NUMERIC, "0001 0000 0000 0000 2710"))
                .hasFieldOrPropertyWithValue("sqlState", "22P03");
    }

    @Test
    void strings() {
        assertRoundTrip(PgType.TEXT, "héllo ☃", "68c3a96c6c6f20e29883");
        assertRoundTrip(PgType.JSONB, "{}", "017b7d");
        assertThatThrownBy(() -> textOf(PgType.TEXT, "ff"))
                .hasFieldOrPropertyWithValue("sqlState", "22021");
        assertThatThrownBy(() -> textOf(PgType.JSONB, "027b7d"))
                .hasFieldOrPropertyWithValue("sqlState", "22P03");
    }

    @Test
    void byteaAndChar() {
        assertRoundTrip(PgType.BYTEA, "\\x0aff", "0aff");
        assertRoundTrip(PgType.BYTEA, "\\x", "");
        assertThat(codec.toBinary(PgType.BYTEA.oid(), utf8("ab\\\\\\001"))).containsExactly('a', 'b', '\\', 1);
        assertRoundTrip(PgType.CHAR, "\\351", "e9");
        assertRoundTrip(PgType.CHAR, "a", "61");
        assertRoundTrip(PgType.CHAR, "", "00");
    }

    @Test
    void uuid() {
        assertRoundTrip(PgType.UUID, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "a0eebc999c0b4ef8bb6d6bb9bd380a11");
        assertThat(codec.toBinary(PgType.UUID.oid(), utf8("{A0EEBC999C0B4EF8BB6D6BB9BD380A11}")))
                .hasSize(16);
    }

    @Test
    void dateAndTime() {
        assertRoundTrip(PgType.DATE, "2000-01-01", "00000000");
        assertRoundTrip(PgType.DATE, "1999-12-31", "ffffffff");
        assertRoundTrip(PgType.DATE, "infinity", "7fffffff");
        assertRoundTrip(PgType.DATE, "-infinity", "80000000");
        // 730119 days from 0001-01-01 to 2000-01-01; 1 BC is the year before 1 AD
        assertRoundTrip(PgType.DATE, "0001-12-31 BC", String.format("%08x", -730120));
        assertRoundTrip(PgType.TIME, "12:34:56.789", String.format("%016x", 45_296_789_000L));
        assertRoundTrip(PgType.TIME, "24:00:00", String.format("%016x", 86_400_000_000L));
        // the zone is sent as seconds west of UTC
        assertRoundTrip(PgType.TIMETZ, "12:00:00+05:30", String.format("%016x%08x", 43_200_000_000L, -19800));
        assertRoundTrip(PgType.TIMETZ, "00:00:00.5-03:12:15", String.format("%016x%08x", 500_000L, 11535));
    }

    @Test
    void timestamps() {
        assertRoundTrip(PgType.TIMESTAMP, "2000-01-01 00:00:01", String.format("%016x", 1_000_000L));
        assertRoundTrip(PgType.TIMESTAMP, "1999-12-31 23:59:59.999999", "ffffffffffffffff");
        assertRoundTrip(PgType.TIMESTAMP, "infinity", "7fffffffffffffff");
        assertRoundTrip(PgType.TIMESTAMP, "0001-12-31 12:00:00 BC",
                String.format("%016x", -730120L * 86_400_000_000L + 43_200_000_000L));
        byte[] midnightUtc = codec.toBinary(PgType.TIMESTAMPTZ.oid(), utf8("2000-01-01 05:30:00+05:30"));
        assertThat(midnightUtc).containsExactly(new byte[8]);
        assertThat(string(codec.toText(PgType.TIMESTAMPTZ.oid(), midnightUtc))).isEqualTo("2000-01-01 00:00:00+00");
        byte[] lmt = codec.toBinary(PgType.TIMESTAMPTZ.oid(), utf8("1850-06-01 00:00:00+05:53:28 BC"));
        assertThat(string(codec.toText(PgType.TIMESTAMPTZ.oid(), lmt))).isEqualTo("1850-05-31 18:06:32+00 BC");
    }

    @Test
    void interval() {
        assertRoundTrip(PgType.INTERVAL, "1 year 2 mons 3 days 04:05:06.789",
                String.format("%016x%08x%08x", 14_706_789_000L, 3, 14));
        assertRoundTrip(PgType.INTERVAL, "-00:00:01", String.format("%016x%08x%08x", -1_000_000L, 0, 0));
        assertRoundTrip(PgType.INTERVAL, "00:00:00", String.format("%016x%08x%08x", 0L, 0, 0));
        assertRoundTrip(PgType.INTERVAL, "-1 years -2 mons +3 days -04:05:06",
                String.format("%016x%08x%08x", -14_706_000_000L, 3, -14));
        assertRoundTrip(PgType.INTERVAL, "1 day -00:00:01", String.format("%016x%08x%08x", -1_000_000L, 1, 0));
        assertRoundTrip(PgType.INTERVAL, "infinity", "7fffffffffffffff7fffffff7fffffff");
    }

    @Test
    void arrays() {
        assertRoundTrip(1007, "{1,2,NULL}",
                "00000001 00000001 00000017 00000003 00000001 00000004 00000001 00000004 00000002 ffffffff");
        assertRoundTrip(1007, "{}", "00000000 00000000 00000017");
        assertRoundTrip(1007, "{{1,2},{3,4}}", "00000002 00000000 00000017 00000002 00000001 00000002 00000001"
                + " 00000004 00000001 00000004 00000002 00000004 00000003 00000004 00000004");
        assertRoundTrip(1007, "[0:1]={1,2}",
                "00000001 00000000 00000017 00000002 00000000 00000004 00000001 00000004 00000002");
        String text = "{\"a b\",\"with \\\"quote\\\"\",NULL,\"\",\"null\",plain,\"back\\\\slash\"}";
        byte[] binary = codec.toBinary(1009, utf8(text));
        assertThat(string(codec.toText(1009, binary))).isEqualTo(text);
        assertThat(string(codec.toText(1009, codec.toBinary(1009, utf8("{ a , \"b\" }"))))).isEqualTo("{a,b}");
        assertThatThrownBy(() -> codec.toBinary(1007, utf8("{{1,2},{3}}")))
                .hasFieldOrPropertyWithValue("sqlState", "22P02");
    }

    @Test
    void errorsCarrySqlState() {
        assertThat(codec.supportsBinary(PgType.NUMERIC.oid())).isTrue();
        assertThat(codec.supportsBinary(600)).isFalse();
        assertThatThrownBy(() -> codec.toText(600, new byte[16]))
                .isInstanceOf(PgTypeException.class)
                .hasMessageContaining("600")
                .hasFieldOrPropertyWithValue("sqlState", "0A000");
        assertThatThrownBy(() -> codec.toText(PgType.INT4.oid(), new byte[3]))
                .hasFieldOrPropertyWithValue("sqlState", "22P03");
        assertThatThrownBy(() -> codec.toBinary(PgType.INT4.oid(), utf8("abc")))
                .hasFieldOrPropertyWithValue("sqlState", "22P02");
        assertThatThrownBy(() -> codec.toText(1007, HexFormat.of().parseHex("000000000000000000000014")))
                .hasFieldOrPropertyWithValue("sqlState", "42804");
        assertThatThrownBy(() -> codec.toText(1007, HexFormat.of().parseHex("00000001000000000000001700000002"
                + "0000000100000004")))
                .hasFieldOrPropertyWithValue("sqlState", "22P03");
    }

    @Test
    void arrayTypesKnowTheirElements() {
        assertThat(PgType.elementOid(1007)).hasValue(23);
        assertThat(PgType.elementOid(3807)).hasValue(3802);
        assertThat(PgType.elementOid(23)).isEmpty();
        assertThat(PgType.describe(1231)).isEqualTo("_numeric");
    }
}
