package io.gamehall.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Opens a WebSocket connection to a gateway (TLS for {@code wss://}) on a Netty event loop:
 * binary frames go to the {@link Frames} handler through the connection's {@link FrameReader},
 * a ping goes out when nothing was heard for the ping interval, and the handler hears when the
 * connection closes.
 */
final class WebSocketConnector
{
    /** Largest HTTP response of the handshake, bytes. */
    static final int MAX_HANDSHAKE_BYTES = 8192;

    /**
     * What arrives on a connection; on its I/O thread.
     */
    interface Frames
    {
        void onFrame(FrameReader reader, int length);

        void onClosed(Channel channel);
    }

    private final EventLoopGroup group;
    private final int maxFrameBytes;
    private final long connectTimeoutMs;
    private final long pingIntervalMs;
    private final String localAddress;
    private final boolean trustAll;

    /**
     * @param localAddress the local address to connect from, or null for the system's choice.
     * @param trustAll     accept any TLS certificate (tests only).
     */
    WebSocketConnector(
        final EventLoopGroup group,
        final int maxFrameBytes,
        final long connectTimeoutMs,
        final long pingIntervalMs,
        final String localAddress,
        final boolean trustAll)
    {
        this.group = group;
        this.maxFrameBytes = maxFrameBytes;
        this.connectTimeoutMs = connectTimeoutMs;
        this.pingIntervalMs = pingIntervalMs;
        this.localAddress = localAddress;
        this.trustAll = trustAll;
    }

    /**
     * @return the channel once the WebSocket handshake completed; fails with
     * {@link ClientFailure#BAD_URL} or {@link ClientFailure#CONNECT_FAILED}.
     */
    CompletableFuture<Channel> open(final String gatewayUrl, final Frames frames)
    {
        final CompletableFuture<Channel> opened = new CompletableFuture<>();
        final URI uri;
        final SslContext ssl;
        try
        {
            uri = new URI(gatewayUrl);
            ssl = "wss".equalsIgnoreCase(uri.getScheme()) ? SslContextBuilder.forClient()
                .trustManager(trustAll ? InsecureTrustManagerFactory.INSTANCE : null).build() : null;
        }
        catch (final Exception ex)
        {
            return CompletableFuture.failedFuture(
                new ClientException(ClientFailure.BAD_URL, "bad gateway URL " + gatewayUrl, ex));
        }
        final int port = uri.getPort() > 0 ? uri.getPort() : ssl != null ? 443 : 80;
        final WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(uri)
            .maxFramePayloadLength(maxFrameBytes)
            .handleCloseFrames(true)
            .dropPongFrames(true)
            .handshakeTimeoutMillis(connectTimeoutMs)
            .build();
        final Bootstrap bootstrap = new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            // pooled buffers: Netty 4.2's default (adaptive) allocator makes a ByteBuffer per socket read and write
            .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)connectTimeoutMs)
            .handler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    if (ssl != null)
                    {
                        ch.pipeline().addLast(ssl.newHandler(ch.alloc(), uri.getHost(), port));
                    }
                    ch.pipeline().addLast(new HttpClientCodec());
                    ch.pipeline().addLast(new HttpObjectAggregator(MAX_HANDSHAKE_BYTES));
                    ch.pipeline().addLast(new WebSocketClientProtocolHandler(config));
                    // reads only: a ping when nothing was heard for a while, and writes are not watched
                    ch.pipeline().addLast(new IdleStateHandler(pingIntervalMs, 0, 0, TimeUnit.MILLISECONDS));
                    ch.pipeline().addLast(new Handler(opened, frames));
                }
            });
        final InetSocketAddress remote = new InetSocketAddress(uri.getHost(), port);
        (localAddress == null ? bootstrap.connect(remote) :
            bootstrap.connect(remote, new InetSocketAddress(localAddress, 0))).addListener(f ->
        {
            if (!f.isSuccess())
            {
                opened.completeExceptionally(new ClientException(ClientFailure.CONNECT_FAILED, "cannot connect to " +
                    gatewayUrl + ": " + f.cause(), f.cause()));
            }
        });
        return opened.orTimeout(connectTimeoutMs * 2, TimeUnit.MILLISECONDS);
    }

    private static final class Handler extends SimpleChannelInboundHandler<WebSocketFrame>
    {
        private final CompletableFuture<Channel> opened;
        private final Frames frames;
        private final FrameReader reader = new FrameReader();

        Handler(final CompletableFuture<Channel> opened, final Frames frames)
        {
            this.opened = opened;
            this.frames = frames;
        }

        @Override
        public void userEventTriggered(final ChannelHandlerContext c, final Object event) throws Exception
        {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE)
            {
                opened.complete(c.channel());
                return;
            }
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT)
            {
                opened.completeExceptionally(new ClientException(ClientFailure.CONNECT_FAILED,
                    "WebSocket handshake timed out", null));
                c.close();
                return;
            }
            if (event instanceof IdleStateEvent)
            {
                c.writeAndFlush(new PingWebSocketFrame());
                return;
            }
            super.userEventTriggered(c, event);
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext c, final WebSocketFrame frame)
        {
            if (frame instanceof BinaryWebSocketFrame)
            {
                frames.onFrame(reader, reader.read(frame.content()));
            }
        }

        @Override
        public void channelInactive(final ChannelHandlerContext c)
        {
            opened.completeExceptionally(new ClientException(ClientFailure.CONNECT_FAILED, "the gateway closed the " +
                "connection before the WebSocket handshake (it may be at its connection limit)", null));
            frames.onClosed(c.channel());
            c.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext c, final Throwable cause)
        {
            opened.completeExceptionally(cause);
            c.close();
        }
    }
}
