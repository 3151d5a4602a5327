package io.distgres.coordinator.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskSqlPositionsTest {
    private static final String USER = "SELECT id FROM dist WHERE nosuch = $2 AND id = $3";
    private static final String TASK =
            "SELECT id FROM \"public\".\"dist_102008\" AS \"dist\" WHERE nosuch = $1 AND id = $2";

    @Test
    void positionBeforeTheShardNameStaysWhereItIs() {
        assertThat(TaskSqlPositions.userPosition(USER, TASK, 8)).isEqualTo(8);
    }

    @Test
    void positionAfterTheShardNameMovesBackByTheLengthTheSubstitutionAdded() {
        int inTask = TASK.indexOf("nosuch") + 1;
        assertThat(TaskSqlPositions.userPosition(USER, TASK, inTask)).isEqualTo(USER.indexOf("nosuch") + 1);
        int secondId = TASK.lastIndexOf("id =") + 1;
        assertThat(TaskSqlPositions.userPosition(USER, TASK, secondId)).isEqualTo(USER.lastIndexOf("id =") + 1);
    }

    @Test
    void renumberedPlaceholdersKeepTheirPlace() {
        assertThat(TaskSqlPositions.userPosition(USER, TASK, TASK.indexOf("$1") + 1))
                .isEqualTo(USER.indexOf("$2") + 1);
    }

    @Test
    void positionInsideTheShardNameIsDropped() {
        assertThat(TaskSqlPositions.userPosition(USER, TASK, TASK.indexOf("dist_102008") + 1)).isZero();
        assertThat(TaskSqlPositions.userPosition(USER, TASK, TASK.indexOf("AS") + 1)).isZero();
    }

    @Test
    void explainPrefixAndQualifiedNamesAlign() {
        String user = "EXPLAIN (COSTS OFF) SELECT * FROM public.dist d JOIN ref r ON d.k = r.nosuch";
        String task = "EXPLAIN (COSTS OFF) SELECT * FROM \"public\".\"dist_102008\" d JOIN \"public\".\"ref_102040\""
                + " AS \"ref\" r ON d.k = r.nosuch";
        assertThat(TaskSqlPositions.userPosition(user, task, task.indexOf("r.nosuch") + 3))
                .isEqualTo(user.indexOf("r.nosuch") + 3);
    }

    @Test
    void noPositionStaysNone() {
        assertThat(TaskSqlPositions.userPosition(USER, TASK, 0)).isZero();
        assertThat(TaskSqlPositions.userPosition(USER, TASK, TASK.length() + 5)).isZero();
    }

    @Test
    void unrelatedTextGivesNoPosition() {
        assertThat(TaskSqlPositions.userPosition("EXECUTE p(5)", TASK, TASK.indexOf("nosuch") + 1)).isZero();
    }

    @Test
    void positionsCountCharactersNotUtf16Units() {
        String user = "SELECT '\uD83D\uDE00', nosuch FROM dist";
        String task = "SELECT '\uD83D\uDE00', nosuch FROM \"public\".\"dist_1\" AS \"dist\"";
        int inTask = task.codePointCount(0, task.indexOf("nosuch")) + 1;
        assertThat(TaskSqlPositions.userPosition(user, task, inTask))
                .isEqualTo(user.codePointCount(0, user.indexOf("nosuch")) + 1);
    }
}
