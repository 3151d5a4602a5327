package io.distgres.coordinator.worker;

import io.distgres.planner.sql.SqlLexer;
import io.distgres.planner.sql.SqlToken;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps an error position in a task's SQL back to the client's statement. A task is the client's
 * text with table names replaced by shard names (and {@code $n} renumbered), so the two token
 * streams agree except around those replacements: the streams are aligned token by token, and a
 * position inside a token that has a twin in the client's text moves to that twin. A position
 * inside a replaced name, or anywhere the alignment is unsure, maps to 0 (no position), because
 * no position is better than a wrong one.
 */
public final class TaskSqlPositions {
    /** How far ahead the alignment looks to find the two streams in step again after a replacement. */
    private static final int TASK_LOOKAHEAD = 12;
    private static final int USER_LOOKAHEAD = 6;
    /** Tokens that must agree after a resynchronisation before it is believed. */
    private static final int CONFIRM = 2;

    private TaskSqlPositions() {
    }

    /**
     * @param userSql      the client's statement
     * @param taskSql      the SQL the worker ran
     * @param taskPosition PostgreSQL's 1-based character position in {@code taskSql}
     * @return the 1-based character position in {@code userSql}, or 0 when it cannot be placed there
     */
    public static int userPosition(String userSql, String taskSql, int taskPosition) {
        if (taskPosition <= 0) {
            return 0;
        }
        int taskCodePoints = taskSql.codePointCount(0, taskSql.length());
        if (taskPosition > taskCodePoints + 1) {
            return 0;
        }
        int taskIndex = taskSql.offsetByCodePoints(0, taskPosition - 1);
        if (userSql.equals(taskSql)) {
            return taskPosition;
        }
        if (taskIndex == taskSql.length()) {
            return userSql.codePointCount(0, userSql.length()) + 1;
        }
        List<SqlToken> user = meaningful(userSql);
        List<SqlToken> task = meaningful(taskSql);
        int i = 0;
        int j = 0;
        while (i < user.size() && j < task.size()) {
            if (same(userSql, user.get(i), taskSql, task.get(j))) {
                SqlToken t = task.get(j);
                if (taskIndex >= t.start() && taskIndex < t.end()) {
                    SqlToken u = user.get(i);
                    int userIndex = Math.min(u.start() + (taskIndex - t.start()), u.end() - 1);
                    return userSql.codePointCount(0, userIndex) + 1;
                }
                i++;
                j++;
                continue;
            }
            int[] step = resynchronise(userSql, user, i, taskSql, task, j);
            if (step == null) {
                return 0;
            }
            int resumeAt = j + step[1] < task.size() ? task.get(j + step[1]).start() : taskSql.length();
            if (task.get(j).start() <= taskIndex && taskIndex < resumeAt) {
                return 0;
            }
            i += step[0];
            j += step[1];
        }
        return 0;
    }

    /** The smallest skip (user tokens, task tokens) after which both streams agree again, or null. */
    private static int[] resynchronise(String userSql, List<SqlToken> user, int i, String taskSql,
                                       List<SqlToken> task, int j) {
        for (int total = 1; total <= USER_LOOKAHEAD + TASK_LOOKAHEAD; total++) {
            for (int du = 0; du <= Math.min(total, USER_LOOKAHEAD); du++) {
                int dt = total - du;
                if (dt > TASK_LOOKAHEAD || dt == 0) {
                    continue;
                }
                if (agree(userSql, user, i + du, taskSql, task, j + dt)) {
                    return new int[] {du, dt};
                }
            }
        }
        return null;
    }

    private static boolean agree(String userSql, List<SqlToken> user, int i, String taskSql, List<SqlToken> task,
                                 int j) {
        for (int k = 0; k < CONFIRM; k++) {
            boolean userEnd = i + k >= user.size();
            boolean taskEnd = j + k >= task.size();
            if (userEnd || taskEnd) {
                return userEnd && taskEnd;
            }
            if (!same(userSql, user.get(i + k), taskSql, task.get(j + k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(String userSql, SqlToken u, String taskSql, SqlToken t) {
        if (u.kind() != t.kind()) {
            return false;
        }
        if (u.kind() == SqlToken.Kind.PARAMETER) {
            return true; // renumbered placeholders keep their place
        }
        return userSql.regionMatches(u.start(), taskSql, t.start(), u.end() - u.start())
                && u.end() - u.start() == t.end() - t.start();
    }

    private static List<SqlToken> meaningful(String sql) {
        List<SqlToken> out = new ArrayList<>();
        for (SqlToken token : SqlLexer.tokenize(sql)) {
            if (!token.isTrivia()) {
                out.add(token);
            }
        }
        return out;
    }
}
