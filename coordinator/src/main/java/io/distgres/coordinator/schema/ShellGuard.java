package io.distgres.coordinator.schema;

import io.distgres.coordinator.backend.BackendLease;
import io.distgres.coordinator.backend.DiscardingSink;
import io.distgres.coordinator.metadata.DistTable;
import io.distgres.coordinator.pgwire.codec.TransactionStatus;
import io.distgres.planner.sql.StatementText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The statements distgres runs around its own work on shell tables, which the shell guard (catalog
 * script V5: a partial index on each shell whose predicate raises 0A000) would otherwise refuse:
 * each names the shells it may touch in {@code distgres.unguarded_shells}, for as short as it can.
 */
public final class ShellGuard {
    /** The setting {@code distgres.shell_guard(regclass)} reads: shell OIDs, comma-separated, or {@code *}. */
    static final String SETTING = "distgres.unguarded_shells";

    /**
     * Guard indexes on tables the session's user owns that guard another table than their own: copies made
     * by {@code LIKE shell INCLUDING INDEXES}. A guard's predicate calls {@code distgres.shell_guard} with a
     * table's regclass, so the index depends on that function and on that table. Read from the catalogs
     * only: the session's user may have no access to schema distgres.
     */
    private static final String COPIED_GUARDS = """
            SELECT i.indexrelid::pg_catalog.regclass::pg_catalog.text
            FROM pg_catalog.pg_index i
            JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
            JOIN pg_catalog.pg_depend f ON f.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                 AND f.objid = i.indexrelid AND f.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass
            JOIN pg_catalog.pg_proc p ON p.oid = f.refobjid AND p.proname = 'shell_guard'
                 AND p.pronamespace = (SELECT n.oid FROM pg_catalog.pg_namespace n WHERE n.nspname = 'distgres')
            WHERE pg_catalog.pg_has_role(c.relowner, 'USAGE')
              AND EXISTS (SELECT 1 FROM pg_catalog.pg_depend t
                          WHERE t.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND t.objid = i.indexrelid
                            AND t.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
                            AND t.refobjid <> i.indrelid)""";

    /** Database-wide maintenance rebuilds or analyzes every table, shells included. */
    private static final Set<String> MAINTENANCE = Set.of("VACUUM", "ANALYZE", "ANALYSE", "REINDEX", "CLUSTER");

    private ShellGuard() {
    }

    /** For the rest of the current transaction, distgres may touch {@code tables}' shells (a SET LOCAL). */
    public static String unguardInTransaction(Collection<DistTable> tables) {
        String oids = tables.stream().map(t -> Long.toString(t.relationId())).collect(Collectors.joining(","));
        return "SELECT pg_catalog.set_config('" + SETTING + "', '" + oids + "', true)";
    }

    /** Guards the shell with OID {@code $1} (create_distributed_table, create_reference_table). */
    public static final String GUARD = "SELECT distgres.guard_shell($1::pg_catalog.oid::pg_catalog.regclass)";

    /** Removes the guard of the table with OID {@code $1} (undistribute_table). */
    public static final String UNGUARD = "SELECT distgres.unguard_shell($1::pg_catalog.oid::pg_catalog.regclass)";

    /**
     * Whether {@code statement} is maintenance that may rebuild or analyze every table of the database
     * (VACUUM, ANALYZE, REINDEX, CLUSTER): the client's passes through with every shell unguarded.
     */
    public static boolean isMaintenance(StatementText statement) {
        return MAINTENANCE.contains(statement.firstWord().toUpperCase(Locale.ROOT));
    }

    /**
     * Runs {@code maintenance} with every shell unguarded: a session-level SET, since VACUUM cannot run
     * inside a transaction, reset afterwards (in a failed transaction block the ROLLBACK undoes it).
     */
    public static void runMaintenance(BackendLease lease, Runnable maintenance) {
        lease.run("SET " + SETTING + " = '*'", 0, List.of(), DiscardingSink.INSTANCE);
        try {
            maintenance.run();
        } finally {
            if (lease.transactionStatus() != TransactionStatus.FAILED) {
                lease.run("RESET " + SETTING, 0, List.of(), DiscardingSink.INSTANCE);
            }
        }
    }

    /**
     * Runs a client's {@code CREATE TABLE ... (LIKE shell INCLUDING INDEXES)} (or ALL): the copied guard
     * index needs the shells unguarded to be built, then is dropped from the new local table, which is
     * no shell. {@code create} runs inside the session's transaction (the caller opens one if needed).
     */
    public static void createLocalTableLike(BackendLease lease, Runnable create) {
        lease.run("SELECT pg_catalog.set_config('" + SETTING + "', '*', true)", 0, List.of(), DiscardingSink.INSTANCE);
        create.run();
        List<String> copies = new ArrayList<>();
        lease.run(COPIED_GUARDS, 0, List.of(), cells -> copies.add(new String(cells[0], StandardCharsets.UTF_8)));
        for (String copy : copies) {
            lease.run("DROP INDEX " + copy, 0, List.of(), DiscardingSink.INSTANCE);
        }
        lease.run("SELECT pg_catalog.set_config('" + SETTING + "', '', true)", 0, List.of(), DiscardingSink.INSTANCE);
    }
}
