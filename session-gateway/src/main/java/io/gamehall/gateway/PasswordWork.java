package io.gamehall.gateway;

import io.gamehall.sbe.client.ClientCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The password hashing threads and their bounded, fair queue. Jobs wait in a queue per client
 * address ({@link AddressKey}) and the threads take one job from each address in turn, so a
 * client whose address has nothing waiting is served after at most one job of each other
 * address, however many those have queued: a flood from a few addresses does not hold up
 * everybody else. Bounds, each answered at once with OVERLOADED:
 * <ul>
 * <li>{@code perAddress}: jobs of one address queued or running at a time;</li>
 * <li>{@code capacity}: jobs waiting in all. When it is full, a job of an address with fewer
 * jobs waiting than the address with the most takes the newest job of that one's place (that
 * job is answered OVERLOADED); otherwise the new job is refused.</li>
 * </ul>
 * Thread-safe.
 */
final class PasswordWork implements AutoCloseable
{
    /** What a client is told to wait before trying again after OVERLOADED. */
    static final long RETRY_AFTER_MS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(PasswordWork.class);

    private final int capacity;
    private final int perAddress;
    private final Thread[] threads;
    /** Waiting jobs per address; an address is in {@link #turns} while it has any. */
    private final Map<String, ArrayDeque<Job<?>>> waiting = new HashMap<>();
    private final ArrayDeque<String> turns = new ArrayDeque<>();
    private final Map<String, Integer> inFlight = new HashMap<>();
    private int waitingCount;
    private boolean closed;

    private record Job<T>(String address, Supplier<T> work, CompletableFuture<T> result)
    {
        void run()
        {
            try
            {
                result.complete(work.get());
            }
            catch (final Throwable ex)
            {
                result.completeExceptionally(ex);
            }
        }
    }

    /**
     * @param threadCount hashing threads.
     * @param capacity    jobs waiting at most.
     * @param perAddress  jobs queued or running per address at most.
     */
    PasswordWork(final int threadCount, final int capacity, final int perAddress)
    {
        this.capacity = capacity;
        this.perAddress = perAddress;
        this.threads = new Thread[threadCount];
        for (int i = 0; i < threadCount; i++)
        {
            threads[i] = new Thread(this::work, "gateway-auth-" + (i + 1));
            threads[i].setDaemon(true);
            threads[i].start();
        }
    }

    /**
     * Run a hashing job on the hashing threads.
     *
     * @param address the client's address key.
     * @param work    the job.
     * @return its result; fails with {@link LoginRefused} OVERLOADED when refused (or later,
     * when a job of a less busy address took its place).
     */
    <T> CompletableFuture<T> submit(final String address, final Supplier<T> work)
    {
        final Job<T> job = new Job<>(address, work, new CompletableFuture<>());
        final Job<?> displaced;
        synchronized (this)
        {
            if (closed)
            {
                return CompletableFuture.failedFuture(new LoginRefused(ClientCode.OVERLOADED,
                    "the gateway is closing", RETRY_AFTER_MS));
            }
            if (inFlight.getOrDefault(address, 0) >= perAddress)
            {
                return overloaded("too many logins from your address at once; try again shortly");
            }
            displaced = waitingCount >= capacity ? makeRoomFor(address) : null;
            if (waitingCount >= capacity)
            {
                return overloaded("the gateway is busy checking passwords; try again shortly");
            }
            final ArrayDeque<Job<?>> queue = waiting.computeIfAbsent(address, a -> new ArrayDeque<>());
            if (queue.isEmpty())
            {
                turns.addLast(address);
            }
            queue.addLast(job);
            waitingCount++;
            inFlight.merge(address, 1, Integer::sum);
            notify();
        }
        if (displaced != null)
        {
            displaced.result().completeExceptionally(new LoginRefused(ClientCode.OVERLOADED,
                "the gateway is busy checking passwords; try again shortly", RETRY_AFTER_MS));
        }
        return job.result();
    }

    /**
     * The queue is full: take the newest job of the address with the most waiting, if it has
     * more waiting than {@code address} would have with one more.
     *
     * @return the job taken out (to be answered OVERLOADED outside the lock), or null.
     */
    private Job<?> makeRoomFor(final String address)
    {
        final ArrayDeque<Job<?>> own = waiting.get(address);
        final int ownAfter = (own == null ? 0 : own.size()) + 1;
        String busiest = null;
        int most = 0;
        for (final String candidate : turns)
        {
            final int size = waiting.get(candidate).size();
            if (size > most)
            {
                most = size;
                busiest = candidate;
            }
        }
        if (busiest == null || most <= ownAfter)
        {
            return null;
        }
        final ArrayDeque<Job<?>> queue = waiting.get(busiest);
        final Job<?> taken = queue.pollLast();
        waitingCount--;
        release(busiest);
        if (queue.isEmpty())
        {
            waiting.remove(busiest);
            turns.remove(busiest);
        }
        return taken;
    }

    private void work()
    {
        while (true)
        {
            final Job<?> job;
            synchronized (this)
            {
                while (turns.isEmpty() && !closed)
                {
                    try
                    {
                        wait();
                    }
                    catch (final InterruptedException ex)
                    {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (closed)
                {
                    return;
                }
                final String address = turns.pollFirst();
                final ArrayDeque<Job<?>> queue = waiting.get(address);
                job = queue.pollFirst();
                waitingCount--;
                if (queue.isEmpty())
                {
                    waiting.remove(address);
                }
                else
                {
                    turns.addLast(address);
                }
            }
            try
            {
                job.run();
            }
            catch (final RuntimeException ex)
            {
                LOG.warn("a password job failed: {}", ex.toString());
            }
            finally
            {
                synchronized (this)
                {
                    release(job.address());
                }
            }
        }
    }

    private void release(final String address)
    {
        inFlight.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    private static <T> CompletableFuture<T> overloaded(final String message)
    {
        return CompletableFuture.failedFuture(new LoginRefused(ClientCode.OVERLOADED, message, RETRY_AFTER_MS));
    }

    /**
     * @return jobs waiting now.
     */
    synchronized int queued()
    {
        return waitingCount;
    }

    /**
     * Stop the threads; jobs still waiting are answered OVERLOADED.
     */
    @Override
    public void close()
    {
        final ArrayDeque<Job<?>> dropped = new ArrayDeque<>();
        synchronized (this)
        {
            closed = true;
            for (final ArrayDeque<Job<?>> queue : waiting.values())
            {
                dropped.addAll(queue);
            }
            waiting.clear();
            turns.clear();
            waitingCount = 0;
            notifyAll();
        }
        for (final Job<?> job : dropped)
        {
            job.result().completeExceptionally(new LoginRefused(ClientCode.OVERLOADED, "the gateway is closing",
                RETRY_AFTER_MS));
        }
        for (final Thread thread : threads)
        {
            thread.interrupt();
        }
    }
}
