package io.gamehall.bot;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * What bots did: round trips of their requests and moves in HdrHistogram {@link Recorder}s
 * (microseconds), games, moves, and errors by code. Any number of bots may record into one
 * instance at once (a {@link BotFleet} shares one); {@link #snapshot()} reads it.
 */
public final class BotStats
{
    /** Longest round trip a histogram tracks; longer ones are recorded as this. */
    public static final long HIGHEST_TRACKABLE_MICROS = TimeUnit.MINUTES.toMicros(2);

    /** The timed operations, each from sending the request to its answer. */
    public enum Operation
    {
        /** Register or log in (the whole exchange, including a fall-back from one to the other). */
        LOGIN,
        /** Search for open instances. */
        SEARCH,
        /** Create an instance. */
        CREATE,
        /** Join an instance. */
        JOIN,
        /** A game move, from sending it to its GameAck. */
        MOVE,
        /** A resume after a lost connection, from noticing the loss to the session resumed (check-in included). */
        RESUME
    }

    /**
     * Round trips of one operation.
     *
     * @param count      how many.
     * @param p50Micros  median.
     * @param p99Micros  99th percentile.
     * @param maxMicros  largest.
     */
    public record Latency(long count, long p50Micros, long p99Micros, long maxMicros)
    {
        static Latency of(final Histogram histogram)
        {
            return new Latency(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(99), histogram.getMaxValue());
        }
    }

    /**
     * Counts since the stats were made, and round trips both since the previous snapshot
     * ({@code interval}) and since the start ({@code total}).
     *
     * @param gamesFinished games played to the end (GAME_OVER), counted once per game: by the bot in seat 0.
     * @param gamesPlayed   games played to the end, counted once per bot seated in them.
     * @param moves         moves acknowledged.
     * @param errors        failures by code: a {@code ClientCode} name, a {@code ClientFailure} name (failed on
     *                      the bot's side: CONNECTION_LOST, NOT_CONNECTED, ...), NO_ANSWER (timed out),
     *                      STALLED, GAVE_UP, KICKED_*, CLOSED_* (an instance closed otherwise than by game over).
     * @param lostRaces     joins refused because another player took the seat first (expected under load).
     * @param waitedOut     instances left because no opponent came in time.
     * @param stillSeated   creates and joins refused ALREADY_IN_INSTANCE just after a game closed (the master
     *                      frees the seat once the host has saved the game; retried).
     * @param lateMoves     moves answered UNKNOWN_INSTANCE by a game that had just ended: the host ends a game,
     *                      saves it, then tells the players it closed, and a move can arrive in between (one
     *                      sent on a state resent after a resume, or just before the opponent left).
     * @param disconnects   connections lost (the SDK reconnects).
     * @param resumes       sessions resumed after a reconnect.
     * @param interval      round trips since the previous snapshot.
     * @param total         round trips since the start.
     */
    public record Snapshot(long gamesFinished, long gamesPlayed, long moves, Map<String, Long> errors, long lostRaces,
        long waitedOut, long stillSeated, long lateMoves, long disconnects, long resumes, Map<Operation, Latency> interval,
        Map<Operation, Latency> total)
    {
        /**
         * @return all errors together.
         */
        public long errorCount()
        {
            long sum = 0;
            for (final long n : errors.values())
            {
                sum += n;
            }
            return sum;
        }
    }

    private final Map<Operation, Recorder> recorders = new EnumMap<>(Operation.class);
    private final Map<Operation, Histogram> totals = new EnumMap<>(Operation.class);
    private final Map<Operation, Histogram> intervals = new EnumMap<>(Operation.class);
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LongAdder gamesFinished = new LongAdder();
    private final LongAdder gamesPlayed = new LongAdder();
    private final LongAdder moves = new LongAdder();
    private final LongAdder lostRaces = new LongAdder();
    private final LongAdder waitedOut = new LongAdder();
    private final LongAdder stillSeated = new LongAdder();
    private final LongAdder lateMoves = new LongAdder();
    private final LongAdder disconnects = new LongAdder();
    private final LongAdder resumes = new LongAdder();

    public BotStats()
    {
        for (final Operation operation : Operation.values())
        {
            recorders.put(operation, new Recorder(HIGHEST_TRACKABLE_MICROS, 3));
            totals.put(operation, new Histogram(HIGHEST_TRACKABLE_MICROS, 3));
        }
    }

    /**
     * Record one round trip.
     *
     * @param operation  what was timed.
     * @param startNanos {@link System#nanoTime()} when the request was sent.
     */
    public void record(final Operation operation, final long startNanos)
    {
        final long micros = (System.nanoTime() - startNanos) / 1_000;
        recorders.get(operation).recordValue(Math.max(0, Math.min(micros, HIGHEST_TRACKABLE_MICROS)));
        if (operation == Operation.MOVE)
        {
            moves.increment();
        }
    }

    /**
     * @param code what failed, see {@link Snapshot#errors()}.
     */
    public void error(final String code)
    {
        errors.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    void gameOver(final boolean countsTheGame)
    {
        gamesPlayed.increment();
        if (countsTheGame)
        {
            gamesFinished.increment();
        }
    }

    void lostRace()
    {
        lostRaces.increment();
    }

    void waitedOut()
    {
        waitedOut.increment();
    }

    void stillSeated()
    {
        stillSeated.increment();
    }

    void lateMove()
    {
        lateMoves.increment();
    }

    void disconnected()
    {
        disconnects.increment();
    }

    void resumed()
    {
        resumes.increment();
    }

    /**
     * @return games finished so far (see {@link Snapshot#gamesFinished()}); cheap, does not touch the histograms.
     */
    public long gamesFinished()
    {
        return gamesFinished.sum();
    }

    /**
     * @return errors so far; cheap.
     */
    public long errorCount()
    {
        long sum = 0;
        for (final LongAdder n : errors.values())
        {
            sum += n.sum();
        }
        return sum;
    }

    /**
     * A copy of the round trips of one operation since the start, as of the latest {@link #snapshot()}
     * (call that first): for percentile distributions and reports.
     *
     * @param operation what was timed.
     * @return a histogram in microseconds, the caller's own.
     */
    public synchronized Histogram totalHistogram(final Operation operation)
    {
        return totals.get(operation).copy();
    }

    /**
     * Read everything; the round trips recorded since the previous snapshot form the interval.
     * One reader at a time (synchronized).
     *
     * @return the counts and latencies now.
     */
    public synchronized Snapshot snapshot()
    {
        final Map<Operation, Latency> interval = new EnumMap<>(Operation.class);
        final Map<Operation, Latency> total = new EnumMap<>(Operation.class);
        for (final Operation operation : Operation.values())
        {
            final Histogram recent = recorders.get(operation).getIntervalHistogram(intervals.get(operation));
            intervals.put(operation, recent);
            totals.get(operation).add(recent);
            interval.put(operation, Latency.of(recent));
            total.put(operation, Latency.of(totals.get(operation)));
        }
        final Map<String, Long> errorCounts = new TreeMap<>();
        errors.forEach((code, n) -> errorCounts.put(code, n.sum()));
        return new Snapshot(gamesFinished.sum(), gamesPlayed.sum(), moves.sum(), errorCounts, lostRaces.sum(),
            waitedOut.sum(), stillSeated.sum(), lateMoves.sum(), disconnects.sum(), resumes.sum(), interval, total);
    }
}
