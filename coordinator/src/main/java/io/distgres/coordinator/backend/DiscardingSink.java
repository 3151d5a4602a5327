package io.distgres.coordinator.backend;


/** A sink for statements distgres runs for itself, whose results nobody reads. */
public enum DiscardingSink implements ResultSink {
    INSTANCE;

    @Override
    public void row(byte[][] cells) {
    }
}
