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

    @ParameterizedTest
    @ValueSource(strings = {"VACUUM", "vacuum (analyze) t", "CREATE DATABASE d", "DROP TABLESPACE x",
            "CREATE UNIQUE INDEX CONCURRENTLY i ON t (a)", "DROP INDEX CONCURRENTLY i", "REINDEX DATABASE d",
            "ALTER SYSTEM SET work_mem = '1MB'", "DISCARD ALL", "CLUSTER", "COMMIT PREPARED 'x'"})
    void statementsThatRefuseTransactionBlocks(String sql) {
        assertThat(classifier.refusesTransactionBlock(StatementText.of(sql))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ANALYZE t", "CREATE INDEX i ON t (a)", "CREATE TABLE concurrently (a int)",
            "CLUSTER t USING i", "DISCARD TEMP", "ALTER TABLE t ADD COLUMN b int", "SELECT 'VACUUM'", "COMMIT"})
    void statementsThatMayRunInATransactionBlock(String sql) {
        assertThat(classifier.refusesTransactionBlock(StatementText.of(sql))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ALTER TABLE t ADD COLUMN b int", "drop view v", "CREATE OR REPLACE VIEW v AS SELECT 1",
            "DO $$ BEGIN EXECUTE 'ALTER TABLE t DROP COLUMN b'; END $$", "CALL p()", "COMMENT ON TABLE t IS 'x'"})
    void statementsThatMayChangeDefinitions(String sql) {
        assertThat(classifier.mayChangeDefinitions(StatementText.of(sql))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT * FROM t", "INSERT INTO t VALUES (1)", "WITH x AS (SELECT 1) SELECT * FROM x",
            "BEGIN", "SET search_path = s", "TRUNCATE t", "", "-- ALTER TABLE t"})
    void statementsThatKeepDefinitions(String sql) {
        assertThat(classifier.mayChangeDefinitions(StatementText.of(sql))).isFalse();
    }
}
