package io.distgres.planner.hashing;

import io.distgres.planner.sql.SqlIdentifiers;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Computes the 32-bit hashes PostgreSQL 17 computes for values of the supported distribution types, bit for bit,
 * so that a row lands on the same shard whether distgres or a worker's {@code hashint8()} places it.
 *
 * <p>The core is Bob Jenkins' lookup3 as PostgreSQL adapted it in {@code hash_bytes}: the key length is folded into
 * the initial state, bytes are read little-endian (the x86-64 layout every supported server uses), and the final
 * mix runs even for an empty key. Results are returned as Java {@code int}s, which is how PostgreSQL's SQL-callable
 * hash functions show them (signed int4).
 */
public final class PgHash {
    /** The golden ratio constant lookup3 seeds its state with. */
    private static final int GOLDEN = 0x9e3779b9;
    /** PostgreSQL adds this arbitrary value to the seed; kept so results match. */
    private static final int PG_SEED = 3923095;

    private PgHash() {
    }

    /** {@code hash_bytes}: the hash of all of {@code key}. */
    public static int hashBytes(byte[] key) {
        return hashBytes(key, 0, key.length);
    }

    /** {@code hash_bytes}: the hash of {@code length} bytes of {@code key} from {@code offset}. */
    public static int hashBytes(byte[] key, int offset, int length) {
        int a = GOLDEN + length + PG_SEED;
        int b = a;
        int c = a;
        int at = offset;
        int left = length;
        while (left >= 12) {
            a += word(key, at);
            b += word(key, at + 4);
            c += word(key, at + 8);
            // mix(a, b, c), inlined: Java has no multi-value return and this loop is the hot path
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
            at += 12;
            left -= 12;
        }
        // The tail: a takes bytes 0-3, b bytes 4-7, c bytes 8-10 shifted up one byte because
        // PostgreSQL's lookup3 variant reserves c's lowest byte (originally for the length).
        a += partialWord(key, at, Math.min(left, 4), 0);
        b += partialWord(key, at + 4, Math.max(0, Math.min(left - 4, 4)), 0);
        c += partialWord(key, at + 8, Math.max(0, left - 8), 8);
        return finalMix(a, b, c);
    }

    /** {@code hash_bytes_uint32}: the hash of one 4-byte integer, as if it were the key's only word. */
    public static int hashUint32(int key) {
        int seed = GOLDEN + 4 + PG_SEED;
        return finalMix(seed + key, seed, seed);
    }

    /** {@code hashint4} (also {@code hashint2}, {@code hashoid}, {@code hashbool}, and the hash of {@code date}). */
    public static int hashInt4(int value) {
        return hashUint32(value);
    }

    /**
     * {@code hashint8} (also the hash of {@code timestamp}, {@code timestamptz} and {@code time}): the high half is
     * folded into the low one so that int8 values that fit in int4 hash as {@link #hashInt4} does, which keeps
     * cross-type hash joins between int4 and int8 consistent.
     */
    public static int hashInt8(long value) {
        int low = (int) value;
        int high = (int) (value >>> 32);
        low ^= value >= 0 ? high : ~high;
        return hashUint32(low);
    }

    /** {@code hashbool}. */
    public static int hashBool(boolean value) {
        return hashUint32(value ? 1 : 0);
    }

    /** {@code hashchar}: the byte of a {@code "char"} value, sign-extended as C's {@code char} is on x86-64. */
    public static int hashChar(byte value) {
        return hashUint32(value);
    }

    /** {@code hashtext} under a deterministic collation (also {@code varchar}): the hash of the UTF-8 bytes. */
    public static int hashText(String value) {
        return hashBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code hashname}: the hash of the UTF-8 bytes after {@code namein}'s cut to 63 bytes on a character edge. */
    public static int hashName(String value) {
        return hashText(SqlIdentifiers.truncate(value));
    }

