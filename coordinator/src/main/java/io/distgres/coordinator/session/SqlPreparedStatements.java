package io.distgres.coordinator.session;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.BackendLease;
import io.distgres.coordinator.backend.BoundParameter;
import io.distgres.coordinator.backend.ResultSink;
import io.distgres.coordinator.backend.StatementDescription;
import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.pgwire.codec.ColumnDescriptor;
import io.distgres.coordinator.pgwire.codec.TransactionStatus;
import io.distgres.coordinator.session.route.RoutedStatement;
import io.distgres.coordinator.session.route.StatementRoute;
import io.distgres.coordinator.session.route.StatementRouteDecider;
import io.distgres.planner.errors.SqlStateException;
import io.distgres.planner.sql.SqlLiterals;
import io.distgres.planner.sql.SqlPreparedCommand;
import io.distgres.planner.sql.StatementText;
import io.distgres.sqlstate.SqlState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One session's SQL-level prepared statements: {@code PREPARE}, {@code EXECUTE} (also under
 * EXPLAIN) and {@code DEALLOCATE}. They live here rather than on a coordinator database
 * connection, because the session holds a pooled connection only for a statement or a
 * transaction; each EXECUTE runs the stored statement with its arguments as bound parameters,
 * along the route decided for it at PREPARE (decided again only when the catalog changed).
 */
