package io.distgres.coordinator.session;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.BoundParameter;
import io.distgres.coordinator.pgwire.codec.ColumnDescriptor;
import java.util.ArrayList;
import java.util.List;

/**
 * A bound statement ready to execute. Once run, it holds the rows not yet sent so that Execute
 * with a row limit can hand them out in pieces (PortalSuspended between pieces).
 */
final class Portal {
    private final String name;
    private final PreparedStatementEntry statement;
    private final List<BoundParameter> parameters;
    private final short[] resultFormats;
    private boolean executed;
    private List<ColumnDescriptor> columns;
    private final List<byte[][]> rows = new ArrayList<>();
    private int nextRow;
    private String commandTag;

    Portal(String name, PreparedStatementEntry statement, List<BoundParameter> parameters, short[] resultFormats) {
        this.name = requireNonNull(name, "name is null");
        this.statement = requireNonNull(statement, "statement is null");
        this.parameters = List.copyOf(parameters);
        this.resultFormats = resultFormats.clone();
    }

    String name() {
        return name;
    }

    PreparedStatementEntry statement() {
        return statement;
    }

    List<BoundParameter> parameters() {
        return parameters;
    }

    short[] resultFormats() {
        return resultFormats;
    }

    boolean isExecuted() {
        return executed;
    }

    void markExecuted() {
        executed = true;
    }

    List<ColumnDescriptor> columns() {
        return columns;
    }

    void setColumns(List<ColumnDescriptor> newColumns) {
        this.columns = newColumns;
    }

    void addRow(byte[][] row) {
        rows.add(row);
    }

    boolean hasMoreRows() {
        return nextRow < rows.size();
    }

    byte[][] nextRow() {
        byte[][] row = rows.get(nextRow);
        rows.set(nextRow++, null);
        return row;
    }

    String commandTag() {
        return commandTag;
    }

    void setCommandTag(String tag) {
        this.commandTag = tag;
    }

    /** Rows sent so far; PostgreSQL reports this count in the final "SELECT n" of a suspended portal. */
    int rowsSent() {
        return nextRow;
    }
}
