package io.distgres.coordinator.session.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.metadata.CatalogSnapshot;
import io.distgres.coordinator.metadata.DistTable;
import io.distgres.coordinator.transaction.TransactionStatement;
import io.distgres.planner.classify.StatementClassifier;
import io.distgres.planner.sql.StatementText;
import io.distgres.sqlstate.SqlState;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Statement text and the distributed tables of a catalog decide the route: no cluster needed. */
class StatementRouteDeciderTest {
    private static final CatalogSnapshot WITH_EVENTS = catalog("events");

    private final AtomicReference<CatalogSnapshot> catalog = new AtomicReference<>(WITH_EVENTS);
    private final StatementRouteDecider decider = new StatementRouteDecider(catalog::get, new StatementClassifier());

    private static CatalogSnapshot catalog(String... distributedTables) {
        List<DistTable> tables = new java.util.ArrayList<>();
        for (int i = 0; i < distributedTables.length; i++) {
            tables.add(new DistTable(16_384 + i, "public", distributedTables[i], DistTable.Kind.HASH, Optional.of("id"),
                    1, 0, List.of()));
        }
        return new CatalogSnapshot(List.of(), tables);
    }

    private RoutedStatement decide(String sql) {
        return decider.decide(StatementText.of(sql));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SELECT * FROM events WHERE id = 1|QUERY",
            "insert into events values (1)|QUERY",
            "UPDATE events SET v = 2|QUERY",
            "WITH e AS (SELECT * FROM events) SELECT count(*) FROM e|QUERY",
            "ALTER TABLE events ADD COLUMN x int|DDL",
            "TRUNCATE events|DDL",
            "DROP TABLE events|DDL",
            "EXPLAIN SELECT * FROM events|EXPLAIN",
            "COPY events FROM STDIN|COPY_IN",
            "COPY events TO STDOUT|COPY_OUT",
            "COPY (SELECT * FROM events) TO STDOUT|COPY_OUT",
            "GRANT SELECT ON events TO alice|PRIVILEGES",
            "VACUUM events|UNSUPPORTED"})
    void statementsNamingADistributedTableAreDistributed(String sql, DistributedCommand command) {
        RoutedStatement routed = decide(sql);
        assertThat(routed.route()).isInstanceOf(StatementRoute.Distributed.class);
        StatementRoute.Distributed distributed = (StatementRoute.Distributed) routed.route();
        assertThat(distributed.command()).isEqualTo(command);
        assertThat(distributed.table()).isEqualTo("events");
        assertThat(routed.decidedWith()).isSameAs(WITH_EVENTS);
    }

    @Test
    void roleStatementsReachTheWorkersThoughTheyNameNoTable() {
        StatementRoute route = decide("CREATE ROLE alice LOGIN").route();
        assertThat(route).isEqualTo(new StatementRoute.Distributed("", DistributedCommand.PRIVILEGES,
                StatementRoute.PASSTHROUGH));
    }

    @Test
    void aDistributedRouteKnowsWhereItGoesWhenTheNameIsLocalAfterAll() {
        assertThat(decide("SELECT * FROM events").localRoute()).isEqualTo(StatementRoute.PASSTHROUGH);
        assertThat(decide("COPY events FROM STDIN").localRoute()).isEqualTo(StatementRoute.COPY_IN);
        assertThat(decide("COPY events FROM STDIN").isCopy()).isTrue();
        assertThat(decide("VACUUM events").localRoute()).isEqualTo(StatementRoute.SHELL_MAINTENANCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT 1", "SELECT * FROM local_table", "INSERT INTO eventsx VALUES (1)",
            "SELECT 'events'", "CREATE TABLE t (a int)", "SET search_path = s", "SHOW work_mem"})
    void statementsNamingNoDistributedTablePassThrough(String sql) {
        assertThat(decide(sql).route()).isEqualTo(StatementRoute.PASSTHROUGH);
    }

    @Test
    void localRoutes() {
        assertThat(decide("").route()).isEqualTo(StatementRoute.EMPTY);
        assertThat(decide(" -- only a comment").route()).isEqualTo(StatementRoute.EMPTY);
        assertThat(decide("COPY local_table FROM STDIN").route()).isEqualTo(StatementRoute.COPY_IN);
        assertThat(decide("COPY local_table TO STDOUT").route()).isEqualTo(StatementRoute.COPY_OUT);
        assertThat(decide("VACUUM").route()).isEqualTo(StatementRoute.SHELL_MAINTENANCE);
        assertThat(decide("ANALYZE local_table").route()).isEqualTo(StatementRoute.SHELL_MAINTENANCE);
        assertThat(decide("DISCARD ALL").route()).isEqualTo(StatementRoute.DISCARD_ALL);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"BEGIN|BEGIN", "START TRANSACTION READ ONLY|BEGIN_WITH_MODES",
            "COMMIT|COMMIT", "ROLLBACK TO SAVEPOINT events|ROLLBACK_TO", "SAVEPOINT events|SAVEPOINT",
            "SET LOCAL search_path = events|SET_LOCAL", "PREPARE TRANSACTION 'x'|PREPARE_TRANSACTION"})
    void transactionStatementsAreTransactionControlEvenWhenTheyNameATable(String sql, TransactionStatement kind) {
        assertThat(decide(sql).route()).isEqualTo(new StatementRoute.TransactionControl(kind));
    }

    @Test
    void transactionControlDecidesWhatRunsInAFailedBlockAndAroundImplicitTransactions() {
        assertThat(decide("ROLLBACK").runsInFailedTransaction()).isTrue();
        assertThat(decide("SELECT 1").runsInFailedTransaction()).isFalse();
        assertThat(decide("SAVEPOINT a").runsInFailedTransaction()).isFalse();
        assertThat(decide("BEGIN").controlsTransactionBlock()).isTrue();
        assertThat(decide("PREPARE p AS SELECT 1").controlsTransactionBlock()).isTrue();
        assertThat(decide("SET LOCAL work_mem = '1MB'").controlsTransactionBlock()).isFalse();
        assertThat(decide("SELECT * FROM events").controlsTransactionBlock()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {"SET client_encoding TO 'UTF8'|UTF8", "set client_encoding = sql_ascii|sql_ascii",
            "SET NAMES 'UTF8'|UTF8", "SET SESSION client_encoding TO DEFAULT;|DEFAULT",
            "set session client_encoding to E'UNI\\x43ODE'|UNICODE"})
    void clientEncodingIsAnsweredByTheFrontDoor(String sql, String value) {
        assertThat(decide(sql).route()).isEqualTo(new StatementRoute.SetClientEncoding(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PREPARE p AS SELECT * FROM events", "EXECUTE p(1)", "EXPLAIN EXECUTE p",
            "DEALLOCATE ALL", "DEALLOCATE PREPARE p"})
    void sqlLevelPreparedStatementCommands(String sql) {
        assertThat(decide(sql).route()).isInstanceOf(StatementRoute.SqlPrepared.class);
    }

    @Test
    void malformedSqlLevelPreparedStatementCommandsFailAsPostgresParserWould() {
        assertThatThrownBy(() -> decide("PREPARE p AS"))
                .isInstanceOfSatisfying(PgException.class,
                        e -> assertThat(e.error().sqlState()).isEqualTo(SqlState.SYNTAX_ERROR));
    }

    @Test
    void distgresFunctionsAreSqlFunctions() {
        StatementRoute route = decide("SELECT create_distributed_table('events', 'id')").route();
        assertThat(route).isInstanceOf(StatementRoute.SqlFunction.class);
        assertThat(((StatementRoute.SqlFunction) route).call().name()).isEqualTo("create_distributed_table");
    }

    @Test
    void effectsAreReadWithTheRoute() {
        assertThat(decide("SELECT * FROM events").effects()).isEqualTo(StatementEffects.NONE);
        assertThat(decide("LISTEN channel").effects().sessionState()).contains("LISTEN");
        assertThat(decide("CREATE TEMP TABLE t (a int)").effects().sessionState()).isPresent();
        StatementEffects searchPath = decide("SET search_path = s").effects();
        assertThat(searchPath.changesSettings()).isTrue();
        assertThat(searchPath.changesNameResolution()).isTrue();
        assertThat(searchPath.changesDefinitions()).isFalse();
        assertThat(decide("ALTER TABLE events ADD COLUMN y int").effects().changesDefinitions()).isTrue();
        assertThat(decide("VACUUM").effects().refusesTransactionBlock()).isTrue();
    }

    @Test
    void aKeptRouteIsDecidedAgainOnlyWhenTheCatalogChanged() {
        RoutedStatement before = decide("SELECT * FROM orders");
        assertThat(before.route()).isEqualTo(StatementRoute.PASSTHROUGH);
        assertThat(decider.current(before)).isSameAs(before);

        catalog.set(catalog("events", "orders"));
        RoutedStatement after = decider.current(before);
        assertThat(after.route()).isEqualTo(new StatementRoute.Distributed("orders", DistributedCommand.QUERY,
                StatementRoute.PASSTHROUGH));
        assertThat(decider.current(after)).isSameAs(after);
    }

    @Test
    void routesOfStatementsDifferingInConstantsAreEqual() {
        assertThat(decide("SELECT * FROM events WHERE id = 1").route())
                .isEqualTo(decide("SELECT * FROM events WHERE id = 2").route());
    }
}
