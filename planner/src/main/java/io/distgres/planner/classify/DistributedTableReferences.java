package io.distgres.planner.classify;

import io.distgres.planner.sql.SqlIdentifiers;
import io.distgres.planner.sql.SqlToken;
import io.distgres.planner.sql.StatementText;
import java.util.Set;

/**
 * A conservative check, before any parse, of whether a statement may touch a distributed table:
 * true when any identifier in it (outside literals and comments) names one. A false positive only
 * sends a statement to the distributed planner; a false negative would pass it to the shell
 * table, so every identifier counts.
 */
public final class DistributedTableReferences {
    private final Set<String> tableNames;

    /** @param tableNames the unqualified names of distributed and reference tables, as stored (case kept) */
    public DistributedTableReferences(Set<String> tableNames) {
        this.tableNames = Set.copyOf(tableNames);
    }

    public boolean isEmpty() {
        return tableNames.isEmpty();
    }

    /** The first identifier naming a distributed table, if any. */
    public java.util.Optional<String> firstReference(StatementText statement) {
        if (tableNames.isEmpty()) {
            return java.util.Optional.empty();
        }
        String text = statement.text();
        for (SqlToken token : statement.tokens()) {
            String name = token.kind() == SqlToken.Kind.WORD || token.kind() == SqlToken.Kind.QUOTED_IDENTIFIER
                    ? SqlIdentifiers.name(token.text(text)) : null;
            if (name != null && tableNames.contains(name)) {
                return java.util.Optional.of(name);
            }
        }
        return java.util.Optional.empty();
    }
}
