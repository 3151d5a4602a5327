package io.distgres.coordinator.worker;

import static java.util.Objects.requireNonNull;

import io.distgres.planner.classify.StatementClassifier;
import io.distgres.planner.sql.StatementText;
import io.distgres.proto.worker.v1.TaskStatementKind;

/**
 * What a worker agent must know about a task's SQL, read here by the coordinator's lexer so the
 * agent reads no SQL: how many {@code $n} parameters it binds, and the statement's kind (whether it
 * runs outside a transaction block, and which command tag to rebuild when pgjdbc loses it).
 */
record TaskStatement(int parameterCount, TaskStatementKind kind) {
    TaskStatement {
        requireNonNull(kind, "kind is null");
    }

    static TaskStatement of(String sql) {
        StatementText statement = StatementText.of(sql);
        return new TaskStatement(statement.maxParameterNumber(), kind(statement));
    }

    private static TaskStatementKind kind(StatementText statement) {
        if (new StatementClassifier().runsOutsideTransactionBlock(statement)) {
            return TaskStatementKind.TASK_STATEMENT_KIND_NO_TRANSACTION_BLOCK;
        }
        return switch (statement.firstWord()) {
            case "INSERT" -> TaskStatementKind.TASK_STATEMENT_KIND_INSERT;
            case "UPDATE" -> TaskStatementKind.TASK_STATEMENT_KIND_UPDATE;
            case "DELETE" -> TaskStatementKind.TASK_STATEMENT_KIND_DELETE;
            case "MERGE" -> TaskStatementKind.TASK_STATEMENT_KIND_MERGE;
            default -> TaskStatementKind.TASK_STATEMENT_KIND_QUERY;
        };
    }
}
