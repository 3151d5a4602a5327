package io.distgres.coordinator.regress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distgres.coordinator.regress.StatementOutcome.Column;
import io.distgres.coordinator.regress.StatementOutcome.Failure;
import io.distgres.coordinator.regress.StatementOutcome.Rows;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DifferentialJudgeTest {
    private static final CorpusStatement LISTED = new CorpusStatement("queries/a/listed", "SELECT 1", false, false);
    private static final CorpusStatement UNLISTED = new CorpusStatement("queries/a/unlisted", "SELECT 2", false, false);
    private static final CorpusStatement WRONG = new CorpusStatement("queries/a/wrong", "SELECT 3", false, false);
    private static final Rows ONE = new Rows(List.of(new Column("x", 23)), List.of(List.of("1")), 1);
    private static final Rows TWO = new Rows(List.of(new Column("x", 23)), List.of(List.of("2")), 1);
    private static final Failure REFUSED = new Failure("0A000", "not supported yet");

    private final SuiteTally tally = new SuiteTally();

    private DifferentialJudge judge(boolean recordUnsupported) {
        return new DifferentialJudge(list(LISTED.id()), list(WRONG.id()), recordUnsupported, tally);
    }

    @Test
    void listedRefusalIsExpectedAndUnlistedRefusalFails() {
        judge(false).judge(LISTED, ONE, REFUSED);
        assertThatThrownBy(() -> judge(false).judge(UNLISTED, ONE, REFUSED))
                .hasMessageContaining("not in expected-unsupported.txt");
        assertThat(tally.unsupported()).containsOnlyKeys(LISTED.id());
        assertThat(tally.summary()).contains("1 unsupported (expected)").contains("1 failed");
    }

    @Test
    void updateModeRecordsEveryRefusal() {
        judge(true).judge(UNLISTED, ONE, REFUSED);
        assertThat(tally.unsupported()).containsEntry(UNLISTED.id(), "not supported yet");
    }

    @Test
    void listedStatementThatNowAnswersRightIsReportedNotFailed() {
        judge(false).judge(LISTED, ONE, ONE);
        assertThat(tally.summary()).contains("1 passed").contains("now supported, remove from expected-unsupported.txt: ["
                + LISTED.id() + "]");
    }

    @Test
    void listedStatementThatNowAnswersWronglyFails() {
        assertThatThrownBy(() -> judge(false).judge(LISTED, ONE, TWO)).hasMessageContaining("missing");
    }

    @Test
    void knownWrongIsToleratedAndReportedWhenFixed() {
        judge(false).judge(WRONG, ONE, TWO);
        judge(false).judge(WRONG, ONE, ONE);
        assertThat(tally.summary()).contains("1 known-wrong").contains("now correct, remove from known-wrong.txt");
    }

    @Test
    void statementPostgresRejectsMustBeMarkedAsError() {
        assertThatThrownBy(() -> judge(false).judge(UNLISTED, new Failure("42601", "syntax"), REFUSED))
                .hasMessageContaining("corpus error");
        CorpusStatement failing = new CorpusStatement("queries/a/failing", "SELECT 1/0", false, true);
        judge(false).judge(failing, new Failure("22012", "division by zero"), new Failure("22012", "division by zero"));
        assertThatThrownBy(() -> judge(false).judge(failing, new Failure("22012", "x"), new Failure("42703", "y")))
                .hasMessageContaining("different SQLSTATEs");
    }

    private static ExpectationList list(String id) {
        return new ExpectationList(Path.of("unused"), Map.of(id, ""));
    }
}
