package io.distgres.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PgbenchScriptsTest {
    @Test
    void elementIsANestedCaseThatSplitsTheListInHalves() {
        assertThat(PgbenchScripts.element("i", List.of(7))).isEqualTo("7");
        assertThat(PgbenchScripts.element("i", List.of(7, 9, 11)))
                .isEqualTo("(CASE WHEN :i < 1 THEN 7 ELSE (CASE WHEN :i < 2 THEN 9 ELSE 11 END) END)");
    }

    @Test
    void elementPicksEveryIndexOfALongListInFewComparisons() {
        List<Integer> values = IntStream.range(0, 300).map(n -> 1000 + 7 * n).boxed().toList();
        String expression = PgbenchScripts.element("j", values);

        for (int index = 0; index < values.size(); index++) {
            assertThat(evaluate(expression, index)).as("index %d", index).isEqualTo(values.get(index));
        }
        // a binary search: nesting as deep as log2(300) rounded up, not 300
        assertThat(maxDepth(expression)).isEqualTo(9);
    }

    @Test
    void transferDebitsTheFirstListAndCreditsTheSecondInOneTransaction() {
        String script = PgbenchScripts.transfer(List.of(3, 5), List.of(4));

        assertThat(script).contains("\\set a1 (CASE WHEN :i < 1 THEN 3 ELSE 5 END)\n", "\\set a2 4\n");
        assertThat(script).containsSubsequence("BEGIN;", "abalance - :delta WHERE aid = :a1;",
                "abalance + :delta WHERE aid = :a2;", "COMMIT;");
        assertThatThrownBy(() -> PgbenchScripts.transfer(List.of(), List.of(4)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pointSelectIsTheSelectOnlyStatementOnAnotherTable() {
        assertThat(PgbenchScripts.pointSelect("local_accounts", 100_000)).isEqualTo(
                "\\set aid random(1, 100000)\nSELECT abalance FROM local_accounts WHERE aid = :aid;\n");
    }

    /** Evaluates the expressions {@link PgbenchScripts#element} writes, as pgbench would. */
    private static int evaluate(String expression, int index) {
        String prefix = "(CASE WHEN :";
        if (!expression.startsWith(prefix)) {
            return Integer.parseInt(expression);
        }
        int less = expression.indexOf(" < ");
        int then = expression.indexOf(" THEN ", less);
        int bound = Integer.parseInt(expression.substring(less + 3, then));
        int elseAt = matchingElse(expression, then + 6);
        String whenTrue = expression.substring(then + 6, elseAt);
        String whenFalse = expression.substring(elseAt + 6, expression.length() - " END)".length());
        return index < bound ? evaluate(whenTrue, index) : evaluate(whenFalse, index);
    }

    /** Position of the " ELSE " belonging to the CASE whose THEN branch starts at {@code from}. */
    private static int matchingElse(String expression, int from) {
        int depth = 0;
        for (int i = from; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && expression.startsWith(" ELSE ", i)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no ELSE in " + expression);
    }

    private static int maxDepth(String expression) {
        int depth = 0;
        int max = 0;
        for (char c : expression.toCharArray()) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            max = Math.max(max, depth);
        }
        return max;
    }
}
