package io.distgres.coordinator.pgwire.types;

import static java.util.Objects.requireNonNull;

import io.distgres.sqlstate.SqlState;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts arrays of one element type: binary is ndim, has-null flag, element OID, (length, lower bound) per
 * dimension, then each element as an int32 length (-1 for NULL) and the element's own binary form.
 */
final class ArrayCodec implements TypeCodec {
    /** PostgreSQL's MAXDIM. */
    private static final int MAX_DIMENSIONS = 6;

    private final PgType elementType;
    private final TypeCodec elementCodec;
    private final String typeName;

    ArrayCodec(PgType elementType, TypeCodec elementCodec) {
        this.elementType = requireNonNull(elementType, "elementType is null");
        this.elementCodec = requireNonNull(elementCodec, "elementCodec is null");
        this.typeName = elementType.typeName() + "[]";
    }

    @Override
    public byte[] toBinary(byte[] text) {
        ArrayText.Parsed parsed = ArrayText.parse(TypeCodec.string(text));
        List<byte[]> values = new ArrayList<>(parsed.elements().size());
        boolean hasNull = false;
        int size = 12 + 8 * parsed.dimensions().size();
        for (String element : parsed.elements()) {
            byte[] value = element == null ? null : elementCodec.toBinary(TypeCodec.utf8(element));
            hasNull |= value == null;
            size += 4 + (value == null ? 0 : value.length);
            values.add(value);
        }
        ByteBuffer out = ByteBuffer.allocate(size)
                .putInt(parsed.dimensions().size())
                .putInt(hasNull ? 1 : 0)
                .putInt(elementType.oid());
        for (ArrayText.Dimension dimension : parsed.dimensions()) {
            out.putInt(dimension.length()).putInt(dimension.lowerBound());
        }
        for (byte[] value : values) {
            if (value == null) {
                out.putInt(-1);
            } else {
                out.putInt(value.length).put(value);
            }
        }
        return out.array();
    }

    @Override
    public byte[] toText(byte[] binary) {
        BinaryInput in = new BinaryInput(binary, typeName);
        int ndim = in.int32();
        int flags = in.int32();
        int elementOid = in.int32();
        if (ndim < 0) {
            throw in.error("invalid number of dimensions: " + ndim);
        }
        if (ndim > MAX_DIMENSIONS) {
            throw new PgTypeException(SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "number of array dimensions (" + ndim + ") exceeds the maximum allowed (" + MAX_DIMENSIONS + ")");
        }
        if (flags != 0 && flags != 1) {
            throw in.error("invalid array flags");
        }
        if (elementOid != elementType.oid()) {
            throw new PgTypeException(SqlState.DATATYPE_MISMATCH, "binary data has array element type "
                    + elementOid + " (" + PgType.describe(elementOid) + ") instead of expected "
                    + elementType.oid() + " (" + elementType.typeName() + ")");
        }
        List<ArrayText.Dimension> dimensions = new ArrayList<>(ndim);
        long items = ndim == 0 ? 0 : 1;
        for (int i = 0; i < ndim; i++) {
            int length = in.int32();
            int lowerBound = in.int32();
            if (length < 0 || (long) lowerBound + length - 1 > Integer.MAX_VALUE) {
                throw new PgTypeException(SqlState.PROGRAM_LIMIT_EXCEEDED, "array size exceeds the maximum allowed");
            }
            dimensions.add(new ArrayText.Dimension(length, lowerBound));
            items *= length;
        }
        // every element takes at least its 4-byte length, which bounds a hostile item count
        if (items * 4 > in.remaining()) {
            throw in.error("insufficient data left in message");
        }
        List<String> elements = new ArrayList<>((int) items);
        for (long i = 0; i < items; i++) {
            int length = in.int32();
            if (length < -1) {
                throw in.error("insufficient data left in message");
            }
            elements.add(length == -1 ? null : TypeCodec.string(elementCodec.toText(in.bytes(length))));
        }
        in.end();
        return TypeCodec.utf8(ArrayText.format(dimensions, elements));
    }
}
