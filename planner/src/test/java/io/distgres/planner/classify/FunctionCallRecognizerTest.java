package io.distgres.planner.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.distgres.planner.sql.StatementText;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FunctionCallRecognizerTest {
    private final FunctionCallRecognizer recognizer = new FunctionCallRecognizer();

    private Optional<FunctionCall> call(String sql) {
        return recognizer.recognize(StatementText.of(sql));
    }

    @Test
    void recognizesPlainAndFromForms() {
        assertThat(call("SELECT create_distributed_table('messages', 'user_id')"))
                .contains(new FunctionCall("create_distributed_table", "'messages', 'user_id'"));
        assertThat(call("select * from Create_Reference_Table( 'x' ) "))
                .contains(new FunctionCall("create_reference_table", " 'x' "));
        assertThat(call("SELECT public.undistribute_table('t')"))
                .contains(new FunctionCall("undistribute_table", "'t'"));
    }

    @Test
    void keepsNestedParenthesesAndNamedArguments() {
        assertThat(call("SELECT create_distributed_table('t', 'c', shard_count => (2 * 4))"))
                .contains(new FunctionCall("create_distributed_table", "'t', 'c', shard_count => (2 * 4)"));
    }

    @Test
    void rejectsAnythingMoreThanOneCall() {
        assertThat(call("SELECT create_distributed_table('t', 'c'), 1")).isEmpty();
        assertThat(call("SELECT create_distributed_table('t', 'c') FROM x")).isEmpty();
        assertThat(call("SELECT 1")).isEmpty();
        assertThat(call("INSERT INTO t VALUES (1)")).isEmpty();
        assertThat(call("SELECT f")).isEmpty();
    }
}
