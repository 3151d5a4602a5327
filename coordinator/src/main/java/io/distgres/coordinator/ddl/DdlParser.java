package io.distgres.coordinator.ddl;

import io.distgres.coordinator.ddl.DdlCommand.AlterAction.Kind;
import io.distgres.coordinator.ddl.DdlCommand.AlterAction;
import io.distgres.coordinator.ddl.DdlCommand.Edit;
import io.distgres.coordinator.ddl.DdlCommand.TableRef;
import io.distgres.coordinator.ddl.DdlCommand.Undo;
import io.distgres.coordinator.error.PgException;
import io.distgres.planner.sql.SqlToken;
import io.distgres.planner.sql.SqlTokens;
import io.distgres.planner.sql.StatementText;
import io.distgres.sqlstate.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the DDL statements distgres propagates (CREATE INDEX, ALTER TABLE, DROP TABLE, TRUNCATE)
 * from the lexer's tokens into a {@link DdlCommand}; whatever it does not recognise is refused
 * with 0A000 naming the construct, so no statement reaches the shards half understood.
 */
final class DdlParser {
    private static final Map<String, String> SERIAL_TYPES = Map.of("SERIAL", "integer", "SERIAL4", "integer",
            "BIGSERIAL", "bigint", "SERIAL8", "bigint", "SMALLSERIAL", "smallint", "SERIAL2", "smallint");
    /** Words that end a column DEFAULT expression at parenthesis depth 0. */
    private static final Set<String> COLUMN_CLAUSES = Set.of("NOT", "NULL", "CONSTRAINT", "CHECK", "UNIQUE",
            "PRIMARY", "REFERENCES", "COLLATE", "GENERATED", "DEFAULT");

    private final SqlTokens tokens;
    private int pos;

    private DdlParser(StatementText statement) {
        this.tokens = SqlTokens.of(statement);
    }

    /** Parses {@code statement}, or throws 0A000 naming what distgres does not propagate. */
    static DdlCommand parse(StatementText statement) {
        return new DdlParser(statement).command();
    }

    private DdlCommand command() {
        if (accept("CREATE")) {
            boolean unique = accept("UNIQUE");
            if (accept("INDEX")) {
                return createIndex(unique);
            }
        } else if (accept("ALTER")) {
            if (accept("TABLE")) {
                return alterTable();
            }
        } else if (accept("DROP")) {
            if (accept("TABLE")) {
                return dropTables();
            }
        } else if (accept("TRUNCATE")) {
            return truncate();
        }
        throw unsupported(String.join(" ", leadingWords()));
    }

    private DdlCommand.CreateIndex createIndex(boolean unique) {
        if (accept("CONCURRENTLY")) {
            // it cannot run inside the transaction that keeps the shell and the shards in step
            throw unsupported("CREATE INDEX CONCURRENTLY");
        }
        boolean ifNotExists = accept("IF", "NOT", "EXISTS");
        List<Edit> edits = new ArrayList<>();
        Optional<String> name = Optional.empty();
        if (!isWord(pos, "ON")) {
            SqlToken token = tokens.get(pos);
            name = Optional.of(identifier(pos));
            edits.add(new Edit.Suffix(token.start(), token.end(), name.get()));
            pos++;
        }
        expect("ON");
        accept("ONLY");
        TableRef table = tableRef();
        List<String> keys = new ArrayList<>();
        while (pos < tokens.size() && tokens.get(pos).kind() != SqlToken.Kind.OPEN_PAREN) {
            pos++;
        }
        for (SqlTokens.Span element : splitGroup(pos)) {
            int first = element.from();
            boolean call = element.to() - first > 1 && tokens.is(first + 1, SqlToken.Kind.OPEN_PAREN);
            if (isIdentifier(first) && !call) {
                keys.add(identifier(first));
            }
        }
        return new DdlCommand.CreateIndex(table, name, ifNotExists, unique, keys, edits);
    }

    private DdlCommand.AlterTable alterTable() {
        accept("IF", "EXISTS");
        accept("ONLY");
        TableRef table = tableRef();
        if (pos < tokens.size() && isOperator(pos, "*")) {
            pos++;
        }
        List<AlterAction> actions = new ArrayList<>();
        List<SqlTokens.Span> spans = tokens.splitAtCommas(pos, tokens.size());
        if (spans.isEmpty()) {
            throw unsupported("ALTER TABLE without an action");
        }
        for (SqlTokens.Span span : spans) {
            if (span.isEmpty()) {
                throw unsupported("ALTER TABLE without an action");
            }
            actions.add(new ActionParser(span.from(), span.to()).parse());
        }
        return new DdlCommand.AlterTable(table, actions);
    }

