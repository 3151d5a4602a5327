package io.distgres.planner.parser;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A table named in a statement: its (possibly schema-qualified) name as the parser folded it,
 * the exact [start, end) range of the name in the statement text, quotes and all, and the
 * alias the statement gives it. Replacing the range with a shard name keeps the rest of the
 * text; where there is no alias, column references like {@code messages.id} still need the
 * old name, so substitute {@code messages_102008 messages} (or {@code AS messages} after
 * INSERT INTO).
 */
public record TableReference(List<String> name, int start, int end, Optional<String> alias) {
    public TableReference {
        name = List.copyOf(name);
        requireNonNull(alias, "alias is null");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
        }
    }

    /** The last name part: the table without its schema. */
    public String tableName() {
        return name.get(name.size() - 1);
    }
}
