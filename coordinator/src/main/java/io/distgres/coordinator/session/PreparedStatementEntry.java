package io.distgres.coordinator.session;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.execution.StatementDescription;
import io.distgres.planner.sql.StatementText;

/**
 * A statement prepared with Parse: its text, the parameter types the client declared and, once
 * described, the types PostgreSQL settled on.
 */
final class PreparedStatementEntry {
    private final String name;
    private final StatementText statement;
    private final int[] declaredTypes;
    private final int parameterCount;
    private StatementDescription description;

    PreparedStatementEntry(String name, StatementText statement, int[] declaredTypes) {
        this.name = requireNonNull(name, "name is null");
        this.statement = requireNonNull(statement, "statement is null");
        this.declaredTypes = declaredTypes.clone();
        // the $n of a SQL-level PREPARE's body belong to that statement, not to this one
        boolean sqlPrepare = statement.firstWord().equals("PREPARE");
        this.parameterCount = Math.max(declaredTypes.length, sqlPrepare ? 0 : statement.maxParameterNumber());
    }

    String name() {
        return name;
    }

    StatementText statement() {
        return statement;
    }

    String sql() {
        return statement.text();
    }

    int parameterCount() {
        return parameterCount;
    }

    int declaredType(int index) {
        return index < declaredTypes.length ? declaredTypes[index] : 0;
    }

    int[] declaredTypes() {
        return declaredTypes.clone();
    }

    StatementDescription description() {
        return description;
    }

    void describedAs(StatementDescription newDescription) {
        this.description = newDescription;
    }
}
