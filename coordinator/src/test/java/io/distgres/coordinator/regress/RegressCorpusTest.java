package io.distgres.coordinator.regress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegressCorpusTest {

    @Test
    void statementsAreNamedMarkedOrderedAndStrippedOfTheirSemicolon() {
        CorpusFile file = RegressCorpus.parse("queries/demo", """
                -- A file comment.
                -- tables: a, b

                -- name: first
                -- what it checks
                SELECT 1;

                -- name: second
                -- ordered
                -- error
                SELECT x
                FROM t -- trailing comment stays
                ORDER BY x;
                """);
        assertThat(file.comparedTables()).containsExactly("a", "b");
        assertThat(file.statements()).containsExactly(
                new CorpusStatement("queries/demo/first", "SELECT 1", false, false),
                new CorpusStatement("queries/demo/second", "SELECT x\nFROM t -- trailing comment stays\nORDER BY x", true,
                        true));
    }

    @Test
    void aNameWithoutSqlIsRejected() {
        assertThatThrownBy(() -> RegressCorpus.parse("queries/demo", "-- name: empty\n-- name: next\nSELECT 1;\n"))
                .hasMessageContaining("queries/demo/empty has no SQL");
    }

    @Test
    void theCorpusMeetsTheIssueSize() {
        List<CorpusFile> files = RegressCorpus.read(Path.of("..", "sql", "regress"));
        long queries = files.stream().filter(f -> f.id().startsWith("queries/")).mapToLong(f -> f.statements().size()).sum();
        long writes = files.stream().filter(f -> f.id().startsWith("dml/")).mapToLong(f -> f.statements().size()).sum();
        assertThat(queries).isGreaterThanOrEqualTo(220);
        assertThat(writes).isGreaterThanOrEqualTo(35);
        assertThat(files.stream().filter(f -> f.id().startsWith("dml/"))).allSatisfy(
                f -> assertThat(f.comparedTables()).as(f.id()).isNotEmpty());
    }
}
