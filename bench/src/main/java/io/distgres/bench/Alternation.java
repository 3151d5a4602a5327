package io.distgres.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Runs a measurement on both sides in alternating order (direct first in even rounds, distgres
 * first in odd ones) so drift in a shared machine's load hits both sides alike. A side whose
 * result counts as failed is not run again: its error will not go away in the next round.
 */
final class Alternation {
    /** A measurement of one side. */
    interface Measurement<T> {
        T measure(Target target) throws Exception;
    }

    /** Every round's result of each side. */
    record Results<T>(List<T> direct, List<T> distgres) {
    }

    private Alternation() {
    }

    static <T> Results<T> run(int rounds, Target direct, Target distgres, Measurement<T> measurement,
                              Predicate<T> failed) throws Exception {
        List<T> directResults = new ArrayList<>();
        List<T> distgresResults = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            boolean directFirst = round % 2 == 0;
            for (int turn = 0; turn < 2; turn++) {
                boolean isDirect = directFirst == (turn == 0);
                List<T> results = isDirect ? directResults : distgresResults;
                if (!results.isEmpty() && failed.test(results.get(results.size() - 1))) {
                    continue;
                }
                results.add(measurement.measure(isDirect ? direct : distgres));
            }
        }
        return new Results<>(directResults, distgresResults);
    }
}
