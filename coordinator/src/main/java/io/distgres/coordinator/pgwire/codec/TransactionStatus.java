package io.distgres.coordinator.pgwire.codec;

/**
 * The transaction status ReadyForQuery reports (pgjdbc's {@code TransactionState}): the truth
 * about a session's transaction that clients act on, so it must be exactly what PostgreSQL sends.
 */
public enum TransactionStatus {
    /** 'I': not in a transaction block. */
    IDLE('I'),
    /** 'T': in a transaction block. */
    OPEN('T'),
    /** 'E': in a failed transaction block; statements are refused until it ends. */
    FAILED('E');

    private final byte wireByte;

    TransactionStatus(char wireByte) {
        this.wireByte = (byte) wireByte;
    }

    /** The status byte of ReadyForQuery. */
    public byte wireByte() {
        return wireByte;
    }
}
