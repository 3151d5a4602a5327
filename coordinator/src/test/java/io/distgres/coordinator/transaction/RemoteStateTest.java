package io.distgres.coordinator.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RemoteStateTest {
    @Test
    void anOpenTransactionPreparesCommitsRollsBackOrFails() {
        assertThat(RemoteState.OPEN.canMoveTo(RemoteState.PREPARED)).isTrue();
        assertThat(RemoteState.OPEN.canMoveTo(RemoteState.COMMITTED)).isTrue();
        assertThat(RemoteState.OPEN.canMoveTo(RemoteState.ROLLED_BACK)).isTrue();
        assertThat(RemoteState.OPEN.canMoveTo(RemoteState.FAILED)).isTrue();
        assertThat(RemoteState.OPEN.canMoveTo(RemoteState.IN_DOUBT)).isFalse();
    }

    @Test
    void aPreparedTransactionEndsOnlyByCommitPreparedRollbackPreparedOrRecovery() {
        assertThat(RemoteState.PREPARED.canMoveTo(RemoteState.COMMITTED)).isTrue();
        assertThat(RemoteState.PREPARED.canMoveTo(RemoteState.ROLLED_BACK)).isTrue();
        assertThat(RemoteState.PREPARED.canMoveTo(RemoteState.IN_DOUBT)).isTrue();
        assertThat(RemoteState.PREPARED.canMoveTo(RemoteState.OPEN)).isFalse();
        assertThat(RemoteState.PREPARED.canMoveTo(RemoteState.FAILED)).isFalse();
    }

    @Test
    void finalStatesStayFinal() {
        for (RemoteState end : new RemoteState[] {RemoteState.COMMITTED, RemoteState.ROLLED_BACK, RemoteState.IN_DOUBT}) {
            for (RemoteState next : RemoteState.values()) {
                assertThat(end.canMoveTo(next)).as(end + " -> " + next).isFalse();
            }
        }
        assertThat(RemoteState.FAILED.canMoveTo(RemoteState.ROLLED_BACK)).isTrue();
        assertThat(RemoteState.FAILED.canMoveTo(RemoteState.COMMITTED)).isFalse();
    }
}