    private DdlCommand.DropTables dropTables() {
        accept("IF", "EXISTS");
        List<TableRef> tables = new ArrayList<>();
        tables.add(tableRef());
        while (pos < tokens.size() && isOperator(pos, ",")) {
            pos++;
            tables.add(tableRef());
        }
        if (!accept("CASCADE")) {
            accept("RESTRICT");
        }
        expectEnd();
        return new DdlCommand.DropTables(tables);
    }

    private DdlCommand.TruncateTables truncate() {
        accept("TABLE");
        List<TableRef> tables = new ArrayList<>();
        do {
            if (!tables.isEmpty()) {
                pos++;
            }
            accept("ONLY");
            tables.add(tableRef());
            if (pos < tokens.size() && isOperator(pos, "*")) {
                pos++;
            }
        } while (pos < tokens.size() && isOperator(pos, ","));
        if (!accept("RESTART", "IDENTITY")) {
            accept("CONTINUE", "IDENTITY");
        }
        if (!accept("CASCADE")) {
            accept("RESTRICT");
        }
        expectEnd();
        return new DdlCommand.TruncateTables(tables);
    }

    /** Parses the action in tokens {@code [from, to)}. */
    private final class ActionParser {
        private final int from;
        private final int to;
        private int at;

        ActionParser(int from, int to) {
            this.from = from;
            this.to = to;
            this.at = from;
        }

        AlterAction parse() {
            if (take("ADD")) {
                if (take("CONSTRAINT")) {
                    return addConstraint();
                }
                if (isAnyWord(at, "CHECK", "UNIQUE", "PRIMARY", "FOREIGN", "EXCLUDE")) {
                    throw unsupported("ALTER TABLE ... ADD " + word(at) + " without a constraint name"
                            + " (write ADD CONSTRAINT name " + word(at) + " ...)");
                }
                take("COLUMN");
                boolean ifNotExists = take("IF", "NOT", "EXISTS");
                return addColumn(ifNotExists);
            }
            if (take("DROP")) {
                if (take("CONSTRAINT")) {
                    take("IF", "EXISTS");
                    String name = identifier(at);
                    return action(Kind.DROP_CONSTRAINT, Optional.empty(), Optional.empty(),
                            List.of(suffix(at, name)), false, Optional.empty());
                }
                take("COLUMN");
                take("IF", "EXISTS");
                return action(Kind.DROP_COLUMN, Optional.of(identifier(at)), Optional.empty(), List.of(), false,
                        Optional.empty());
            }
            if (take("ALTER")) {
                take("COLUMN");
                return alterColumn(identifier(at++));
            }
            if (take("RENAME")) {
                return rename();
            }
            if (take("OWNER", "TO")) {
                // runs on the shards as the session, so PostgreSQL checks the new owner there as here
                return action(Kind.OWNER_TO, Optional.empty(), Optional.empty(), List.of(), false, Optional.empty());
            }
            throw unsupported("ALTER TABLE ... " + (at < to ? word(at) : ""));
        }

        private AlterAction addConstraint() {
            int nameAt = at;
            String name = identifier(at++);
            Optional<List<String>> unique = Optional.empty();
            if (take("UNIQUE") || take("PRIMARY", "KEY")) {
                if (at >= to || tokens.get(at).kind() != SqlToken.Kind.OPEN_PAREN) {
                    throw unsupported("ALTER TABLE ... ADD CONSTRAINT ... USING INDEX");
                }
                List<String> columns = new ArrayList<>();
                for (SqlTokens.Span element : splitGroup(at)) {
                    columns.add(identifier(element.from()));
                }
                unique = Optional.of(columns);
            } else if (!isWord(at, "CHECK")) {
                throw unsupported("ALTER TABLE ... ADD CONSTRAINT ... " + (at < to ? word(at) : ""));
            }
            return action(Kind.ADD_CONSTRAINT, Optional.empty(), unique, List.of(suffix(nameAt, name)), false,
                    Optional.of(new Undo.DropConstraint(name)));
        }

