package io.distgres.planner.tier;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.distgres.planner.catalog.RoutedTable;
import io.distgres.planner.catalog.RoutingCatalog;
import io.distgres.planner.hashing.DistributionHasher;
import io.distgres.planner.parser.SourcePositions;
import io.distgres.planner.parser.TableReference;
import io.distgres.planner.plan.PlanningOutcome;
import io.distgres.planner.plan.RouterPlan;
import io.distgres.planner.plan.Tier;
import io.distgres.planner.render.ShardNames;
import io.distgres.planner.render.ShardSql;
import io.distgres.planner.router.Constant;
import io.distgres.planner.router.ShardKeys;
import io.distgres.planner.sql.SqlToken;
import io.distgres.planner.sql.StatementFingerprint;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;

/**
 * Fast-path routes by statement fingerprint: once a statement of some shape was planned on the
 * fast path, another of the same shape ({@code WHERE aid = 6} after {@code WHERE aid = 5}) is
 * routed from its tokens alone: the table's name is resolved again (search_path, drops and moves
 * count), its constant hashed, the shard name put in place of the table's. No parse, no tier.
 *
 * <p>Sound because the fast path's choice depends only on the shape: one table, distributed and
 * not a reference table, with {@code dist_col = constant} as a top-level conjunct of the WHERE,
 * and no UPDATE of that column. The values of the other constants do not matter, and the pinned
 * one only through its hash. A route is learnt only when the pinned constant is one plain token
 * (an integer, a {@code '...'} string, a {@code $n}) whose value read from the token is the one
 * the parser saw; anything else (casts, negations, concatenated strings) is planned every time.
 */
final class FastPathRoutes {
    /**
     * What is cached for one fingerprint.
     *
     * @param tableName          the table's name as the parser folded it
     * @param firstTableToken    index of the first token of the table's name
     * @param lastTableToken     index of the last token of the table's name
     * @param alias              the alias the statement gives the table, if any
     * @param distributionColumn the table's distribution column when the route was learnt
     * @param pinnedConstant     the constant (index in the fingerprint) that picks the shard, or -1
     * @param pinnedParameter    the {@code $n} (0-based) that picks the shard, or -1
     * @param writes             whether the statement modifies rows
     */
    record Route(List<String> tableName, int firstTableToken, int lastTableToken, Optional<String> alias,
                 String distributionColumn, int pinnedConstant, int pinnedParameter, boolean writes) {
        Route {
            tableName = List.copyOf(tableName);
            requireNonNull(alias, "alias is null");
            requireNonNull(distributionColumn, "distributionColumn is null");
        }
    }

    private final Cache<String, Route> routes;

    FastPathRoutes(long capacity) {
        this.routes = Caffeine.newBuilder().maximumSize(capacity).recordStats().build();
    }

    /**
     * The fast-path plan of {@code sql} from a route learnt for its fingerprint; empty when there
     * is none or it does not apply any more (the name now resolves to another kind of table), so
     * the caller plans in full.
     */
    Optional<PlanningOutcome> plan(String sql, StatementFingerprint fingerprint, List<String> parameters,
                                   RoutingCatalog catalog, DistributionHasher hasher) {
        Route route = routes.getIfPresent(fingerprint.key());
        if (route == null) {
            return Optional.empty();
        }
        Optional<RoutedTable> resolved = catalog.table(route.tableName());
        if (resolved.isEmpty() || resolved.get().reference()
                || !resolved.get().distributionColumn().equals(route.distributionColumn())) {
            return Optional.empty();
        }
        String value;
        if (route.pinnedParameter() >= 0) {
            if (route.pinnedParameter() >= parameters.size()) {
                return Optional.empty();
            }
            value = parameters.get(route.pinnedParameter());
        } else {
            Optional<String> constant = fingerprint.plainValue(sql, route.pinnedConstant());
            if (constant.isEmpty()) {
                return Optional.empty();
            }
            value = constant.get();
        }
        if (value == null) {
            return Optional.empty();
        }
        RoutedTable table = resolved.get();
        RoutedTable.Shard shard = table.shards().get(ShardKeys.shardIndex(table, value, hasher));
        List<SqlToken> tokens = fingerprint.tokens();
        TableReference reference = new TableReference(route.tableName(), tokens.get(route.firstTableToken()).start(),
                tokens.get(route.lastTableToken()).end(), route.alias());
        String task = ShardSql.substitute(sql, Map.of(reference, ShardNames.shardName(table, shard.shardId())));
        return Optional.of(new PlanningOutcome.Planned(new RouterPlan(Tier.FAST_PATH,
                List.of(ShardSql.task(shard.nodeIds().get(0), task, parameters)), route.writes(),
                RouterPlan.Placements.SHARD_GROUPS)));
    }

