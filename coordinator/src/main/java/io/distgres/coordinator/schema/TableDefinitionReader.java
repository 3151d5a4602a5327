package io.distgres.coordinator.schema;

import io.distgres.coordinator.error.PgException;
import io.distgres.sqlstate.SqlState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads a table's definition from the coordinator database's catalogs. */
public final class TableDefinitionReader {
    private static final String TABLE = """
            SELECT n.nspname, c.relname, c.relkind FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = ?""";
    private static final String COLUMNS = """
            SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.atttypid, a.attnotnull,
                   pg_catalog.pg_get_expr(d.adbin, d.adrelid), a.attidentity <> '', a.attgenerated <> ''
            FROM pg_catalog.pg_attribute a
            LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum""";
    private static final String CONSTRAINTS = """
            SELECT c.conname, c.contype, pg_catalog.pg_get_constraintdef(c.oid),
                   ARRAY(SELECT a.attname FROM pg_catalog.pg_attribute a
                         WHERE a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) ORDER BY a.attnum)
            FROM pg_catalog.pg_constraint c
            WHERE c.conrelid = ? AND c.contype IN ('p', 'u', 'c', 'x', 'f') ORDER BY c.contype DESC, c.conname""";
    private static final String INDEXES = """
            SELECT i.relname, pg_catalog.pg_get_indexdef(x.indexrelid) FROM pg_catalog.pg_index x
            JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
            WHERE x.indrelid = ? AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c
                                                 WHERE c.conindid = x.indexrelid AND c.conrelid = x.indrelid)
            ORDER BY i.relname""";

    /** The definition of the table with OID {@code relationOid}; 42809 when it is not an ordinary table. */
    public TableDefinition read(Connection connection, long relationOid) throws SQLException {
        String schema;
        String name;
        try (PreparedStatement ps = connection.prepareStatement(TABLE)) {
            ps.setLong(1, relationOid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new PgException(SqlState.UNDEFINED_TABLE, "relation with OID " + relationOid
                            + " does not exist");
                }
                schema = rs.getString(1);
                name = rs.getString(2);
                String kind = rs.getString(3);
                if (!"r".equals(kind)) {
                    throw new PgException(SqlState.WRONG_OBJECT_TYPE, "\"" + name + "\" is not a regular table");
                }
            }
        }
        return new TableDefinition(schema, name, columns(connection, relationOid),
                constraints(connection, relationOid), indexes(connection, relationOid));
    }

    private static List<ColumnDefinition> columns(Connection connection, long oid) throws SQLException {
        List<ColumnDefinition> columns = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(COLUMNS)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(new ColumnDefinition(rs.getString(1), rs.getString(2), rs.getInt(3),
                            rs.getBoolean(4), rs.getString(5), rs.getBoolean(6), rs.getBoolean(7)));
                }
            }
        }
        return columns;
    }

    private static List<TableDefinition.ConstraintDefinition> constraints(Connection connection, long oid)
            throws SQLException {
        List<TableDefinition.ConstraintDefinition> constraints = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(CONSTRAINTS)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String[] columns = (String[]) rs.getArray(4).getArray();
                    constraints.add(new TableDefinition.ConstraintDefinition(rs.getString(1),
                            rs.getString(2).charAt(0), rs.getString(3), Arrays.asList(columns)));
                }
            }
        }
        return constraints;
    }

    private static List<TableDefinition.IndexDefinition> indexes(Connection connection, long oid)
            throws SQLException {
        List<TableDefinition.IndexDefinition> indexes = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(INDEXES)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    indexes.add(new TableDefinition.IndexDefinition(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return indexes;
    }
}
