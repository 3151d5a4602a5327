package io.distgres.planner.parser;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** INSERT with PostgreSQL's target alias, DEFAULT VALUES and ON CONFLICT. */
public final class PostgresInsert extends SqlInsert {
    private final SqlIdentifier alias;
    private final SqlOnConflict onConflict;

    public PostgresInsert(SqlParserPos pos, SqlIdentifier table, SqlIdentifier alias, SqlNodeList columns,
            SqlNode source, SqlOnConflict onConflict) {
        super(pos, SqlNodeList.EMPTY, table, source, columns);
        this.alias = alias;
        this.onConflict = onConflict;
    }

    /** The identifier after {@code INSERT INTO}. */
    public SqlIdentifier table() {
        return (SqlIdentifier) getTargetTable();
    }

    /** {@code INSERT INTO t AS alias}, or null. */
    public SqlIdentifier alias() {
        return alias;
    }

    /** The ON CONFLICT clause, or null. */
    public SqlOnConflict onConflict() {
        return onConflict;
    }

    /** {@code INSERT INTO t DEFAULT VALUES}: the source is then a DEFAULT call. */
    public boolean isDefaultValues() {
        return getSource().getKind() == SqlKind.DEFAULT;
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("INSERT INTO");
        getTargetTable().unparse(writer, 0, 0);
        if (alias != null) {
            writer.keyword("AS");
            alias.unparse(writer, 0, 0);
        }
        if (getTargetColumnList() != null) {
            writer.list(SqlWriter.FrameTypeEnum.PARENTHESES, SqlWriter.COMMA, getTargetColumnList());
        }
        if (isDefaultValues()) {
            writer.keyword("DEFAULT VALUES");
        } else {
            writer.newlineAndIndent();
            getSource().unparse(writer, 0, 0);
        }
        if (onConflict != null) {
            onConflict.unparse(writer, 0, 0);
        }
    }
}
