package io.distgres.coordinator.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.distgres.proto.worker.v1.TaskStatementKind;
import org.junit.jupiter.api.Test;

class TaskStatementTest {
    @Test
    void countsTheHighestParameterOutsideLiteralsAndComments() {
        assertThat(TaskStatement.of("SELECT $2 + $1, '$9', \"$8\", $$ $7 $$ /* $6 /* $5 */ */ FROM t_102008")
                .parameterCount()).isEqualTo(2);
        assertThat(TaskStatement.of("SELECT 1").parameterCount()).isZero();
    }

    @Test
    void namesTheCommandsWhoseTagTheAgentRebuilds() {
        assertThat(TaskStatement.of("INSERT INTO t_1 VALUES ($1)").kind()).isEqualTo(TaskStatementKind.TASK_STATEMENT_KIND_INSERT);
        assertThat(TaskStatement.of("update t_1 SET a = 1").kind()).isEqualTo(TaskStatementKind.TASK_STATEMENT_KIND_UPDATE);
        assertThat(TaskStatement.of("-- c\nDELETE FROM t_1").kind()).isEqualTo(TaskStatementKind.TASK_STATEMENT_KIND_DELETE);
        assertThat(TaskStatement.of("MERGE INTO t_1 USING s ON true WHEN MATCHED THEN DELETE").kind())
                .isEqualTo(TaskStatementKind.TASK_STATEMENT_KIND_MERGE);
        assertThat(TaskStatement.of("WITH d AS (DELETE FROM t_1 RETURNING *) SELECT * FROM d").kind())
                .isEqualTo(TaskStatementKind.TASK_STATEMENT_KIND_QUERY);
    }

    @Test
    void marksWhatMustRunOutsideATransactionBlock() {
        assertThat(TaskStatement.of("CREATE INDEX CONCURRENTLY i_1 ON t_1 (a)").kind())
                .isEqualTo(TaskStatementKind.TASK_STATEMENT_KIND_NO_TRANSACTION_BLOCK);
        assertThat(TaskStatement.of("VACUUM ANALYZE t_1").kind())
                .isEqualTo(TaskStatementKind.TASK_STATEMENT_KIND_NO_TRANSACTION_BLOCK);
        assertThat(TaskStatement.of("CREATE INDEX i_1 ON t_1 (a)").kind()).isEqualTo(TaskStatementKind.TASK_STATEMENT_KIND_QUERY);
    }
}
