package io.distgres.coordinator.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShardNameRestorerTest {
    private final ShardNameRestorer names =
            ShardNameRestorer.forTask("INSERT INTO \"public\".\"dist_102009\" AS \"dist\" VALUES (1)");

    @Test
    void quotedNamesWithTheTaskShardSuffixLoseIt() {
        assertThat(names.inText("duplicate key value violates unique constraint \"dist_pkey_102009\""))
                .isEqualTo("duplicate key value violates unique constraint \"dist_pkey\"");
        assertThat(names.inName("dist_102009")).isEqualTo("dist");
    }

    @Test
    void privilegeErrorsNameTheTableAsTheClientWroteIt() {
        // PostgreSQL prints the relation unquoted in these messages
        assertThat(names.inText("permission denied for table dist_102009")).isEqualTo("permission denied for table dist");
        assertThat(names.inText("must be owner of table dist_102009")).isEqualTo("must be owner of table dist");
        assertThat(names.inText("permission denied for table dist_2024")).isEqualTo("permission denied for table dist_2024");
    }

    @Test
    void otherNumbersAndUnquotedValuesStay() {
        assertThat(names.inText("Key (id)=(x_102009) already exists.")).isEqualTo("Key (id)=(x_102009) already exists.");
        assertThat(names.inText("relation \"t_2024\" does not exist")).isEqualTo("relation \"t_2024\" does not exist");
        assertThat(names.inName("t_2024")).isEqualTo("t_2024");
        assertThat(names.inText(null)).isNull();
    }
}
