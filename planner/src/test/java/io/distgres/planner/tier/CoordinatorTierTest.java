package io.distgres.planner.tier;

import static io.distgres.planner.plan.Tier.COORDINATOR;
import static io.distgres.planner.tier.TierAssertions.tier;
import static org.assertj.core.api.Assertions.assertThat;

import io.distgres.planner.plan.CoordinatorPlan;
import io.distgres.planner.plan.InsertSelectPlan;
import io.distgres.planner.plan.SqlFragment;
import io.distgres.planner.plan.SqlFragment.PulledTable;
import io.distgres.planner.plan.SqlFragment.Text;
import io.distgres.planner.plan.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The coordinator tier alone: rows pulled from the shards, the statement run on the coordinator's PostgreSQL. */
class CoordinatorTierTest {

    @Test
    void nonColocatedJoinPullsEachTableWithTheFiltersThatConcernItAlone() {
        CoordinatorPlan plan = tier(COORDINATOR).on("SELECT m.body, e.body FROM messages m JOIN events e"
                + " ON e.id = m.id WHERE m.body = $1 AND e.id > 3", "hello").plans(CoordinatorPlan.class);
        assertThat(plan.query()).isEqualTo(new SqlFragment(List.of(new Text("SELECT m.body, e.body FROM "),
                new PulledTable(0), new Text(" m JOIN "), new PulledTable(1),
                new Text(" e ON e.id = m.id WHERE m.body = $1 AND e.id > 3"))));
        assertThat(plan.pulls()).extracting(CoordinatorPlan.Pull::rowType)
                .containsExactly("\"public\".\"messages\"", "\"public\".\"events\"");
        Task first = plan.pulls().get(0).tasks().get(0);
        assertThat(first.sql()).isEqualTo("SELECT \"id\", \"user_id\", \"body\" FROM \"public\".\"messages_100\""
                + " AS \"m\" WHERE (m.body = $1)");
        assertThat(first.parameters()).containsExactly("hello");
        assertThat(plan.pulls().get(1).tasks()).hasSize(4)
                .allSatisfy(task -> assertThat(task.sql()).endsWith("AS \"e\" WHERE (e.id > 3)"));
    }

    @Test
    void tablesWithoutAliasKeepTheirNameForQualifiedColumns() {
        CoordinatorPlan plan = tier(COORDINATOR).on("SELECT messages.id, rank() OVER (ORDER BY id) FROM messages")
                .plans(CoordinatorPlan.class);
        assertThat(plan.query().pieces()).containsExactly(new Text("SELECT messages.id, rank() OVER (ORDER BY id)"
                + " FROM "), new PulledTable(0), new Text(" AS \"messages\""));
    }

    @Test
    void localTablesStayInTheQueryAndReferenceTablesArePulledOnce() {
        CoordinatorPlan plan = tier(COORDINATOR).on("SELECT n.body, c.body FROM notes n JOIN messages m ON m.id = n.id"
                + " JOIN countries c ON c.id = m.id").plans(CoordinatorPlan.class);
        assertThat(plan.query().pieces()).startsWith(new Text("SELECT n.body, c.body FROM notes n JOIN "));
        assertThat(plan.pulls()).hasSize(2);
        assertThat(plan.pulls().get(1).tasks()).singleElement()
                .satisfies(task -> assertThat(task.sql()).contains("\"countries_400\""));
    }

    @Test
    void setOperationsAndCtesRunOnTheCoordinator() {
        tier(COORDINATOR).on("WITH x AS (SELECT body FROM messages) SELECT * FROM x").plans(CoordinatorPlan.class);
        tier(COORDINATOR).on("SELECT body FROM messages UNION SELECT body FROM events").plans(CoordinatorPlan.class);
    }

    @Test
    void insertSelectFromNoDistributedTableRunsItsSelectOnTheCoordinator() {
        assertThat(tier(COORDINATOR).on("INSERT INTO messages (user_id, body) SELECT g, 'x' || g"
                + " FROM generate_series(1, 10) g").plans(InsertSelectPlan.class)).isEqualTo(new InsertSelectPlan(
                "public", "messages", List.of("user_id", "body"), "SELECT g, 'x' || g FROM generate_series(1, 10) g",
                false));
    }

    @Test
    void insertSelectBetweenTablesThatAreNotColocatedRunsItsSelectThroughTheTiers() {
        assertThat(tier(COORDINATOR).on("INSERT INTO messages SELECT * FROM events").plans(InsertSelectPlan.class))
                .isEqualTo(new InsertSelectPlan("public", "messages", List.of(), "SELECT * FROM events", true));
    }

    @Test
    void declinesRowLocksAndWhatNeedsTheRowsInsertedWhereTheyAreRead() {
        tier(COORDINATOR).on("SELECT * FROM messages FOR UPDATE")
                .declines("SELECT ... FOR UPDATE/SHARE over several shards");
        tier(COORDINATOR).on("SELECT * FROM messages m JOIN notes n ON n.id = m.id FOR UPDATE")
                .declines("statements mixing distributed tables and local table \"notes\"");
        tier(COORDINATOR).on("INSERT INTO messages (user_id, body) SELECT user_id, body FROM events RETURNING id")
                .declines("INSERT ... SELECT between tables that are not co-located with RETURNING or ON CONFLICT");
        tier(COORDINATOR).on("INSERT INTO messages (user_id, body) SELECT 1, body FROM notes RETURNING id")
                .declines("INSERT ... SELECT ... RETURNING");
        tier(COORDINATOR).on("INSERT INTO messages (id, user_id) SELECT 1, 2 ON CONFLICT (id) DO NOTHING")
                .declines("INSERT ... SELECT ... ON CONFLICT");
        tier(COORDINATOR).on("INSERT INTO notes SELECT * FROM messages")
                .declines("statements mixing distributed tables and local table \"notes\"");
    }
}
