package io.distgres.proto.worker.v1;

import io.distgres.sqlstate.SqlState;
import io.grpc.Metadata;
import io.grpc.Status;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Encodes a {@link PgError} into gRPC trailers and back: the wire contract between agent and
 * coordinator for task failures.
 *
 * <p>Values are UTF-8, percent-encoded, because ASCII metadata cannot carry the non-ASCII text
 * PostgreSQL messages often contain (identifiers, localized values).
 */
public final class PgErrorTrailers {
    public static final Metadata.Key<String> SQLSTATE = key("pg-sqlstate");
    public static final Metadata.Key<String> SEVERITY = key("pg-severity");
    public static final Metadata.Key<String> MESSAGE = key("pg-message");
    public static final Metadata.Key<String> DETAIL = key("pg-detail");
    public static final Metadata.Key<String> HINT = key("pg-hint");
    public static final Metadata.Key<String> POSITION = key("pg-position");
    public static final Metadata.Key<String> WHERE = key("pg-where");
    public static final Metadata.Key<String> SCHEMA = key("pg-schema");
    public static final Metadata.Key<String> TABLE = key("pg-table");
    public static final Metadata.Key<String> COLUMN = key("pg-column");
    public static final Metadata.Key<String> DATA_TYPE = key("pg-datatype");
    public static final Metadata.Key<String> CONSTRAINT = key("pg-constraint");
    /** CopyIn only: the 1-based ordinal of the stream's COPY statement that failed (its CONTEXT line counts from it). */
    public static final Metadata.Key<String> COPY_STATEMENT = key("copy-statement");

    private PgErrorTrailers() {
    }

    /** Trailers carrying {@code error}; empty fields are left out. */
    public static Metadata toTrailers(PgError error) {
        Metadata trailers = new Metadata();
        trailers.put(SQLSTATE, error.sqlState());
        trailers.put(MESSAGE, error.message());
        putIfPresent(trailers, SEVERITY, error.severity());
        putIfPresent(trailers, DETAIL, error.detail());
        putIfPresent(trailers, HINT, error.hint());
        putIfPresent(trailers, WHERE, error.where());
        putIfPresent(trailers, SCHEMA, error.objects().schema());
        putIfPresent(trailers, TABLE, error.objects().table());
        putIfPresent(trailers, COLUMN, error.objects().column());
        putIfPresent(trailers, DATA_TYPE, error.objects().dataType());
        putIfPresent(trailers, CONSTRAINT, error.objects().constraint());
        if (error.position() > 0) {
            trailers.put(POSITION, Integer.toString(error.position()));
        }
        return trailers;
    }

    /** The gRPC error that carries {@code error} to the caller: status by SQLSTATE class, fields in trailers. */
    public static io.grpc.StatusRuntimeException toStatusException(PgError error) {
        return io.grpc.Status.fromCode(statusCode(error.sqlState()))
                .withDescription(error.sqlState() + ": " + error.message())
                .asRuntimeException(toTrailers(error));
    }

    /** The PostgreSQL error in {@code trailers}, if the agent put one there. */
    public static Optional<PgError> fromTrailers(Metadata trailers) {
        if (trailers == null || !trailers.containsKey(SQLSTATE)) {
            return Optional.empty();
        }
        String position = trailers.get(POSITION);
        int pos = 0;
        if (position != null) {
            try {
                pos = Integer.parseInt(position);
            } catch (NumberFormatException e) {
                pos = 0;
            }
        }
        String message = trailers.get(MESSAGE);
        return Optional.of(new PgError(trailers.get(SQLSTATE), trailers.get(SEVERITY),
                message == null ? "" : message, trailers.get(DETAIL), trailers.get(HINT), pos, trailers.get(WHERE),
                new PgError.ErrorObjects(trailers.get(SCHEMA), trailers.get(TABLE), trailers.get(COLUMN),
                        trailers.get(DATA_TYPE), trailers.get(CONSTRAINT))));
    }

    /** The gRPC status code that best describes a SQLSTATE, so plain gRPC tooling shows something sensible. */
    public static Status.Code statusCode(String sqlState) {
        if (sqlState == null || sqlState.length() != 5) {
            return Status.Code.UNKNOWN;
        }
        if (sqlState.equals(SqlState.QUERY_CANCELED)) {
            return Status.Code.CANCELLED;
        }
        return switch (sqlState.substring(0, 2)) {
            case "08", "57" -> Status.Code.UNAVAILABLE;
            case "53" -> Status.Code.RESOURCE_EXHAUSTED;
            case "40", "25" -> Status.Code.ABORTED;
            case "23", "55" -> Status.Code.FAILED_PRECONDITION;
            case "0A" -> Status.Code.UNIMPLEMENTED;
            case "22", "42", "2B", "3D", "3F" -> Status.Code.INVALID_ARGUMENT;
            case "XX" -> Status.Code.INTERNAL;
            default -> Status.Code.UNKNOWN;
        };
    }

    private static void putIfPresent(Metadata trailers, Metadata.Key<String> key, String value) {
        if (value != null && !value.isEmpty()) {
            trailers.put(key, value);
        }
    }

    private static Metadata.Key<String> key(String name) {
        return Metadata.Key.of(name, PercentEncodedUtf8.INSTANCE);
    }

    /** UTF-8 text with bytes outside printable ASCII (and '%') written as %XX. */
    private enum PercentEncodedUtf8 implements Metadata.AsciiMarshaller<String> {
        INSTANCE;

        private static final char[] HEX = "0123456789ABCDEF".toCharArray();

        @Override
        public String toAsciiString(String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            StringBuilder out = new StringBuilder(bytes.length);
            for (byte b : bytes) {
                int c = b & 0xff;
                if (c >= 0x20 && c < 0x7f && c != '%') {
                    out.append((char) c);
                } else {
                    out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
                }
            }
            return out.toString();
        }

        @Override
        public String parseAsciiString(String serialized) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(serialized.length());
            for (int i = 0; i < serialized.length(); i++) {
                char c = serialized.charAt(i);
                if (c == '%' && i + 2 < serialized.length()) {
                    out.write(Integer.parseInt(serialized, i + 1, i + 3, 16));
                    i += 2;
                } else {
                    out.write(c);
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
