package io.gamehall.replication;

import org.agrona.concurrent.BackoffIdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * The back-off every polling thread of gamehall uses when it finds no work (media drivers,
 * master nodes and clients, host runners and inbound thread, the gateway's host relay): spin a
 * few times, yield a few times, then park from 1 µs up to a longest park. The spins and yields
 * may be set for a whole JVM with {@code -Dgamehall.idle.spins=N} and
 * {@code -Dgamehall.idle.yields=N} (defaults 10 and 20): on a machine whose cores are all busy a
 * yield costs a system call and often a switch to another thread, so fewer yields spend less
 * CPU per wake-up at the price of parking sooner.
 */
public final class IdleStrategies
{
    /** Property: spins before yielding. */
    public static final String SPINS_PROPERTY = "gamehall.idle.spins";
    /** Property: yields before parking. */
    public static final String YIELDS_PROPERTY = "gamehall.idle.yields";
    /** Longest park unless a caller says otherwise: 100 µs. */
    public static final long DEFAULT_MAX_PARK_NS = TimeUnit.MICROSECONDS.toNanos(100);

    private static final long MIN_PARK_NS = TimeUnit.MICROSECONDS.toNanos(1);

    private IdleStrategies()
    {
    }

    /**
     * @return a new back-off strategy parking at most {@link #DEFAULT_MAX_PARK_NS}.
     */
    public static BackoffIdleStrategy backoff()
    {
        return backoff(DEFAULT_MAX_PARK_NS);
    }

    /**
     * @param maxParkNs longest park.
     * @return a new back-off strategy (one per thread: it keeps state).
     */
    public static BackoffIdleStrategy backoff(final long maxParkNs)
    {
        return new BackoffIdleStrategy(Long.getLong(SPINS_PROPERTY, 10), Long.getLong(YIELDS_PROPERTY, 20),
            MIN_PARK_NS, maxParkNs);
    }
}
