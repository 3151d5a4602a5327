package io.distgres.planner.parser;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code SELECT DISTINCT ON (keys) ...}. Calcite's SELECT has no place for the keys, so they
 * live here; the keyword list does not say DISTINCT. Calcite's copying visitors (SqlShuttle)
 * rebuild a plain SqlSelect and drop the keys, and unparsing prints no DISTINCT ON: check for
 * this class before rewriting. (Workers get the user's text, never an unparsed tree.)
 */
public final class PostgresSelect extends SqlSelect {
    private final SqlNodeList distinctOn;

    PostgresSelect(SqlNodeList distinctOn, SqlParserPos pos, SqlNodeList keywords, SqlNodeList selectList,
            SqlNode from, SqlNode where, SqlNodeList groupBy, SqlNode having, SqlNodeList windows,
            SqlNode qualify, SqlNodeList orderBy, SqlNode offset, SqlNode fetch, SqlNodeList hints) {
        super(pos, keywords, selectList, from, where, groupBy, having, windows, qualify, orderBy, offset, fetch,
                hints);
        this.distinctOn = distinctOn;
    }

    /** The DISTINCT ON expressions, never empty. */
    public SqlNodeList distinctOn() {
        return distinctOn;
    }
}
