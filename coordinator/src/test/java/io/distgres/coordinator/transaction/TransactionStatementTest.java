package io.distgres.coordinator.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.distgres.planner.sql.StatementText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransactionStatementTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "COMMIT|COMMIT", "end work|COMMIT", "commit transaction|COMMIT", "COMMIT AND NO CHAIN|COMMIT",
            "ROLLBACK|ROLLBACK", "abort|ROLLBACK", "ROLLBACK WORK|ROLLBACK",
            "ROLLBACK TO SAVEPOINT a|ROLLBACK_TO", "rollback to b|ROLLBACK_TO",
            "SAVEPOINT a|SAVEPOINT", "RELEASE SAVEPOINT a|RELEASE", "release a|RELEASE",
            "SET LOCAL work_mem = '8MB'|SET_LOCAL", "SET work_mem = '8MB'|OTHER",
            "COMMIT AND CHAIN|UNSUPPORTED", "ROLLBACK AND CHAIN|UNSUPPORTED", "PREPARE TRANSACTION 'x'|UNSUPPORTED",
            "COMMIT PREPARED 'x'|OTHER", "ROLLBACK PREPARED 'x'|OTHER", "PREPARE q AS SELECT 1|OTHER",
            "BEGIN|OTHER", "BEGIN WORK|OTHER", "START TRANSACTION|OTHER",
            "BEGIN ISOLATION LEVEL SERIALIZABLE|TRANSACTION_MODES", "BEGIN READ ONLY|TRANSACTION_MODES",
            "START TRANSACTION READ ONLY|TRANSACTION_MODES", "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ|TRANSACTION_MODES",
            "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY|TRANSACTION_MODES",
            "SELECT 1|OTHER"})
    void recognisesTransactionStatements(String sql, TransactionStatement expected) {
        assertThat(TransactionStatement.of(StatementText.of(sql))).isEqualTo(expected);
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
