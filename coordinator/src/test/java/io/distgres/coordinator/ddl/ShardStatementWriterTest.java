package io.distgres.coordinator.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distgres.coordinator.error.PgException;
import io.distgres.planner.sql.StatementText;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Shard statements are the user's text with table, index and constraint names substituted. */
class ShardStatementWriterTest {
    private static final String SHARD = "\"s\".\"T_102008\"";

    @Test
    void createIndexGetsShardTableAndSuffixedName() {
        String sql = "create unique index \"My Idx\" ON s.\"T\" USING btree (k, lower(v)) WHERE k > 0;";
        DdlCommand.CreateIndex index = (DdlCommand.CreateIndex) DdlParser.parse(StatementText.of(sql));
        assertThat(index.table().parts()).containsExactly("s", "T");
        assertThat(index.keyColumns()).containsExactly("k");
        assertThat(writer(sql).createIndex(index, SHARD, 102008))
                .isEqualTo("create unique index \"My Idx_102008\" ON " + SHARD + " USING btree (k, lower(v)) WHERE k > 0");
    }

    @Test
    void sequenceDefaultsAndSerialTypesStayOnTheCoordinator() {
        String sql = "ALTER TABLE t ADD COLUMN id bigserial, ADD n int DEFAULT nextval('q') NOT NULL,"
                + " ALTER COLUMN x SET DEFAULT nextval('q'), ADD CONSTRAINT c CHECK (n > 0)";
        DdlCommand.AlterTable alter = (DdlCommand.AlterTable) DdlParser.parse(StatementText.of(sql));
        assertThat(writer(sql).alterTable(alter, SHARD, 7)).contains("ALTER TABLE " + SHARD
                + " ADD COLUMN id bigint, ADD n int  NOT NULL, ADD CONSTRAINT \"c_7\" CHECK (n > 0)");
        assertThat(ShardStatementWriter.undoAlter(alter, SHARD, 7)).containsExactly(
                "ALTER TABLE " + SHARD + " DROP CONSTRAINT IF EXISTS \"c_7\"",
                "ALTER TABLE " + SHARD + " DROP COLUMN IF EXISTS \"n\"",
                "ALTER TABLE " + SHARD + " DROP COLUMN IF EXISTS \"id\"");
    }

    @Test
    void coordinatorOnlyAlterLeavesNothingForShards() {
        String sql = "ALTER TABLE t ALTER COLUMN x SET DEFAULT nextval('q')";
        DdlCommand.AlterTable alter = (DdlCommand.AlterTable) DdlParser.parse(StatementText.of(sql));
        assertThat(writer(sql).alterTable(alter, SHARD, 7)).isEqualTo(Optional.empty());
    }

    @Test
    void unsupportedFormsAreRefusedWith0A000() {
        for (String sql : new String[] {"CREATE INDEX CONCURRENTLY i ON t (k)", "ALTER TABLE t ADD CHECK (k > 0)",
                "ALTER TABLE t RENAME TO u", "ALTER TABLE t ADD COLUMN r int REFERENCES o", "CREATE VIEW v AS TABLE t"}) {
            assertThatThrownBy(() -> DdlParser.parse(StatementText.of(sql))).as(sql)
                    .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo("0A000"));
        }
    }

    private static ShardStatementWriter writer(String sql) {
        int end = sql.endsWith(";") ? sql.length() - 1 : sql.length();
        return new ShardStatementWriter(sql, 0, end);
    }
}