final class SqlPreparedStatements {
    /** What PostgreSQL accepts after PREPARE ... AS (its PreparableStmt). */
    private static final Set<String> PREPARABLE = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "VALUES",
            "WITH", "TABLE");
    private static final int TEXT_OID = 25;

    private final SessionState state;
    private final StatementRouteDecider decider;
    private final Map<String, Prepared> statements = new HashMap<>();

    SqlPreparedStatements(SessionState state, StatementRouteDecider decider) {
        this.state = requireNonNull(state, "state is null");
        this.decider = requireNonNull(decider, "decider is null");
    }

    /**
     * A prepared statement: its body with the route decided at PREPARE, the parameter types
     * PostgreSQL settled on and the body's columns.
     */
    private record Prepared(String name, RoutedStatement body, int[] parameterTypes, List<String> typeNames,
                            List<ColumnDescriptor> columns) {
    }

    /** What EXECUTE runs: the body (under EXPLAIN when the EXECUTE was explained) and its arguments. */
    record Bound(RoutedStatement body, List<BoundParameter> parameters) {
    }

    /** Runs PREPARE or DEALLOCATE ({@code statement}), sending its command tag to {@code sink}. */
    void run(SqlPreparedCommand command, StatementText statement, ResultSink sink) {
        rejectInFailedTransaction();
        if (command instanceof SqlPreparedCommand.Prepare prepare) {
            prepare(prepare, statement);
            sink.complete("PREPARE");
        } else if (command instanceof SqlPreparedCommand.Deallocate deallocate) {
            deallocate(deallocate);
            sink.complete(deallocate.name().isPresent() ? "DEALLOCATE" : "DEALLOCATE ALL");
        } else {
            throw new IllegalArgumentException("EXECUTE is bound, then run as its body's route");
        }
    }

    /** The statement EXECUTE runs, with its arguments as bound parameters of the statement's types. */
    Bound bind(SqlPreparedCommand.Execute execute) {
        rejectInFailedTransaction();
        Prepared prepared = lookup(execute.name());
        if (execute.arguments().size() != prepared.parameterTypes().length) {
            throw new PgException(new PgError("ERROR", SqlState.SYNTAX_ERROR,
                    "wrong number of parameters for prepared statement \"" + prepared.name() + "\"",
                    "Expected " + prepared.parameterTypes().length + " parameters but got "
                            + execute.arguments().size() + ".", null, 0, null, null, null, null, null, null));
        }
        try {
            List<BoundParameter> parameters = arguments(execute.arguments(), prepared);
            RoutedStatement body = execute.explainPrefix().isEmpty() ? decider.current(prepared.body())
                    : decider.decide(StatementText.of(execute.explainPrefix() + prepared.body().statement().text()));
            return new Bound(body, parameters);
        } catch (PgException | SqlStateException e) {
            // positions would point into the stored statement, not the EXECUTE the client sent
            throw new PgException(PgException.errorOf(e).withPosition(0));
        }
    }

    /** The description of {@code statement} when it is one of these commands (Describe of the extended protocol). */
    Optional<StatementDescription> describe(RoutedStatement statement) {
        if (!(statement.route() instanceof StatementRoute.SqlPrepared sqlPrepared)) {
            return Optional.empty();
        }
        if (sqlPrepared.command() instanceof SqlPreparedCommand.Execute execute) {
            List<ColumnDescriptor> columns = execute.explainPrefix().isEmpty() ? lookup(execute.name()).columns()
                    : List.of(new ColumnDescriptor("QUERY PLAN", 0, (short) 0, TEXT_OID, (short) -1, -1));
            return Optional.of(new StatementDescription(new int[0], columns));
        }
        return Optional.of(new StatementDescription(new int[0], null));
    }

    /** DISCARD ALL (outside a transaction block, where PostgreSQL allows it) drops prepared statements too. */
    void discardAll() {
        statements.clear();
    }

    private void prepare(SqlPreparedCommand.Prepare prepare, StatementText statement) {
        if (statements.containsKey(prepare.name())) {
            throw new PgException(SqlState.DUPLICATE_PREPARED_STATEMENT,
                    "prepared statement \"" + prepare.name() + "\" already exists");
        }
        StatementText body = prepare.body();
        if (!PREPARABLE.contains(body.firstWord())) {
            String text = statement.text();
            String near = body.tokens().stream().filter(t -> !t.isTrivia()).findFirst()
                    .map(t -> t.text(body.text())).orElse("");
            throw new PgException(new PgError("ERROR", SqlState.SYNTAX_ERROR, "syntax error at or near \"" + near
                    + "\"", null, null, text.codePointCount(0, prepare.bodyOffset()) + 1, null, null, null, null,
                    null, null));
        }
        BackendLease lease = state.acquireLease();
        int[] declared = declaredTypes(lease, prepare.typeNames());
        int parameterCount = Math.max(declared.length, body.maxParameterNumber());
        StatementDescription description;
        try {
            description = lease.describe(body.text(), parameterCount, declared);
        } catch (PgException e) {
            PgError error = e.error();
            int shift = statement.text().codePointCount(0, prepare.bodyOffset());
            throw new PgException(error.position() > 0 ? error.withPosition(error.position() + shift) : error);
        }
        int[] types = description.parameterTypes();
        statements.put(prepare.name(), new Prepared(prepare.name(), decider.decide(body), types,
                typeNames(lease, types), description.columns()));
    }

    private void deallocate(SqlPreparedCommand.Deallocate deallocate) {
        if (deallocate.name().isEmpty()) {
            statements.clear();
            return;
        }
        lookup(deallocate.name().get());
        statements.remove(deallocate.name().get());
    }

    /**
     * EXECUTE's arguments as parameter values of the statement's types. Only constants are
     * accepted (literals, NULL, casts, signs); the coordinator database turns each into the
     * parameter's type, so {@code 1.5} for an integer parameter is 2 as in PostgreSQL.
     */
    private List<BoundParameter> arguments(List<String> arguments, Prepared prepared) {
        if (arguments.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < arguments.size(); i++) {
            ConstantArgument.check(arguments.get(i));
            sql.append(i == 0 ? "" : ", ").append("CAST((").append(arguments.get(i)).append(") AS ")
                    .append(prepared.typeNames().get(i)).append(")::text");
        }
        List<byte[][]> rows = new ArrayList<>();
        state.acquireLease().run(sql.toString(), 0, List.of(), rows::add);
        List<BoundParameter> parameters = new ArrayList<>(arguments.size());
        for (int i = 0; i < arguments.size(); i++) {
            parameters.add(new BoundParameter(rows.get(0)[i], false, prepared.parameterTypes()[i]));
        }
        return parameters;
    }

    private int[] declaredTypes(BackendLease lease, List<String> typeNames) {
        if (typeNames.isEmpty()) {
            return new int[0];
        }
        String sql = typeNames.stream().map(t -> SqlLiterals.quote(t) + "::regtype::oid")
                .collect(Collectors.joining(", ", "SELECT ", ""));
        List<byte[][]> rows = new ArrayList<>();
        try {
            lease.run(sql, 0, List.of(), rows::add);
        } catch (PgException e) {
            throw new PgException(e.error().withPosition(0));
        }
        int[] oids = new int[typeNames.size()];
        for (int i = 0; i < oids.length; i++) {
            oids[i] = Integer.parseInt(new String(rows.get(0)[i], StandardCharsets.UTF_8));
        }
        return oids;
    }

    /** The SQL names of the parameter types, to cast EXECUTE's arguments to. */
    private static List<String> typeNames(BackendLease lease, int[] types) {
        if (types.length == 0) {
            return List.of();
        }
        StringBuilder array = new StringBuilder("{");
        for (int i = 0; i < types.length; i++) {
            array.append(i == 0 ? "" : ",").append(Integer.toUnsignedString(types[i]));
        }
        List<String> names = new ArrayList<>();
        lease.run("SELECT pg_catalog.format_type(u.t, NULL) FROM unnest($1::oid[]) WITH ORDINALITY AS u(t, n)"
                        + " ORDER BY u.n", 1,
                List.of(new BoundParameter(array.append('}').toString().getBytes(StandardCharsets.UTF_8), false, 0)),
                row -> names.add(new String(row[0], StandardCharsets.UTF_8)));
        return names;
    }

    private Prepared lookup(String name) {
        Prepared prepared = statements.get(name);
        if (prepared == null) {
            throw new PgException(SqlState.INVALID_SQL_STATEMENT_NAME, "prepared statement \"" + name
                    + "\" does not exist");
        }
        return prepared;
    }

    /** PostgreSQL refuses these commands in a failed transaction block, like every other. */
    private void rejectInFailedTransaction() {
        if (state.transactionStatus() == TransactionStatus.FAILED) {
            throw new PgException(SqlState.IN_FAILED_SQL_TRANSACTION,
                    "current transaction is aborted, commands ignored until end of transaction block");
        }
    }
}
