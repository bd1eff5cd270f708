package io.gamehall.gateway;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.function.LongFunction;

/**
 * A logged-in user on this gateway: outlives its connection for the grace period, numbers the
 * events it sends and keeps the recent ones, so a client that resumes here gets what it missed.
 * Everything that sends or changes the session holds its monitor, so events leave in the order
 * of their numbers.
 */
final class Session
{
    /** Byte offset of eventSequence in every event frame (after the 8-byte SBE header). */
    static final int EVENT_SEQUENCE_OFFSET = 8;

    final long userId;
    final String name;
    private final int keepEvents;
    private final ArrayDeque<byte[]> recent = new ArrayDeque<>();
    private Connection connection;
    private long eventSequence;
    private long instanceId;
    private String hostEndpoint;
    private long detachedAtMs;
    private ScheduledFuture<?> graceTimer;
    private boolean ended;
    private boolean toldToMove;

    Session(final long userId, final String name, final int keepEvents)
    {
        this.userId = userId;
        this.name = name;
        this.keepEvents = keepEvents;
    }

    /**
     * Send an event, numbered; kept for resume even while no connection is attached.
     */
    synchronized void event(final LongFunction<byte[]> frame)
    {
        if (ended)
        {
            return;
        }
        final byte[] bytes = frame.apply(++eventSequence);
        recent.addLast(bytes);
        if (recent.size() > keepEvents)
        {
            recent.removeFirst();
        }
        if (connection != null)
        {
            write(connection.channel(), bytes);
        }
    }

    /**
     * Send an answer (not numbered, not kept).
     */
    synchronized void reply(final byte[] frame)
    {
        if (connection != null)
        {
            write(connection.channel(), frame);
        }
    }

    /**
     * Attach a connection, detaching any other, and send the kept events after {@code lastSeen}.
     *
     * @return the connection that was attached before (to be told and closed), or null.
     */
    synchronized Connection attach(final Connection next)
    {
        final Connection previous = connection;
        connection = next;
        detachedAtMs = 0;
        if (graceTimer != null)
        {
            graceTimer.cancel(false);
            graceTimer = null;
        }
        return previous == next ? null : previous;
    }

    /**
     * @return whether every event after {@code lastSeen} is still kept.
     */
    synchronized boolean keepsAfter(final long lastSeen)
    {
        final byte[] first = recent.peekFirst();
        final long firstKept = first == null ? eventSequence + 1 : sequenceOf(first);
        return lastSeen >= 0 && lastSeen + 1 >= firstKept && lastSeen <= eventSequence;
    }

    /**
     * Send the kept events after {@code lastSeen} again (check {@link #keepsAfter} first).
     */
    synchronized void replayAfter(final long lastSeen)
    {
        if (connection == null)
        {
            return;
        }
        for (final byte[] frame : recent)
        {
            if (sequenceOf(frame) > lastSeen)
            {
                write(connection.channel(), frame);
            }
        }
    }

    /**
     * The connection went away: keep the session for the grace period.
     *
     * @return false when another connection had already taken over.
     */
    synchronized boolean detach(final Connection gone, final long nowMs, final ScheduledFuture<?> timer)
    {
        if (connection != gone)
        {
            timer.cancel(false);
            return false;
        }
        connection = null;
        detachedAtMs = nowMs;
        graceTimer = timer;
        return true;
    }

    synchronized boolean isDetached()
    {
        return connection == null;
    }

    synchronized Connection connection()
    {
        return connection;
    }

    /**
     * The session is over: nothing more is sent.
     *
     * @return the connection still attached, or null.
     */
    synchronized Connection end()
    {
        ended = true;
        if (graceTimer != null)
        {
            graceTimer.cancel(false);
        }
        final Connection attached = connection;
        connection = null;
        return attached;
    }

    synchronized boolean isEnded()
    {
        return ended;
    }

    synchronized long instanceId()
    {
        return instanceId;
    }

    synchronized String hostEndpoint()
    {
        return hostEndpoint;
    }

    synchronized void seat(final long instanceId, final String hostEndpoint)
    {
        this.instanceId = instanceId;
        this.hostEndpoint = hostEndpoint;
    }

    synchronized void unseat(final long instanceId)
    {
        if (this.instanceId == instanceId)
        {
            this.instanceId = 0;
            this.hostEndpoint = null;
        }
    }

    synchronized long lastEventSequence()
    {
        return eventSequence;
    }

    /**
     * @return true the first time only: the user was told to move to another gateway.
     */
    synchronized boolean markToldToMove()
    {
        final boolean first = !toldToMove;
        toldToMove = true;
        return first;
    }

    static long sequenceOf(final byte[] frame)
    {
        return new UnsafeBuffer(frame).getLong(EVENT_SEQUENCE_OFFSET, java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    static void write(final Channel channel, final byte[] frame)
    {
        channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(frame)));
    }
}
