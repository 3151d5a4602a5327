package io.distgres.planner.parser;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** A top-level query with row-locking clauses ({@code SELECT ... FOR UPDATE}). */
public final class SqlLockedQuery extends SqlCall {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("LOCKED QUERY", SqlKind.OTHER);

    private final SqlNode query;
    private final List<SqlLockingClause> lockingClauses;

    public SqlLockedQuery(SqlParserPos pos, SqlNode query, List<SqlLockingClause> lockingClauses) {
        super(pos);
        this.query = requireNonNull(query, "query is null");
        this.lockingClauses = List.copyOf(lockingClauses);
    }

    /** The query: a SqlSelect, or a SqlOrderBy around one when ORDER BY / LIMIT are present. */
    public SqlNode query() {
        return query;
    }

    public List<SqlLockingClause> lockingClauses() {
        return lockingClauses;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        List<SqlNode> operands = new ArrayList<>();
        operands.add(query);
        operands.addAll(lockingClauses);
        return operands;
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        query.unparse(writer, 0, 0);
        for (SqlLockingClause lock : lockingClauses) {
            lock.unparse(writer, 0, 0);
        }
    }
}
