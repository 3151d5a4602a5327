package io.distgres.worker;

import static java.util.Objects.requireNonNull;

import io.distgres.proto.worker.v1.ExecuteResponse;
import io.distgres.proto.worker.v1.PgError;
import io.distgres.proto.worker.v1.PgErrorTrailers;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The server side of one Execute call as the task thread sees it: sends wait for gRPC flow
 * control, and a client cancel (or deadline) wakes the sender and runs a cancel action.
 *
 * <p>Must be created on the gRPC handler thread, because gRPC only accepts the ready and
 * cancel handlers there.
 */
final class ResponseStream {
    private final ServerCallStreamObserver<ExecuteResponse> observer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readyOrCancelled = lock.newCondition();
    private volatile boolean cancelled;
    private Runnable cancelAction = () -> { };

    ResponseStream(ServerCallStreamObserver<ExecuteResponse> observer) {
        this.observer = requireNonNull(observer, "observer is null");
        observer.setOnReadyHandler(this::wake);
        observer.setOnCancelHandler(this::onCancel);
    }

    boolean isCancelled() {
        return cancelled;
    }

    /**
     * Runs {@code action} when the client cancels. Returns false, without running it, when the
     * client already cancelled, so the caller does not start work nobody waits for.
     */
    boolean onCancel(Runnable action) {
        lock.lock();
        try {
            cancelAction = requireNonNull(action, "action is null");
            return !cancelled;
        } finally {
            lock.unlock();
        }
    }

    /** Sends one message once the transport can take it; false when the call was cancelled. */
    boolean send(ExecuteResponse response) throws InterruptedException {
        lock.lock();
        try {
            while (!observer.isReady() && !cancelled) {
                readyOrCancelled.await();
            }
        } finally {
            lock.unlock();
        }
        if (cancelled) {
            return false;
        }
        observer.onNext(response);
        return true;
    }

    void complete() {
        if (!cancelled) {
            observer.onCompleted();
        }
    }

    void fail(PgError error) {
        if (cancelled) {
            return;
        }
        observer.onError(PgErrorTrailers.toStatusException(error));
    }

    private void wake() {
        lock.lock();
        try {
            readyOrCancelled.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void onCancel() {
        Runnable action;
        lock.lock();
        try {
            cancelled = true;
            action = cancelAction;
            readyOrCancelled.signalAll();
        } finally {
            lock.unlock();
        }
        action.run();
    }
}
