package io.gamehall.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import io.netty.channel.VoidChannelPromise;

import java.util.concurrent.atomic.AtomicReference;

/**
 * One WebSocket connection: its address key, its session once logged in, whether an
 * authentication is under way (one at a time), its rate limit (a token bucket), and how frames
 * are written to it from any thread.
 * <p>
 * Frames to clients are written as finished WebSocket frames (a binary frame's header, unmasked
 * as from a server, then the message) in one pooled buffer: Netty's frame encoder lets a plain
 * buffer through, so no frame object is made per message. This relies on the connection having
 * no WebSocket extensions (the server allows none); pings and closes still go through Netty.
 */
final class Connection
{
    private final Channel channel;
    private final String address;
    private final ChannelPromise quietly;
    private final AtomicReference<Authentication> authentication = new AtomicReference<>();
    private final double ratePerMs;
    private final double burst;
    private double tokens;
    private long lastRefillMs;
    private int refusedInFlood;
    private volatile Session session;

    Connection(final Channel channel, final int ratePerSecond, final int burst, final long nowMs)
    {
        this.channel = channel;
        this.address = AddressKey.of(channel.remoteAddress());
        this.quietly = new VoidChannelPromise(channel, false);
        this.ratePerMs = ratePerSecond / 1000.0;
        this.burst = burst;
        this.tokens = burst;
        this.lastRefillMs = nowMs;
    }

    Channel channel()
    {
        return channel;
    }

    /**
     * @return what the per-address limits count this connection by ({@link AddressKey}).
     */
    String address()
    {
        return address;
    }

    Session session()
    {
        return session;
    }

    /**
     * Start an authentication (login, register, resume, password change) unless one is under way.
     *
     * @return the authentication, to end with {@link #endAuthentication} before its answer is
     *         sent (a client may start the next one as soon as it reads the answer); null when
     *         one is under way.
     */
    Authentication beginAuthentication()
    {
        final Authentication started = new Authentication();
        return authentication.compareAndSet(null, started) ? started : null;
    }

    /**
     * End an authentication if it is still the one under way: ending it again later (a clean-up
     * after its answer) does not end the next one.
     */
    void endAuthentication(final Authentication ended)
    {
        authentication.compareAndSet(ended, null);
    }

    /**
     * @return whether an authentication is under way.
     */
    boolean isAuthenticating()
    {
        return authentication.get() != null;
    }

    /**
     * One authentication of this connection, from its start to its answer.
     */
    static final class Authentication
    {
    }

    void session(final Session session)
    {
        this.session = session;
    }

    /**
     * Take one frame's worth from the bucket (I/O thread of the connection only). Refusals are
     * counted until the client has slowed down long enough for its bucket to be full again: a
     * client that keeps sending faster than its rate gets a frame through now and then (as the
     * bucket refills) but is still flooding, and is closed after {@code floodLimit} refusals.
     *
     * @return 1 when the frame may go on, 0 when it is refused, -1 when the client keeps
     * flooding past the limit and the connection should close.
     */
    int admit(final long nowMs, final int floodLimit)
    {
        tokens = Math.min(burst, tokens + Math.max(0, nowMs - lastRefillMs) * ratePerMs);
        lastRefillMs = nowMs;
        if (tokens >= burst)
        {
            refusedInFlood = 0;
        }
        if (tokens >= 1.0)
        {
            tokens -= 1.0;
            return 1;
        }
        return ++refusedInFlood > floodLimit ? -1 : 0;
    }

    /**
     * @return whether this is the first refusal of a flood (answered once, then dropped silently).
     */
    boolean firstRefusal()
    {
        return refusedInFlood == 1;
    }

    /** Whether the host relay's thread has this connection on its list to flush (that thread only). */
    boolean flushPending;

    void send(final byte[] frame)
    {
        send(frame, 0, frame.length);
    }

    /**
     * Send a frame, copied into a pooled buffer at once (the caller may reuse its array), from
     * any thread. A write that fails (the connection is closing) is dropped without a word, as
     * the connection's end is handled where it is noticed.
     */
    void send(final byte[] frame, final int offset, final int length)
    {
        channel.writeAndFlush(webSocketFrame(frame, offset, length), quietly);
    }

    /**
     * Like {@link #send(byte[], int, int)} but not flushed: Netty queues the write without waking
     * the connection's I/O thread, and the frame leaves with the next flush (see {@link #flush()}).
     */
    void sendUnflushed(final byte[] frame, final int offset, final int length)
    {
        channel.write(webSocketFrame(frame, offset, length), quietly);
    }

    /**
     * Write out what {@link #sendUnflushed} queued.
     */
    void flush()
    {
        channel.flush();
    }

    /**
     * Send a last frame, then close once it is written.
     */
    void sendAndClose(final byte[] frame)
    {
        channel.writeAndFlush(webSocketFrame(frame, 0, frame.length)).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * A final binary WebSocket frame around a message (RFC 6455 section 5.2, no mask).
     */
    private ByteBuf webSocketFrame(final byte[] message, final int offset, final int length)
    {
        final int lengthBytes = length < 126 ? 0 : length <= 0xFFFF ? 2 : 8;
        final ByteBuf out = channel.alloc().ioBuffer(2 + lengthBytes + length);
        out.writeByte(0x80 | 0x2); // FIN, opcode binary
        if (lengthBytes == 0)
        {
            out.writeByte(length);
        }
        else if (lengthBytes == 2)
        {
            out.writeByte(126).writeShort(length);
        }
        else
        {
            out.writeByte(127).writeLong(length);
        }
        return out.writeBytes(message, offset, length);
    }

    @Override
    public String toString()
    {
        return String.valueOf(channel.remoteAddress());
    }
}
