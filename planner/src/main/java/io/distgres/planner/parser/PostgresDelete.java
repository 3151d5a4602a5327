package io.distgres.planner.parser;

import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;

/** DELETE with PostgreSQL's {@code USING} list. */
public final class PostgresDelete extends SqlDelete {
    private final SqlNode using;

    public PostgresDelete(SqlParserPos pos, SqlIdentifier table, SqlIdentifier alias, SqlNode using,
            SqlNode where) {
        super(pos, table, where, null, alias);
        this.using = using;
    }

    /** The identifier after {@code DELETE FROM}. */
    public SqlIdentifier table() {
        return (SqlIdentifier) getTargetTable();
    }

    /** The USING list (a table reference, join or comma join), or null. */
    public SqlNode using() {
        return using;
    }
}
