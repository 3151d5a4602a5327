package io.distgres.coordinator.routing;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.ResultSink;
import io.distgres.coordinator.copy.CopyCommandParser;
import io.distgres.coordinator.copy.CopyFormat;
import io.distgres.coordinator.copy.DistributedCopyOut;
import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.execution.DistributedStatement;
import io.distgres.coordinator.pgwire.codec.BackendMessages;
import io.distgres.coordinator.pgwire.codec.ColumnDescriptor;
import io.distgres.planner.sql.SqlToken;
import io.distgres.planner.sql.StatementText;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * {@code COPY (query) TO STDOUT} over distributed tables (what psql's {@code \copy (query) to ...} sends):
 * the query runs through the router tiers like any other, and its rows reach the client as COPY data
 * in the text or CSV format asked for. Passed through, the query would read the empty shells.
 *
 * @param query  the parenthesized query, without the parentheses
 * @param format the COPY options after {@code TO STDOUT}
 */
public record CopyQueryOut(StatementText query, CopyFormat format) {
    public CopyQueryOut {
        requireNonNull(query, "query is null");
        requireNonNull(format, "format is null");
    }

    /** The query form of {@code statement}, if it is {@code COPY (query) TO ...}; empty for {@code COPY table}. */
    public static Optional<CopyQueryOut> of(StatementText statement) {
        List<SqlToken> tokens = statement.tokens().stream().filter(t -> !t.isTrivia()).toList();
        if (tokens.size() < 2 || tokens.get(1).kind() != SqlToken.Kind.OPEN_PAREN) {
            return Optional.empty();
        }
        int depth = 0;
        for (int i = 1; i < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            if (token.kind() == SqlToken.Kind.OPEN_PAREN) {
                depth++;
            } else if (token.kind() == SqlToken.Kind.CLOSE_PAREN && --depth == 0) {
                String text = statement.text();
                CopyFormat format = CopyCommandParser.queryCopyFormat(text.substring(token.end()));
                return Optional.of(new CopyQueryOut(StatementText.of(text.substring(tokens.get(1).end(),
                        token.start())), format));
            }
        }
        return Optional.empty();
    }

    /** Runs the query with {@code router}, streaming its rows to the client as COPY data. */
    public void run(DistributedStatement statement, StatementRouter router, String table) {
        CopyDataSink copy = new CopyDataSink(statement, format);
        router.execute(new DistributedStatement(query, statement.parameterCount(), statement.parameters(),
                statement.catalog(), statement.session(), copy), table);
        copy.finish();
    }

    /** Turns the query's columns and rows into CopyOutResponse, CopyData lines and CopyDone. */
    private static final class CopyDataSink implements ResultSink {
        private final DistributedStatement statement;
        private final CopyFormat format;
        private boolean started;
        private long rows;

        CopyDataSink(DistributedStatement statement, CopyFormat format) {
            this.statement = statement;
            this.format = format;
        }

        @Override
        public void columns(List<ColumnDescriptor> columns) {
            start(columns.size());
            if (format.header()) {
                byte[][] names = columns.stream().map(c -> c.name().getBytes(StandardCharsets.UTF_8))
                        .toArray(byte[][]::new);
                write(DistributedCopyOut.encode(names, format));
            }
        }

        @Override
        public void row(byte[][] cells) {
            start(cells.length);
            write(DistributedCopyOut.encode(cells, format));
            rows++;
        }

        @Override
        public void notice(PgError notice) {
            statement.sink().notice(notice);
        }

        void finish() {
            start(0);
            statement.session().out().write(BackendMessages::copyDone);
            statement.sink().complete("COPY " + rows);
        }

        private void start(int columnCount) {
            if (!started) {
                started = true;
                statement.session().out().write(buf -> BackendMessages.copyOutResponse(buf, 0,
                        new short[columnCount]));
            }
        }

        private void write(byte[] line) {
            statement.session().out().write(buf -> BackendMessages.copyData(buf, line));
        }
    }
}
