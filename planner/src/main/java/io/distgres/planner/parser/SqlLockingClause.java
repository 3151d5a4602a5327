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

/** One row-locking clause: {@code FOR UPDATE [OF t, ...] [NOWAIT | SKIP LOCKED]} and its kin. */
public final class SqlLockingClause extends SqlCall {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("FOR", SqlKind.OTHER);

    /** The lock strength, in PostgreSQL's words. */
    public enum Strength {
        UPDATE("UPDATE"), NO_KEY_UPDATE("NO KEY UPDATE"), SHARE("SHARE"), KEY_SHARE("KEY SHARE");

        private final String sql;

        Strength(String sql) {
            this.sql = sql;
        }
    }

    /** What to do about rows another transaction holds. */
    public enum WaitPolicy { WAIT, NOWAIT, SKIP_LOCKED }

    private final Strength strength;
    private final SqlNodeList tables;
    private final WaitPolicy waitPolicy;

    public SqlLockingClause(SqlParserPos pos, Strength strength, SqlNodeList tables, WaitPolicy waitPolicy) {
        super(pos);
        this.strength = requireNonNull(strength, "strength is null");
        this.tables = requireNonNull(tables, "tables is null");
        this.waitPolicy = requireNonNull(waitPolicy, "waitPolicy is null");
    }

    public Strength strength() {
        return strength;
    }

    /** The FROM items named after OF (relation names or aliases); empty when all are locked. */
    public SqlNodeList tables() {
        return tables;
    }

    public WaitPolicy waitPolicy() {
        return waitPolicy;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(tables);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("FOR " + strength.sql);
        if (!tables.isEmpty()) {
            writer.keyword("OF");
            writer.list(SqlWriter.FrameTypeEnum.SIMPLE, SqlWriter.COMMA, tables);
        }
        if (waitPolicy != WaitPolicy.WAIT) {
            writer.keyword(waitPolicy == WaitPolicy.NOWAIT ? "NOWAIT" : "SKIP LOCKED");
        }
    }
}
