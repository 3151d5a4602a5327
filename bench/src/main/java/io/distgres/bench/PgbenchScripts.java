package io.distgres.bench;

import java.util.List;
import java.util.Locale;

/**
 * The text of pgbench's custom scripts ({@code -f}) for rows pgbench's built-in scripts do not
 * cover; both sides run the same file.
 */
final class PgbenchScripts {
    private PgbenchScripts() {
    }

    /** {@code pgbench -S}'s statement on another table holding pgbench_accounts' rows. */
    static String pointSelect(String table, long rows) {
        return "\\set aid random(1, " + rows + ")\n"
                + "SELECT abalance FROM " + table + " WHERE aid = :aid;\n";
    }

    /**
     * Moves a random amount from an account of {@code debited} to one of {@code credited}: on
     * distgres, with the two lists taken from different workers, every commit spans two nodes. The
     * debit always comes first, so two transactions never lock the same pair of rows in opposite
     * orders (no deadlocks, on either side).
     */
    static String transfer(List<Integer> debited, List<Integer> credited) {
        if (debited.isEmpty() || credited.isEmpty()) {
            throw new IllegalArgumentException("transfer needs accounts on both sides");
        }
        return "\\set i random(0, " + (debited.size() - 1) + ")\n"
                + "\\set j random(0, " + (credited.size() - 1) + ")\n"
                + "\\set a1 " + element("i", debited) + "\n"
                + "\\set a2 " + element("j", credited) + "\n"
                + "\\set delta random(-5000, 5000)\n"
                + "BEGIN;\n"
                + "UPDATE pgbench_accounts SET abalance = abalance - :delta WHERE aid = :a1;\n"
                + "UPDATE pgbench_accounts SET abalance = abalance + :delta WHERE aid = :a2;\n"
                + "COMMIT;\n";
    }

    /**
     * A pgbench expression worth {@code values[:variable]}. pgbench has no arrays, so this is a
     * binary search written as nested CASEs: about log2(n) comparisons per lookup, which keeps the
     * client's cost the same small amount on both sides whatever the list's length.
     */
    static String element(String variable, List<Integer> values) {
        return element(variable, values, 0, values.size());
    }

    private static String element(String variable, List<Integer> values, int from, int to) {
        if (to - from == 1) {
            return Integer.toString(values.get(from));
        }
        int middle = (from + to) >>> 1;
        return String.format(Locale.ROOT, "(CASE WHEN :%s < %d THEN %s ELSE %s END)", variable, middle,
                element(variable, values, from, middle), element(variable, values, middle, to));
    }
}
