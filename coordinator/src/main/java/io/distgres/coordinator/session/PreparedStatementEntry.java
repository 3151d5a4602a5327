package io.distgres.coordinator.session;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.StatementDescription;
import io.distgres.coordinator.pgwire.codec.ColumnDescriptor;
import io.distgres.coordinator.session.route.RoutedStatement;
import io.distgres.planner.sql.StatementText;
import java.util.List;

/**
 * A statement prepared with Parse: its text with its route (decided at Parse, kept until the
 * catalog changes), the parameter types the client declared and, once described, the types
 * PostgreSQL settled on; and the row type a RowDescription told the client, with the
 * {@link DefinitionChanges#stamp} it was last found unchanged at.
 */
final class PreparedStatementEntry {
    private final String name;
    private RoutedStatement routed;
    private final int[] declaredTypes;
    private final int parameterCount;
    private StatementDescription description;
    private List<ColumnDescriptor> sentRowType;
    private long rowTypeCheckedAt;

    PreparedStatementEntry(String name, RoutedStatement routed, int[] declaredTypes) {
        this.name = requireNonNull(name, "name is null");
        this.routed = requireNonNull(routed, "routed is null");
        this.declaredTypes = declaredTypes.clone();
        // the $n of a SQL-level PREPARE's body belong to that statement, not to this one
        StatementText statement = routed.statement();
        boolean sqlPrepare = statement.firstWord().equals("PREPARE");
        this.parameterCount = Math.max(declaredTypes.length, sqlPrepare ? 0 : statement.maxParameterNumber());
    }

    String name() {
        return name;
    }

    StatementText statement() {
        return routed.statement();
    }

    String sql() {
        return routed.statement().text();
    }

    /** The statement with the route it was last decided to take. */
    RoutedStatement routed() {
        return routed;
    }

    /** The route was decided again (the catalog changed). */
    void routed(RoutedStatement again) {
        this.routed = requireNonNull(again, "again is null");
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
