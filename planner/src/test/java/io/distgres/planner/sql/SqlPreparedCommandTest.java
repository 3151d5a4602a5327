package io.distgres.planner.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SqlPreparedCommandTest {
    @Test
    void prepareWithTypesKeepsTheBodyAndWhereItStarts() {
        String sql = "PREPARE Find(int, numeric(10, 2), \"MyType\"[]) AS SELECT * FROM t WHERE id = $1";
        var prepare = (SqlPreparedCommand.Prepare) parse(sql).orElseThrow();
        assertThat(prepare.name()).isEqualTo("find");
        assertThat(prepare.typeNames()).containsExactly("int", "numeric(10, 2)", "\"MyType\"[]");
        assertThat(prepare.body().text()).isEqualTo("SELECT * FROM t WHERE id = $1");
        assertThat(prepare.bodyOffset()).isEqualTo(sql.indexOf("SELECT"));
    }

    @Test
    void prepareWithoutTypesAndQuotedName() {
        var prepare = (SqlPreparedCommand.Prepare) parse("prepare \"Q\" as select 1").orElseThrow();
        assertThat(prepare.name()).isEqualTo("Q");
        assertThat(prepare.typeNames()).isEmpty();
    }

    @Test
    void prepareTransactionIsNotAPreparedStatement() {
        assertThat(parse("PREPARE TRANSACTION 'gid'")).isEmpty();
    }

    @Test
    void executeSplitsArgumentsAtTopLevelCommasOnly() {
        var execute = (SqlPreparedCommand.Execute) parse(
                "EXECUTE p(5, 'a,b', CAST('1' AS numeric(3, 1)), ARRAY[1, 2], -1.5)").orElseThrow();
        assertThat(execute.arguments()).containsExactly("5", "'a,b'", "CAST('1' AS numeric(3, 1))", "ARRAY[1, 2]",
                "-1.5");
        assertThat(execute.explainPrefix()).isEmpty();
        assertThat(((SqlPreparedCommand.Execute) parse("EXECUTE p").orElseThrow()).arguments()).isEmpty();
    }

    @Test
    void explainExecuteKeepsTheExplainPrefix() {
        var execute = (SqlPreparedCommand.Execute) parse("EXPLAIN (COSTS OFF) EXECUTE p(1)").orElseThrow();
        assertThat(execute.explainPrefix()).isEqualTo("EXPLAIN (COSTS OFF) ");
        assertThat(((SqlPreparedCommand.Execute) parse("EXPLAIN ANALYZE EXECUTE p").orElseThrow()).explainPrefix())
                .isEqualTo("EXPLAIN ANALYZE ");
        assertThat(parse("EXPLAIN SELECT 1")).isEmpty();
    }

    @Test
    void deallocateOneOrAll() {
        assertThat(parse("DEALLOCATE p")).contains(new SqlPreparedCommand.Deallocate(Optional.of("p")));
        assertThat(parse("DEALLOCATE PREPARE P")).contains(new SqlPreparedCommand.Deallocate(Optional.of("p")));
        assertThat(parse("deallocate all")).contains(new SqlPreparedCommand.Deallocate(Optional.empty()));
    }

    @Test
    void malformedCommandsAreSyntaxErrorsWithPositions() {
        assertThatThrownBy(() -> parse("PREPARE p SELECT 1")).isInstanceOfSatisfying(
                SqlPreparedCommand.SyntaxError.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("42601");
                    assertThat(e.position()).isEqualTo(11);
                    assertThat(e.getMessage()).isEqualTo("syntax error at or near \"SELECT\"");
                });
        assertThatThrownBy(() -> parse("EXECUTE p(1,)")).isInstanceOf(SqlPreparedCommand.SyntaxError.class);
        assertThatThrownBy(() -> parse("EXECUTE p(1) extra")).isInstanceOf(SqlPreparedCommand.SyntaxError.class);
    }

    @Test
    void otherStatementsAreNotCommands() {
        for (String sql : List.of("SELECT 1", "EXECUTE_ME()", "DISCARD ALL")) {
            assertThat(parse(sql)).as(sql).isEmpty();
        }
    }

    private static Optional<SqlPreparedCommand> parse(String sql) {
        return SqlPreparedCommand.parse(StatementText.of(sql));
    }
}
