package io.gamehall.aeron;

import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * A back-off that settles down when a thread has little to do: spin, yield, then park from
 * {@code minParkNs} doubling up to {@code maxParkNs}, as Agrona's back-off does; but a thread that
 * found work at most {@code quietWakeups} times in its last {@code windowNs} is quiet, and once
 * its parks reach {@code maxParkNs} it parks {@code quietParkNs} at a time. Work always starts the
 * back-off again from spinning, so a burst is served at the plain back-off's pace.
 *
 * <p>Why: a thread parked for 100 µs wakes 10,000 times a second to find nothing, and on a small
 * machine a wake-up costs 5–10 µs of CPU: an idle {@code gamehall local} (ten polling threads)
 * took ~45% of a core doing nothing. A count of wake-ups with work, rather than a time without
 * any, because Aeron's own agents (media driver, consensus module, archive) find a little work
 * many times a second even when nothing happens: heartbeats, status messages, timers (10–60 a
 * second each in an idle {@code gamehall local}). A thread under load (more wake-ups with work than
 * that) is never quiet, so its latency is the plain back-off's; a message to a quiet thread waits
 * up to one quiet park longer on it. The catch: the same count cannot tell an idle thread from
 * one at a light load (a few requests a second add fewer wake-ups than the heartbeats), and a
 * request that crosses several quiet threads waits on each; so {@link IdleSettings} leaves it
 * off for the polling threads unless asked for, and on for the journal's writer.
 *
 * <p>One instance per thread: it keeps state.
 */
public final class QuietingBackoffIdleStrategy implements IdleStrategy
{
    private static final int NOT_IDLE = 0;
    private static final int SPINNING = 1;
    private static final int YIELDING = 2;
    private static final int PARKING = 3;

    private final long maxSpins;
    private final long maxYields;
    private final long minParkNs;
    private final long maxParkNs;
    private final long windowNs;
    private final long quietWakeups;
    private final long quietParkNs;
    private final NanoClock clock;
    private final LongConsumer parker;

    private int state = NOT_IDLE;
    private long spins;
    private long yields;
    private long parkNs;
    private boolean quiet;
    private long windowStartNs;
    private long wakeupsInWindow;

    /**
     * @param maxSpins     spins before yielding.
     * @param maxYields    yields before parking.
     * @param minParkNs    first park.
     * @param maxParkNs    longest park while the thread is not quiet.
     * @param windowNs     how often the thread decides whether it is quiet.
     * @param quietWakeups a thread that found work at most this many times in a window is quiet.
     * @param quietParkNs  every park, after the back-off, of a quiet thread; at most {@code maxParkNs} turns
     *                     quieting off.
     */
    public QuietingBackoffIdleStrategy(final long maxSpins, final long maxYields, final long minParkNs,
        final long maxParkNs, final long windowNs, final long quietWakeups, final long quietParkNs)
    {
        this(maxSpins, maxYields, minParkNs, maxParkNs, windowNs, quietWakeups, quietParkNs, SystemNanoClock.INSTANCE,
            LockSupport::parkNanos);
    }

    QuietingBackoffIdleStrategy(final long maxSpins, final long maxYields, final long minParkNs,
        final long maxParkNs, final long windowNs, final long quietWakeups, final long quietParkNs,
        final NanoClock clock, final LongConsumer parker)
    {
        if (maxSpins < 0 || maxYields < 0 || minParkNs < 1 || maxParkNs < minParkNs || windowNs < 1 ||
            quietWakeups < 0)
        {
            throw new IllegalArgumentException("need spins >= 0, yields >= 0, 1 <= min park <= max park, window >= 1 " +
                "and quiet wake-ups >= 0: " + maxSpins + ", " + maxYields + ", " + minParkNs + ", " + maxParkNs +
                ", " + windowNs + ", " + quietWakeups);
        }
        this.maxSpins = maxSpins;
        this.maxYields = maxYields;
        this.minParkNs = minParkNs;
        this.maxParkNs = maxParkNs;
        this.windowNs = windowNs;
        this.quietWakeups = quietWakeups;
        this.quietParkNs = Math.max(maxParkNs, quietParkNs);
        this.clock = clock;
        this.parker = parker;
        windowStartNs = clock.nanoTime();
    }

    @Override
    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            reset();
        }
        else
        {
            idle();
        }
    }

    @Override
    public void idle()
    {
        if (state == NOT_IDLE)
        {
            state = SPINNING;
            spins = 0;
            yields = 0;
        }
        if (state == SPINNING)
        {
            if (spins < maxSpins)
            {
                spins++;
                Thread.onSpinWait();
                return;
            }
            state = YIELDING;
        }
        if (state == YIELDING)
        {
            if (yields < maxYields)
            {
                yields++;
                Thread.yield();
                return;
            }
            state = PARKING;
            parkNs = minParkNs;
        }
        park();
    }

    private void park()
    {
        final long thisPark;
        if (parkNs < maxParkNs)
        {
            thisPark = parkNs;
            parkNs = Math.min(parkNs << 1, maxParkNs);
        }
        else
        {
            thisPark = quietNow() ? quietParkNs : maxParkNs;
        }
        parker.accept(thisPark);
    }

    private boolean quietNow()
    {
        if (quietParkNs <= maxParkNs)
        {
            return false;
        }
        final long nowNs = clock.nanoTime();
        final long elapsedNs = nowNs - windowStartNs;
        if (elapsedNs >= windowNs)
        {
            // over a longer span than one window (the thread did not park its longest for a while): the rate
            quiet = wakeupsInWindow <= quietWakeups * (double)elapsedNs / windowNs;
            wakeupsInWindow = 0;
            windowStartNs = nowNs;
        }
        return quiet;
    }

    @Override
    public void reset()
    {
        if (state != NOT_IDLE)
        {
            wakeupsInWindow++;
        }
        state = NOT_IDLE;
    }

    /**
     * @return whether the thread was quiet in its last window: after the back-off it parks {@code quietParkNs}.
     */
    public boolean quiet()
    {
        return quiet;
    }

    @Override
    public String alias()
    {
        return "backoff-quieting";
    }

    @Override
    public String toString()
    {
        return "QuietingBackoffIdleStrategy{spins=" + maxSpins + ", yields=" + maxYields + ", minParkNs=" +
            minParkNs + ", maxParkNs=" + maxParkNs + ", windowNs=" + windowNs + ", quietWakeups=" + quietWakeups + ", quietParkNs=" +
            quietParkNs + '}';
    }
}
