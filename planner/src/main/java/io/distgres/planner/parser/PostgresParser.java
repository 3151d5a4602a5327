package io.distgres.planner.parser;

import static java.util.Objects.requireNonNull;

import io.distgres.planner.parser.impl.PostgresSqlParserImpl;
import java.util.List;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlConformance;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlDelegatingConformance;

/**
 * Parses one PostgreSQL statement into a Calcite tree with exact source positions, using the
 * parser generated from Calcite's grammar plus PostgreSQL extensions (src/main/codegen).
 * Unquoted identifiers fold to lower case, quoted ones keep theirs, as in PostgreSQL.
 * Thread-safe: every call makes its own generated parser.
 */
public final class PostgresParser {
    /** Babel's leniency, less the MySQL-only {@code LIMIT offset, count}. */
    private static final SqlConformance CONFORMANCE = new SqlDelegatingConformance(SqlConformanceEnum.BABEL) {
        @Override
        public boolean isLimitStartCountAllowed() {
            return false;
        }
    };

    private static final SqlParser.Config CONFIG = SqlParser.config()
            .withParserFactory(PostgresSqlParserImpl.FACTORY)
            .withConformance(CONFORMANCE)
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withUnquotedCasing(Casing.TO_LOWER)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(true)
            .withIdentifierMaxLength(Integer.MAX_VALUE);

    /**
     * Parses exactly one statement; a trailing semicolon is allowed.
     *
     * @throws SqlSyntaxException when the text is not one statement this parser accepts
     */
    public SqlNode parse(String sql) throws SqlSyntaxException {
        requireNonNull(sql, "sql is null");
        SqlNodeList statements;
        try {
            statements = SqlParser.create(sql, CONFIG).parseStmtList();
        } catch (SqlParseException e) {
            throw syntaxError(sql, e.getPos(), e);
        } catch (RuntimeException e) {
            // Checks inside productions (a $0 parameter, a bad literal) surface unwrapped.
            throw new SqlSyntaxException("syntax error: " + e.getMessage(), 1, e);
        }
        if (statements.size() != 1) {
            SqlParserPos pos = statements.size() > 1 ? statements.get(1).getParserPosition() : null;
            throw syntaxError(sql, pos, null, statements.isEmpty()
                    ? "empty statement" : "cannot parse several statements at once");
        }
        return statements.get(0);
    }

    /** The tables {@code statement} (parsed from {@code sql}) names, with their exact ranges in {@code sql}. */
    public List<TableReference> tableReferences(String sql, SqlNode statement) {
        return TableReferenceFinder.find(requireNonNull(sql, "sql is null"), requireNonNull(statement, "statement is null"));
    }

    private static SqlSyntaxException syntaxError(String sql, SqlParserPos pos, SqlParseException cause) {
        // At the end of input Calcite points at the last char; PostgreSQL points past it.
        boolean atEnd = String.valueOf(cause.getMessage()).startsWith("Encountered \"<EOF>\"");
        int offset = atEnd ? sql.length() : offsetOf(sql, pos);
        String near = nearText(sql, pos, offset);
        String message = near.isEmpty() ? "syntax error at end of input" : "syntax error at or near \"" + near + "\"";
        return new SqlSyntaxException(message, position(sql, offset), cause);
    }

    private static SqlSyntaxException syntaxError(String sql, SqlParserPos pos, Throwable cause, String message) {
        return new SqlSyntaxException(message, position(sql, offsetOf(sql, pos)), cause);
    }

    private static int offsetOf(String sql, SqlParserPos pos) {
        return pos == null || pos.getLineNum() == 0 ? sql.length() : new SourcePositions(sql).start(pos);
    }

    private static String nearText(String sql, SqlParserPos pos, int offset) {
        if (pos == null || offset >= sql.length()) {
            return "";
        }
        int end = Math.max(offset + 1, new SourcePositions(sql).end(pos));
        return sql.substring(offset, Math.min(end, sql.length())).strip();
    }

    /** PostgreSQL's error position: 1-based, counted in characters (code points). */
    private static int position(String sql, int offset) {
        return sql.codePointCount(0, Math.min(offset, sql.length())) + 1;
    }
}
