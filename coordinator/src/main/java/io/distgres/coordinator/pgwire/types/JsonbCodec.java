package io.distgres.coordinator.pgwire.types;

/** Converts jsonb: binary is a version byte (1) followed by the canonical jsonb text. */
final class JsonbCodec implements TypeCodec {
    private static final byte VERSION = 1;

    private final TextCodec text = new TextCodec();

    @Override
    public byte[] toBinary(byte[] value) {
        byte[] out = new byte[value.length + 1];
        out[0] = VERSION;
        System.arraycopy(value, 0, out, 1, value.length);
        return out;
    }

    @Override
    public byte[] toText(byte[] binary) {
        if (binary.length == 0 || binary[0] != VERSION) {
            throw PgTypeException.invalidBinary("jsonb", "unsupported jsonb version number");
        }
        return text.toText(java.util.Arrays.copyOfRange(binary, 1, binary.length));
    }
}
