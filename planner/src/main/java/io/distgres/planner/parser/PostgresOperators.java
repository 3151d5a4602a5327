package io.distgres.planner.parser;

import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlPrefixOperator;

/**
 * PostgreSQL operators that Calcite's operator tables lack, as the parser builds them.
 *
 * <p>They carry no type inference: the coordinator plans with the parse tree and leaves
 * evaluation to PostgreSQL. Precedences follow PostgreSQL where Calcite lets them: the jsonb,
 * containment and text-search operators share {@code ||}'s level (PostgreSQL's "any other
 * operator", left-associative), and {@code AT TIME ZONE} binds tighter than {@code *}.
 */
public final class PostgresOperators {
    /** Calcite's precedence of {@code ||}, the level of PostgreSQL's other operators. */
    private static final int OTHER_OPERATOR_PRECEDENCE = 60;

    public static final SqlBinaryOperator JSON_GET = other("->");
    public static final SqlBinaryOperator JSON_GET_TEXT = other("->>");
    public static final SqlBinaryOperator JSON_PATH = other("#>");
    public static final SqlBinaryOperator JSON_PATH_TEXT = other("#>>");
    public static final SqlBinaryOperator CONTAINS = other("@>");
    public static final SqlBinaryOperator CONTAINED_BY = other("<@");
    /** jsonb {@code ?}: in operator position {@code ?} is this operator, in operand position a parameter. */
    public static final SqlBinaryOperator JSONB_EXISTS = other("?");
    public static final SqlBinaryOperator JSONB_EXISTS_ANY = other("?|");
    public static final SqlBinaryOperator JSONB_EXISTS_ALL = other("?&");
    public static final SqlBinaryOperator OVERLAPS = other("&&");
    public static final SqlBinaryOperator TEXT_MATCH = other("@@");

    public static final SqlBinaryOperator AT_TIME_ZONE =
            new SqlBinaryOperator("AT TIME ZONE", SqlKind.OTHER, 70, true, null, null, null);

    /** {@code INTERVAL '1 day'}: the operand is the string, units and all. */
    public static final SqlPrefixOperator INTERVAL =
            new SqlPrefixOperator("INTERVAL", SqlKind.OTHER, 100, null, null, null);

    private PostgresOperators() {
    }

    private static SqlBinaryOperator other(String name) {
        return new SqlBinaryOperator(name, SqlKind.OTHER, OTHER_OPERATOR_PRECEDENCE, true, null, null, null);
    }
}
