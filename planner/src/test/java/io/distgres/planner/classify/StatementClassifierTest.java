package io.distgres.planner.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.distgres.planner.sql.StatementText;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatementClassifierTest {
    private final StatementClassifier classifier = new StatementClassifier();

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
    @ValueSource(strings = {"CREATE INDEX CONCURRENTLY i ON t (a)", "  -- why\n vacuum analyze t", "COMMIT PREPARED 'x'",
            "drop database d", "BEGIN", "start transaction", "SAVEPOINT s", "RELEASE s", "COMMIT", "END", "ABORT",
            "ROLLBACK TO s", "PREPARE TRANSACTION 'x'", "/* a /* nested */ comment */ VACUUM"})
    void statementsThatRunOutsideTheRunnersTransactionBlock(String sql) {
        assertThat(classifier.runsOutsideTransactionBlock(StatementText.of(sql))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT 1", "(SELECT 1)", "INSERT INTO ending VALUES (1)", "CREATE INDEX i ON t (a)",
            "PREPARE p AS SELECT 1", "SELECT 'VACUUM'", "\"vacuum\""})
    void statementsThatRunInsideTheRunnersTransactionBlock(String sql) {
        assertThat(classifier.runsOutsideTransactionBlock(StatementText.of(sql))).isFalse();
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

    @ParameterizedTest
    @ValueSource(strings = {"SET search_path = s", "set local search_path to s, public", "SET SCHEMA 'x'",
            "RESET ALL", "SET ROLE app", "SET SESSION AUTHORIZATION app", "DISCARD ALL",
            "SELECT set_config('search_path', 's', false)"})
    void statementsThatMayChangeNameResolution(String sql) {
        assertThat(classifier.mayChangeNameResolution(StatementText.of(sql))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SET statement_timeout = 1000", "SET LOCAL work_mem = '1MB'", "RESET TimeZone",
            "SELECT 1"})
    void statementsThatKeepNameResolution(String sql) {
        assertThat(classifier.mayChangeNameResolution(StatementText.of(sql))).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CREATE TEMP TABLE trace (id int)|a temporary object",
            "create or replace temporary view v as select 1|a temporary object",
            "CREATE GLOBAL TEMPORARY TABLE t (a int)|a temporary object",
            "CREATE TABLE pg_temp.t (a int)|a temporary object",
            "CREATE FUNCTION pg_temp.f() RETURNS int LANGUAGE sql AS 'SELECT 1'|a temporary object",
            "SELECT * INTO TEMP t FROM s|a temporary object",
            "LISTEN jobs|LISTEN",
            "SELECT pg_advisory_lock(42)|a session advisory lock",
            "select pg_try_advisory_lock_shared(1, 2)|a session advisory lock",
            "DECLARE c CURSOR WITH HOLD FOR SELECT 1|a WITH HOLD cursor",
            "LOAD 'auto_explain'|LOAD"})
    void statementsThatLeaveStateInTheBackendSession(String sql, String state) {
        assertThat(classifier.sessionStateCreatedBy(StatementText.of(sql))).contains(state);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CREATE TABLE readings (temp float)", "CREATE UNLOGGED TABLE temp (a int)",
            "SELECT pg_advisory_xact_lock(42)", "DECLARE c CURSOR WITHOUT HOLD FOR SELECT 1",
            "SELECT 'pg_advisory_lock(1)'", "INSERT INTO temp VALUES (1)", "UNLISTEN *", "SELECT 1"})
    void statementsThatLeaveNoSessionState(String sql) {
        assertThat(classifier.sessionStateCreatedBy(StatementText.of(sql))).isEmpty();
    }
}
