package io.distgres.coordinator.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WaitForGraphTest {
    @Test
    void aTwoWorkerCycleCancelsItsYoungestTransaction() {
        // worker 1: c_7 waits for c_9; worker 2: c_9 waits for c_7
        WaitForGraph graph = new WaitForGraph(Map.of("c_7", Set.of("c_9"), "c_9", Set.of("c_7")));
        assertThat(graph.victims("c_")).containsExactly("c_9");
    }

    @Test
    void waitsWithoutACycleCancelNothing() {
        WaitForGraph graph = new WaitForGraph(Map.of("c_1", Set.of("c_2"), "c_2", Set.of("c_3"), "c_4", Set.of("c_3")));
        assertThat(graph.victims("c_")).isEmpty();
    }

    @Test
    void twoSeparateCyclesLoseOneTransactionEach() {
        WaitForGraph graph = new WaitForGraph(Map.of(
                "c_1", Set.of("c_2"), "c_2", Set.of("c_3"), "c_3", Set.of("c_1"),
                "c_10", Set.of("c_11"), "c_11", Set.of("c_10")));
        assertThat(graph.victims("c_")).containsExactlyInAnyOrder("c_3", "c_11");
    }

    @Test
    void onlyThisCoordinatorsTransactionsAreVictims() {
        WaitForGraph mixed = new WaitForGraph(Map.of("c_5", Set.of("other_99"), "other_99", Set.of("c_5")));
        assertThat(mixed.victims("c_")).containsExactly("c_5");
        WaitForGraph foreign = new WaitForGraph(Map.of("other_1", Set.of("other_2"), "other_2", Set.of("other_1")));
        assertThat(foreign.victims("c_")).isEmpty();
    }

    @Test
    void transactionNumbersCompareAsNumbersNotText() {
        WaitForGraph graph = new WaitForGraph(Map.of("c_9", Set.of("c_10"), "c_10", Set.of("c_9")));
        assertThat(graph.victims("c_")).containsExactly("c_10");
    }
}
