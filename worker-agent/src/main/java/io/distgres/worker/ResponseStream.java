package io.distgres.worker;

import static java.util.Objects.requireNonNull;

import io.distgres.proto.worker.v1.ExecuteResponse;
import io.distgres.proto.worker.v1.PgError;
import io.distgres.proto.worker.v1.TaskFrame;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One task's side of a Tasks stream as its task thread sees it: a send waits until the caller
 * gave the task credit and the shared stream can take more, and a cancel (of the task or of the
 * whole stream) wakes the sender and runs a cancel action.
 */
final class ResponseStream {
    private final long taskId;
    private final TaskStreamReceiver tasks;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition sendable = lock.newCondition();
    private int credit;
    private volatile boolean cancelled;
    private Runnable cancelAction = () -> { };

    ResponseStream(long taskId, int credit, TaskStreamReceiver tasks) {
        this.taskId = taskId;
        this.credit = credit;
        this.tasks = requireNonNull(tasks, "tasks is null");
    }

    boolean isCancelled() {
        return cancelled;
    }

    /**
     * Runs {@code action} when the task is cancelled. Returns false, without running it, when it
     * already was, so the caller does not start work nobody waits for.
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

    /** Sends one message once the task has credit and the stream can take it; false when the task was cancelled. */
    boolean send(ExecuteResponse response) throws InterruptedException {
        lock.lock();
        try {
            while (!cancelled && (credit <= 0 || !tasks.isReady())) {
                sendable.await();
            }
            if (cancelled) {
                return false;
            }
            credit--;
        } finally {
            lock.unlock();
        }
        tasks.write(TaskFrame.newBuilder().setTaskId(taskId).setResponse(response).build());
        return true;
    }

    /** Ends the task with {@code error}; an error needs no credit, as gRPC trailers needed no request. */
    void fail(PgError error) {
        if (!cancelled) {
            tasks.write(TaskFrame.newBuilder().setTaskId(taskId).setError(error.toProto()).build());
        }
    }

    void addCredit(int messages) {
        lock.lock();
        try {
            credit += messages;
            sendable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The shared stream can take more: a sender waiting for it may go on. */
    void wake() {
        lock.lock();
        try {
            sendable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void cancel() {
        Runnable action;
        lock.lock();
        try {
            if (cancelled) {
                return;
            }
            cancelled = true;
            action = cancelAction;
            sendable.signalAll();
        } finally {
            lock.unlock();
        }
        action.run();
    }
}
