package io.distgres.coordinator.pgwire.codec;

import io.netty.buffer.ByteBuf;
import java.util.function.Consumer;

/**
 * One client connection as sessions and statements use it: backend messages written through
 * {@link BackendMessages}, flushed in chunks, and the reading side resumed once the session has
 * caught up. The socket itself stays in {@code pgwire.server}.
 */
public interface ClientConnection {
    /** Appends one or more messages; a large enough batch goes out on its own. */
    void write(Consumer<ByteBuf> encoder);

    /** Sends everything gathered so far. */
    void flush();

    /** Flushes, then closes the connection once the bytes are out. */
    void flushAndClose();

    /** Lets the server read from the socket again after the session's inbox was full. */
    void resumeReading();

    boolean isOpen();
}
