package io.distgres.planner.tier;

import io.distgres.planner.parser.PostgresDelete;
import io.distgres.planner.parser.PostgresInsert;
import io.distgres.planner.parser.PostgresUpdate;
import io.distgres.planner.parser.SqlLockedQuery;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;

/**
 * What kind of statement a tier is asked to plan. Each tier plans only some kinds
 * ({@link PlannerTier#handles}); the ladder asks only those.
 */
public enum StatementKind {
    /** A SELECT block, possibly with ORDER BY / LIMIT or row locking around it. */
    SELECT,
    /** Any other query: set operations, WITH, VALUES. */
    OTHER_QUERY,
    /** INSERT ... VALUES (or DEFAULT VALUES). */
    INSERT_VALUES,
    /** INSERT ... SELECT (any query as the source). */
    INSERT_SELECT,
    UPDATE,
    DELETE,
    /** Anything else the parser accepts. */
    OTHER;

    /** The kind of {@code statement} (without its RETURNING list). */
    static StatementKind of(SqlNode statement) {
        if (statement instanceof SqlInsert insert) {
            boolean values = insert.getSource().getKind() == SqlKind.VALUES
                    || (insert instanceof PostgresInsert postgres && postgres.isDefaultValues());
            return values ? INSERT_VALUES : INSERT_SELECT;
        }
        if (statement instanceof PostgresUpdate) {
            return UPDATE;
        }
        if (statement instanceof PostgresDelete) {
            return DELETE;
        }
        if (statement instanceof SqlSelect || statement instanceof SqlOrderBy || statement instanceof SqlLockedQuery) {
            return SELECT;
        }
        return statement.getKind().belongsTo(SqlKind.QUERY) ? OTHER_QUERY : OTHER;
    }
}
