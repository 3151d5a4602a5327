package io.distgres.planner.parser;

import static org.apache.calcite.util.Static.RESOURCE;

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
        String body = image.substring(2, image.length() - 1);
        StringBuilder value = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\'' ) {
                value.append('\'');
                i++; // '' inside the literal
            } else if (c != '\\' || i + 1 >= body.length()) {
                value.append(c);
            } else {
                i = appendEscape(body, i + 1, value);
            }
        }
        return SqlLiteral.createCharString(value.toString(), pos);
    }

    /** Appends the escape starting at {@code i} (just after the backslash); returns its last index. */
    private static int appendEscape(String body, int i, StringBuilder value) {
        char c = body.charAt(i);
        switch (c) {
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'n' -> value.append('\n');
            case 'r' -> value.append('\r');
            case 't' -> value.append('\t');
            case 'x' -> {
                int end = digitsEnd(body, i + 1, 2, 16);
                if (end == i + 1) {
                    value.append('x');
                    return i;
                }
                value.append((char) Integer.parseInt(body.substring(i + 1, end), 16));
                return end - 1;
            }
            case 'u', 'U' -> {
                int length = c == 'u' ? 4 : 8;
                int end = digitsEnd(body, i + 1, length, 16);
                if (end - (i + 1) != length) {
                    value.append(c);
                    return i;
                }
                value.appendCodePoint(Integer.parseInt(body.substring(i + 1, end), 16));
                return end - 1;
            }
            default -> {
                int end = digitsEnd(body, i, 3, 8);
                if (end == i) {
                    value.append(c);
                    return i;
                }
                value.append((char) Integer.parseInt(body.substring(i, end), 8));
                return end - 1;
            }
        }
        return i;
    }

    private static int digitsEnd(String s, int from, int max, int radix) {
        int end = from;
        while (end < s.length() && end - from < max && Character.digit(s.charAt(end), radix) >= 0) {
            end++;
        }
        return end;
    }

    /** {@code $$...$$}: the text between the dollar quotes, verbatim. */
    public static SqlNode dollarString(String image, SqlParserPos pos) {
        return SqlLiteral.createCharString(image.substring(2, image.length() - 2), pos);
    }
}
