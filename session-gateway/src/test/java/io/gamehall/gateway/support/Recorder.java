package io.gamehall.gateway.support;

import io.gamehall.client.GameClientListener;
import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.CloseCause;
import io.gamehall.sbe.client.KickCause;
import io.gamehall.sbe.client.ResumeKind;
import org.agrona.DirectBuffer;

import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A listener that queues what a client hears, as text lines and payloads, for tests to wait on.
 */
public final class Recorder implements GameClientListener
{
    /**
     * One thing heard.
     *
     * @param what    EVENT, ACK, ERROR, PRESENCE, CLOSED, MOVED, KICKED, DISCONNECTED, RESUMED, GAVE_UP, GATEWAYS.
     * @param detail  kind, code, cause... as text.
     * @param id      instance id or sequence, as fits.
     * @param payload event bytes.
     */
    public record Heard(String what, String detail, long id, long sequence, byte[] payload)
    {
    }

    private static final int HISTORY = 64;

    private final BlockingQueue<Heard> heard = new LinkedBlockingQueue<>();
    /** The last things heard, taken or not, with the time heard: what a failed wait reports. */
    private final ArrayDeque<String> history = new ArrayDeque<>();

    private void add(final Heard h)
    {
        synchronized (history)
        {
            if (history.size() == HISTORY)
            {
                history.removeFirst();
            }
            history.addLast(LocalTime.now() + " " + h.what() + " " + h.detail() +
                (h.payload() == null ? "" : " " + h.payload().length + " bytes"));
        }
        heard.add(h);
    }

    /**
     * @return the last things heard (taken or not), oldest first, with the time each was heard.
     */
    private List<String> history()
    {
        synchronized (history)
        {
            return new ArrayList<>(history);
        }
    }

    public void onGameEvent(final long instanceId, final int kind, final DirectBuffer payload, final int offset,
        final int length)
    {
        final byte[] bytes = new byte[length];
        payload.getBytes(offset, bytes);
        add(new Heard("EVENT", Integer.toString(kind), instanceId, 0, bytes));
    }

    public void onGameAck(final long instanceId, final long sequence)
    {
        add(new Heard("ACK", "", instanceId, sequence, null));
    }

    public void onGameError(final long instanceId, final long sequence, final ClientCode code, final String reason)
    {
        add(new Heard("ERROR", code + " " + reason, instanceId, sequence, null));
    }

    public void onPresence(final long instanceId, final long userId, final boolean seated)
    {
        add(new Heard("PRESENCE", seated ? "SEATED" : "LEFT", instanceId, userId, null));
    }

    public void onInstanceClosed(final long instanceId, final CloseCause cause, final String summary)
    {
        add(new Heard("CLOSED", cause + " " + summary, instanceId, 0, null));
    }

    public void onInstanceMoved(final long instanceId)
    {
        add(new Heard("MOVED", "", instanceId, 0, null));
    }

    public void onKicked(final KickCause cause)
    {
        add(new Heard("KICKED", cause.name(), 0, 0, null));
    }

    public void onDisconnected(final String reason)
    {
        add(new Heard("DISCONNECTED", reason, 0, 0, null));
    }

    public void onResumed(final ResumeKind kind, final String gatewayUrl)
    {
        add(new Heard("RESUMED", kind + " " + gatewayUrl, 0, 0, null));
    }

    public void onGaveUp(final String reason)
    {
        add(new Heard("GAVE_UP", reason, 0, 0, null));
    }

    /**
     * Wait for the first thing heard that matches, dropping what comes before it.
     */
    public Heard await(final Predicate<Heard> match, final long timeoutMs)
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        final List<Heard> skipped = new ArrayList<>();
        while (true)
        {
            final long left = deadline - System.currentTimeMillis();
            final Heard next;
            try
            {
                next = left <= 0 ? null : heard.poll(left, TimeUnit.MILLISECONDS);
            }
            catch (final InterruptedException ex)
            {
                throw new AssertionError(ex);
            }
            if (next == null)
            {
                throw new AssertionError("nothing matching within " + timeoutMs + " ms (until " + LocalTime.now() +
                    "); skipped " + skipped + "; the last things heard: " + history());
            }
            if (match.test(next))
            {
                return next;
            }
            skipped.add(next);
        }
    }

    public Heard await(final String what, final long timeoutMs)
    {
        return await(h -> h.what().equals(what), timeoutMs);
    }

    /**
     * Wait until a player's seat in an instance is announced. The host announces a seat before
     * its game hears of the player, on the game's thread: once a player heard it, a move sent
     * finds the game started. (The answer to a join comes from the master and may arrive first.)
     */
    public Heard awaitSeated(final long instanceId, final long userId, final long timeoutMs)
    {
        return await(h -> h.what().equals("PRESENCE") && h.detail().equals("SEATED") && h.id() == instanceId &&
            h.sequence() == userId, timeoutMs);
    }

    /**
     * @return what was heard and not yet taken.
     */
    public List<Heard> drain()
    {
        final List<Heard> all = new ArrayList<>();
        heard.drainTo(all);
        return all;
    }
}
