package io.distgres.coordinator.pgwire.server;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.pgwire.codec.ClientConnection;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.function.Consumer;

/**
 * The outbound side of one client connection as the session thread sees it: messages are
 * gathered in a buffer, handed to Netty in large chunks, and the session thread waits while the
 * socket is not writable so a huge result never piles up in memory.
 */
public final class ClientChannel implements ClientConnection {
    private static final int CHUNK_BYTES = 64 * 1024;

    private final Channel channel;
    private final Object writability = new Object();
    private ByteBuf pending;

    public ClientChannel(Channel channel) {
        this.channel = requireNonNull(channel, "channel is null");
    }

    /** Appends one or more messages; sends a chunk once enough has gathered. */
    @Override
    public void write(Consumer<ByteBuf> encoder) {
        if (pending == null) {
            pending = channel.alloc().buffer(4096);
        }
        encoder.accept(pending);
        if (pending.readableBytes() >= CHUNK_BYTES) {
            flush();
            awaitWritable();
        }
    }

    /** Sends everything gathered so far. */
    @Override
    public void flush() {
        ByteBuf out = pending;
        pending = null;
        if (out == null) {
            channel.flush();
            return;
        }
        if (!channel.isActive()) {
            out.release();
            return;
        }
        channel.writeAndFlush(out);
    }

    /** Flushes, then closes the connection once the bytes are out. */
    @Override
    public void flushAndClose() {
        ByteBuf out = pending;
        pending = null;
        if (out == null) {
            channel.close();
        } else {
            channel.writeAndFlush(out).addListener(f -> channel.close());
        }
    }

    /** Lets Netty read from the socket again after the session's inbox was full. */
    @Override
    public void resumeReading() {
        if (!channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
    }

    @Override
    public boolean isOpen() {
        return channel.isActive();
    }

    /** Called from the event loop when the socket's writability changes. */
    void writabilityChanged() {
        synchronized (writability) {
            writability.notifyAll();
        }
    }

    private void awaitWritable() {
        synchronized (writability) {
            while (channel.isActive() && !channel.isWritable()) {
                try {
                    writability.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
