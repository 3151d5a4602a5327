package io.distgres.coordinator.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.distgres.coordinator.launcher.ClusterLayout.PostgresLayout;
import io.distgres.coordinator.launcher.ClusterLayout.WorkerLayout;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterLayoutTest {
    @Test
    void writtenLayoutReadsBackEqual(@TempDir Path dir) throws Exception {
        ClusterLayout layout = new ClusterLayout(
                new PostgresLayout("coordinator", dir.resolve("coordinator"), "127.0.0.1", 50001),
                List.of(new WorkerLayout(new PostgresLayout("worker-1", dir.resolve("worker-1"), "127.0.0.1", 50002), "127.0.0.1", 40001),
                        new WorkerLayout(new PostgresLayout("worker-2", dir.resolve("worker-2"), "127.0.0.1", 50003), "127.0.0.1", 40002)),
                "127.0.0.1", 6432, 6433, 9464);

        layout.write(dir);

        assertThat(ClusterLayout.read(dir)).contains(layout);
        assertThat(layout.postgresPort("worker-2")).isEqualTo(50003);
        assertThat(layout.agentPort("worker-1")).isEqualTo(40001);
        assertThat(layout.postgresPort("worker-9")).isZero();
    }

    @Test
    void noFileMeansNoLayout(@TempDir Path dir) throws Exception {
        assertThat(ClusterLayout.read(dir)).isEmpty();
    }
}