        private AlterAction addColumn(boolean ifNotExists) {
            String column = identifier(at++);
            List<Edit> edits = new ArrayList<>();
            Optional<List<String>> unique = Optional.empty();
            String serial = at < to ? SERIAL_TYPES.get(tokens.keyword(at)) : null;
            if (serial != null) {
                // the coordinator owns the sequence and evaluates it; shards get the plain type
                edits.add(new Edit.Replace(tokens.get(at).start(), tokens.get(at).end(), serial));
            }
            boolean named = false;
            int depth = 0;
            for (int i = at; i < to; i++) {
                SqlToken token = tokens.get(i);
                depth += tokens.depthChange(i);
                if (depth == 0 && token.kind() == SqlToken.Kind.WORD) {
                    switch (word(i)) {
                        case "DEFAULT" -> {
                            int end = expressionEnd(i + 1);
                            if (tokens.containsKeyword(i + 1, end, "NEXTVAL")) {
                                edits.add(new Edit.Replace(token.start(), tokens.get(end - 1).end(), ""));
                            }
                            i = end - 1;
                        }
                        case "GENERATED" -> {
                            int end = identityEnd(i);
                            if (end > i) {
                                edits.add(new Edit.Replace(token.start(), tokens.get(end - 1).end(), ""));
                                i = end - 1;
                            }
                        }
                        case "CONSTRAINT" -> {
                            edits.add(suffix(i + 1, identifier(i + 1)));
                            named = true;
                            i++;
                        }
                        case "CHECK", "UNIQUE", "PRIMARY", "REFERENCES" -> {
                            if (word(i).equals("REFERENCES")) {
                                throw unsupported("foreign keys (REFERENCES)");
                            }
                            if (!named) {
                                throw unsupported("ALTER TABLE ... ADD COLUMN with an unnamed " + word(i)
                                        + " constraint (write CONSTRAINT name " + word(i) + " ...)");
                            }
                            if (!word(i).equals("CHECK")) {
                                unique = Optional.of(List.of(column));
                            }
                            named = false;
                        }
                        default -> {
                        }
                    }
                }
            }
            Optional<Undo> undo = ifNotExists ? Optional.empty() : Optional.of(new Undo.DropColumn(column));
            return action(Kind.ADD_COLUMN, Optional.of(column), unique, edits, false, undo);
        }

        private AlterAction alterColumn(String column) {
            if (take("TYPE") || take("SET", "DATA", "TYPE")) {
                return action(Kind.ALTER_COLUMN_TYPE, Optional.of(column), Optional.empty(), List.of(), false,
                        Optional.empty());
            }
            if (take("SET", "DEFAULT")) {
                // the coordinator evaluates sequence defaults; shards never see them
                boolean sequence = tokens.containsKeyword(at, to, "NEXTVAL");
                return action(Kind.ALTER_COLUMN, Optional.of(column), Optional.empty(), List.of(), sequence,
                        Optional.empty());
            }
            if (take("DROP", "DEFAULT") || take("SET", "NOT", "NULL") || take("DROP", "NOT", "NULL")) {
                return action(Kind.ALTER_COLUMN, Optional.of(column), Optional.empty(), List.of(), false,
                        Optional.empty());
            }
            throw unsupported("ALTER TABLE ... ALTER COLUMN ... " + (at < to ? word(at) : ""));
        }

        private AlterAction rename() {
            if (take("TO")) {
                throw unsupported("ALTER TABLE ... RENAME TO (renaming a distributed table)");
            }
            if (take("CONSTRAINT")) {
                int oldAt = at;
                String old = identifier(at++);
                expectHere("TO");
                String renamed = identifier(at);
                return action(Kind.RENAME_CONSTRAINT, Optional.empty(), Optional.empty(),
                        List.of(suffix(oldAt, old), suffix(at, renamed)), false,
                        Optional.of(new Undo.RenameConstraint(renamed, old)));
            }
            take("COLUMN");
            String old = identifier(at++);
            expectHere("TO");
            String renamed = identifier(at);
            return action(Kind.RENAME_COLUMN, Optional.of(old), Optional.empty(), List.of(), false,
                    Optional.of(new Undo.RenameColumn(renamed, old)));
        }

        private AlterAction action(Kind kind, Optional<String> column, Optional<List<String>> unique,
                                   List<Edit> edits, boolean coordinatorOnly, Optional<Undo> undo) {
            return new AlterAction(kind, tokens.get(from).start(), tokens.get(to - 1).end(), column, unique, edits,
                    coordinatorOnly, undo);
        }

