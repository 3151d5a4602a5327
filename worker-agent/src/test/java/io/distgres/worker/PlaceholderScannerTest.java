package io.distgres.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlaceholderScannerTest {
    @Test
    void findsTheHighestPlaceholder() {
        assertThat(PlaceholderScanner.highestParameter("SELECT $2 + $1, $2, $10")).isEqualTo(10);
        assertThat(PlaceholderScanner.highestParameter("SELECT 1")).isZero();
    }

    @Test
    void ignoresLiteralsIdentifiersCommentsAndDollarQuotes() {
        String sql = "SELECT '$9 ?', E'\\' $9 ?', \"$9?\", a$9, $$ $9 ? $$, $tag$ $9 $$ ? $tag$ -- $9 ?\n"
                + "/* $9 /* nested ? */ $9 */ $1, j ? 'x'";
        assertThat(PlaceholderScanner.highestParameter(sql)).isEqualTo(1);
    }
}
