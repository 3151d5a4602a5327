package io.distgres.planner.render;

import io.distgres.planner.sql.SqlLexer;
import io.distgres.planner.sql.SqlToken;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The {@code $n} placeholders some pieces of the user's text use, numbered again from {@code $1}
 * so that a task or combine query binds only the parameters it uses. Text whose placeholders are
 * already {@code $1..$k} is left as it is.
 */
final class Placeholders {
    private final List<Integer> used;
    private final boolean dense;

    private Placeholders(List<Integer> used) {
        this.used = used;
        this.dense = used.isEmpty() || (used.get(0) == 1 && used.get(used.size() - 1) == used.size());
    }

    /** The placeholders of {@code texts}, each lexically complete (pieces split between tokens). */
    static Placeholders in(List<String> texts) {
        TreeSet<Integer> used = new TreeSet<>();
        for (String text : texts) {
            for (SqlToken token : SqlLexer.tokenize(text)) {
                if (token.kind() == SqlToken.Kind.PARAMETER) {
                    used.add(number(text, token));
                }
            }
        }
        return new Placeholders(new ArrayList<>(used));
    }

    /** {@code text} (one of the texts read) with its placeholders renumbered. */
    String renumber(String text) {
        if (dense) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (SqlToken token : SqlLexer.tokenize(text)) {
            if (token.kind() == SqlToken.Kind.PARAMETER) {
                out.append(text, at, token.start()).append('$').append(used.indexOf(number(text, token)) + 1);
                at = token.end();
            }
        }
        return out.append(text, at, text.length()).toString();
    }

    /** The values of the renumbered placeholders, in order, from the statement's {@code parameters} (null = NULL). */
    List<String> values(List<String> parameters) {
        if (dense) {
            return parameters.subList(0, Math.min(parameters.size(), used.size()));
        }
        List<String> values = new ArrayList<>(used.size());
        for (int n : used) {
            values.add(n - 1 < parameters.size() ? parameters.get(n - 1) : null);
        }
        return values;
    }

    private static int number(String text, SqlToken token) {
        return Integer.parseInt(text.substring(token.start() + 1, token.end()));
    }
}
