package io.distgres.coordinator.pgwire.server;

import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.pgwire.codec.BackendMessages;
import io.distgres.coordinator.pgwire.codec.FrontendMessage;
import io.distgres.coordinator.session.ClientSession;
import io.distgres.coordinator.session.ClientSessions;
import io.distgres.sqlstate.SqlState;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Netty handler for one client connection. Startup-phase requests that need no database (SSL and
 * GSS encryption requests, CancelRequest) are answered on the event loop; everything else is
 * queued to the session and processed in order on the blocking executor, never on the event loop.
 */
final class ClientConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnectionHandler.class);
    private static final int INBOX_HIGH_WATER = 256;

    private final ClientSessions sessions;
    private final SessionRegistry registry;
    private final Executor executor;
    private final int maxClientConnections;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private ClientSession session;
    private ClientChannel channel;

    ClientConnectionHandler(ClientSessions sessions, SessionRegistry registry, Executor executor,
                            int maxClientConnections) {
        this.sessions = sessions;
        this.registry = registry;
        this.executor = executor;
        this.maxClientConnections = maxClientConnections;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = new ClientChannel(ctx.channel());
        session = sessions.open(channel, registry.nextProcessId(), registry.newSecretKey());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        FrontendMessage message = (FrontendMessage) msg;
        if (message instanceof FrontendMessage.SslRequest || message instanceof FrontendMessage.GssEncRequest) {
            ByteBuf no = ctx.alloc().buffer(1);
            BackendMessages.encryptionRefused(no);
            ctx.writeAndFlush(no);
            return;
        }
        if (message instanceof FrontendMessage.CancelRequest cancel) {
            registry.cancel(cancel.processId(), cancel.secretKey());
            ctx.close();
            return;
        }
        if (message instanceof FrontendMessage.Startup) {
            if (registry.size() >= maxClientConnections) {
                fatal(ctx, PgError.fatal(SqlState.TOO_MANY_CONNECTIONS, "sorry, too many clients already"));
                return;
            }
            registry.register(session);
        }
        if (session.offer(message) > INBOX_HIGH_WATER) {
            ctx.channel().config().setAutoRead(false);
            schedule(ctx);
        }
    }

    /**
     * The drain starts once a whole socket read is decoded, so a pipeline the client sent at
     * once (Parse, Bind, Describe, Execute, Sync) is visible to the session as a whole.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (session != null && session.hasQueuedMessages()) {
            schedule(ctx);
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        channel.writabilityChanged();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        registry.unregister(session);
        session.cancel();
        channel.writabilityChanged();
        // processed in order after whatever is queued, so the backend connection is rolled back and returned
        session.offer(new FrontendMessage.Terminate());
        schedule(ctx);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof PgException pg) {
            fatal(ctx, pg.error().severity().equals("FATAL") ? pg.error()
                    : PgError.fatal(pg.error().sqlState(), pg.error().message()));
        } else {
            LOG.debug("closing client connection after I/O error", root);
            ctx.close();
        }
    }

    private void fatal(ChannelHandlerContext ctx, PgError error) {
        ctx.channel().config().setAutoRead(false);
        ByteBuf buf = ctx.alloc().buffer();
        BackendMessages.errorResponse(buf, error);
        ctx.writeAndFlush(buf).addListener(f -> ctx.close());
    }

    private void schedule(ChannelHandlerContext ctx) {
        if (!scheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(() -> drain(ctx));
        } catch (RejectedExecutionException e) {
            scheduled.set(false);
            fatal(ctx, PgError.fatal(SqlState.ADMIN_SHUTDOWN, "terminating connection: server is shutting down"));
        }
    }

    private void drain(ChannelHandlerContext ctx) {
        boolean keepOpen = true;
        try {
            keepOpen = session.drain();
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // never leave a client waiting: whatever broke, it gets an error and the connection closes
            LOG.error("internal error in session {}", session.processId(), e);
            channel.write(buf -> BackendMessages.errorResponse(buf,
                    PgError.fatal(SqlState.INTERNAL_ERROR, "internal error: " + e)));
            keepOpen = false;
        } finally {
            scheduled.set(false);
        }
        if (!keepOpen) {
            channel.flushAndClose();
            return;
        }
        if (!ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
        if (session.hasQueuedMessages()) {
            schedule(ctx);
        }
    }
}
