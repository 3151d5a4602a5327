package io.distgres.coordinator.regress;

import java.util.List;

/** What one statement did on one database: rows (or an update count), or an error. */
sealed interface StatementOutcome {

    /** A result column: its label and the PostgreSQL type OID of its values. */
    record Column(String name, int typeOid) {
        boolean isFloat() {
            return typeOid == 700 || typeOid == 701;
        }

        @Override
        public String toString() {
            return name + ":" + typeOid;
        }
    }

    /**
     * A successful statement: its columns and rows as PostgreSQL's text output ({@code null} for
     * NULL) when it returned rows, else no columns and its update count.
     */
    record Rows(List<Column> columns, List<List<String>> rows, long updateCount) implements StatementOutcome {
    }

    /** A statement that failed with this SQLSTATE and message. */
    record Failure(String sqlState, String message) implements StatementOutcome {
        boolean isUnsupported() {
            return "0A000".equals(sqlState);
        }

        @Override
        public String toString() {
            return "ERROR " + sqlState + ": " + message;
        }
    }
}
