package io.distgres.coordinator.ddl;

import io.distgres.coordinator.ddl.DdlCommand.AlterAction;
import io.distgres.coordinator.ddl.DdlCommand.Edit;
import io.distgres.coordinator.ddl.DdlCommand.TableRef;
import io.distgres.coordinator.ddl.DdlCommand.Undo;
import io.distgres.planner.sql.SqlIdentifiers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Writes one shard's version of a DDL statement: the user's own text with the table name replaced
 * by the shard's qualified name and index and constraint names given the shard's suffix — so
 * types, expressions and casing stay exactly as the user wrote them.
 */
final class ShardStatementWriter {
    private final String text;
    private final int statementStart;
    private final int statementEnd;

    /** @param text the statement; {@code [statementStart, statementEnd)} is it without trailing semicolon or trivia */
    ShardStatementWriter(String text, int statementStart, int statementEnd) {
        this.text = text;
        this.statementStart = statementStart;
        this.statementEnd = statementEnd;
    }

    /** CREATE INDEX on one shard. */
    String createIndex(DdlCommand.CreateIndex command, String qualifiedShard, long shardId) {
        return rewrite(statementStart, statementEnd, withTable(command.edits(), command.table(), qualifiedShard),
                shardId);
    }

    /** ALTER TABLE on one shard, without the actions only the coordinator applies; empty when none is left. */
    Optional<String> alterTable(DdlCommand.AlterTable command, String qualifiedShard, long shardId) {
        List<AlterAction> actions = command.actions().stream().filter(a -> !a.coordinatorOnly()).toList();
        if (actions.isEmpty()) {
            return Optional.empty();
        }
        int firstAction = command.actions().get(0).start();
        StringBuilder sql = new StringBuilder(rewrite(statementStart, firstAction,
                withTable(List.of(), command.table(), qualifiedShard), shardId));
        for (int i = 0; i < actions.size(); i++) {
            AlterAction action = actions.get(i);
            sql.append(i == 0 ? "" : ", ").append(rewrite(action.start(), action.end(), action.edits(), shardId));
        }
        return Optional.of(sql.toString());
    }

    /** Statements that reverse the undoable actions of {@code command} on one shard, last action first. */
    static List<String> undoAlter(DdlCommand.AlterTable command, String qualifiedShard, long shardId) {
        List<String> statements = new ArrayList<>();
        String suffix = "_" + shardId;
        List<AlterAction> actions = new ArrayList<>(command.actions());
        java.util.Collections.reverse(actions);
        for (AlterAction action : actions) {
            if (action.coordinatorOnly() || action.undo().isEmpty()) {
                continue;
            }
            String alter = "ALTER TABLE " + qualifiedShard + " ";
            statements.add(alter + undoAction(action.undo().get(), suffix));
        }
        return statements;
    }

    // Java 17: no pattern matching for switch yet
    private static String undoAction(Undo undo, String suffix) {
        if (undo instanceof Undo.DropColumn u) {
            return "DROP COLUMN IF EXISTS " + SqlIdentifiers.quote(u.column());
        }
        if (undo instanceof Undo.DropConstraint u) {
            return "DROP CONSTRAINT IF EXISTS " + SqlIdentifiers.quote(SqlIdentifiers.withSuffix(u.constraint(), suffix));
        }
        if (undo instanceof Undo.RenameColumn u) {
            return "RENAME COLUMN " + SqlIdentifiers.quote(u.from()) + " TO " + SqlIdentifiers.quote(u.to());
        }
        Undo.RenameConstraint u = (Undo.RenameConstraint) undo;
        return "RENAME CONSTRAINT " + SqlIdentifiers.quote(SqlIdentifiers.withSuffix(u.from(), suffix)) + " TO "
                + SqlIdentifiers.quote(SqlIdentifiers.withSuffix(u.to(), suffix));
    }

    private static List<Edit> withTable(List<Edit> edits, TableRef table, String qualifiedShard) {
        List<Edit> all = new ArrayList<>(edits);
        all.add(new Edit.Replace(table.start(), table.end(), qualifiedShard));
        return all;
    }

    private String rewrite(int from, int to, List<Edit> edits, long shardId) {
        List<Edit> sorted = edits.stream().filter(e -> e.start() >= from && e.end() <= to)
                .sorted(Comparator.comparingInt(Edit::start)).toList();
        StringBuilder sql = new StringBuilder();
        int at = from;
        for (Edit edit : sorted) {
            sql.append(text, at, edit.start());
            sql.append(edit instanceof Edit.Replace r ? r.text()
                    : SqlIdentifiers.quote(SqlIdentifiers.withSuffix(((Edit.Suffix) edit).name(), "_" + shardId)));
            at = edit.end();
        }
        return sql.append(text, at, to).toString();
    }
}
