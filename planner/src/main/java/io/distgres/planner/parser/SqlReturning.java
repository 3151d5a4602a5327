package io.distgres.planner.parser;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** An INSERT, UPDATE or DELETE with a RETURNING list; wraps the statement so no caller misses it. */
public final class SqlReturning extends SqlCall {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("RETURNING", SqlKind.OTHER);

    private final SqlNode statement;
    private final SqlNodeList returningList;

    public SqlReturning(SqlParserPos pos, SqlNode statement, SqlNodeList returningList) {
        super(pos);
        this.statement = requireNonNull(statement, "statement is null");
        this.returningList = requireNonNull(returningList, "returningList is null");
    }

    /** The {@link PostgresInsert}, {@link PostgresUpdate} or {@link PostgresDelete}. */
    public SqlNode statement() {
        return statement;
    }

    /** Select items: expressions with optional aliases, or {@code *}. */
    public SqlNodeList returningList() {
        return returningList;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(statement, returningList);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        statement.unparse(writer, 0, 0);
        writer.keyword("RETURNING");
        writer.list(SqlWriter.FrameTypeEnum.SELECT_LIST, SqlWriter.COMMA, returningList);
    }
}
