package io.distgres.coordinator.worker;

/**
 * A {@link TaskListener} that never blocks, so its callbacks run directly on gRPC's transport
 * thread instead of being handed to an executor thread first (one thread hop less per task). It
 * bounds memory itself: only {@link #initialMessages()} messages arrive until it asks for more
 * with {@link WorkerClient.TaskCall#request(int)}.
 */
public interface FlowControlledTaskListener extends TaskListener {
    /** How many messages the agent may send before the listener asks for more. */
    int initialMessages();

    /** The running call, handed over before any message arrives. */
    void started(WorkerClient.TaskCall call);
}
