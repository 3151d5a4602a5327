package io.distgres.coordinator.session;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.StatementDescription;
import io.distgres.coordinator.pgwire.codec.ColumnDescriptor;
import io.distgres.planner.sql.StatementText;
import java.util.List;

/**
 * A statement prepared with Parse: its text, the parameter types the client declared and, once
 * described, the types PostgreSQL settled on; and the row type a RowDescription told the client,
 * with the {@link ClientSession#definitionsStamp} it was last found unchanged at.
 */
final class PreparedStatementEntry {
    private final String name;
    private final StatementText statement;
    private final int[] declaredTypes;
    private final int parameterCount;
    private final boolean mayChangeRowTypes;
    private final String sessionState;
    private StatementDescription description;
    private List<ColumnDescriptor> sentRowType;
    private long rowTypeCheckedAt;

    /**
     * @param mayChangeRowTypes whether running it may change what statements' row types are (DDL,
     *                          SET search_path): see {@link RowTypeChanges#noteStatementRan}
     * @param sessionState      the state it leaves in the backend's session (see
     *                          {@link SessionPin#pinFor}), null for none
     */
    PreparedStatementEntry(String name, StatementText statement, int[] declaredTypes, boolean mayChangeRowTypes,
                           String sessionState) {
        this.name = requireNonNull(name, "name is null");
        this.statement = requireNonNull(statement, "statement is null");
        this.declaredTypes = declaredTypes.clone();
        this.mayChangeRowTypes = mayChangeRowTypes;
        this.sessionState = sessionState;
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

    /** True when running it may change other statements' row types (DDL, SET search_path). */
    boolean mayChangeRowTypes() {
        return mayChangeRowTypes;
    }

    /** What running it leaves in the backend's session, null for nothing. */
    String sessionState() {
        return sessionState;
    }

    void describedAs(StatementDescription newDescription) {
        this.description = newDescription;
    }

    /** The row type the client was told, null when none yet (or the statement returns no rows). */
    List<ColumnDescriptor> sentRowType() {
        return sentRowType;
    }

    long rowTypeCheckedAt() {
        return rowTypeCheckedAt;
    }

    /** A RowDescription told the client these columns; the first one fixes the row type, as in PostgreSQL. */
    void rowTypeSent(List<ColumnDescriptor> columns, long stamp) {
        if (sentRowType == null && columns != null) {
            sentRowType = List.copyOf(columns);
            rowTypeCheckedAt = stamp;
        }
    }

    void rowTypeUnchangedAt(long stamp) {
        rowTypeCheckedAt = stamp;
    }
}
