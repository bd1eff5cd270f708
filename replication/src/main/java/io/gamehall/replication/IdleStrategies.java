package io.gamehall.replication;

import java.util.concurrent.TimeUnit;

/**
 * The back-off every polling thread of gamehall uses when it finds no work (media drivers,
 * master nodes and clients, host runners and inbound thread, the gateway's host relay): spin a
 * few times, yield a few times, then park from 1 µs up to a longest park; a thread that found work
 * at most 100 times in the last second is quiet and then parks 1 ms at a time
 * ({@link QuietingBackoffIdleStrategy}). Each may be set for a whole JVM:
 * <ul>
 * <li>{@code -Dgamehall.idle.spins=N} and {@code -Dgamehall.idle.yields=N} (defaults 10 and 20): on
 * a machine whose cores are all busy a yield costs a system call and often a switch to another
 * thread, so fewer yields spend less CPU per wake-up at the price of parking sooner;</li>
 * <li>{@code -Dgamehall.idle.quietWakeups=N} (default 100 a second) and
 * {@code -Dgamehall.idle.quietParkUs=N} (default 1000; at most the longest park turns quieting
 * off): an idle process then wakes each thread 1,000 times a second rather than 10,000, and a
 * message to a quiet thread waits up to one quiet park longer on it.</li>
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
    /** Property: microseconds of each park once a thread is quiet. */
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
    public static QuietingBackoffIdleStrategy backoff()
    {
        return backoff(DEFAULT_MAX_PARK_NS);
    }

    /**
     * @param maxParkNs longest park.
     * @return a new back-off strategy (one per thread: it keeps state).
     */
    public static QuietingBackoffIdleStrategy backoff(final long maxParkNs)
    {
        return new QuietingBackoffIdleStrategy(Long.getLong(SPINS_PROPERTY, 10), Long.getLong(YIELDS_PROPERTY, 20),
            MIN_PARK_NS, maxParkNs, QUIET_WINDOW_NS, Long.getLong(QUIET_WAKEUPS_PROPERTY, 100),
            TimeUnit.MICROSECONDS.toNanos(Long.getLong(QUIET_PARK_PROPERTY, 1_000)));
    }

    /**
     * For a thread that gathers work while it sleeps (the journal's writer): sleep {@code pauseNs}
     * between rounds, {@code quietPauseNs} while quiet (the same rule as {@link #backoff(long)}).
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