    /**
     * Remembers the route of {@code input}, just planned on the fast path, for its fingerprint,
     * when its pinned constant is a plain token whose value the fingerprint reads as the parser did.
     */
    void learn(PlanningInput input, StatementFingerprint fingerprint) {
        Optional<SqlNode> pinned = FastPathTier.pinnedNode(input);
        if (pinned.isEmpty() || input.references().size() != 1) {
            return;
        }
        TableReference reference = input.references().get(0);
        RoutedTable table = input.tables().get(reference);
        List<SqlToken> tokens = fingerprint.tokens();
        int first = tokenStartingAt(tokens, reference.start());
        int last = tokenEndingAt(tokens, reference.end());
        if (table == null || first < 0 || last < first) {
            return;
        }
        int pinnedConstant = -1;
        int pinnedParameter = -1;
        if (pinned.get() instanceof SqlDynamicParam parameter) {
            pinnedParameter = parameter.getIndex();
        } else if (pinned.get() instanceof SqlLiteral literal) {
            pinnedConstant = pinnedConstant(input, fingerprint, literal);
            if (pinnedConstant < 0) {
                return;
            }
        } else {
            return;
        }
        routes.put(fingerprint.key(), new Route(reference.name(), first, last, reference.alias(),
                table.distributionColumn(), pinnedConstant, pinnedParameter, input.kind() != StatementKind.SELECT));
    }

    /** Hits, misses and evictions so far. */
    CacheStats stats() {
        return routes.stats();
    }

    /**
     * The index of the fingerprint constant {@code literal} was parsed from, when it is exactly
     * one constant token, stands alone (no string continues it) and reads as the parser read it; else -1.
     */
    private static int pinnedConstant(PlanningInput input, StatementFingerprint fingerprint, SqlLiteral literal) {
        String sql = input.sql();
        int start = new SourcePositions(sql).start(literal.getParserPosition());
        for (int i = 0; i < fingerprint.constants().size(); i++) {
            SqlToken token = fingerprint.constant(i);
            if (token.start() != start) {
                continue;
            }
            int index = fingerprint.constants().get(i);
            if (isString(neighbour(fingerprint.tokens(), index, -1))
                    || isString(neighbour(fingerprint.tokens(), index, 1))) {
                return -1;
            }
            Optional<String> value = fingerprint.plainValue(sql, i);
            Optional<Constant> parsed = Constant.of(literal, input.parameters());
            return value.isPresent() && parsed.isPresent() && value.get().equals(parsed.get().text()) ? i : -1;
        }
        return -1;
    }

    private static SqlToken neighbour(List<SqlToken> tokens, int index, int step) {
        for (int i = index + step; i >= 0 && i < tokens.size(); i += step) {
            if (!tokens.get(i).isTrivia()) {
                return tokens.get(i);
            }
        }
        return null;
    }

    private static boolean isString(SqlToken token) {
        return token != null && (token.kind() == SqlToken.Kind.STRING || token.kind() == SqlToken.Kind.DOLLAR_STRING);
    }

    private static int tokenStartingAt(List<SqlToken> tokens, int offset) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).start() == offset) {
                return i;
            }
        }
        return -1;
    }

    private static int tokenEndingAt(List<SqlToken> tokens, int offset) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).end() == offset) {
                return i;
            }
        }
        return -1;
    }
}
