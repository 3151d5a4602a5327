package io.distgres.planner.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PostgresParserTest {
    private final PostgresParser parser = new PostgresParser();

    static Stream<String> corpus() throws IOException {
        try (InputStream in = PostgresParserTest.class.getResourceAsStream("/parser/accepted.sql")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Arrays.stream(text.split("\n\\s*\n")).map(String::strip).filter(s -> !s.isEmpty()).toList().stream();
        }
    }

    @Test
    void corpusIsLargeEnough() throws IOException {
        assertThat(corpus().count()).isGreaterThanOrEqualTo(80);
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void corpusStatementParses(String sql) throws SqlSyntaxException {
        assertThat(parser.parse(sql)).isNotNull();
    }

    @Test
    void numberedParametersAreDynamicParams() throws SqlSyntaxException {
        SqlNode node = parser.parse("SELECT * FROM t WHERE a = $1 AND b = $3 AND c = $1");
        assertThat(dynamicParamIndexes(node)).containsExactly(0, 2, 0);
        assertThat(parser.tableReferences("SELECT $1", parser.parse("SELECT $1"))).isEmpty();
    }

    @Test
    void questionMarkIsParameterAsOperandAndJsonbOperatorAsOperator() throws SqlSyntaxException {
        SqlSelect select = (SqlSelect) parser.parse("SELECT doc ? 'k' FROM t WHERE a = ?");
        assertThat(((SqlBasicCall) select.getSelectList().get(0)).getOperator()).isSameAs(PostgresOperators.JSONB_EXISTS);
        assertThat(select.getWhere().toString()).doesNotContain("\"?\"");
        assertThat(dynamicParamIndexes(select)).containsExactly(0);
    }

    @Test
    void insertReturningWrapsTheInsert() throws SqlSyntaxException {
        SqlReturning returning = (SqlReturning) parser.parse(
                "INSERT INTO messages (tenant_id, id) VALUES ($1, $2), ($1, $3) RETURNING id, body AS b");
        PostgresInsert insert = (PostgresInsert) returning.statement();
        assertThat(insert.table().names).containsExactly("messages");
        assertThat(insert.getTargetColumnList()).extracting(SqlNode::toString).containsExactly("tenant_id", "id");
        assertThat(insert.getSource().getKind()).isEqualTo(SqlKind.VALUES);
        assertThat(((SqlBasicCall) insert.getSource()).operandCount()).isEqualTo(2);
        assertThat(returning.returningList()).hasSize(2);
        assertThat(returning.returningList().get(1).getKind()).isEqualTo(SqlKind.AS);
        assertThat(dynamicParamIndexes(insert)).containsExactly(0, 1, 0, 2);
    }

    @Test
    void returningStarOnUpdateAndDelete() throws SqlSyntaxException {
        SqlReturning update = (SqlReturning) parser.parse("UPDATE t SET a = 1 WHERE b = 2 RETURNING *");
        assertThat(update.statement()).isInstanceOf(PostgresUpdate.class);
        assertThat(((SqlIdentifier) update.returningList().get(0)).isStar()).isTrue();
        SqlReturning delete = (SqlReturning) parser.parse("DELETE FROM t WHERE b = 2 RETURNING a, b");
        assertThat(delete.statement()).isInstanceOf(PostgresDelete.class);
        assertThat(delete.returningList()).hasSize(2);
    }

    @Test
    void onConflictDoUpdate() throws SqlSyntaxException {
        PostgresInsert insert = (PostgresInsert) parser.parse(
                "INSERT INTO counters AS c (k, n) VALUES ('a', 1) "
                        + "ON CONFLICT (k) DO UPDATE SET n = c.n + EXCLUDED.n WHERE c.n < 100");
        assertThat(insert.alias().getSimple()).isEqualTo("c");
        SqlOnConflict onConflict = insert.onConflict();
        assertThat(onConflict.target()).extracting(SqlNode::toString).containsExactly("k");
        assertThat(onConflict.doUpdate()).isTrue();
        assertThat(onConflict.updateColumns()).extracting(SqlNode::toString).containsExactly("n");
        assertThat(onConflict.updateValues().get(0).toString()).isEqualTo("`c`.`n` + `excluded`.`n`");
        assertThat(onConflict.updateWhere().toString()).isEqualTo("`c`.`n` < 100");
    }

    @Test
    void onConflictOnConstraintDoNothing() throws SqlSyntaxException {
        PostgresInsert insert = (PostgresInsert) parser.parse(
                "INSERT INTO t VALUES (1) ON CONFLICT ON CONSTRAINT t_pkey DO NOTHING");
        assertThat(insert.onConflict().constraint().getSimple()).isEqualTo("t_pkey");
        assertThat(insert.onConflict().target()).isNull();
        assertThat(insert.onConflict().doUpdate()).isFalse();
    }

    @Test
    void insertDefaultValuesAndSelect() throws SqlSyntaxException {
        assertThat(((PostgresInsert) parser.parse("INSERT INTO t DEFAULT VALUES")).isDefaultValues()).isTrue();
        PostgresInsert insertSelect = (PostgresInsert) parser.parse("INSERT INTO t (a) SELECT b FROM u");
        assertThat(insertSelect.isDefaultValues()).isFalse();
        assertThat(insertSelect.getSource()).isInstanceOf(SqlSelect.class);
    }

    @Test
    void updateFromAndDeleteUsing() throws SqlSyntaxException {
        PostgresUpdate update = (PostgresUpdate) parser.parse("UPDATE t AS x SET a = s.a FROM s WHERE x.id = s.id");
        assertThat(update.getAlias().getSimple()).isEqualTo("x");
        assertThat(update.from().toString()).isEqualTo("s");
        PostgresDelete delete = (PostgresDelete) parser.parse("DELETE FROM t USING s, u WHERE t.id = s.id");
        assertThat(delete.using().getKind()).isEqualTo(SqlKind.JOIN);
    }

    @Test
    void distinctOnKeys() throws SqlSyntaxException {
        SqlOrderBy orderBy = (SqlOrderBy) parser.parse("SELECT DISTINCT ON (a, lower(b)) a, b FROM t ORDER BY a");
        PostgresSelect select = (PostgresSelect) orderBy.query;
        assertThat(select.distinctOn()).extracting(SqlNode::toString).containsExactly("a", "LOWER(`b`)");
        assertThat(select.isDistinct()).isFalse();
        assertThat(parser.parse("SELECT DISTINCT a FROM t")).isNotInstanceOf(PostgresSelect.class);
    }

    @Test
    void lockingClauses() throws SqlSyntaxException {
        SqlLockedQuery locked = (SqlLockedQuery) parser.parse(
                "SELECT * FROM a JOIN b ON a.id = b.id ORDER BY a.id LIMIT 1 FOR UPDATE OF a SKIP LOCKED FOR SHARE OF b NOWAIT");
        assertThat(locked.query()).isInstanceOf(SqlOrderBy.class);
        assertThat(locked.lockingClauses()).hasSize(2);
        SqlLockingClause first = locked.lockingClauses().get(0);
        assertThat(first.strength()).isEqualTo(SqlLockingClause.Strength.UPDATE);
        assertThat(first.tables()).extracting(SqlNode::toString).containsExactly("a");
        assertThat(first.waitPolicy()).isEqualTo(SqlLockingClause.WaitPolicy.SKIP_LOCKED);
        assertThat(locked.lockingClauses().get(1).strength()).isEqualTo(SqlLockingClause.Strength.SHARE);
        assertThat(locked.lockingClauses().get(1).waitPolicy()).isEqualTo(SqlLockingClause.WaitPolicy.NOWAIT);
    }

    @Test
    void castsAndOperators() throws SqlSyntaxException {
        SqlSelect select = (SqlSelect) parser.parse(
                "SELECT '{1,2}'::int[], x AT TIME ZONE 'UTC', doc->'a'->>'b', INTERVAL '7 days' FROM t");
        SqlBasicCall cast = (SqlBasicCall) select.getSelectList().get(0);
        assertThat(cast.getOperator().getName()).isEqualTo("::");
        assertThat(cast.operand(1).toString()).isEqualTo("INTEGER ARRAY");
        SqlBasicCall atTimeZone = (SqlBasicCall) select.getSelectList().get(1);
        assertThat(atTimeZone.getOperator()).isSameAs(PostgresOperators.AT_TIME_ZONE);
        SqlBasicCall jsonText = (SqlBasicCall) select.getSelectList().get(2);
        assertThat(jsonText.getOperator()).isSameAs(PostgresOperators.JSON_GET_TEXT);
        assertThat(((SqlBasicCall) jsonText.operand(0)).getOperator()).isSameAs(PostgresOperators.JSON_GET);
        SqlBasicCall interval = (SqlBasicCall) select.getSelectList().get(3);
        assertThat(interval.getOperator()).isSameAs(PostgresOperators.INTERVAL);
        assertThat(interval.operand(0).toString()).isEqualTo("'7 days'");
    }

    @Test
    void jsonOperatorsInsideFunctionArgumentsAreNotLambdas() throws SqlSyntaxException {
        SqlSelect select = (SqlSelect) parser.parse("SELECT coalesce(doc->'a', doc->'b') FROM t");
        SqlBasicCall coalesce = (SqlBasicCall) select.getSelectList().get(0);
        assertThat(((SqlBasicCall) coalesce.operand(0)).getOperator()).isSameAs(PostgresOperators.JSON_GET);
    }

    @Test
    void escapeAndDollarStrings() throws SqlSyntaxException {
        SqlSelect select = (SqlSelect) parser.parse("SELECT E'a\\nb\\x41''', $$it's$$");
        assertThat(((org.apache.calcite.sql.SqlLiteral) select.getSelectList().get(0)).getValueAs(String.class))
                .isEqualTo("a\nbA'");
        assertThat(((org.apache.calcite.sql.SqlLiteral) select.getSelectList().get(1)).getValueAs(String.class))
                .isEqualTo("it's");
    }

    @Test
    void identifiersFoldLikePostgres() throws SqlSyntaxException {
        SqlSelect select = (SqlSelect) parser.parse("SELECT Name, \"Name\" FROM Public.\"Users\"");
        assertThat(((SqlIdentifier) select.getSelectList().get(0)).getSimple()).isEqualTo("name");
        assertThat(((SqlIdentifier) select.getSelectList().get(1)).getSimple()).isEqualTo("Name");
        assertThat(((SqlIdentifier) select.getFrom()).names).containsExactly("public", "Users");
    }

    @Test
    void tableReferencesSubstituteExactly() throws SqlSyntaxException {
        assertSubstitution("SELECT * FROM messages WHERE id = 1",
                Map.of("messages", "messages_102008"),
                "SELECT * FROM messages_102008 WHERE id = 1");
        assertSubstitution("SELECT * FROM public.messages m JOIN \"Users\" AS u ON u.id = m.user_id",
                Map.of("public.messages", "public.messages_102008", "Users", "\"Users_102040\""),
                "SELECT * FROM public.messages_102008 m JOIN \"Users_102040\" AS u ON u.id = m.user_id");
        assertSubstitution("SELECT * FROM \"My Schema\" . \"Mixed\"\"Quote\"",
                Map.of("My Schema.Mixed\"Quote", "s.t_1"),
                "SELECT * FROM s.t_1");
        assertSubstitution("INSERT INTO messages AS m (id) VALUES (1)\nON CONFLICT (id) DO UPDATE SET n = m.n + 1\nRETURNING *",
                Map.of("messages", "messages_7"),
                "INSERT INTO messages_7 AS m (id) VALUES (1)\nON CONFLICT (id) DO UPDATE SET n = m.n + 1\nRETURNING *");
        assertSubstitution("UPDATE a\r\n\tSET x = b.x\r\nFROM b\r\n\tWHERE a.id IN (SELECT id FROM c)",
                Map.of("a", "a_1", "b", "b_1", "c", "c_1"),
                "UPDATE a_1\r\n\tSET x = b.x\r\nFROM b_1\r\n\tWHERE a.id IN (SELECT id FROM c_1)");
        assertSubstitution("DELETE FROM t USING u WHERE t.id = u.id AND EXISTS (SELECT 1 FROM v WHERE v.id = t.id)",
                Map.of("t", "t_9", "u", "u_9", "v", "v_9"),
                "DELETE FROM t_9 USING u_9 WHERE t.id = u.id AND EXISTS (SELECT 1 FROM v_9 WHERE v.id = t.id)");
        assertSubstitution("SELECT 'é' || x, y FROM\n  tëst\tJOIN z ON true",
                Map.of("tëst", "tëst_1", "z", "z_1"),
                "SELECT 'é' || x, y FROM\n  tëst_1\tJOIN z_1 ON true");
    }

    @Test
    void tableReferencesNameTablesAsPostgresqlReadsThem() throws SqlSyntaxException {
        String sql = "SELECT * FROM ÜBER u JOIN My_Schema.\"Mixed\" m ON true, " + "é".repeat(40);
        List<TableReference> references = parser.tableReferences(sql, parser.parse(sql));
        // only ASCII letters fold, and names are cut to 63 bytes on a character edge
        assertThat(references).extracting(TableReference::name).containsExactly(
                List.of("Über"), List.of("my_schema", "Mixed"), List.of("é".repeat(31)));
    }

    @Test
    void tableReferencesSkipCtesAndKeepAliases() throws SqlSyntaxException {
        String sql = "WITH recent AS (SELECT * FROM messages) SELECT * FROM recent r JOIN tenants t ON t.id = r.tenant_id";
        List<TableReference> references = parser.tableReferences(sql, parser.parse(sql));
        assertThat(references).extracting(TableReference::tableName).containsExactly("messages", "tenants");
        assertThat(references.get(0).alias()).isEmpty();
        assertThat(references.get(1).alias()).contains("t");

        String recursive = "WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT * FROM r, nums";
        assertThat(parser.tableReferences(recursive, parser.parse(recursive)))
                .extracting(TableReference::tableName).containsExactly("nums");
    }

    @Test
    void tableReferencesInLockedAndReturningStatements() throws SqlSyntaxException {
        assertSubstitution("SELECT * FROM jobs WHERE id = $1 FOR UPDATE SKIP LOCKED",
                Map.of("jobs", "jobs_3"), "SELECT * FROM jobs_3 WHERE id = $1 FOR UPDATE SKIP LOCKED");
        assertSubstitution("INSERT INTO t (a) SELECT a FROM s RETURNING a",
                Map.of("t", "t_3", "s", "s_3"), "INSERT INTO t_3 (a) SELECT a FROM s_3 RETURNING a");
        assertSubstitution("SELECT DISTINCT ON (a) a FROM t ORDER BY a",
                Map.of("t", "t_3"), "SELECT DISTINCT ON (a) a FROM t_3 ORDER BY a");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELEC 1",
        "SELECT * FROM",
        "SELECT * FROM t WHERE",
        "INSERT INTO t VALUES (1",
        "SELECT 1 2",
        "DELETE t",
        "UPDATE t WHERE a = 1",
        "SELECT $0",
        "SELECT $$abc",
        "SELECT $1abc",
        "SELECT * FROM t WHERE a = 1 FOR",
        "SELECT 1; SELECT 2",
        "",
        "SELECT * FROM t LIMIT 5, 10",
        "INSERT INTO t VALUES (1) ON CONFLICT DO SOMETHING",
    })
    void garbageIsASyntaxError(String sql) {
        assertThatThrownBy(() -> parser.parse(sql))
                .isInstanceOf(SqlSyntaxException.class)
                .satisfies(e -> assertThat(((SqlSyntaxException) e).position()).isBetween(1, sql.length() + 1));
    }

    @Test
    void syntaxErrorPositionPointsAtTheBadToken() {
        String sql = "SELECT a,\n\tb FROM t WHERE a = = 1";
        assertThatThrownBy(() -> parser.parse(sql))
                .isInstanceOfSatisfying(SqlSyntaxException.class, e -> {
                    // Calcite stops before the first "=" (its lookahead rejects "= ="); the tab counts as one column.
                    assertThat(e.position()).isEqualTo(sql.indexOf("= =") + 1);
                    assertThat(e.getMessage()).isEqualTo("syntax error at or near \"=\"");
                    assertThat(e.sqlState()).isEqualTo("42601");
                });
        assertThatThrownBy(() -> parser.parse("SELECT * FROM"))
                .isInstanceOfSatisfying(SqlSyntaxException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("syntax error at end of input"));
    }

    @Test
    void sourcePositionsCountLinesLikeTheParser() {
        SourcePositions positions = new SourcePositions("ab\ncd\r\nef\rgh");
        assertThat(positions.offset(1, 1)).isZero();
        assertThat(positions.offset(2, 2)).isEqualTo(4);
        assertThat(positions.offset(3, 1)).isEqualTo(7);
        assertThat(positions.offset(4, 2)).isEqualTo(11);
    }

    private void assertSubstitution(String sql, Map<String, String> shards, String expected) throws SqlSyntaxException {
        List<TableReference> references = new ArrayList<>(parser.tableReferences(sql, parser.parse(sql)));
        assertThat(references).extracting(r -> String.join(".", r.name())).containsExactlyInAnyOrderElementsOf(shards.keySet());
        references.sort(Comparator.comparingInt(TableReference::start).reversed());
        StringBuilder text = new StringBuilder(sql);
        for (TableReference reference : references) {
            text.replace(reference.start(), reference.end(), shards.get(String.join(".", reference.name())));
        }
        assertThat(text.toString()).isEqualTo(expected);
    }

    private static List<Integer> dynamicParamIndexes(SqlNode node) {
        List<Integer> indexes = new ArrayList<>();
        node.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlDynamicParam param) {
                indexes.add(param.getIndex());
                return null;
            }

            @Override
            public Void visit(org.apache.calcite.sql.SqlCall call) {
                for (SqlNode operand : call.getOperandList()) {
                    if (operand != null) {
                        operand.accept(this);
                    }
                }
                return null;
            }
        });
        return indexes;
    }
}
