package io.distgres.coordinator.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distgres.coordinator.error.PgException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardDdlTest {
    private static final TableDefinition MESSAGES = new TableDefinition("public", "messages",
            List.of(new ColumnDefinition("id", "bigint", 20, true, "nextval('messages_id_seq'::regclass)", false, false),
                    new ColumnDefinition("user_id", "bigint", 20, true, null, false, false),
                    new ColumnDefinition("Body", "text", 25, false, "''::text", false, false),
                    new ColumnDefinition("len", "integer", 23, false, "length(\"Body\")", false, true)),
            List.of(new TableDefinition.ConstraintDefinition("messages_pkey", 'p', "PRIMARY KEY (user_id, id)",
                    List.of("id", "user_id"))),
            List.of(new TableDefinition.IndexDefinition("messages_body_idx",
                    "CREATE INDEX messages_body_idx ON public.messages USING btree (\"Body\") WHERE (len > 0)")));

    @Test
    void shardTableKeepsColumnsDefaultsAndConstraintsButNotSequenceDefaults() {
        List<String> ddl = ShardDdl.createShard(MESSAGES, 102008);
        assertThat(ddl.get(0)).isEqualTo("CREATE TABLE \"public\".\"messages_102008\" ("
                + "\"id\" bigint NOT NULL, \"user_id\" bigint NOT NULL, \"Body\" text DEFAULT ''::text, "
                + "\"len\" integer GENERATED ALWAYS AS (length(\"Body\")) STORED, "
                + "CONSTRAINT \"messages_pkey_102008\" PRIMARY KEY (user_id, id))");
    }

    @Test
    void indexIsRebuiltOnTheShardWithASuffixedName() {
        List<String> ddl = ShardDdl.createShard(MESSAGES, 102008);
        assertThat(ddl.get(1)).isEqualTo("CREATE INDEX \"messages_body_idx_102008\" ON \"public\".\"messages_102008\""
                + " USING btree (\"Body\") WHERE (len > 0)");
    }

    @Test
    void quotedIndexAndTableNamesAreRecognised() {
        var index = new TableDefinition.IndexDefinition("Odd idx",
                "CREATE UNIQUE INDEX \"Odd idx\" ON \"My Schema\".\"T \"\"x\" USING btree (a)");
        assertThat(ShardDdl.createIndex(index, "\"s\".\"t_1\"", "_1"))
                .isEqualTo("CREATE UNIQUE INDEX \"Odd idx_1\" ON \"s\".\"t_1\" USING btree (a)");
    }

    @Test
    void longNamesAreCutToFitWithTheSuffix() {
        String name = "a".repeat(63);
        assertThat(ShardDdl.shardName(name, 102008)).hasSize(63).endsWith("_102008");
    }

    @Test
    void foreignKeysAreRefused() {
        var table = new TableDefinition("public", "t", List.of(new ColumnDefinition("a", "int", 23, false, null,
                false, false)), List.of(new TableDefinition.ConstraintDefinition("t_a_fkey", 'f',
                "FOREIGN KEY (a) REFERENCES other(a)", List.of("a"))), List.of());
        assertThatThrownBy(() -> ShardDdl.createShard(table, 1)).isInstanceOf(PgException.class)
                .hasMessageContaining("0A000");
    }
}
