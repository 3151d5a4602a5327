package io.distgres.planner.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.distgres.planner.sql.StatementText;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatementClassifierTest {
    private final StatementClassifier classifier = new StatementClassifier();

    @ParameterizedTest
    @ValueSource(strings = {"ROLLBACK", "rollback work", "ROLLBACK TO SAVEPOINT s1", "  COMMIT;", "END", "ABORT",
            "/* c */ commit", "PREPARE TRANSACTION 'tx1'"})
    void transactionExitsAreAcceptedInAFailedTransaction(String sql) {
        assertThat(classifier.isTransactionExit(StatementText.of(sql))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"BEGIN", "SAVEPOINT s1", "RELEASE s1", "PREPARE p AS SELECT 1", "SELECT 'ROLLBACK'",
            "", "-- ROLLBACK"})
    void otherStatementsAreNotTransactionExits(String sql) {
        assertThat(classifier.isTransactionExit(StatementText.of(sql))).isFalse();
    }
}
