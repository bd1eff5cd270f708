package io.gamehall.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's WebSocket server (Netty, NIO): binary messages only (a message may come in
 * fragments, joined up to the maximum frame size), a per-connection rate limit, TLS when
 * configured. A connection over the gateway's connection caps is closed at once, before TLS
 * or the WebSocket handshake; one that has not logged in within the login timeout is closed;
 * one not heard from (no frame, ping or pong) for the ping interval is pinged, and closed once
 * silent for the idle timeout. Other HTTP requests than the WebSocket handshake get the web
 * app's files ({@link WebPageHandler}), or 404 when those are switched off.
 */
final class WebSocketServer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketServer.class);
    private static final AttributeKey<Connection> CONNECTION = AttributeKey.valueOf("gamehall.connection");

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel serverChannel;
    private final int port;
    private final Map<EventLoop, RequestDecoders> decoders = new ConcurrentHashMap<>();

    WebSocketServer(final SessionGateway.Context ctx, final GatewayCore core, final SslContext ssl,
        final ConnectionLimit limit)
    {
        final ConnectionGate gate = new ConnectionGate(limit);
        final WebPageHandler web = new WebPageHandler(new WebPages(ctx.webPages(), WebSocketServer.class.getClassLoader()),
            ctx.path());
        boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("gateway-accept"), NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(ctx.ioThreads(), new DefaultThreadFactory("gateway-io"),
            NioIoHandler.newFactory());
        final WebSocketServerProtocolConfig wsConfig = WebSocketServerProtocolConfig.newBuilder()
            .websocketPath(ctx.path())
            .maxFramePayloadLength(ctx.maxFrameBytes())
            .allowExtensions(false)
            .dropPongFrames(true)
            .handleCloseFrames(true)
            .build();
        try
        {
            serverChannel = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // pooled buffers: Netty 4.2's default (adaptive) allocator makes a ByteBuffer per socket read and write
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childHandler(new ChannelInitializer<SocketChannel>()
                {
                    protected void initChannel(final SocketChannel ch)
                    {
                        final ChannelPipeline p = ch.pipeline();
                        p.addLast(gate);
                        if (ssl != null)
                        {
                            p.addLast(ssl.newHandler(ch.alloc()));
                        }
                        p.addLast(new HttpServerCodec());
                        p.addLast(new HttpObjectAggregator(8192));
                        // the web app's files on the same port, gzipped for a client that takes it (the handshake
                        // removes the compressor); the WebSocket path passes on to the handshake
                        p.addLast(new HttpContentCompressor());
                        p.addLast(web);
                        // ahead of the protocol handler, which answers pings and drops pongs: every
                        // frame counts as a sign of life; reads only, so writes are not watched
                        p.addLast(new IdleStateHandler(ctx.pingIntervalMs(), 0, 0, TimeUnit.MILLISECONDS));
                        p.addLast(new WebSocketServerProtocolHandler(wsConfig));
                        // a message sent in fragments is joined (up to the same size); whole frames pass untouched
                        p.addLast(new WebSocketFrameAggregator(ctx.maxFrameBytes()));
                        p.addLast(new ClientHandler(core, ctx, decodersOf(ch.eventLoop())));
                    }
                })
                .bind(new InetSocketAddress(ctx.bindAddress(), ctx.port()))
                .sync()
                .channel();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while binding", ex);
        }
        catch (final RuntimeException ex)
        {
            closeGroups();
            throw new IllegalStateException("cannot listen on " + ctx.bindAddress() + ":" + ctx.port() + ": " +
                ex.getMessage(), ex);
        }
        port = ((InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    /**
     * The request decoders of an I/O thread (its channels' handlers all run on it).
     */
    private RequestDecoders decodersOf(final EventLoop loop)
    {
        return decoders.computeIfAbsent(loop, l -> new RequestDecoders());
    }

    int port()
    {
        return port;
    }

    @Override
    public void close()
    {
        if (serverChannel != null)
        {
            serverChannel.close().syncUninterruptibly();
        }
        closeGroups();
    }

    private void closeGroups()
    {
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * First in every connection's pipeline: counts it against the caps, in all and per address,
     * and closes it at once when over either.
     */
    @ChannelHandler.Sharable
    private static final class ConnectionGate extends ChannelInboundHandlerAdapter
    {
        private static final AttributeKey<String> ADMITTED = AttributeKey.valueOf("gamehall.admitted");
        private final ConnectionLimit limit;

        ConnectionGate(final ConnectionLimit limit)
        {
            this.limit = limit;
        }

        @Override
        public void channelActive(final ChannelHandlerContext c)
        {
            final String address = AddressKey.of(c.channel().remoteAddress());
            if (!limit.tryOpen(address))
            {
                LOG.debug("connection from {} refused: over the connection caps", address);
                c.close();
                return;
            }
            c.channel().attr(ADMITTED).set(address);
            c.fireChannelActive();
        }

        @Override
        public void channelInactive(final ChannelHandlerContext c)
        {
            final String address = c.channel().attr(ADMITTED).getAndSet(null);
            if (address != null)
            {
                limit.closed(address);
                c.fireChannelInactive();
            }
        }
    }

    /**
     * One per connection: frames to the core, rate limit, login deadline, idle handling.
     */
    private static final class ClientHandler extends SimpleChannelInboundHandler<WebSocketFrame>
    {
        private final GatewayCore core;
        private final SessionGateway.Context ctx;
        private final RequestDecoders decoders;
        private int silentIntervals;

        ClientHandler(final GatewayCore core, final SessionGateway.Context ctx, final RequestDecoders decoders)
        {
            this.core = core;
            this.ctx = ctx;
            this.decoders = decoders;
        }

        @Override
        public void channelActive(final ChannelHandlerContext c)
        {
            final Connection connection = new Connection(c.channel(), ctx.rateLimitPerSecond(), ctx.rateLimitBurst(),
                System.currentTimeMillis());
            c.channel().attr(CONNECTION).set(connection);
            loginDeadline(c, connection);
            c.fireChannelActive();
        }

        /**
         * A connection must log in within the login timeout; one with a login under way is
         * given another timeout (the login itself is bounded by the hashing queue and the store).
         */
        private void loginDeadline(final ChannelHandlerContext c, final Connection connection)
        {
            c.executor().schedule(() ->
            {
                if (c.channel().isActive() && core.onLoginDeadline(connection))
                {
                    loginDeadline(c, connection);
                }
            }, ctx.loginTimeoutMs(), TimeUnit.MILLISECONDS);
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext c, final WebSocketFrame frame)
        {
            final Connection connection = c.channel().attr(CONNECTION).get();
            if (!(frame instanceof BinaryWebSocketFrame))
            {
                connection.send(ClientFrames.protocolError(io.gamehall.sbe.client.ClientCode.MALFORMED,
                    "only binary frames carry the gamehall protocol"));
                c.close();
                return;
            }
            final int admitted = connection.admit(System.currentTimeMillis(), ctx.floodLimit());
            if (admitted <= 0)
            {
                core.onRateLimited(connection, admitted < 0);
                return;
            }
            core.onFrame(connection, decoders, decoders.read(frame.content()));
        }

        @Override
        public void userEventTriggered(final ChannelHandlerContext c, final Object event) throws Exception
        {
            if (event instanceof IdleStateEvent idle)
            {
                silentIntervals = idle.isFirst() ? 1 : silentIntervals + 1;
                if (silentIntervals * ctx.pingIntervalMs() >= ctx.idleTimeoutMs())
                {
                    LOG.debug("connection {} silent for {} ms; closed", c.channel().remoteAddress(),
                        silentIntervals * ctx.pingIntervalMs());
                    c.close();
                }
                else
                {
                    c.writeAndFlush(new PingWebSocketFrame());
                }
                return;
            }
            super.userEventTriggered(c, event);
        }

        @Override
        public void channelInactive(final ChannelHandlerContext c)
        {
            final Connection connection = c.channel().attr(CONNECTION).get();
            if (connection != null)
            {
                core.onDisconnected(connection);
            }
            c.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext c, final Throwable cause)
        {
            LOG.debug("connection {}: {}", c.channel().remoteAddress(), cause.toString());
            c.close();
        }
    }
}
