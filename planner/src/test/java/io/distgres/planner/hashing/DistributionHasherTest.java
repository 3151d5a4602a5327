package io.distgres.planner.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** How distribution values given as text are read before hashing; PgHashIT checks the same against PostgreSQL. */
class DistributionHasherTest {
    private final DistributionHasher hasher = new DistributionHasher();

    @Test
    void theHashDependsOnTheValueNotItsSpelling() {
        int fortyTwo = hasher.hash(DistributionType.BIGINT, "42");
        assertThat(hasher.hash(DistributionType.BIGINT, " +42\n")).isEqualTo(fortyTwo);
        assertThat(hasher.hash(DistributionType.BIGINT, "0x2A")).isEqualTo(fortyTwo);
        assertThat(hasher.hash(DistributionType.INTEGER, "4_2")).isEqualTo(fortyTwo);
        assertThat(hasher.hash(20, "42")).isEqualTo(PgHash.hashInt4(42)); // by OID
        assertThat(hasher.hash(DistributionType.UUID, "{A0EEBC99-9C0B4EF8-BB6D6BB9-BD380A11}"))
                .isEqualTo(hasher.hash(DistributionType.UUID, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
        assertThat(hasher.hash(DistributionType.TIMESTAMPTZ, "2024-01-01 12:00:00+05:30"))
                .isEqualTo(hasher.hash(DistributionType.TIMESTAMPTZ, "2024-01-01T06:30:00Z"));
        assertThat(hasher.hash(DistributionType.NUMERIC, "1.50"))
                .isEqualTo(hasher.hash(DistributionType.NUMERIC, "15e-1"));
    }

    @Test
    void timestamptzWithoutZoneIsReadInTheSessionZone() {
        DistributionHasher tokyo = new DistributionHasher(ZoneId.of("Asia/Tokyo"));
        assertThat(tokyo.hash(DistributionType.TIMESTAMPTZ, "2024-01-01 09:00:00"))
                .isEqualTo(hasher.hash(DistributionType.TIMESTAMPTZ, "2024-01-01 00:00:00"));
    }

    @Test
    void badTextFailsWithPostgresStateAndMessage() {
        assertFails(() -> hasher.hash(DistributionType.BIGINT, "abc"), "22P02",
                "invalid input syntax for type bigint: \"abc\"");
        assertFails(() -> hasher.hash(DistributionType.SMALLINT, "99999"), "22003",
                "value \"99999\" is out of range for type smallint");
        assertFails(() -> hasher.hash(DistributionType.UUID, "not-a-uuid"), "22P02",
                "invalid input syntax for type uuid: \"not-a-uuid\"");
        assertFails(() -> hasher.hash(DistributionType.DATE, "2024-02-30"), "22008",
                "date/time field value out of range: \"2024-02-30\"");
        assertFails(() -> hasher.hash(DistributionType.DOUBLE_PRECISION, "1e400"), "22003",
                "\"1e400\" is out of range for type double precision");
    }

    @Test
    void unsupportedTypesAndDateFormsAreRefusedNotGuessed() {
        assertFails(() -> hasher.hash(114, "{}"), "0A000",
                "hashing values of the type with OID 114 is not supported for distribution columns");
        assertThatThrownBy(() -> hasher.hash(DistributionType.DATE, "Jan 8 1999"))
                .extracting(e -> ((HashingException) e).sqlState()).isEqualTo("0A000");
    }

    private static void assertFails(ThrowingCallable call, String sqlState, String message) {
        assertThatThrownBy(call).isInstanceOf(HashingException.class).hasMessage(message)
                .extracting(e -> ((HashingException) e).sqlState()).isEqualTo(sqlState);
    }
}
