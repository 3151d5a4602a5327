package io.distgres.worker;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides whether a task may run inside a transaction block.
 *
 * <p>Tasks normally run with autocommit off so that pgjdbc can stream rows through a portal
 * (it only fetches in batches inside a transaction); the commands below refuse to run inside
 * one, or are transaction control themselves, so they run in autocommit.
 */
final class TransactionBlockRule {
    private static final Pattern OUTSIDE_TRANSACTION = Pattern.compile(
            "^(VACUUM|ALTER SYSTEM|CREATE DATABASE|DROP DATABASE|CREATE TABLESPACE|DROP TABLESPACE"
                    + "|COMMIT PREPARED|ROLLBACK PREPARED|PREPARE TRANSACTION|BEGIN|START TRANSACTION|COMMIT"
                    + "|ROLLBACK|END|ABORT|SAVEPOINT|RELEASE|REINDEX (SYSTEM|DATABASE)"
                    + "|(CREATE|DROP|REINDEX)\\b.*\\bCONCURRENTLY)\\b",
            Pattern.DOTALL);

    private TransactionBlockRule() {
    }

    static boolean mustRunOutsideTransaction(String sql) {
        String head = leadingWords(sql);
        return OUTSIDE_TRANSACTION.matcher(head).find();
    }

    /** The first ~200 characters after comments and whitespace, upper-cased with single spaces. */
    private static String leadingWords(String sql) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = sql.length();
        while (i < n && out.length() < 200) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
                appendSpace(out);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                appendSpace(out);
            } else if (Character.isWhitespace(c) || c == '(') {
                appendSpace(out);
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString().strip().toUpperCase(Locale.ROOT);
    }

    private static void appendSpace(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
            out.append(' ');
        }
    }
}
