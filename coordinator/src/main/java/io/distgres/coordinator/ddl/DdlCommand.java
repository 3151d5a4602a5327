package io.distgres.coordinator.ddl;

import static java.util.Objects.requireNonNull;

import io.distgres.planner.sql.SqlIdentifiers;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A DDL statement over distributed tables as {@link DdlParser} understood it: where in the user's
 * text the table and object names lie, so each shard's statement is the user's text with those
 * spans substituted.
 */
public sealed interface DdlCommand {

    /**
     * A table name as written: the text span {@code [start, end)} (all parts of a qualified name)
     * and its parts case-folded or unquoted as PostgreSQL would.
     */
    record TableRef(int start, int end, List<String> parts) {
        public TableRef {
            parts = List.copyOf(parts);
        }

        /** The name quoted part by part, for {@code to_regclass}: never the user's raw text. */
        public String quotedName() {
            return parts.stream().map(SqlIdentifiers::quote).collect(Collectors.joining("."));
        }

        public String lastPart() {
            return parts.get(parts.size() - 1);
        }
    }

    /** A change to the user's text for the shards: a span replaced by fixed text or by a name with the shard suffix. */
    sealed interface Edit {
        int start();

        int end();

        /** Replaces {@code [start, end)} with {@code text} (empty text removes it). */
        record Replace(int start, int end, String text) implements Edit {
        }

        /** Replaces {@code [start, end)} with {@code name_<shardid>}, quoted. */
        record Suffix(int start, int end, String name) implements Edit {
            public Suffix {
                requireNonNull(name, "name is null");
            }
        }
    }

    /** {@code CREATE [UNIQUE] INDEX [IF NOT EXISTS] [name] ON table ...}. */
    record CreateIndex(TableRef table, Optional<String> indexName, boolean ifNotExists, boolean unique,
                       List<String> keyColumns, List<Edit> edits) implements DdlCommand {
        public CreateIndex {
            keyColumns = List.copyOf(keyColumns);
            edits = List.copyOf(edits);
        }
    }

    /** {@code ALTER TABLE table action [, ...]} or {@code ALTER TABLE table RENAME ...}. */
    record AlterTable(TableRef table, List<AlterAction> actions) implements DdlCommand {
        public AlterTable {
            actions = List.copyOf(actions);
        }

        /** False when every action is for the coordinator only (e.g. SET DEFAULT nextval(...)). */
        public boolean reachesShards() {
            return actions.stream().anyMatch(a -> !a.coordinatorOnly());
        }
    }

    /**
     * One ALTER TABLE action.
     *
     * @param kind            what it does, for the refusals that depend on the distribution column
     * @param start           where the action's text starts in the statement
     * @param end             where it ends (exclusive)
     * @param column          the column it acts on, when it acts on one
     * @param uniqueColumns   for a UNIQUE or PRIMARY KEY it adds: the key's columns
     * @param edits           how the shards' text differs from the user's for this action
     * @param coordinatorOnly true when the shards skip it entirely
     * @param undo            how to reverse it on a shard whose worker already committed, if it can be
     */
    record AlterAction(Kind kind, int start, int end, Optional<String> column, Optional<List<String>> uniqueColumns, List<Edit> edits,
                       boolean coordinatorOnly, Optional<Undo> undo) {
        public AlterAction {
            edits = List.copyOf(edits);
        }

        /** The kinds of action distgres propagates. */
        public enum Kind {
            ADD_COLUMN, DROP_COLUMN, RENAME_COLUMN, ALTER_COLUMN_TYPE, ALTER_COLUMN, ADD_CONSTRAINT, DROP_CONSTRAINT,
            RENAME_CONSTRAINT, OWNER_TO
        }
    }

    /** The reverse of an ALTER action on one shard: drop what it added, or rename back. */
    sealed interface Undo {
        record DropColumn(String column) implements Undo {
        }

        /** The constraint's name on the coordinator; shards carry it with their suffix. */
        record DropConstraint(String constraint) implements Undo {
        }

        record RenameColumn(String from, String to) implements Undo {
        }

        /** Names on the coordinator; shards carry them with their suffix. */
        record RenameConstraint(String from, String to) implements Undo {
        }
    }

    /** {@code DROP TABLE [IF EXISTS] t [, ...] [CASCADE | RESTRICT]}. */
    record DropTables(List<TableRef> tables) implements DdlCommand {
        public DropTables {
            tables = List.copyOf(tables);
        }
    }

    /** {@code TRUNCATE [TABLE] [ONLY] t [*] [, ...] [options]}. */
    record TruncateTables(List<TableRef> tables) implements DdlCommand {
        public TruncateTables {
            tables = List.copyOf(tables);
        }
    }
}
