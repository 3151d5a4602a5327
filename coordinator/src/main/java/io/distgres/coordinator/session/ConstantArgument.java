package io.distgres.coordinator.session;

import io.distgres.coordinator.error.PgException;
import io.distgres.planner.sql.SqlLexer;
import io.distgres.planner.sql.SqlToken;
import io.distgres.sqlstate.SqlState;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks that an EXECUTE argument is a constant: literals, NULL, TRUE/FALSE, signs and other
 * operators, casts ({@code ::type}, {@code CAST(x AS type)}, {@code type 'literal'}) and ARRAY[...].
 * Anything that could read a table or call a function — which the coordinator database would
 * evaluate against empty shell tables — fails with 0A000 naming it.
 */
final class ConstantArgument {
    private static final Set<String> CONSTANT_WORDS = Set.of("NULL", "TRUE", "FALSE", "CAST", "AS", "ARRAY");

    private ConstantArgument() {
    }

    static void check(String argument) {
        List<SqlToken> tokens = SqlLexer.tokenize(argument).stream().filter(t -> !t.isTrivia()).toList();
        boolean typePosition = false;
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            String text = t.text(argument);
            switch (t.kind()) {
                case STRING, DOLLAR_STRING, NUMBER, OPEN_PAREN, CLOSE_PAREN -> {
                    if (t.kind() != SqlToken.Kind.OPEN_PAREN || !typePosition) {
                        typePosition = false;
                    }
                }
                case OPERATOR -> typePosition = text.equals(":") && i > 0
                        && tokens.get(i - 1).kind() == SqlToken.Kind.OPERATOR
                        && tokens.get(i - 1).text(argument).equals(":");
                case WORD, QUOTED_IDENTIFIER -> {
                    String word = text.toUpperCase(Locale.ROOT);
                    if (word.equals("AS")) {
                        typePosition = true;
                    } else if (!typePosition && !CONSTANT_WORDS.contains(word) && !startsTypedLiteral(tokens, i)) {
                        throw notConstant(argument);
                    }
                }
                default -> throw notConstant(argument);
            }
        }
    }

    /**
     * True when the words from {@code i} on run up to a string literal: a typed literal such as
     * {@code date '2024-01-01'} or {@code timestamp with time zone '...'}.
     */
    private static boolean startsTypedLiteral(List<SqlToken> tokens, int i) {
        int j = i;
        while (j < tokens.size() && (tokens.get(j).kind() == SqlToken.Kind.WORD
                || tokens.get(j).kind() == SqlToken.Kind.QUOTED_IDENTIFIER)) {
            j++;
        }
        return j < tokens.size() && tokens.get(j).kind() == SqlToken.Kind.STRING;
    }

    private static PgException notConstant(String argument) {
        return new PgException(SqlState.FEATURE_NOT_SUPPORTED, "EXECUTE arguments other than constants are not"
                + " supported by distgres: " + argument);
    }
}
