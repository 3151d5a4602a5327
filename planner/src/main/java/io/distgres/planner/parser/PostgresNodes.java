package io.distgres.planner.parser;

import static org.apache.calcite.util.Static.RESOURCE;

import io.distgres.planner.sql.SqlLiterals;
import java.util.List;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/** Builds the PostgreSQL-specific nodes for the generated parser's productions. */
public final class PostgresNodes {
    private PostgresNodes() {
    }

    /** {@code $n} is PostgreSQL's parameter n, which Calcite numbers from 0. */
    public static SqlDynamicParam numberedParameter(String image, SqlParserPos pos) {
        int number;
        try {
            number = Integer.parseInt(image.substring(1));
        } catch (NumberFormatException e) {
            number = 0;
        }
        if (number < 1) {
            throw SqlUtil.newContextException(pos,
                    RESOURCE.illegalLiteral("parameter", image, "parameters are numbered from $1"));
        }
        return new SqlDynamicParam(number - 1, pos);
    }

    public static SqlSelect select(SqlNodeList distinctOn, SqlParserPos pos, SqlNodeList keywords,
            SqlNodeList selectList, SqlNode from, SqlNode where, SqlNodeList groupBy, SqlNode having,
            SqlNodeList windows, SqlNode qualify, SqlNodeList orderBy, SqlNode offset, SqlNode fetch,
            SqlNodeList hints) {
        if (distinctOn == null) {
            return new SqlSelect(pos, keywords, selectList, from, where, groupBy, having, windows, qualify,
                    orderBy, offset, fetch, hints);
        }
        return new PostgresSelect(distinctOn, pos, keywords, selectList, from, where, groupBy, having, windows,
                qualify, orderBy, offset, fetch, hints);
    }

    /** {@code INTERVAL '1 day'}; PostgreSQL reads the units from the string. */
    public static SqlNode interval(SqlParserPos pos, int sign, String text) {
        SqlNode interval = PostgresOperators.INTERVAL.createCall(pos, SqlLiteral.createCharString(text, pos));
        return sign < 0 ? SqlStdOperatorTable.UNARY_MINUS.createCall(pos, interval) : interval;
    }

    /** The source of {@code INSERT ... DEFAULT VALUES}. */
    public static SqlNode defaultValues(SqlParserPos pos) {
        return SqlStdOperatorTable.DEFAULT.createCall(pos);
    }

    public static SqlNode returning(SqlNode statement, SqlNodeList returningList) {
        return returningList == null ? statement
                : new SqlReturning(statement.getParserPosition().plus(returningList.getParserPosition()),
                        statement, returningList);
    }

    public static SqlNode lockedQuery(SqlNode query, List<SqlLockingClause> locks) {
        if (locks.isEmpty()) {
            return query;
        }
        SqlParserPos pos = query.getParserPosition().plus(locks.get(locks.size() - 1).getParserPosition());
        return new SqlLockedQuery(pos, query, locks);
    }

    /** {@code E'...'}: a string with C-style backslash escapes. */
    public static SqlNode escapeString(String image, SqlParserPos pos) {
        return SqlLiteral.createCharString(SqlLiterals.value(image), pos);
    }

    /** {@code $$...$$}: the text between the dollar quotes, verbatim. */
    public static SqlNode dollarString(String image, SqlParserPos pos) {
        return SqlLiteral.createCharString(SqlLiterals.value(image), pos);
    }
}
