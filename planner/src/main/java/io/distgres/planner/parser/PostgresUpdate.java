package io.distgres.planner.parser;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.parser.SqlParserPos;

/** UPDATE with PostgreSQL's {@code FROM} list. */
public final class PostgresUpdate extends SqlUpdate {
    private final SqlNode from;

    public PostgresUpdate(SqlParserPos pos, SqlIdentifier table, SqlIdentifier alias, SqlNodeList columns,
            SqlNodeList values, SqlNode from, SqlNode where) {
        super(pos, table, columns, values, where, null, alias);
        this.from = from;
    }

    /** The identifier after {@code UPDATE}. */
    public SqlIdentifier table() {
        return (SqlIdentifier) getTargetTable();
    }

    /** The FROM list (a table reference, join or comma join), or null. */
    public SqlNode from() {
        return from;
    }
}
