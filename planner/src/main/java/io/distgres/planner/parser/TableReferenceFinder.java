package io.distgres.planner.parser;

import io.distgres.planner.sql.SqlIdentifiers;
import io.distgres.planner.sql.SqlTokens;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlMerge;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;

/**
 * Finds the tables a parsed statement names, in text order of discovery: FROM items at any
 * depth (joins, subqueries, CTE bodies, expressions), DML targets, UPDATE ... FROM and
 * DELETE ... USING. Names that resolve to a CTE in scope are not tables and are skipped.
 */
final class TableReferenceFinder {
    private final String sql;
    private final SourcePositions positions;
    private final List<TableReference> found = new ArrayList<>();
    private final Deque<Set<String>> cteScopes = new ArrayDeque<>();

    private TableReferenceFinder(String sql) {
        this.sql = sql;
        this.positions = new SourcePositions(sql);
    }

    static List<TableReference> find(String sql, SqlNode statement) {
        TableReferenceFinder finder = new TableReferenceFinder(sql);
        finder.node(statement);
        return List.copyOf(finder.found);
    }

    /** Any node outside a FROM position: only nested queries can name tables here. */
    private void node(SqlNode node) {
        if (node == null) {
            return;
        }
        if (node instanceof SqlNodeList list) {
            list.forEach(this::node);
        } else if (node instanceof SqlReturning returning) {
            node(returning.statement());
            node(returning.returningList());
        } else if (node instanceof SqlLockedQuery locked) {
            node(locked.query());
        } else if (node instanceof PostgresInsert insert) {
            insert(insert);
        } else if (node instanceof PostgresUpdate update) {
            table(update.table(), update.getAlias());
            fromItem(update.from());
            node(update.getSourceExpressionList());
            node(update.getCondition());
        } else if (node instanceof PostgresDelete delete) {
            table(delete.table(), delete.getAlias());
            fromItem(delete.using());
            node(delete.getCondition());
        } else if (node instanceof SqlMerge merge) {
            merge(merge);
        } else if (node instanceof SqlWith with) {
            with(with);
        } else if (node instanceof SqlSelect select) {
            select(select);
        } else if (node.getKind() == SqlKind.EXPLICIT_TABLE) {
            fromItem(((SqlCall) node).operand(0));
        } else if (node instanceof SqlCall call) {
            call.getOperandList().forEach(this::node);
        }
    }

    private void insert(PostgresInsert insert) {
        table(insert.table(), insert.alias());
        node(insert.getSource());
        SqlOnConflict onConflict = insert.onConflict();
        if (onConflict != null) {
            node(onConflict.target());
            node(onConflict.targetWhere());
            node(onConflict.updateValues());
            node(onConflict.updateWhere());
        }
    }

    private void merge(SqlMerge merge) {
        if (merge.getTargetTable() instanceof SqlIdentifier target) {
            table(target, merge.getAlias());
        }
        fromItem(merge.getSourceTableRef());
        node(merge.getCondition());
        SqlUpdate update = merge.getUpdateCall();
        if (update != null) {
            node(update.getSourceExpressionList());
        }
        if (merge.getInsertCall() != null) {
            node(merge.getInsertCall().getSource());
        }
    }

    private void with(SqlWith with) {
        Set<String> scope = new HashSet<>();
        cteScopes.push(scope);
        try {
            for (SqlNode item : with.withList) {
                SqlWithItem withItem = (SqlWithItem) item;
                String name = withItem.name.getSimple();
                boolean recursive = withItem.recursive.booleanValue();
                if (recursive) {
                    scope.add(name);
                }
                node(withItem.query);
                scope.add(name);
            }
            node(with.body);
        } finally {
            cteScopes.pop();
        }
    }

    private void select(SqlSelect select) {
        if (select instanceof PostgresSelect postgresSelect) {
            node(postgresSelect.distinctOn());
        }
        node(select.getSelectList());
        fromItem(select.getFrom());
        node(select.getWhere());
        node(select.getGroup());
        node(select.getHaving());
        node(select.getWindowList());
        node(select.getQualify());
        node(select.getOrderList());
        node(select.getOffset());
        node(select.getFetch());
    }

    /** A node in a FROM position: an identifier here is a table (or a CTE). */
    private void fromItem(SqlNode node) {
        if (node == null) {
            return;
        }
        if (node instanceof SqlIdentifier id) {
            table(id, null);
        } else if (node instanceof SqlJoin join) {
            fromItem(join.getLeft());
            fromItem(join.getRight());
            node(join.getCondition());
        } else if (node.getKind() == SqlKind.AS) {
            List<SqlNode> operands = ((SqlCall) node).getOperandList();
            SqlNode aliased = operands.get(0);
            if (aliased instanceof SqlIdentifier id) {
                table(id, (SqlIdentifier) operands.get(1));
            } else {
                fromItem(aliased);
            }
        } else if (node.getKind() == SqlKind.TABLESAMPLE || node.getKind() == SqlKind.EXPLICIT_TABLE) {
            fromItem(((SqlCall) node).operand(0));
        } else {
            node(node);
        }
    }

    private void table(SqlIdentifier id, SqlIdentifier alias) {
        if (id.isStar() || (id.names.size() == 1 && isCte(id.names.get(0)))) {
            return;
        }
        int start = positions.start(id.getParserPosition());
        int end = positions.end(id.getParserPosition());
        found.add(new TableReference(writtenName(id, start, end), start, end,
                Optional.ofNullable(alias).map(SqlIdentifier::getSimple)));
    }

    /**
     * The name as PostgreSQL reads it from the text in [start, end): only ASCII letters folded, cut
     * to 63 bytes ({@link SqlIdentifiers#name}), where Calcite lower-cases every letter and cuts
     * nothing. The parser's parts when the text is not a plain dotted name.
     */
    private List<String> writtenName(SqlIdentifier id, int start, int end) {
        SqlTokens tokens = SqlTokens.of(sql.substring(start, end));
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i += 2) {
            String part = tokens.identifier(i);
            if (part == null || i + 1 < tokens.size() && !tokens.isSymbol(i + 1, ".")) {
                return id.names;
            }
            parts.add(part);
        }
        return parts.size() == id.names.size() ? parts : id.names;
    }

    private boolean isCte(String name) {
        return cteScopes.stream().anyMatch(scope -> scope.contains(name));
    }
}
