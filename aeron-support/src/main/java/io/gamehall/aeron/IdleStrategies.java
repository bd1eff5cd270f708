package io.gamehall.aeron;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * The back-off every polling thread of gamehall uses when it finds no work (media drivers,
 * master nodes and clients, host runners and inbound thread, the gateway's host relay): spin a
 * few times, yield a few times, then park from 1 µs up to a longest park (Agrona's
 * {@link BackoffIdleStrategy}, or {@link QuietingBackoffIdleStrategy} when quiet threads are asked
 * for). Each may be set for a whole JVM:
 * <ul>
 * <li>{@code -Dgamehall.idle.spins=N} and {@code -Dgamehall.idle.yields=N} (defaults 10 and 20): on
 * a machine whose cores are all busy a yield costs a system call and often a switch to another
 * thread, so fewer yields spend less CPU per wake-up at the price of parking sooner;</li>
 * <li>{@code -Dgamehall.idle.quietParkUs=N} (default 0: off) and
 * {@code -Dgamehall.idle.quietWakeups=N} (default 100 a second): opt-in quiet threads. A thread
 * that found work at most that many times in the last second parks N µs at a time after its
 * back-off: an idle {@code gamehall local} then takes 16–20% of a core instead of ~44%, but at a
 * light load (a few master requests a second) a lobby request crosses several quiet threads and
 * takes ~4–8 ms longer, so it is off unless asked for.</li>
 * </ul>
 */
public final class IdleStrategies
{
    /** Property: spins before yielding. */
    public static final String SPINS_PROPERTY = "gamehall.idle.spins";
    /** Property: yields before parking. */
    public static final String YIELDS_PROPERTY = "gamehall.idle.yields";
    /** Property: a thread that found work at most this many times in the last second is quiet. */
    public static final String QUIET_WAKEUPS_PROPERTY = "gamehall.idle.quietWakeups";
    /** Property: microseconds of each park once a thread is quiet; 0 (the default) or at most the longest park: off. */
    public static final String QUIET_PARK_PROPERTY = "gamehall.idle.quietParkUs";
    /** Longest park unless a caller says otherwise: 100 µs. */
    public static final long DEFAULT_MAX_PARK_NS = TimeUnit.MICROSECONDS.toNanos(100);

    private static final long MIN_PARK_NS = TimeUnit.MICROSECONDS.toNanos(1);
    private static final long QUIET_WINDOW_NS = TimeUnit.SECONDS.toNanos(1);

    private IdleStrategies()
    {
    }

    /**
     * @return a new back-off strategy parking at most {@link #DEFAULT_MAX_PARK_NS}.
     */
    public static IdleStrategy backoff()
    {
        return backoff(DEFAULT_MAX_PARK_NS);
    }

    /**
     * @param maxParkNs longest park.
     * @return a new back-off strategy (one per thread: it keeps state).
     */
    public static IdleStrategy backoff(final long maxParkNs)
    {
        final long spins = Long.getLong(SPINS_PROPERTY, 10);
        final long yields = Long.getLong(YIELDS_PROPERTY, 20);
        final long quietParkNs = TimeUnit.MICROSECONDS.toNanos(Long.getLong(QUIET_PARK_PROPERTY, 0));
        if (quietParkNs <= maxParkNs)
        {
            return new BackoffIdleStrategy(spins, yields, MIN_PARK_NS, maxParkNs);
        }
        return new QuietingBackoffIdleStrategy(spins, yields, MIN_PARK_NS, maxParkNs, QUIET_WINDOW_NS,
            Long.getLong(QUIET_WAKEUPS_PROPERTY, 100), quietParkNs);
    }

    /**
     * For a thread that gathers work while it sleeps and that no request waits for (the journal's
     * writer): sleep {@code pauseNs} between rounds, {@code quietPauseNs} while quiet (found work at
     * most {@code gamehall.idle.quietWakeups} times in the last second), whatever
     * {@code gamehall.idle.quietParkUs} says.
     *
     * @param pauseNs      each sleep while the thread is not quiet.
     * @param quietPauseNs each sleep while it is.
     * @return a new strategy (one per thread: it keeps state).
     */
    public static QuietingBackoffIdleStrategy pausing(final long pauseNs, final long quietPauseNs)
    {
        return new QuietingBackoffIdleStrategy(0, 0, pauseNs, pauseNs, QUIET_WINDOW_NS,
            Long.getLong(QUIET_WAKEUPS_PROPERTY, 100), quietPauseNs);
    }
}
