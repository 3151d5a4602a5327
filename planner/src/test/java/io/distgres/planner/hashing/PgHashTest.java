package io.distgres.planner.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Known hashes recorded from PostgreSQL 17.6 (the query is in each test's comment), so the hash math is checked
 * without a database; {@code PgHashIT} compares thousands more against a live server.
 */
class PgHashTest {
    @Test
    void hashBytesMatchesHashtext() {
        // SELECT hashtext(''), hashtext('a'), hashtext('abcdefghijkl'), hashtext('abcdefghijklmnopqrstuvwxy'),
        //        hashtext('héllo wörld ✓')
        assertThat(PgHash.hashText("")).isEqualTo(-1477818771);
        assertThat(PgHash.hashText("a")).isEqualTo(1075015857);
        assertThat(PgHash.hashText("abcdefghijkl")).isEqualTo(-1586087212); // exactly one 12-byte block
        assertThat(PgHash.hashText("abcdefghijklmnopqrstuvwxy")).isEqualTo(980150893); // two blocks and a tail
        assertThat(PgHash.hashText("héllo wörld ✓")).isEqualTo(1332018444);
    }

    @Test
    void integersHashLikeHashint4AndHashint8() {
        // SELECT hashint4(0), hashint4(1), hashint4(-1), hashint8(-1), hashint8(5000000000),
        //        hashint8(-9223372036854775808), hashint2(-32768::int2)
        assertThat(PgHash.hashInt4(0)).isEqualTo(-272711505);
        assertThat(PgHash.hashInt4(1)).isEqualTo(-1905060026);
        assertThat(PgHash.hashInt4(-1)).isEqualTo(385747274);
        assertThat(PgHash.hashInt8(-1)).isEqualTo(385747274);
        assertThat(PgHash.hashInt8(5_000_000_000L)).isEqualTo(-694934712);
        assertThat(PgHash.hashInt8(Long.MIN_VALUE)).isEqualTo(-96758253);
        assertThat(PgHash.hashInt4(Short.MIN_VALUE)).isEqualTo(193646934);
    }

    @Test
    void int8ValuesThatFitInInt4HashAsInt4() {
        for (long v : new long[] {0, 1, -1, 42, -42, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            assertThat(PgHash.hashInt8(v)).as("hashint8(%d)", v).isEqualTo(PgHash.hashInt4((int) v));
        }
    }

    @Test
    void charBoolAndOid() {
        // SELECT hashchar('a'), hashchar(E'\\377'::"char"), hashoid(4294967295), hashchar(''::"char")
        assertThat(PgHash.hashChar((byte) 'a')).isEqualTo(463612535);
        assertThat(PgHash.hashChar((byte) 0xFF)).isEqualTo(385747274); // C char is signed: \377 is -1
        assertThat(PgHash.hashInt4((int) 4294967295L)).isEqualTo(385747274);
        assertThat(PgHash.hashChar((byte) 0)).isEqualTo(-272711505);
        assertThat(PgHash.hashBool(true)).isEqualTo(PgHash.hashInt4(1));
    }

    @Test
    void floats() {
        // SELECT hashfloat8(1.5), hashfloat8('NaN'), hashfloat4(1.5)
        assertThat(PgHash.hashFloat8(1.5)).isEqualTo(630860146);
        assertThat(PgHash.hashFloat8(Double.NaN)).isEqualTo(-1275764840);
        assertThat(PgHash.hashFloat8(Double.longBitsToDouble(0xfff8000000000123L))).isEqualTo(-1275764840);
        assertThat(PgHash.hashFloat4(1.5f)).isEqualTo(630860146);
        assertThat(PgHash.hashFloat8(-0.0)).isEqualTo(PgHash.hashFloat8(0.0)).isZero();
    }

    @Test
    void numerics() {
        // SELECT hash_numeric(0), hash_numeric(1), hash_numeric(-1), hash_numeric(1.5), hash_numeric(12345.678),
        //        hash_numeric(1e100), hash_numeric(0.00012), hash_numeric('NaN')
        assertThat(PgHash.hashNumeric(new BigDecimal("0.000"))).isEqualTo(-1);
        assertThat(PgHash.hashNumeric(BigDecimal.ONE)).isEqualTo(1324868424);
        assertThat(PgHash.hashNumeric(new BigDecimal("-1"))).isEqualTo(1324868424);
        assertThat(PgHash.hashNumeric(new BigDecimal("1.5"))).isEqualTo(692967894);
        assertThat(PgHash.hashNumeric(new BigDecimal("1.500"))).isEqualTo(692967894);
        assertThat(PgHash.hashNumeric(new BigDecimal("12345.678"))).isEqualTo(573919094);
        assertThat(PgHash.hashNumeric(new BigDecimal("1e100"))).isEqualTo(1324868433);
        assertThat(PgHash.hashNumeric(new BigDecimal("0.00012"))).isEqualTo(1267246686);
        assertThat(PgHash.hashNumericSpecial()).isZero();
    }

    @Test
    void uuidBpcharByteaAndName() {
        // SELECT uuid_hash('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'), hashbpchar('ab  '),
        //        hash_array(array['\x0102'::bytea]) - 31, hashname(repeat('é', 40))
        assertThat(PgHash.hashUuid(UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"))).isEqualTo(1154666245);
        assertThat(PgHash.hashBpchar("ab  ")).isEqualTo(1718550461).isEqualTo(PgHash.hashBpchar("ab"));
        assertThat(PgHash.hashBytea(new byte[] {1, 2})).isEqualTo(1222024196);
        assertThat(PgHash.hashName("é".repeat(40))).isEqualTo(-251213914); // cut to 31 characters, 62 bytes
    }

    @Test
    void dateTimeTypesHashTheirIntegerForm() {
        // SELECT timestamp_hash('2024-02-29 12:34:56.789'), time_hash('23:59:59.999999'),
        //        hashint4('2024-02-29'::date - '2000-01-01'::date)
        long days = ChronoUnit.DAYS.between(LocalDate.of(2000, 1, 1), LocalDate.of(2024, 2, 29));
        assertThat(PgHash.hashInt4((int) days)).isEqualTo(1456914585);
        assertThat(PgHash.hashInt8(days * 86_400_000_000L + ((12 * 60 + 34) * 60 + 56) * 1_000_000L + 789_000))
                .isEqualTo(671739013);
        assertThat(PgHash.hashInt8(86_400_000_000L - 1)).isEqualTo(38296624);
    }

    @Test
    void shardRangesCoverTheInt32SpaceContiguously() {
        for (int count : new int[] {1, 2, 3, 7, 32, 1000, 64_000}) {
            List<HashRange> ranges = ShardRanges.split(count);
            assertThat(ranges).hasSize(count);
            assertThat(ranges.get(0).min()).isEqualTo(Integer.MIN_VALUE);
            assertThat(ranges.get(count - 1).max()).isEqualTo(Integer.MAX_VALUE);
            for (int i = 1; i < count; i++) {
                assertThat(ranges.get(i).min()).as("shard %d of %d", i, count)
                        .isEqualTo(ranges.get(i - 1).max() + 1);
            }
        }
    }

    @Test
    void shardRangesMatchCitusForThirtyTwoShards() {
        // citus_shards of a 32-shard table: shard 0 is [-2147483648, -2013265921], shard 31 [2013265920, 2147483647]
        List<HashRange> ranges = ShardRanges.split(32);
        assertThat(ranges.get(0)).isEqualTo(new HashRange(-2147483648, -2013265921));
        assertThat(ranges.get(16)).isEqualTo(new HashRange(0, 134217727));
        assertThat(ranges.get(31)).isEqualTo(new HashRange(2013265920, 2147483647));
        // 3 does not divide 2^32: step 1431655765, and the last shard takes the one-value remainder
        assertThat(ShardRanges.split(3)).containsExactly(new HashRange(-2147483648, -715827884),
                new HashRange(-715827883, 715827881), new HashRange(715827882, 2147483647));
    }

    @Test
    void shardIndexForAgreesWithSplitAtEveryEdge() {
        for (int count : new int[] {1, 2, 3, 7, 32, 1000, 64_000}) {
            List<HashRange> ranges = ShardRanges.split(count);
            for (int i = 0; i < count; i++) {
                HashRange range = ranges.get(i);
                for (int hash : new int[] {range.min(), range.max(), range.min() + (range.max() - range.min()) / 2}) {
                    assertThat(ShardRanges.shardIndexFor(hash, count)).as("hash %d of %d shards", hash, count)
                            .isEqualTo(i);
                }
            }
        }
    }

    @Test
    void shardCountOutsideCitusLimitsIsRejected() {
        assertThatThrownBy(() -> ShardRanges.split(0)).isInstanceOf(HashingException.class)
                .extracting(e -> ((HashingException) e).sqlState()).isEqualTo("22023");
        assertThatThrownBy(() -> ShardRanges.shardIndexFor(0, 64_001)).isInstanceOf(HashingException.class);
    }
}
