package io.distgres.planner.plan;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A piece of SQL for the coordinator's PostgreSQL made of the user's own text and typed
 * references to what only exists when the statement runs (the gathered task columns, finished
 * partial aggregates, pulled tables). The user's text is never searched for markers: a
 * statement may contain any text at all. {@code render.CombineSqlRenderer} writes the SQL.
 */
public record SqlFragment(List<Piece> pieces) {
    public SqlFragment {
        pieces = List.copyOf(pieces);
    }

    /** A fragment of the user's text alone. */
    public static SqlFragment text(String sql) {
        return new SqlFragment(List.of(new Text(sql)));
    }

    /** A fragment that is one piece. */
    public static SqlFragment of(Piece piece) {
        return new SqlFragment(List.of(piece));
    }

    /** This fragment followed by {@code other}'s pieces. */
    public SqlFragment append(SqlFragment other) {
        List<Piece> all = new ArrayList<>(pieces);
        all.addAll(other.pieces);
        return new SqlFragment(all);
    }

    /** One piece of a fragment. */
    public sealed interface Piece permits Text, TaskColumn, HiddenColumn, FinishAggregate, FinishAverage, PulledTable {
    }

    /** The user's text, verbatim (its {@code $n} parameters are renumbered when rendered). */
    public record Text(String sql) implements Piece {
        public Text {
            requireNonNull(sql, "sql is null");
        }
    }

    /** Column {@code index} (from 0) of the gathered task results. */
    public record TaskColumn(int index) implements Piece {
    }

    /** The {@code index}-th hidden sort column: gathered after the statement's own output columns. */
    public record HiddenColumn(int index) implements Piece {
    }

    /** A partial aggregate of task column {@code column} finished over all tasks' rows. */
    public record FinishAggregate(FinalAggregate aggregate, int column) implements Piece {
        public FinishAggregate {
            requireNonNull(aggregate, "aggregate is null");
        }
    }

    /**
     * {@code avg} finished from partial sums (task column {@code sumColumn}) and counts (task column
     * {@code countColumn}), with PostgreSQL's result type for the argument's type.
     */
    public record FinishAverage(int sumColumn, int countColumn) implements Piece {
    }

    /** The rows pulled for {@code CoordinatorPlan.pulls().get(pull)}, as a relation. */
    public record PulledTable(int pull) implements Piece {
    }

    /** How a partial aggregate computed per task becomes the aggregate over all rows. */
    public enum FinalAggregate {
        /** count: the sum of the partial counts, as bigint. */
        COUNT,
        /** sum: the sum of the partial sums, in the partial sums' type. */
        SUM,
        /** min of the partial minimums. */
        MIN,
        /** max of the partial maximums. */
        MAX,
        /** bool_and / every: bool_and of the partial results. */
        BOOL_AND,
        /** bool_or of the partial results. */
        BOOL_OR
    }
}
