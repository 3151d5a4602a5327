package io.distgres.coordinator.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Finds TCP ports that nothing listens on. There is a window between the check and the real
 * bind; callers that lose it retry or fail with a clear message.
 */
public final class LoopbackPorts {
    private LoopbackPorts() {
    }

    /** True when {@code port} can be bound on {@code host} right now. */
    public static boolean isFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // SO_REUSEADDR like PostgreSQL and Netty servers: connections of a stopped server linger in
            // TIME_WAIT and must not make its port look taken to the restart that wants it back
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port the operating system considers free on {@code host}. */
    public static int pickFree(String host) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
    }

    /** {@code preferred} when it is set and free (a restart keeps its ports), otherwise any free port. */
    public static int preferFree(String host, int preferred) {
        return preferred > 0 && isFree(host, preferred) ? preferred : pickFree(host);
    }
}
