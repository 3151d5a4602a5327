package io.distgres.coordinator.pgwire.server;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.pgwire.codec.FrontendMessageDecoder;
import io.distgres.coordinator.session.ClientSessions;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The PostgreSQL wire protocol listener: accepts client connections and wires each to a session. */
public final class PgWireServer implements AutoCloseable {
    private final ClientSessions sessions;
    private final String host;
    private final int requestedPort;
    private final int maxMessageBytes;
    private final int maxClientConnections;
    private final SessionRegistry registry = new SessionRegistry();
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private ExecutorService sessionExecutor;
    private Channel serverChannel;

    public PgWireServer(ClientSessions sessions, String host, int port, int maxMessageBytes, int maxClientConnections) {
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.host = requireNonNull(host, "host is null");
        this.requestedPort = port;
        this.maxMessageBytes = maxMessageBytes;
        this.maxClientConnections = maxClientConnections;
    }

    public void start() throws InterruptedException {
        bossGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workerGroup = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        sessionExecutor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemonThreads("distgres-session-"));
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new FrontendMessageDecoder(maxMessageBytes));
                        ch.pipeline().addLast(new ClientConnectionHandler(sessions, registry, sessionExecutor,
                                maxClientConnections));
                    }
                });
        serverChannel = bootstrap.bind(host, requestedPort).sync().channel();
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public SessionRegistry sessions() {
        return registry;
    }

    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly();
        }
        if (workerGroup != null) {
            workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        }
        if (bossGroup != null) {
            bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        }
        if (sessionExecutor != null) {
            sessionExecutor.shutdown();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
