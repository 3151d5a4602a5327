package io.distgres.coordinator.regress;

import io.distgres.coordinator.regress.StatementOutcome.Failure;
import java.util.Optional;

/**
 * Decides whether distgres's outcome of one corpus statement is acceptable next to PostgreSQL's:
 * equal results pass; a 0A000 refusal passes only for ids in expected-unsupported.txt (or in
 * update mode, which records it); a difference passes only for ids in known-wrong.txt, loudly.
 * Everything else throws an AssertionError naming the statement and the difference.
 */
final class DifferentialJudge {
    private final ExpectationList expectedUnsupported;
    private final ExpectationList knownWrong;
    private final boolean recordUnsupported;
    private final SuiteTally tally;

    DifferentialJudge(ExpectationList expectedUnsupported, ExpectationList knownWrong, boolean recordUnsupported,
            SuiteTally tally) {
        this.expectedUnsupported = expectedUnsupported;
        this.knownWrong = knownWrong;
        this.recordUnsupported = recordUnsupported;
        this.tally = tally;
    }

    void judge(CorpusStatement statement, StatementOutcome postgres, StatementOutcome distgres) {
        String id = statement.id();
        String sql = statement.sql();
        if ((postgres instanceof Failure) != statement.failing()) {
            tally.failed();
            throw new AssertionError(id + ": corpus error: PostgreSQL itself " + (statement.failing()
                    ? "accepts a statement marked '-- error'" : "rejects it (fix it, or mark it '-- error')")
                    + "\n" + sql + "\n  PostgreSQL: " + describe(postgres));
        }
        boolean listedUnsupported = expectedUnsupported.contains(id);
        if (distgres instanceof Failure refusal && refusal.isUnsupported()
                && !(postgres instanceof Failure f && f.isUnsupported())) {
            if (listedUnsupported || recordUnsupported) {
                tally.unsupported(id, refusal.message().replace('\n', ' '));
                return;
            }
            tally.failed();
            throw new AssertionError(id + ": distgres refused with 0A000 and the id is not in expected-unsupported.txt"
                    + "\n" + sql + "\n  distgres: " + refusal + "\n  PostgreSQL: " + describe(postgres));
        }
        judgeDifference(id, sql + (statement.ordered() ? "\n(ordered)" : ""),
                ResultComparison.difference(postgres, distgres, statement.ordered()));
    }

    /** Judges a comparison already made (e.g. of whole tables): passes when empty or listed as known-wrong. */
    void judgeDifference(String id, String sql, Optional<String> difference) {
        boolean listedUnsupported = expectedUnsupported.contains(id);
        if (knownWrong.contains(id)) {
            if (difference.isEmpty()) {
                tally.knownWrongNowCorrect(id);
                System.out.println("[differential] " + id + " is listed in known-wrong.txt but is now correct");
            } else {
                tally.knownWrong(id);
                System.out.println("[differential] !!! WRONG ANSWER (tolerated by known-wrong.txt) " + id + "\n" + sql
                        + "\n" + difference.get());
            }
            return;
        }
        if (difference.isPresent()) {
            tally.failed();
            throw new AssertionError(id + "\n" + sql + "\n" + difference.get());
        }
        tally.passed(id, listedUnsupported);
        if (listedUnsupported) {
            System.out.println("[differential] " + id + " now supported, remove from expected-unsupported.txt");
        }
    }

    private static String describe(StatementOutcome outcome) {
        return outcome instanceof StatementOutcome.Rows rows ? rows.rows().size() + " rows" : outcome.toString();
    }
}
