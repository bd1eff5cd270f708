package io.gamehall.aeron;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * How the polling threads of one component wait when they find no work (media drivers, master
 * nodes and clients, host runners and inbound thread, the gateway's host relay, the journal's
 * writer): a setting of that component's {@code Context}, with a default that suits a small
 * machine. By default ({@link #DEFAULT}) a thread spins {@value #DEFAULT_SPINS} times, yields
 * {@value #DEFAULT_YIELDS} times, then parks from 1 µs doubling up to {@value #DEFAULT_MAX_PARK_US} µs
 * (Agrona's {@link BackoffIdleStrategy}).
 * <ul>
 * <li>{@code spins}, {@code yields}: on a machine whose cores are all busy a yield costs a system call
 * and often a switch to another thread, so fewer yields spend less CPU per wake-up at the price of
 * parking sooner;</li>
 * <li>{@code quietParkMicros} (default 0: off) and {@code quietWakeups} (default
 * {@value #DEFAULT_QUIET_WAKEUPS} a second): opt-in quiet threads ({@link QuietingBackoffIdleStrategy}).
 * A thread that found work at most that many times in the last second parks this long at a time
 * after its back-off: an idle {@code gamehall local} then takes 16–20% of a core instead of ~44%, but at
 * a light load (a few master requests a second) a lobby request crosses several quiet threads and takes
 * ~4–8 ms longer, so it is off unless asked for. A quiet park no longer than the longest park is off.</li>
 * </ul>
 * Immutable; {@link #newStrategy()} makes the strategy of one thread (a strategy keeps state).
 *
 * @param kind            how a thread waits; {@link IdleKind#BUSY_SPIN} burns a core per thread.
 * @param spins           spins before yielding ({@link IdleKind#BACKOFF}).
 * @param yields          yields before parking ({@link IdleKind#BACKOFF}).
 * @param maxParkMicros   longest park of the back-off, at least 1.
 * @param quietParkMicros each park of a quiet thread after its back-off; 0 or at most {@code maxParkMicros}: off.
 * @param quietWakeups    a thread that found work at most this many times in the last second is quiet.
 */
public record IdleSettings(IdleKind kind, long spins, long yields, long maxParkMicros, long quietParkMicros,
    long quietWakeups)
{
    /** Spins before yielding unless set otherwise. */
    public static final long DEFAULT_SPINS = 10;
    /** Yields before parking unless set otherwise. */
    public static final long DEFAULT_YIELDS = 20;
    /** Longest park of the back-off unless set otherwise, µs. */
    public static final long DEFAULT_MAX_PARK_US = 100;
    /** Quiet threads are off unless asked for. */
    public static final long DEFAULT_QUIET_PARK_US = 0;
    /** What "quiet" means unless set otherwise: found work at most this many times in a second. */
    public static final long DEFAULT_QUIET_WAKEUPS = 100;
    /** The back-off, no quiet threads. */
    public static final IdleSettings DEFAULT = new IdleSettings(IdleKind.BACKOFF, DEFAULT_SPINS, DEFAULT_YIELDS,
        DEFAULT_MAX_PARK_US, DEFAULT_QUIET_PARK_US, DEFAULT_QUIET_WAKEUPS);

    private static final long MIN_PARK_NS = TimeUnit.MICROSECONDS.toNanos(1);
    private static final long QUIET_WINDOW_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long SLEEP_MS = 1;

    /**
     * Checks every value.
     *
     * @throws IllegalArgumentException naming the first value out of range.
     */
    public IdleSettings
    {
        if (kind == null)
        {
            throw new IllegalArgumentException("idle kind missing: one of BACKOFF, YIELDING, BUSY_SPIN, SLEEPING");
        }
        requireAtLeast("idle spins", spins, 0);
        requireAtLeast("idle yields", yields, 0);
        requireAtLeast("longest park (µs)", maxParkMicros, 1);
        requireAtLeast("quiet park (µs)", quietParkMicros, 0);
        requireAtLeast("quiet wake-ups", quietWakeups, 0);
        if (maxParkMicros > TimeUnit.SECONDS.toMicros(1) || quietParkMicros > TimeUnit.SECONDS.toMicros(1))
        {
            throw new IllegalArgumentException("a park of more than 1 s (1000000 µs) is not an idle strategy: longest park " +
                maxParkMicros + " µs, quiet park " + quietParkMicros + " µs");
        }
    }

    private static void requireAtLeast(final String name, final long value, final long min)
    {
        if (value < min)
        {
            throw new IllegalArgumentException(name + " must be at least " + min + ": " + value);
        }
    }

    /**
     * @param kind how a thread waits.
     * @return these settings with that kind.
     */
    public IdleSettings withKind(final IdleKind kind)
    {
        return new IdleSettings(kind, spins, yields, maxParkMicros, quietParkMicros, quietWakeups);
    }

    /**
     * @param spins spins before yielding.
     * @return these settings with that many spins.
     */
    public IdleSettings withSpins(final long spins)
    {
        return new IdleSettings(kind, spins, yields, maxParkMicros, quietParkMicros, quietWakeups);
    }

    /**
     * @param yields yields before parking.
     * @return these settings with that many yields.
     */
    public IdleSettings withYields(final long yields)
    {
        return new IdleSettings(kind, spins, yields, maxParkMicros, quietParkMicros, quietWakeups);
    }

    /**
     * @param maxParkMicros longest park of the back-off.
     * @return these settings with that longest park.
     */
    public IdleSettings withMaxParkMicros(final long maxParkMicros)
    {
        return new IdleSettings(kind, spins, yields, maxParkMicros, quietParkMicros, quietWakeups);
    }

    /**
     * @param quietParkMicros each park of a quiet thread; 0: off.
     * @return these settings with that quiet park.
     */
    public IdleSettings withQuietParkMicros(final long quietParkMicros)
    {
        return new IdleSettings(kind, spins, yields, maxParkMicros, quietParkMicros, quietWakeups);
    }

    /**
     * @param quietWakeups a thread that found work at most this many times in a second is quiet.
     * @return these settings with that threshold.
     */
    public IdleSettings withQuietWakeups(final long quietWakeups)
    {
        return new IdleSettings(kind, spins, yields, maxParkMicros, quietParkMicros, quietWakeups);
    }

    /**
     * @return a new strategy for one thread (it keeps state): the back-off (quieting when a quiet park
     * longer than the longest park is set), yielding, busy spinning or sleeping 1 ms.
     */
    public IdleStrategy newStrategy()
    {
        return switch (kind)
        {
            case BACKOFF -> backoff();
            case YIELDING -> new YieldingIdleStrategy();
            case BUSY_SPIN -> new BusySpinIdleStrategy();
            case SLEEPING -> new SleepingMillisIdleStrategy(SLEEP_MS);
        };
    }

    private IdleStrategy backoff()
    {
        final long maxParkNs = TimeUnit.MICROSECONDS.toNanos(maxParkMicros);
        final long quietParkNs = TimeUnit.MICROSECONDS.toNanos(quietParkMicros);
        if (quietParkNs <= maxParkNs)
        {
            return new BackoffIdleStrategy(spins, yields, MIN_PARK_NS, maxParkNs);
        }
        return new QuietingBackoffIdleStrategy(spins, yields, MIN_PARK_NS, maxParkNs, QUIET_WINDOW_NS, quietWakeups,
            quietParkNs);
    }

    /**
     * For a thread that gathers work while it sleeps and that no request waits for (the journal's
     * writer): sleep {@code pauseNs} between rounds, {@code quietPauseNs} while quiet (found work at
     * most {@link #quietWakeups()} times in the last second), whatever the kind and quiet park say.
     *
     * @param pauseNs      each sleep while the thread is not quiet.
     * @param quietPauseNs each sleep while it is.
     * @return a new strategy (one per thread: it keeps state).
     */
    public QuietingBackoffIdleStrategy pausing(final long pauseNs, final long quietPauseNs)
    {
        return new QuietingBackoffIdleStrategy(0, 0, pauseNs, pauseNs, QUIET_WINDOW_NS, quietWakeups, quietPauseNs);
    }
}
