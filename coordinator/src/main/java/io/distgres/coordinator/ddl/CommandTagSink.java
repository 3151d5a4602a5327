package io.distgres.coordinator.ddl;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.ResultSink;
import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.pgwire.codec.ColumnDescriptor;
import java.util.List;

/**
 * Relays a shell statement's notices to the client and keeps its command tag, which the client
 * gets only once every shard has the change too.
 */
final class CommandTagSink implements ResultSink {
    private final ResultSink client;
    private String tag = "";

    CommandTagSink(ResultSink client) {
        this.client = requireNonNull(client, "client is null");
    }

    String tag() {
        return tag;
    }

    @Override
    public void columns(List<ColumnDescriptor> columns) {
    }

    @Override
    public void row(byte[][] cells) {
    }

    @Override
    public void complete(String commandTag) {
        tag = commandTag;
    }

    @Override
    public void notice(PgError notice) {
        client.notice(notice);
    }
}
