package io.distgres.coordinator.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.distgres.planner.sql.StatementText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Transaction statements read from their leading words. */
class TransactionStatementTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "COMMIT|COMMIT", "end work|COMMIT", "commit transaction|COMMIT", "COMMIT AND NO CHAIN|COMMIT",
            "ROLLBACK|ROLLBACK", "abort|ROLLBACK", "ROLLBACK WORK|ROLLBACK",
            "ROLLBACK TO SAVEPOINT a|ROLLBACK_TO", "rollback to b|ROLLBACK_TO",
            "SAVEPOINT a|SAVEPOINT", "RELEASE SAVEPOINT a|RELEASE", "release a|RELEASE",
            "SET LOCAL work_mem = '8MB'|SET_LOCAL", "SET work_mem = '8MB'|NONE",
            "COMMIT AND CHAIN|COMMIT_AND_CHAIN", "ROLLBACK AND CHAIN|ROLLBACK_AND_CHAIN",
            "PREPARE TRANSACTION 'x'|PREPARE_TRANSACTION",
            "COMMIT PREPARED 'x'|FINISH_PREPARED", "ROLLBACK PREPARED 'x'|FINISH_PREPARED", "PREPARE q AS SELECT 1|NONE",
            "BEGIN|BEGIN", "BEGIN WORK|BEGIN", "START TRANSACTION|BEGIN", "begin;|BEGIN",
            "BEGIN ISOLATION LEVEL SERIALIZABLE|BEGIN_WITH_MODES", "BEGIN READ ONLY|BEGIN_WITH_MODES",
            "START TRANSACTION READ ONLY|BEGIN_WITH_MODES", "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ|TRANSACTION_MODES",
            "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY|TRANSACTION_MODES",
            "SELECT 1|NONE", "START foo|NONE", "' '|NONE"})
    void recognisesTransactionStatements(String sql, TransactionStatement expected) {
        assertThat(TransactionStatement.of(StatementText.of(sql))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ROLLBACK", "rollback work", "ROLLBACK TO SAVEPOINT s1", "  COMMIT;", "END", "ABORT",
            "/* c */ commit", "PREPARE TRANSACTION 'tx1'", "COMMIT PREPARED 'x'", "COMMIT AND CHAIN"})
    void transactionExitsAreAcceptedInAFailedTransaction(String sql) {
        assertThat(TransactionStatement.of(StatementText.of(sql)).endsFailedTransaction()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"BEGIN", "SAVEPOINT s1", "RELEASE s1", "PREPARE p AS SELECT 1", "SELECT 'ROLLBACK'",
            "", "-- ROLLBACK", "SET LOCAL work_mem = '1MB'"})
    void otherStatementsAreNotTransactionExits(String sql) {
        assertThat(TransactionStatement.of(StatementText.of(sql)).endsFailedTransaction()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SET LOCAL work_mem = '1MB'", "SET TRANSACTION READ ONLY", "SELECT 1", "VACUUM"})
    void statementsAnImplicitTransactionMayBeOpenedAround(String sql) {
        assertThat(TransactionStatement.of(StatementText.of(sql)).controlsBlock()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"SAVEPOINT Abc|abc", "SAVEPOINT \"Mixed Case\"|Mixed Case",
            "ROLLBACK TO SAVEPOINT s1;|s1", "RELEASE \"a\"\"b\"|a\"b"})
    void savepointNamesFoldLikePostgres(String sql, String name) {
        assertThat(TransactionStatement.savepointName(StatementText.of(sql))).isEqualTo(name);
    }

    @Test
    void longSavepointNamesAreCutTo63BytesAsPostgresCutsThem() {
        assertThat(TransactionStatement.savepointName(StatementText.of("SAVEPOINT " + "ü".repeat(40))))
                .isEqualTo("ü".repeat(31));
        assertThat(TransactionStatement.savepointName(StatementText.of(""))).isEmpty();
    }
}
