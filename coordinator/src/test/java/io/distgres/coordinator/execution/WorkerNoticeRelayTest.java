package io.distgres.coordinator.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distgres.coordinator.backend.ResultSink;
import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.sqlstate.SqlState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the workers' notices land among a statement's messages, with no cluster: the order a client sees. */
class WorkerNoticeRelayTest {
    private final WorkerNoticeRelay relay = new WorkerNoticeRelay();
    private final Recording client = new Recording();

    @Test
    void noticesComeBeforeTheNextRowAndBeforeTheCommandTag() {
        relay.relay(client, sink -> {
            relay.add(notice("first"));
            sink.row(new byte[][] {"1".getBytes(StandardCharsets.UTF_8)});
            relay.add(notice("second"));
            relay.add(notice("third"));
            sink.complete("SELECT 1");
        });
        assertThat(client.messages).containsExactly("NOTICE first", "row 1", "NOTICE second", "NOTICE third",
                "complete SELECT 1");
    }

    @Test
    void noticesRaisedBeforeAnErrorAreWrittenBeforeTheErrorLeaves() {
        assertThatThrownBy(() -> relay.relay(client, sink -> {
            relay.add(notice("before"));
            throw new PgException(SqlState.INTERNAL_ERROR, "failed");
        })).hasMessageContaining("failed");
        assertThat(client.messages).containsExactly("NOTICE before");
    }

    @Test
    void noticesArrivingOutsideAStatementAreNotKept() {
        relay.add(notice("late, from a cancelled task"));
        relay.relay(client, sink -> sink.complete("UPDATE 0"));
        relay.add(notice("after the statement"));
        assertThat(client.messages).containsExactly("complete UPDATE 0");
    }

    @Test
    void aFloodPastTheBoundIsCountedInOneWarning() {
        relay.relay(client, sink -> {
            for (int i = 0; i < WorkerNoticeRelay.MAX_PENDING + 3; i++) {
                relay.add(notice("n" + i));
            }
            sink.complete("SELECT 0");
        });
        assertThat(client.messages).hasSize(WorkerNoticeRelay.MAX_PENDING + 2);
        assertThat(client.messages.get(WorkerNoticeRelay.MAX_PENDING - 1)).isEqualTo("NOTICE n"
                + (WorkerNoticeRelay.MAX_PENDING - 1));
        assertThat(client.messages.get(WorkerNoticeRelay.MAX_PENDING))
                .isEqualTo("WARNING 3 more notices from workers were not relayed");
        assertThat(client.messages.get(WorkerNoticeRelay.MAX_PENDING + 1)).isEqualTo("complete SELECT 0");
    }

    @Test
    void noticesFromAnotherThreadAreWrittenInTheOrderRaised() {
        relay.relay(client, sink -> {
            Thread grpc = new Thread(() -> {
                for (int i = 0; i < 100; i++) {
                    relay.add(notice("n" + i));
                }
            });
            grpc.start();
            try {
                grpc.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            sink.complete("SELECT 0");
        });
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expected.add("NOTICE n" + i);
        }
        expected.add("complete SELECT 0");
        assertThat(client.messages).containsExactlyElementsOf(expected);
    }

    private static PgError notice(String message) {
        return new PgError("NOTICE", SqlState.SUCCESSFUL_COMPLETION, message, null, null, 0, null, null, null, null,
                null, null);
    }

    /** What reached the client, one line per message. */
    private static final class Recording implements ResultSink {
        private final List<String> messages = new ArrayList<>();

        @Override
        public void row(byte[][] cells) {
            messages.add("row " + new String(cells[0], StandardCharsets.UTF_8));
        }

        @Override
        public void complete(String commandTag) {
            messages.add("complete " + commandTag);
        }

        @Override
        public void notice(PgError notice) {
            messages.add(notice.severity() + " " + notice.message());
        }
    }
}
