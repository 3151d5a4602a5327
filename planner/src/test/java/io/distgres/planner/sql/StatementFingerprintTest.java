package io.distgres.planner.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Constants out, shape in: what groups statements for routes, statistics and the result cache. */
class StatementFingerprintTest {
    @Test
    void numbersAndStringsBecomeParametersNumberedAfterTheStatementsOwn() {
        StatementFingerprint fingerprint = StatementFingerprint.of(
                "SELECT body FROM messages WHERE user_id = $2 AND body <> 'x''y' LIMIT 10 -- note");
        assertThat(fingerprint.text())
                .isEqualTo("SELECT body FROM messages WHERE user_id = $2 AND body <> $3 LIMIT $4 -- note");
        assertThat(fingerprint.constants()).hasSize(2);
        assertThat(fingerprint.plainValue("SELECT body FROM messages WHERE user_id = $2 AND body <> 'x''y' LIMIT 10 -- note", 0))
                .contains("x'y");
    }

    @Test
    void statementsThatDifferOnlyInConstantsShareAFingerprint() {
        assertThat(StatementFingerprint.of("SELECT abalance FROM a WHERE aid = 5").key())
                .isEqualTo(StatementFingerprint.of("SELECT abalance FROM a WHERE aid = 123456").key());
        assertThat(StatementFingerprint.of("UPDATE a SET x = 'q' WHERE aid = 1").key())
                .isEqualTo(StatementFingerprint.of("UPDATE a SET x = 'other' WHERE aid = 99").key());
    }

    @Test
    void anotherKindOfConstantOrAnotherShapeIsAnotherFingerprint() {
        String integer = StatementFingerprint.of("SELECT * FROM a WHERE aid = 5").key();
        assertThat(StatementFingerprint.of("SELECT * FROM a WHERE aid = '5'").key()).isNotEqualTo(integer);
        assertThat(StatementFingerprint.of("SELECT * FROM a WHERE aid = 5.0").key()).isNotEqualTo(integer);
        assertThat(StatementFingerprint.of("SELECT * FROM a WHERE aid = E'5'").key())
                .isNotEqualTo(StatementFingerprint.of("SELECT * FROM a WHERE aid = '5'").key());
        assertThat(StatementFingerprint.of("SELECT * FROM a WHERE aid = -5").key()).isNotEqualTo(integer);
        assertThat(StatementFingerprint.of("SELECT * FROM a WHERE aid = NULL").key()).isNotEqualTo(integer);
        assertThat(StatementFingerprint.of("SELECT * FROM b WHERE aid = 5").key()).isNotEqualTo(integer);
    }

    @Test
    void onlyIntegersAndPlainStringsHaveAValueReadFromTheirToken() {
        String sql = "SELECT 1.5, 1e3, E'a\\nb', 'a\\b', 'plain', 42";
        StatementFingerprint fingerprint = StatementFingerprint.of(sql);
        assertThat(fingerprint.constants()).hasSize(6);
        assertThat(fingerprint.plainValue(sql, 0)).isEmpty();
        assertThat(fingerprint.plainValue(sql, 1)).isEmpty();
        assertThat(fingerprint.plainValue(sql, 2)).isEmpty();
        assertThat(fingerprint.plainValue(sql, 3)).isEmpty();
        assertThat(fingerprint.plainValue(sql, 4)).contains("plain");
        assertThat(fingerprint.plainValue(sql, 5)).contains("42");
        assertThat(fingerprint.text()).isEqualTo("SELECT $1, $2, $3, $4, $5, $6");
    }

    @Test
    void dollarQuotedTextStaysPartOfTheShape() {
        assertThat(StatementFingerprint.of("SELECT $$a$$ FROM t WHERE id = 1").text())
                .isEqualTo("SELECT $$a$$ FROM t WHERE id = $1");
    }
}
