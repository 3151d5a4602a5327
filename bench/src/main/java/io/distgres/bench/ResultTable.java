package io.distgres.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/** Renders comparisons and goals as the Markdown report written to {@code bench/results/}. */
public final class ResultTable {
    /** Marks a cell whose error the row above already shows (compared by identity). */
    private static final Optional<String> SAME_ERROR = Optional.of("(same error)");

    private ResultTable() {
    }

    /** The whole report: a heading, the run's setup lines, the comparison table and the goals. */
    public static String render(String title, List<String> setup, List<Comparison> comparisons, List<Goal> goals) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(title).append("\n\n");
        for (String line : setup) {
            out.append("- ").append(line).append('\n');
        }
        out.append('\n').append(table(comparisons));
        if (!goals.isEmpty()) {
            out.append("\n| goal | target | reached | |\n|---|---|---|---|\n");
            for (Goal goal : goals) {
                out.append("| ").append(escape(goal.description()))
                        .append(" | ").append(goal.atLeast() ? "≥ " : "≤ ").append(number(goal.target()))
                        .append(" | ").append(goal.reached().isPresent() ? number(goal.reached().getAsDouble()) : "—")
                        .append(" | ").append(goal.verdict()).append(" |\n");
            }
        }
        return out.toString();
    }

    /** The comparison table: medians of every side, distgres ÷ direct, and the per-run values. */
    public static String table(List<Comparison> comparisons) {
        StringBuilder out = new StringBuilder();
        out.append("| benchmark | metric | direct PostgreSQL | distgres | distgres ÷ direct | runs (direct; distgres) |\n");
        out.append("|---|---|---:|---:|---:|---|\n");
        Comparison previous = null;
        for (Comparison c : comparisons) {
            boolean sameErrors = previous != null && previous.benchmark().equals(c.benchmark())
                    && previous.directError().equals(c.directError()) && previous.distgresError().equals(c.distgresError());
            Optional<String> directError = sameErrors && c.directError().isPresent() ? SAME_ERROR : c.directError();
            Optional<String> distgresError = sameErrors && c.distgresError().isPresent() ? SAME_ERROR : c.distgresError();
            previous = c;
            out.append("| ").append(escape(c.benchmark()))
                    .append(" | ").append(escape(c.metric() + (c.unit().isEmpty() ? "" : " (" + c.unit() + ")")))
                    .append(c.better() == Comparison.Better.LOWER ? ", lower is better" : "")
                    .append(" | ").append(side(c.directMedian(), directError))
                    .append(" | ").append(side(c.distgresMedian(), distgresError))
                    .append(" | ").append(c.ratio().isPresent() ? number(c.ratio().getAsDouble()) + "×" : "—")
                    .append(" | ").append(runs(c.direct())).append("; ").append(runs(c.distgres()))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String side(OptionalDouble median, Optional<String> error) {
        if (error == SAME_ERROR) {
            return "(same error)";
        }
        if (error.isPresent()) {
            String label = error.get().contains("not supported") || error.get().contains("0A000")
                    ? "not supported yet" : "failed";
            return "**" + label + "**: " + escape(shorten(error.get()));
        }
        return median.isPresent() ? number(median.getAsDouble()) : "—";
    }

    private static String runs(List<Double> values) {
        if (values.isEmpty()) {
            return "—";
        }
        return String.join(" ", values.stream().map(ResultTable::number).toList());
    }

    /** Three significant digits for small values, thousands without decimals. */
    static String number(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 157) + "...";
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }
}
