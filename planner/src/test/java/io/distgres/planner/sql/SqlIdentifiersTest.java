package io.distgres.planner.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SqlIdentifiersTest {
    @Test
    void quotingDoublesQuotesAndKeepsCase() {
        assertThat(SqlIdentifiers.quote("Order")).isEqualTo("\"Order\"");
        assertThat(SqlIdentifiers.quote("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(SqlIdentifiers.qualified("My Schema", "t")).isEqualTo("\"My Schema\".\"t\"");
        assertThatThrownBy(() -> SqlIdentifiers.quote("a\0b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quotedNamesKeepTheirCaseAndLoseTheirQuotes() {
        assertThat(SqlIdentifiers.name("\"MixedCase\"")).isEqualTo("MixedCase");
        assertThat(SqlIdentifiers.name("\"say \"\"hi\"\"\"")).isEqualTo("say \"hi\"");
        assertThat(SqlIdentifiers.name("\"\"\"\"")).isEqualTo("\"");
        assertThat(SqlIdentifiers.name(SqlIdentifiers.quote("x\"\"y"))).isEqualTo("x\"\"y");
    }

    @Test
    void unquotedNamesFoldOnlyAsciiLettersAsPostgresDoesInUtf8() {
        assertThat(SqlIdentifiers.name("MixedCase")).isEqualTo("mixedcase");
        assertThat(SqlIdentifiers.name("lower_1")).isSameAs(SqlIdentifiers.name("lower_1"));
        // downcase_identifier leaves multibyte characters alone
        assertThat(SqlIdentifiers.name("Émile")).isEqualTo("Émile");
        assertThat(SqlIdentifiers.name("ÉMILE_Ä")).isEqualTo("Émile_Ä");
        assertThat(SqlIdentifiers.name("İSTANBUL")).isEqualTo("İstanbul");
    }

    @Test
    void longNamesAreCutTo63BytesWithoutSplittingACharacter() {
        String ascii = "a".repeat(70);
        assertThat(SqlIdentifiers.name(ascii)).isEqualTo("a".repeat(63));
        assertThat(SqlIdentifiers.name("\"" + "B".repeat(64) + "\"")).isEqualTo("B".repeat(63));
        // 31 two-byte characters are 62 bytes; the 32nd would make 64, so it goes whole
        String twoByte = "é".repeat(40);
        assertThat(SqlIdentifiers.truncate(twoByte)).isEqualTo("é".repeat(31));
        // a four-byte character straddling byte 63 goes whole too
        String straddling = "a".repeat(61) + "😀" + "b";
        assertThat(SqlIdentifiers.truncate(straddling)).isEqualTo("a".repeat(61));
        assertThat(SqlIdentifiers.truncate("a".repeat(59) + "😀" + "b")).isEqualTo("a".repeat(59) + "😀");
        assertThat(utf8Length(SqlIdentifiers.truncate("€".repeat(30)))).isEqualTo(63);
        assertThat(SqlIdentifiers.truncate("short")).isEqualTo("short");
    }

    @Test
    void suffixesAreKeptWholeAndTheBaseCutInBytes() {
        assertThat(SqlIdentifiers.withSuffix("orders", "_102008")).isEqualTo("orders_102008");
        String base = "x".repeat(60);
        assertThat(SqlIdentifiers.withSuffix(base, "_102008")).isEqualTo("x".repeat(56) + "_102008");
        // the base is cut on a character edge, counted in bytes
        assertThat(SqlIdentifiers.withSuffix("é".repeat(40), "_102008")).isEqualTo("é".repeat(28) + "_102008");
        // a suffix with multibyte characters counts its bytes, not its chars
        assertThat(utf8Length(SqlIdentifiers.withSuffix("y".repeat(70), "_é"))).isEqualTo(63);
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