    /** {@code hashbpchar}: trailing spaces are not significant in {@code character(n)}, so they are not hashed. */
    public static int hashBpchar(String value) {
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == ' ') {
            end--;
        }
        return hashText(value.substring(0, end));
    }

    /** {@code hashvarlena}, the hash of {@code bytea}: the hash of the bytes. */
    public static int hashBytea(byte[] value) {
        return hashBytes(value);
    }

    /** {@code uuid_hash}: the hash of the 16 bytes in their printed order. */
    public static int hashUuid(UUID value) {
        byte[] bytes = new byte[16];
        putBigEndian(bytes, 0, value.getMostSignificantBits());
        putBigEndian(bytes, 8, value.getLeastSignificantBits());
        return hashBytes(bytes);
    }

    /** {@code hashfloat8}: zero and minus zero hash to 0 and every NaN hashes alike, as they compare equal. */
    public static int hashFloat8(double value) {
        if (value == 0.0) {
            return 0;
        }
        // doubleToLongBits already collapses every NaN to 0x7ff8000000000000, PostgreSQL's get_float8_nan()
        long bits = Double.doubleToLongBits(value);
        byte[] bytes = new byte[8];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (bits >>> (8 * i)); // the in-memory (little-endian) layout hash_any sees
        }
        return hashBytes(bytes);
    }

    /** {@code hashfloat4}: widened to float8 first so that {@code real} and {@code double precision} hash alike. */
    public static int hashFloat4(float value) {
        return hashFloat8(value);
    }

    /**
     * {@code hash_numeric}: the hash of the base-10000 digits without leading and trailing zero digits, XORed with
     * the weight (power of 10000 of the first nonzero digit). Display scale and sign are not hashed, as
     * PostgreSQL does not hash them: {@code 1.50} and {@code 1.5} must meet, and {@code -1} colliding with
     * {@code 1} is harmless. Zero hashes to -1.
     */
    public static int hashNumeric(BigDecimal value) {
        if (value.signum() == 0) {
            return -1;
        }
        BigDecimal stripped = value.abs().stripTrailingZeros();
        int scale = stripped.scale();
        int groupScale = Math.floorDiv(scale + 3, 4); // base-10000 digits after the point, rounded up
        BigInteger whole = stripped.unscaledValue().multiply(BigInteger.TEN.pow(4 * groupScale - scale));
        String decimal = whole.toString();
        int groups = (decimal.length() + 3) / 4;
        String padded = "0".repeat(4 * groups - decimal.length()) + decimal;
        int last = groups;
        while (padded.startsWith("0000", 4 * (last - 1))) {
            last--; // trailing zero digits; the leading one is nonzero by construction
        }
        byte[] digits = new byte[2 * last];
        for (int i = 0; i < last; i++) {
            int digit = Integer.parseInt(padded, 4 * i, 4 * i + 4, 10);
            digits[2 * i] = (byte) digit; // NumericDigit is an int16 in host (little-endian) order
            digits[2 * i + 1] = (byte) (digit >>> 8);
        }
        int weight = groups - 1 - groupScale;
        return hashBytes(digits) ^ weight;
    }

    /** {@code hash_numeric} of NaN, Infinity and -Infinity: 0, as they carry no digits. */
    public static int hashNumericSpecial() {
        return 0;
    }

    /** The final avalanche of lookup3 ({@code final(a, b, c)}), returning c. */
    private static int finalMix(int a, int b, int c) {
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return c;
    }

    private static int word(byte[] key, int at) {
        return partialWord(key, at, 4, 0);
    }

    /** Up to four bytes from {@code at}, little-endian, shifted left by {@code shift} bits. */
    private static int partialWord(byte[] key, int at, int count, int shift) {
        int value = 0;
        for (int i = 0; i < count; i++) {
            value |= (key[at + i] & 0xFF) << (8 * i + shift);
        }
        return value;
    }

    private static void putBigEndian(byte[] into, int at, long value) {
        for (int i = 0; i < 8; i++) {
            into[at + i] = (byte) (value >>> (56 - 8 * i));
        }
    }
}
