package io.distgres.coordinator.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the lines of a text-format QUERY PLAN with PostgreSQL's indentation: a child plan
 * node starts with {@code "->  "} and its details sit under it, six columns further in.
 */
public final class ExplainWriter {
    private final List<String> lines = new ArrayList<>();
    private String indent = "";

    /** A line at the current depth. */
    public ExplainWriter line(String text) {
        lines.add(indent + text);
        return this;
    }

    /** A property line ({@code "Task Count: 2"}) under the current node. */
    public ExplainWriter property(String name, Object value) {
        return line("  " + name + ": " + value);
    }

    /**
     * A child node {@code "->  title"}; what {@code body} writes sits under it. Returns to this
     * depth afterwards.
     */
    public ExplainWriter child(String title, Runnable body) {
        line("  ->  " + title);
        String outer = indent;
        indent = outer + "      ";
        try {
            body.run();
        } finally {
            indent = outer;
        }
        return this;
    }

    /**
     * Lines of another plan (a worker's or the coordinator database's EXPLAIN output) as a child
     * node: its first line gets the arrow, the rest keep their own indentation under it.
     */
    public ExplainWriter childPlan(List<String> planLines) {
        if (planLines.isEmpty()) {
            return this;
        }
        line("  ->  " + planLines.get(0));
        for (String rest : planLines.subList(1, planLines.size())) {
            line("      " + rest);
        }
        return this;
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }
}