        /** The end (exclusive) of a DEFAULT expression starting at {@code start}. */
        private int expressionEnd(int start) {
            int depth = 0;
            for (int i = start; i < to; i++) {
                if (depth == 0 && i > start && COLUMN_CLAUSES.contains(tokens.keyword(i))) {
                    return i;
                }
                depth += tokens.depthChange(i);
            }
            return to;
        }

        /** The end of {@code GENERATED ... AS IDENTITY [(options)]} at {@code i}, or {@code i} for a generated column. */
        private int identityEnd(int i) {
            int j = i + 1;
            while (j < to && !isWord(j, "AS")) {
                j++;
            }
            if (j + 1 >= to || !isWord(j + 1, "IDENTITY")) {
                return i;
            }
            j += 2;
            if (j < to && tokens.is(j, SqlToken.Kind.OPEN_PAREN)) {
                j = closingParen(j) + 1;
            }
            return j;
        }

        private boolean take(String... words) {
            for (int k = 0; k < words.length; k++) {
                if (at + k >= to || !isWord(at + k, words[k])) {
                    return false;
                }
            }
            at += words.length;
            return true;
        }

        private void expectHere(String word) {
            if (!take(word)) {
                throw syntax(at);
            }
        }

        private Edit suffix(int index, String name) {
            if (index >= to) {
                throw syntax(index);
            }
            return new Edit.Suffix(tokens.get(index).start(), tokens.get(index).end(), name);
        }
    }

    private TableRef tableRef() {
        List<String> parts = new ArrayList<>();
        int start = pos;
        parts.add(identifier(pos++));
        while (pos + 1 < tokens.size() && isOperator(pos, ".")) {
            parts.add(identifier(pos + 1));
            pos += 2;
        }
        return new TableRef(tokens.get(start).start(), tokens.get(pos - 1).end(), parts);
    }

    /** The elements of the parenthesised group opening at {@code open}, as token spans (none when no group opens there). */
    private List<SqlTokens.Span> splitGroup(int open) {
        if (!tokens.is(open, SqlToken.Kind.OPEN_PAREN)) {
            return List.of();
        }
        List<SqlTokens.Span> elements = tokens.splitAtCommas(open + 1, closingParen(open));
        for (SqlTokens.Span element : elements) {
            if (element.isEmpty()) {
                throw syntax(element.to());
            }
        }
        return elements;
    }

    private int closingParen(int open) {
        int close = tokens.closingParen(open);
        if (close < 0) {
            throw syntax(tokens.size());
        }
        return close;
    }

    private boolean accept(String... words) {
        for (int k = 0; k < words.length; k++) {
            if (!isWord(pos + k, words[k])) {
                return false;
            }
        }
        pos += words.length;
        return true;
    }

    private void expect(String word) {
        if (!accept(word)) {
            throw syntax(pos);
        }
    }

    private void expectEnd() {
        if (pos < tokens.size()) {
            throw syntax(pos);
        }
    }

    private boolean isWord(int i, String upper) {
        return tokens.isKeyword(i, upper);
    }

    private boolean isAnyWord(int i, String... upper) {
        for (String w : upper) {
            if (isWord(i, w)) {
                return true;
            }
        }
        return false;
    }

    private boolean isOperator(int i, String op) {
        return tokens.isSymbol(i, op);
    }

    private boolean isIdentifier(int i) {
        return tokens.isIdentifier(i);
    }

    /** Token {@code i} for messages and keyword tests: a word in upper case, anything else as written. */
    private String word(int i) {
        return tokens.is(i, SqlToken.Kind.WORD) ? tokens.keyword(i) : tokens.text(i);
    }

    /** The identifier at {@code i} as PostgreSQL stores it. */
    private String identifier(int i) {
        String name = tokens.identifier(i);
        if (name == null) {
            throw syntax(i);
        }
        return name;
    }

    private List<String> leadingWords() {
        return List.of(tokens.keyword(0), tokens.keyword(1)).stream().filter(w -> !w.isEmpty()).toList();
    }

    private PgException syntax(int i) {
        String near = i < tokens.size() ? tokens.text(i) : "end of input";
        return new PgException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + near + "\"");
    }

    private static PgException unsupported(String what) {
        return new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                what + " on a distributed table is not supported by distgres yet");
    }
}
