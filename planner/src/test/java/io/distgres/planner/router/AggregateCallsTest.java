package io.distgres.planner.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.distgres.planner.parser.PostgresParser;
import org.apache.calcite.sql.SqlSelect;
import org.junit.jupiter.api.Test;

class AggregateCallsTest {
    private final PostgresParser parser = new PostgresParser();

    private boolean selectListAggregates(String sql) throws Exception {
        return AggregateCalls.anyIn(((SqlSelect) parser.parse(sql)).getSelectList());
    }

    @Test
    void findsAggregatesWhereverTheyAreInTheSelectList() throws Exception {
        assertThat(selectListAggregates("SELECT count(*) FROM t WHERE k = 1")).isTrue();
        assertThat(selectListAggregates("SELECT 1 + SUM(v) FROM t WHERE k = 1")).isTrue();
        assertThat(selectListAggregates("SELECT count(*) FILTER (WHERE v > 0) FROM t WHERE k = 1")).isTrue();
        assertThat(selectListAggregates("SELECT string_agg(s, ',') FROM t WHERE k = 1")).isTrue();
        assertThat(selectListAggregates("SELECT (SELECT max(v) FROM u) FROM t WHERE k = 1")).isTrue();
    }

    @Test
    void plainColumnsAndFunctionsAreNotAggregates() throws Exception {
        assertThat(selectListAggregates("SELECT abalance FROM pgbench_accounts WHERE aid = 5")).isFalse();
        assertThat(selectListAggregates("SELECT lower(s), 'count(x)', v + 1 FROM t WHERE k = 1")).isFalse();
        assertThat(selectListAggregates("SELECT * FROM t WHERE k = 1")).isFalse();
    }
}
