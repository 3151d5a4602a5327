package io.distgres.worker;

import static java.util.Objects.requireNonNull;

import io.distgres.proto.worker.v1.CopyInRequest;
import io.distgres.proto.worker.v1.CopyInResponse;
import io.distgres.proto.worker.v1.PgError;
import io.distgres.proto.worker.v1.PgErrorTrailers;
import io.grpc.stub.StreamObserver;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * One CopyIn call: opens COPY FROM STDIN on a pooled connection at the first message, writes the
 * data messages through, and commits when the caller completes the stream. An error or a cancel
 * from the caller aborts the COPY, so nothing of it stays.
 */
final class CopyInReceiver implements StreamObserver<CopyInRequest> {
    private final PostgresPool pool;
    private final StreamObserver<CopyInResponse> response;
    private Connection connection;
    private CopyIn copy;
    private boolean failed;

    CopyInReceiver(PostgresPool pool, StreamObserver<CopyInResponse> response) {
        this.pool = requireNonNull(pool, "pool is null");
        this.response = requireNonNull(response, "response is null");
    }

    @Override
    public synchronized void onNext(CopyInRequest request) {
        if (failed) {
            return;
        }
        try {
            if (request.hasCopyStatement()) {
                if (copy != null) {
                    throw new SQLException("a CopyIn call names its COPY statement once", "08P01");
                }
                connection = pool.connection();
                copy = new CopyManager(connection.unwrap(BaseConnection.class)).copyIn(request.getCopyStatement());
            } else {
                if (copy == null) {
                    throw new SQLException("CopyIn data arrived before the COPY statement", "08P01");
                }
                byte[] data = request.getData().toByteArray();
                copy.writeToCopy(data, 0, data.length);
            }
        } catch (SQLException e) {
            fail(PgErrorMapper.toPgError(e));
        }
    }

    @Override
    public synchronized void onError(Throwable t) {
        abort();
    }

    @Override
    public synchronized void onCompleted() {
        if (failed) {
            return;
        }
        if (copy == null) {
            fail(PgError.of("08P01", "CopyIn ended before naming a COPY statement"));
            return;
        }
        try {
            long rows = copy.endCopy();
            release(false);
            response.onNext(CopyInResponse.newBuilder().setRows(rows).build());
            response.onCompleted();
        } catch (SQLException e) {
            fail(PgErrorMapper.toPgError(e));
        }
    }

    private void fail(PgError error) {
        failed = true;
        abort();
        response.onError(PgErrorTrailers.toStatusException(error));
    }

    private void abort() {
        if (copy != null && copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                release(true);
                return;
            }
        }
        release(false);
    }

    private void release(boolean evict) {
        Connection held = connection;
        connection = null;
        copy = null;
        if (held == null) {
            return;
        }
        if (evict) {
            pool.evict(held);
            return;
        }
        try {
            held.close();
        } catch (SQLException e) {
            pool.evict(held);
        }
    }
}
