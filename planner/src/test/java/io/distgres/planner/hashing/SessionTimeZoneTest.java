package io.distgres.planner.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** How a session's TimeZone setting, as pg_settings shows it, becomes the zone a router hashes timestamptz in. */
class SessionTimeZoneTest {
    @Test
    void namesAreIanaZonesMatchedAsPostgresMatchesThem() {
        assertThat(SessionTimeZone.parse("America/New_York")).contains(ZoneId.of("America/New_York"));
        assertThat(SessionTimeZone.parse("america/new_york")).contains(ZoneId.of("America/New_York"));
        assertThat(SessionTimeZone.parse("UTC")).contains(ZoneOffset.UTC);
        assertThat(SessionTimeZone.parse("Etc/GMT+3")).contains(ZoneId.of("Etc/GMT+3"));
    }

    @Test
    void posixOffsetsCountWestOfGreenwich() {
        // SET TIME ZONE -7 shows as <-07>+07; SET TIME ZONE INTERVAL '+05:30' as <+05:30>-05:30
        assertThat(SessionTimeZone.parse("<-07>+07")).contains(ZoneOffset.ofHours(-7));
        assertThat(SessionTimeZone.parse("<+05:30>-05:30")).contains(ZoneOffset.ofHoursMinutes(5, 30));
        assertThat(SessionTimeZone.parse("UTC+3")).contains(ZoneOffset.ofHours(-3));
    }

    @Test
    void whatCannotBeInterpretedRefusesOnlyTextWithoutAnOffset() {
        assertThat(SessionTimeZone.parse("EST5EDT,M3.2.0,M11.1.0")).isEmpty();
        DistributionHasher hasher = DistributionHasher.forTimeZone("EST5EDT,M3.2.0,M11.1.0");
        assertThat(hasher.hash(DistributionType.TIMESTAMPTZ, "2024-01-01 00:00:00+00"))
                .isEqualTo(new DistributionHasher().hash(DistributionType.TIMESTAMPTZ, "2024-01-01 00:00:00"));
        assertThatThrownBy(() -> hasher.hash(DistributionType.TIMESTAMPTZ, "2024-01-01 00:00:00"))
                .isInstanceOfSatisfying(HashingException.class, e -> assertThat(e.sqlState()).isEqualTo("0A000"));
    }

    @Test
    void aHasherForASessionZoneReadsTextWithoutAnOffsetThere() {
        assertThat(DistributionHasher.forTimeZone("America/New_York").hash(DistributionType.TIMESTAMPTZ,
                "2024-06-01 23:30:00")).isEqualTo(new DistributionHasher().hash(DistributionType.TIMESTAMPTZ,
                "2024-06-02 03:30:00"));
    }
}
