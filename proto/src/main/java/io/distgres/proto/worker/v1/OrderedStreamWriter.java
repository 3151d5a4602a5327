package io.distgres.proto.worker.v1;

import static java.util.Objects.requireNonNull;

import io.grpc.stub.StreamObserver;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes the messages of many threads to one gRPC stream, whose observer is not thread-safe.
 *
 * <p>Writers only enqueue; whichever thread finds the stream idle writes everything queued,
 * including what others add meanwhile, so threads never wait on each other for a lock (a convoy
 * of task threads behind one stream would serialize them all).
 */
public final class OrderedStreamWriter<T> {
    private static final Object END = new Object();

    private final StreamObserver<T> observer;
    private final Queue<Object> pending = new ConcurrentLinkedQueue<>();
    /** Writes requested and not yet seen by the draining thread; the thread that raises it from 0 drains. */
    private final AtomicInteger unseen = new AtomicInteger();
    /** Only the draining thread reads or writes it. */
    private boolean ended;

    public OrderedStreamWriter(StreamObserver<T> observer) {
        this.observer = requireNonNull(observer, "observer is null");
    }

    /** Sends {@code message} after everything written before; dropped once the stream has ended. */
    public void write(T message) {
        pending.add(requireNonNull(message, "message is null"));
        drain();
    }

    /** Ends the stream normally after everything written before. */
    public void complete() {
        pending.add(END);
        drain();
    }

    @SuppressWarnings("unchecked")
    private void drain() {
        if (unseen.getAndIncrement() != 0) {
            return;
        }
        int seen = 1;
        do {
            Object next;
            while ((next = pending.poll()) != null) {
                if (ended) {
                    continue;
                }
                try {
                    if (next == END) {
                        ended = true;
                        observer.onCompleted();
                    } else {
                        observer.onNext((T) next);
                    }
                } catch (RuntimeException e) {
                    // the call was closed under us (cancelled, broken): nothing more can go out
                    ended = true;
                }
            }
            seen = unseen.addAndGet(-seen);
        } while (seen != 0);
    }
}
