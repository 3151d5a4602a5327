package io.distgres.planner.classify;

import io.distgres.planner.sql.SqlToken;
import io.distgres.planner.sql.SqlTokens;
import io.distgres.planner.sql.StatementText;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads from a statement's tokens what kind it is (passthrough, COPY relay, front-door setting)
 * and what it may change in the session: what the coordinator's route decider asks of the text.
 */
public final class StatementClassifier {
    /**
     * Statements that cannot change a table's columns (data, transaction, session and maintenance
     * statements); everything else (CREATE, ALTER, DROP, DO, CALL, ...) may.
     */
    private static final Set<String> KEEPS_DEFINITIONS = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE",
            "VALUES", "WITH", "TABLE", "SHOW", "SET", "RESET", "BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT",
            "SAVEPOINT", "RELEASE", "PREPARE", "EXECUTE", "DEALLOCATE", "EXPLAIN", "FETCH", "MOVE", "CLOSE", "DECLARE",
            "COPY", "LISTEN", "NOTIFY", "UNLISTEN", "LOCK", "TRUNCATE", "VACUUM", "ANALYZE", "CHECKPOINT", "GRANT",
            "REVOKE", "");
    /** Functions taking advisory locks that the session holds until it releases them or ends. */
    private static final Set<String> SESSION_LOCK_FUNCTIONS = Set.of("PG_ADVISORY_LOCK", "PG_ADVISORY_LOCK_SHARED",
            "PG_TRY_ADVISORY_LOCK", "PG_TRY_ADVISORY_LOCK_SHARED");
    private static final int SHORTEST_LOCK_FUNCTION = "PG_ADVISORY_LOCK".length();
    private static final String TEMPORARY_OBJECT = "a temporary object";
    /** Words that may stand between CREATE and the kind of object. */
    private static final Set<String> CREATE_OPTIONS = Set.of("OR", "REPLACE", "GLOBAL", "LOCAL");
    /** What SET or RESET names when it may change name resolution (SESSION: SESSION AUTHORIZATION). */
    private static final Set<String> NAME_RESOLUTION_SETTINGS = Set.of("SEARCH_PATH", "SCHEMA", "ROLE", "SESSION",
            "ALL");
    /** Objects whose CREATE and DROP PostgreSQL refuses inside a transaction block. */
    private static final Set<String> OUTSIDE_BLOCK_OBJECTS = Set.of("DATABASE", "TABLESPACE", "SUBSCRIPTION");

    public StatementClass classify(StatementText statement) {
        if (statement.isEmpty()) {
            return StatementClass.EMPTY;
        }
        List<String> words = statement.leadingWords(3);
        String first = words.isEmpty() ? "" : words.get(0);
        if (first.equals("COPY")) {
            if (followedBy(statement, "FROM", "STDIN")) {
                return StatementClass.COPY_FROM_STDIN;
            }
            if (followedBy(statement, "TO", "STDOUT")) {
                return StatementClass.COPY_TO_STDOUT;
            }
        }
        if (first.equals("SET") && isClientEncoding(words)) {
            return StatementClass.CLIENT_ENCODING;
        }
        return StatementClass.PASSTHROUGH;
    }

    /** True when running the statement may change session-level settings. */
    public boolean mayChangeSettings(StatementText statement) {
        String first = statement.firstWord();
        return first.equals("SET") || first.equals("RESET") || first.equals("DISCARD")
                || statement.containsWord("set_config");
    }

    /**
     * True when running the statement may change the columns of a table or view (DDL, or code
     * that may run DDL), so that prepared statements must check their result type again.
     */
    public boolean mayChangeDefinitions(StatementText statement) {
        return !KEEPS_DEFINITIONS.contains(statement.firstWord());
    }

    /**
     * What the statement leaves in the backend's session beyond its transaction, if anything: a
     * temporary table or other object in {@code pg_temp}, LISTEN, a session-level advisory lock, a
     * WITH HOLD cursor, a loaded library. A client session that ran one needs that backend
     * connection from then on.
     */
    public Optional<String> sessionStateCreatedBy(StatementText statement) {
        String first = statement.firstWord();
        switch (first) {
            case "LISTEN", "LOAD" -> {
                return Optional.of(first);
            }
            case "CREATE" -> {
                if (createsTemporaryObject(statement.leadingWords(6))) {
                    return Optional.of(TEMPORARY_OBJECT);
                }
            }
            case "DECLARE" -> {
                if (followedBy(statement, "WITH", "HOLD")) {
                    return Optional.of("a WITH HOLD cursor");
                }
            }
            default -> {
            }
        }
        // one pass without allocation: every client statement of the simple protocol comes here
        boolean selectInto = first.equals("SELECT") || first.equals("WITH") || first.equals("TABLE");
        String text = statement.text();
        boolean afterInto = false;
        for (SqlToken t : statement.tokens()) {
            if (t.isTrivia()) {
                continue;
            }
            boolean word = t.kind() == SqlToken.Kind.WORD;
            if (word && afterInto && (isWord(text, t, "TEMP") || isWord(text, t, "TEMPORARY"))) {
                return Optional.of(TEMPORARY_OBJECT);
            }
            afterInto = selectInto && word && isWord(text, t, "INTO");
            if (word && t.end() - t.start() >= SHORTEST_LOCK_FUNCTION && startsWith(text, t, "pg_")
                    && SESSION_LOCK_FUNCTIONS.contains(t.keyword(text))) {
                return Optional.of("a session advisory lock");
            }
        }
        return Optional.empty();
    }

    private static boolean isWord(String text, SqlToken token, String word) {
        return token.end() - token.start() == word.length() && startsWith(text, token, word);
    }

    /** True when the token starts with {@code prefix}, ignoring case. */
    private static boolean startsWith(String text, SqlToken token, String prefix) {
        return text.regionMatches(true, token.start(), prefix, 0, prefix.length());
    }

    /** CREATE [OR REPLACE] [GLOBAL | LOCAL] TEMP[ORARY] ..., or CREATE kind pg_temp.name. */
    private static boolean createsTemporaryObject(List<String> words) {
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("TEMP") || word.equals("TEMPORARY")) {
                return true;
            }
            if (!CREATE_OPTIONS.contains(word)) {
                return i + 1 < words.size() && words.get(i + 1).equals("PG_TEMP");
            }
        }
        return false;
    }

    /**
     * True when the statement may change what names in this session resolve to: search_path, the
     * role ({@code $user} in search_path), or every setting (RESET ALL, DISCARD).
     */
    public boolean mayChangeNameResolution(StatementText statement) {
        if (!mayChangeSettings(statement)) {
            return false;
        }
        List<String> words = statement.leadingWords(3);
        int i = words.size() > 1 && words.get(1).equals("LOCAL") ? 2 : 1;
        String setting = i < words.size() ? words.get(i) : "";
        return words.get(0).equals("DISCARD") || NAME_RESOLUTION_SETTINGS.contains(setting)
                || mentions(statement, "search_path");
    }

    /**
     * True for the statements PostgreSQL refuses inside a transaction block (its
     * PreventInTransactionBlock callers): VACUUM, CREATE/DROP DATABASE, TABLESPACE and SUBSCRIPTION,
     * ALTER SYSTEM, CONCURRENTLY index builds and drops, REINDEX SYSTEM/DATABASE, CLUSTER of every
     * table, DISCARD ALL, COMMIT/ROLLBACK PREPARED.
     */
    public boolean refusesTransactionBlock(StatementText statement) {
        List<String> words = statement.leadingWords(4);
        String first = words.isEmpty() ? "" : words.get(0);
        String second = words.size() > 1 ? words.get(1) : "";
        return switch (first) {
            case "VACUUM" -> true;
            case "CREATE", "DROP" -> OUTSIDE_BLOCK_OBJECTS.contains(second)
                    || words.contains("INDEX") && words.contains("CONCURRENTLY");
            case "REINDEX" -> words.contains("CONCURRENTLY") || second.equals("SYSTEM") || second.equals("DATABASE");
            case "ALTER" -> second.equals("SYSTEM");
            case "DISCARD" -> second.equals("ALL");
            case "CLUSTER" -> words.size() == 1 || words.size() == 2 && second.equals("VERBOSE");
            case "COMMIT", "ROLLBACK" -> second.equals("PREPARED");
            default -> false;
        };
    }

    /**
     * True for the statements that must run in autocommit, outside any transaction block of the
     * runner's own: transaction control (BEGIN, START TRANSACTION, SAVEPOINT, RELEASE, COMMIT, END,
     * ROLLBACK, ABORT, PREPARE TRANSACTION) and those PostgreSQL refuses inside a block
     * ({@link #refusesTransactionBlock}).
     */
    public boolean runsOutsideTransactionBlock(StatementText statement) {
        return switch (statement.firstWord()) {
            case "BEGIN", "START", "SAVEPOINT", "RELEASE", "COMMIT", "END", "ROLLBACK", "ABORT" -> true;
            case "PREPARE" -> statement.leadingWords(2).contains("TRANSACTION");
            default -> refusesTransactionBlock(statement);
        };
    }

    private static boolean isClientEncoding(List<String> words) {
        int i = 1;
        if (i < words.size() && (words.get(i).equals("SESSION") || words.get(i).equals("LOCAL"))) {
            i++;
        }
        return i < words.size() && (words.get(i).equals("CLIENT_ENCODING") || words.get(i).equals("NAMES"));
    }

    /** True when word {@code a} is directly followed by word {@code b} outside parentheses. */
    private static boolean followedBy(StatementText statement, String a, String b) {
        SqlTokens tokens = SqlTokens.of(statement);
        int depth = 0;
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (depth == 0 && tokens.isKeyword(i, a) && tokens.isKeyword(i + 1, b)) {
                return true;
            }
            depth += tokens.depthChange(i);
        }
        return false;
    }

    /** True when a token other than a comment holds {@code fragment} (lower case), in any case: a name or a string. */
    private static boolean mentions(StatementText statement, String fragment) {
        String text = statement.text();
        for (SqlToken t : statement.tokens()) {
            for (int at = t.start(); !t.isTrivia() && at + fragment.length() <= t.end(); at++) {
                if (text.regionMatches(true, at, fragment, 0, fragment.length())) {
                    return true;
                }
            }
        }
        return false;
    }
}
