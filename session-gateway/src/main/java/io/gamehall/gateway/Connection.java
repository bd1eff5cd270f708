package io.gamehall.gateway;

import io.netty.channel.Channel;

/**
 * One WebSocket connection: its session once logged in, and its rate limit (a token bucket).
 */
final class Connection
{
    private final Channel channel;
    private final double ratePerMs;
    private final double burst;
    private double tokens;
    private long lastRefillMs;
    private int refusedInARow;
    private volatile Session session;

    Connection(final Channel channel, final int ratePerSecond, final int burst, final long nowMs)
    {
        this.channel = channel;
        this.ratePerMs = ratePerSecond / 1000.0;
        this.burst = burst;
        this.tokens = burst;
        this.lastRefillMs = nowMs;
    }

    Channel channel()
    {
        return channel;
    }

    Session session()
    {
        return session;
    }

    void session(final Session session)
    {
        this.session = session;
    }

    /**
     * Take one frame's worth from the bucket (I/O thread of the connection only).
     *
     * @return 1 when the frame may go on, 0 when it is refused, -1 when the client keeps
     * flooding past the limit and the connection should close.
     */
    int admit(final long nowMs, final int floodLimit)
    {
        tokens = Math.min(burst, tokens + (nowMs - lastRefillMs) * ratePerMs);
        lastRefillMs = nowMs;
        if (tokens >= 1.0)
        {
            tokens -= 1.0;
            refusedInARow = 0;
            return 1;
        }
        return ++refusedInARow > floodLimit ? -1 : 0;
    }

    /**
     * @return whether this is the first refusal in a row (answered once, then dropped silently).
     */
    boolean firstRefusal()
    {
        return refusedInARow == 1;
    }

    void send(final byte[] frame)
    {
        Session.write(channel, frame);
    }

    /**
     * Send a last frame, then close once it is written.
     */
    void sendAndClose(final byte[] frame)
    {
        channel.writeAndFlush(new io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame(
            io.netty.buffer.Unpooled.wrappedBuffer(frame))).addListener(io.netty.channel.ChannelFutureListener.CLOSE);
    }

    @Override
    public String toString()
    {
        return String.valueOf(channel.remoteAddress());
    }
}
