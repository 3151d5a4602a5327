package io.distgres.planner.parser;

import java.util.Arrays;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code ON CONFLICT [ (target) [WHERE ...] | ON CONSTRAINT name ] DO { NOTHING | UPDATE SET ... [WHERE ...] }}.
 * Nullable parts are null when absent; {@code EXCLUDED.col} stays an ordinary identifier.
 */
public final class SqlOnConflict extends SqlCall {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("ON CONFLICT", SqlKind.OTHER);

    private final SqlNodeList target;
    private final SqlNode targetWhere;
    private final SqlIdentifier constraint;
    private final boolean doUpdate;
    private final SqlNodeList updateColumns;
    private final SqlNodeList updateValues;
    private final SqlNode updateWhere;

    public SqlOnConflict(SqlParserPos pos, SqlNodeList target, SqlNode targetWhere, SqlIdentifier constraint,
            boolean doUpdate, SqlNodeList updateColumns, SqlNodeList updateValues, SqlNode updateWhere) {
        super(pos);
        this.target = target;
        this.targetWhere = targetWhere;
        this.constraint = constraint;
        this.doUpdate = doUpdate;
        this.updateColumns = updateColumns;
        this.updateValues = updateValues;
        this.updateWhere = updateWhere;
    }

    /** The conflict target's index expressions (usually columns), or null. */
    public SqlNodeList target() {
        return target;
    }

    /** The partial-index predicate after the target, or null. */
    public SqlNode targetWhere() {
        return targetWhere;
    }

    /** The constraint of {@code ON CONSTRAINT name}, or null. */
    public SqlIdentifier constraint() {
        return constraint;
    }

    /** True for DO UPDATE, false for DO NOTHING. */
    public boolean doUpdate() {
        return doUpdate;
    }

    /** The SET columns of DO UPDATE, or null. */
    public SqlNodeList updateColumns() {
        return updateColumns;
    }

    /** The SET values of DO UPDATE, parallel to {@link #updateColumns()}, or null. */
    public SqlNodeList updateValues() {
        return updateValues;
    }

    /** The WHERE of DO UPDATE, or null. */
    public SqlNode updateWhere() {
        return updateWhere;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return Arrays.asList(target, targetWhere, constraint, updateColumns, updateValues, updateWhere);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("ON CONFLICT");
        if (target != null) {
            writer.list(SqlWriter.FrameTypeEnum.PARENTHESES, SqlWriter.COMMA, target);
            unparseWhere(writer, targetWhere);
        } else if (constraint != null) {
            writer.keyword("ON CONSTRAINT");
            constraint.unparse(writer, 0, 0);
        }
        if (!doUpdate) {
            writer.keyword("DO NOTHING");
            return;
        }
        writer.keyword("DO UPDATE SET");
        for (int i = 0; i < updateColumns.size(); i++) {
            if (i > 0) {
                writer.sep(",");
            }
            updateColumns.get(i).unparse(writer, 0, 0);
            writer.keyword("=");
            updateValues.get(i).unparse(writer, 0, 0);
        }
        unparseWhere(writer, updateWhere);
    }

    private static void unparseWhere(SqlWriter writer, SqlNode where) {
        if (where != null) {
            writer.keyword("WHERE");
            where.unparse(writer, 0, 0);
        }
    }
}
