package io.distgres.planner.hashing;

import static java.util.Objects.requireNonNull;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Hashes a distribution column value given as PostgreSQL text (a parsed SQL literal or a text-format bound
 * parameter) to the int32 PostgreSQL computes for that value of the column's type, so the router picks the shard
 * a worker's own {@code hashint8()} / {@code hashtext()} would point to.
 *
 * <p>The text is read as the column's type reads it ({@code ' 42 '} and {@code '0x2A'} are the same bigint), so the
 * hash depends on the declared type and never on how the client spelt or bound the value. Text that is not a value
 * of the type fails with PostgreSQL's SQLSTATE and message (22P02, 22003, 22008). Text-typed columns are hashed as
 * under a deterministic collation, which is what {@code C.UTF-8} clusters use.
 */
public final class DistributionHasher {
    private final DateTimeInput dateTime;

    /** A hasher that reads a {@code timestamptz} without a zone as UTC. */
    public DistributionHasher() {
        this(ZoneOffset.UTC);
    }

    /** A hasher that reads a {@code timestamptz} without a zone in {@code sessionZone}, as PostgreSQL would. */
    public DistributionHasher(ZoneId sessionZone) {
        this.dateTime = new DateTimeInput(requireNonNull(sessionZone, "sessionZone is null"));
    }

    private DistributionHasher(DateTimeInput dateTime) {
        this.dateTime = dateTime;
    }

    /**
     * A hasher for a session whose {@code TimeZone} setting is {@code timeZone} (as {@code pg_settings} shows
     * it): a {@code timestamptz} without an offset is read in that zone, or refused (0A000) when distgres cannot
     * interpret the setting.
     */
    public static DistributionHasher forTimeZone(String timeZone) {
        return new DistributionHasher(new DateTimeInput(SessionTimeZone.parse(timeZone).orElse(null)));
    }

    /** The hash of {@code text} read as a value of the type with OID {@code typeOid}. */
    public int hash(int typeOid, String text) {
        return hash(DistributionType.forOid(typeOid), text);
    }

    /** The hash of {@code text} read as a value of {@code type}. */
    public int hash(DistributionType type, String text) {
        requireNonNull(text, "text is null; NULL has no shard");
        return switch (type) {
            case SMALLINT -> PgHash.hashInt4((int) IntegerText.parseSigned(text, Short.MIN_VALUE, Short.MAX_VALUE,
                    "smallint"));
            case INTEGER -> PgHash.hashInt4((int) IntegerText.parseSigned(text, Integer.MIN_VALUE, Integer.MAX_VALUE,
                    "integer"));
            case BIGINT -> PgHash.hashInt8(IntegerText.parseSigned(text, Long.MIN_VALUE, Long.MAX_VALUE, "bigint"));
            case OID -> PgHash.hashInt4(IntegerText.parseOid(text));
            case BOOLEAN -> PgHash.hashBool(ScalarText.bool(text));
            case CHAR -> PgHash.hashChar(ScalarText.internalChar(text));
            case TEXT, VARCHAR -> PgHash.hashText(text);
            case NAME -> PgHash.hashName(text);
            case BPCHAR -> PgHash.hashBpchar(text);
            case BYTEA -> PgHash.hashBytea(ScalarText.bytea(text));
            case UUID -> PgHash.hashUuid(ScalarText.uuid(text));
            case DATE -> PgHash.hashInt4(dateTime.date(text));
            case TIME -> PgHash.hashInt8(dateTime.time(text));
            case TIMESTAMP -> PgHash.hashInt8(dateTime.timestamp(text));
            case TIMESTAMPTZ -> PgHash.hashInt8(dateTime.timestamptz(text));
            case REAL -> PgHash.hashFloat4(NumberText.float4(text));
            case DOUBLE_PRECISION -> PgHash.hashFloat8(NumberText.float8(text));
            case NUMERIC -> NumberText.numeric(text).map(PgHash::hashNumeric).orElse(PgHash.hashNumericSpecial());
        };
    }
}
