package io.distgres.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
    @Test
    void defaultModeLoadsAMillionAccounts() {
        BenchOptions options = BenchOptions.parse();

        assertThat(options.accounts()).isEqualTo(1_000_000);
        assertThat(options.seconds()).isEqualTo(10);
        assertThat(options.clients()).containsExactly(1, 16);
        assertThat(options.only()).isEqualTo(BenchOptions.PARTS);
    }

    @Test
    void quickModeIsSmallAndExplicitOptionsWin() {
        BenchOptions options = BenchOptions.parse("--quick", "--seconds", "5", "--clients", "1,4,16", "--only", "select");

        assertThat(options.scale()).isEqualTo(1);
        assertThat(options.seconds()).isEqualTo(5);
        assertThat(options.clients()).isEqualTo(List.of(1, 4, 16));
        assertThat(options.only()).isEqualTo(Set.of("select"));
        assertThat(options.runs("scan")).isFalse();
    }

    @Test
    void unknownOptionsAndPartsAreRejected() {
        assertThatThrownBy(() -> BenchOptions.parse("--fast")).hasMessageContaining("unknown option --fast");
        assertThatThrownBy(() -> BenchOptions.parse("--only", "joins")).hasMessageContaining("--only takes");
        assertThatThrownBy(() -> BenchOptions.parse("--scale")).hasMessageContaining("--scale needs a value");
    }
}
