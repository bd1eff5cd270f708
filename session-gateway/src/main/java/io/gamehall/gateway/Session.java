package io.gamehall.gateway;

import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;
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
    final long userId;
    final String name;
    private final KeptEvents recent;
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
        this.recent = new KeptEvents(keepEvents);
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
        recent.add(bytes);
        if (connection != null)
        {
            connection.send(bytes, 0, bytes.length);
        }
    }

    /**
     * Send an event encoded in {@code frame} from index 0 with any eventSequence: the session
     * numbers it there (the buffer is the caller's own), keeps a copy and writes it without a
     * flush. Allocates nothing once the kept events have come round.
     *
     * @return the connection written to, which the caller must flush, or null.
     */
    synchronized Connection event(final MutableDirectBuffer frame, final int length)
    {
        if (ended)
        {
            return null;
        }
        frame.putLong(KeptEvents.EVENT_SEQUENCE_OFFSET, ++eventSequence, ByteOrder.LITTLE_ENDIAN);
        final byte[] kept = recent.add(frame, length);
        final Connection to = connection;
        if (to != null)
        {
            to.sendUnflushed(kept, 0, length);
        }
        return to;
    }

    /**
     * Send an answer (not numbered, not kept).
     */
    synchronized void reply(final byte[] frame)
    {
        if (connection != null)
        {
            connection.send(frame, 0, frame.length);
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
        final long firstKept = recent.count() == 0 ? eventSequence + 1 : recent.sequence(0);
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
        for (int i = 0, n = recent.count(); i < n; i++)
        {
            if (recent.sequence(i) > lastSeen)
            {
                connection.send(recent.frame(i), 0, recent.length(i));
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
}
