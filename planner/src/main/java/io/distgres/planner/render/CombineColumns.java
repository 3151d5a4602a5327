package io.distgres.planner.render;

/**
 * What the coordinator knows about a combine step's columns once the tasks answered: the
 * gathered task columns as the workers described them, and the statement's own output columns
 * as the coordinator's PostgreSQL describes the statement over the shell tables.
 */
public interface CombineColumns {
    /** How many columns the tasks returned. */
    int gatheredCount();

    /** The name a worker gave gathered column {@code column}. */
    String gatheredName(int column);

    /** The SQL type of gathered column {@code column}, as {@code format_type} writes it. */
    String gatheredTypeName(int column);

    /** The type OID of gathered column {@code column}. */
    int gatheredTypeOid(int column);

    /** The SQL type of the statement's output column {@code column} (aggregate combines only). */
    String outputTypeName(int column);

    /** The name of the statement's output column {@code column} (aggregate combines only). */
    String outputName(int column);
}
