package io.distgres.planner.multishard;

import io.distgres.planner.parser.TableReference;
import io.distgres.planner.render.ShardNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SQL text put together from pieces of the user's statement and generated text. Pieces of the
 * statement keep the user's exact text; table references inside them are replaced by shard
 * names when the text is written for one shard group.
 */
final class ShardText {
    private final String sql;
    private final List<Object> pieces = new ArrayList<>();

    ShardText(String sql) {
        this.sql = sql;
    }

    /** Appends the statement's text in [start, end). */
    ShardText span(int start, int end) {
        if (end > start) {
            pieces.add(new NodeSpans.Span(start, end));
        }
        return this;
    }

    ShardText span(NodeSpans.Span span) {
        return span(span.start(), span.end());
    }

    /** Appends generated text. */
    ShardText text(String text) {
        pieces.add(text);
        return this;
    }

    /** Appends another text's pieces (of the same statement). */
    ShardText append(ShardText other) {
        pieces.addAll(other.pieces);
        return this;
    }

    /** The text with each table reference inside a statement piece replaced by its shard name. */
    String render(Map<TableReference, String> shardNames) {
        StringBuilder out = new StringBuilder(sql.length() + 64);
        for (Object piece : pieces) {
            if (piece instanceof String text) {
                out.append(text);
            } else {
                NodeSpans.Span span = (NodeSpans.Span) piece;
                ShardNames.appendSubstituted(out, sql, span.start(), span.end(), shardNames);
            }
        }
        return out.toString();
    }
}
