package io.distgres.coordinator.session;

import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.error.SqlState;
import io.distgres.planner.sql.SqlLexer;
import io.distgres.planner.sql.SqlToken;
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
                    boolean typedLiteral = i + 1 < tokens.size() && tokens.get(i + 1).kind() == SqlToken.Kind.STRING;
                    if (word.equals("AS")) {
                        typePosition = true;
                    } else if (!typePosition && !typedLiteral && !CONSTANT_WORDS.contains(word)
                            && !continuesTypeName(tokens, i, argument)) {
                        throw notConstant(argument);
                    }
                    // a type name may run over several words (double precision, timestamp with time zone)
                }
                default -> throw notConstant(argument);
            }
        }
    }

    /** True for the later words of a multi-word type name or typed literal (time zone, precision, varying). */
    private static boolean continuesTypeName(List<SqlToken> tokens, int i, String argument) {
        if (i == 0) {
            return false;
        }
        SqlToken previous = tokens.get(i - 1);
        if (previous.kind() != SqlToken.Kind.WORD) {
            return false;
        }
        String word = tokens.get(i).text(argument).toUpperCase(Locale.ROOT);
        return Set.of("PRECISION", "VARYING", "WITH", "WITHOUT", "TIME", "ZONE", "CHARACTER", "DOUBLE",
                "TIMESTAMP", "VARCHAR", "CHAR", "INTERVAL", "DATE").contains(word);
    }

    private static PgException notConstant(String argument) {
        return new PgException(SqlState.FEATURE_NOT_SUPPORTED, "EXECUTE arguments other than constants are not"
                + " supported by distgres: " + argument);
    }
}
