package io.gamehall.store.bench;

import io.gamehall.store.GameEvent;
import io.gamehall.store.GamePlayer;
import io.gamehall.store.GameRecord;
import io.gamehall.store.PlayerOutcome;
import io.gamehall.store.Store;
import io.gamehall.store.StoreConfig;
import io.gamehall.store.StoreType;
import io.gamehall.store.kv.Keyspace;
import io.gamehall.store.open.Stores;
import io.gamehall.store.support.CouchbaseMockCluster;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * Ops/s and latency percentiles of each store implementation for three operations: a get (read a
 * backup), a CAS write (save the next version of a backup: read, compare, replace) and a history
 * append (save a two-player game: insert the game, then add it to both players' histories).
 * <p>
 * Each phase runs a fixed number of operations from one driver thread that keeps up to
 * {@code window} operations in flight; latency is from submission to completion. Every phase is
 * also capped in time. Run once with
 * {@code mvn -B -q -pl sbe-schemas,store verify -DskipTests -Pstore-bench}; figures are in the
 * store README. The Couchbase figures are those of CouchbaseMock in the same JVM, not of a
 * Couchbase cluster.
 */
public final class StoreBenchmarkMain
{
    private static final int KEYS = 1_000;
    private static final int STATE_BYTES = 1_024;
    private static final int EVENTS_PER_GAME = 20;
    private static final long PHASE_CAP_NS = TimeUnit.SECONDS.toNanos(30);

    private StoreBenchmarkMain()
    {
    }

    /**
     * @param args {@code [chronicle|couchbase|both] [operations per phase, chronicle] [operations per phase, couchbase]}.
     * @throws Exception when a store cannot be opened.
     */
    public static void main(final String[] args) throws Exception
    {
        final String which = args.length > 0 ? args[0] : "both";
        final int chronicleOps = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        final int couchbaseOps = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        System.out.printf(Locale.ROOT, "%-10s %-15s %6s %9s %9s %9s %9s %9s %9s %9s%n",
            "store", "operation", "window", "ops", "ops/s", "p50 us", "p90 us", "p99 us", "p99.9 us", "max us");
        if (!"couchbase".equals(which))
        {
            final Path dir = Files.createTempDirectory("store-bench");
            try
            {
                final StoreConfig config = new StoreConfig()
                    .type(StoreType.CHRONICLE)
                    .chronicleDir(dir.toFile())
                    .chronicleEntries(Keyspace.GAME, 4L * chronicleOps)
                    .chronicleAverageValueBytes(Keyspace.GAME, 1024)
                    .chronicleEntries(Keyspace.HISTORY, 2L * chronicleOps);
                run("chronicle", config, chronicleOps);
            }
            finally
            {
                deleteTree(dir.toFile());
            }
        }
        if (!"chronicle".equals(which))
        {
            try (CouchbaseMockCluster cluster = CouchbaseMockCluster.start())
            {
                run("couchbase", cluster.storeConfig(), couchbaseOps);
            }
        }
    }

    private static void run(final String name, final StoreConfig config, final int ops) throws Exception
    {
        try (Store store = Stores.open(config))
        {
            final byte[] state = new byte[STATE_BYTES];
            final long[] versions = new long[KEYS];
            for (int i = 0; i < KEYS; i++)
            {
                store.saveBackup(i + 1, ++versions[i], state).get(30, TimeUnit.SECONDS);
            }
            final long[] nextGame = {1};
            final LongFunction<CompletableFuture<?>> get = (i) -> store.backup(i % KEYS + 1);
            final LongFunction<CompletableFuture<?>> casWrite = (i) ->
            {
                final int key = (int)(i % KEYS);
                return store.saveBackup(key + 1, ++versions[key], state);
            };
            final LongFunction<CompletableFuture<?>> historyAppend = (i) -> store.saveGame(game(nextGame[0]++, i));

            for (final int window : new int[] {1, 32})
            {
                final int count = window == 1 ? Math.max(1, ops / 5) : ops;
                phase(name, "warm-up", window, count / 5, get, false);
                phase(name, "get", window, count, get, true);
                phase(name, "CAS write", window, count, casWrite, true);
                phase(name, "history append", window, count, historyAppend, true);
            }
            System.out.printf(Locale.ROOT, "%-10s counters %s%n", name, store.counters());
        }
    }

    private static GameRecord game(final long gameId, final long i)
    {
        final long a = i % KEYS + 1;
        final long b = (i * 7 + 3) % KEYS + 1;
        final long other = a == b ? b % KEYS + 1 : b;
        final List<GameEvent> events = new ArrayList<>(EVENTS_PER_GAME);
        for (int e = 0; e < EVENTS_PER_GAME; e++)
        {
            events.add(new GameEvent(1_000 + e, e % 2 == 0 ? a : other, 1, new byte[16]));
        }
        return new GameRecord(gameId, 7, 1_000, 1_000 + EVENTS_PER_GAME,
            List.of(new GamePlayer(a, PlayerOutcome.WIN), new GamePlayer(other, PlayerOutcome.LOSS)), events, "bench");
    }

    private static void phase(
        final String store,
        final String operation,
        final int window,
        final int count,
        final LongFunction<CompletableFuture<?>> submit,
        final boolean print) throws InterruptedException
    {
        final Histogram histogram = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
        final Semaphore inFlight = new Semaphore(window);
        final long[] failures = new long[1];
        final long start = System.nanoTime();
        int submitted = 0;
        for (; submitted < count && System.nanoTime() - start < PHASE_CAP_NS; submitted++)
        {
            inFlight.acquire();
            final long begin = System.nanoTime();
            submit.apply(submitted).whenComplete((result, error) ->
            {
                histogram.recordValue(System.nanoTime() - begin);
                if (error != null)
                {
                    synchronized (failures)
                    {
                        failures[0]++;
                    }
                }
                inFlight.release();
            });
        }
        if (!inFlight.tryAcquire(window, 60, TimeUnit.SECONDS))
        {
            throw new IllegalStateException(operation + ": operations still running after 60 s");
        }
        final long elapsedNs = System.nanoTime() - start;
        if (print)
        {
            System.out.printf(Locale.ROOT, "%-10s %-15s %6d %9d %9.0f %9.1f %9.1f %9.1f %9.1f %9.1f%s%n",
                store, operation, window, submitted, submitted * 1e9 / elapsedNs,
                histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(90) / 1e3,
                histogram.getValueAtPercentile(99) / 1e3, histogram.getValueAtPercentile(99.9) / 1e3,
                histogram.getMaxValue() / 1e3, failures[0] > 0 ? "  FAILED: " + failures[0] : "");
        }
    }

    private static void deleteTree(final File dir) throws IOException
    {
        try (Stream<Path> paths = Files.walk(dir.toPath()))
        {
            paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
        }
    }
}
