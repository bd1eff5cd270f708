package io.gamehall.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Runs operations so that those on one key run one after another in submission order, while
 * different keys spread over several worker threads ("lanes"): a key's hash picks its lane, and
 * each lane runs its queue in order. Operations block on I/O, so lanes are plain threads that
 * sleep on their queue: an idle store costs no CPU on a shared machine.
 * <p>
 * Each lane's queue is bounded. A submitter that finds it full waits up to {@code submitWaitMs}
 * for room and then gets a future failed with {@link StoreError#OVERLOADED}: back-pressure that
 * the caller sees at once instead of an unbounded backlog. Each operation has a deadline; when it
 * passes, the future fails with {@link StoreError#TIMEOUT} (an operation still queued then is
 * dropped, one already running finishes in the background and its result is discarded).
 * <p>
 * An operation submitted with a {@link RetryPolicy} that fails with a retryable error is tried
 * again after the pause the policy gives, without holding its lane: the lane goes on with other
 * keys, and later operations on the same key wait (parked on the lane) until the retried one
 * is done, so the key's order holds. A retry happens only while the deadline leaves room for
 * the pause.
 * <p>
 * {@link #close()} refuses new work, lets the lanes finish what is queued (up to the close
 * timeout) and fails whatever is left with {@link StoreError#CLOSED}.
 */
public final class KeyOrderedExecutor implements AutoCloseable
{
    /*
     * Counters move before the future completes, so that whoever waits on the future sees them.
     */

    /**
     * Work to run on a lane.
     *
     * @param <T> its result.
     */
    @FunctionalInterface
    public interface Operation<T>
    {
        /**
         * @param deadlineNs {@link System#nanoTime()} by which the caller stops waiting: retries stop there.
         * @return the result.
         * @throws StoreException for failures the caller should see as such.
         */
        T run(long deadlineNs);
    }

    /**
     * When to try a failed operation again.
     */
    @FunctionalInterface
    public interface RetryPolicy
    {
        /** A policy that never retries. */
        RetryPolicy NEVER = (failure, attempt) -> -1;

        /**
         * @param failure what the operation threw.
         * @param attempt how many times it has failed so far (1 after the first failure).
         * @return the pause before the next try in milliseconds, or a negative value to fail now.
         */
        long pauseMs(StoreException failure, int attempt);
    }

    private static final Logger LOG = LoggerFactory.getLogger(KeyOrderedExecutor.class);
    private static final long IDLE_POLL_MS = 100;

    private final String name;
    private final Lane[] lanes;
    private final long submitWaitNs;
    private final long closeTimeoutMs;
    private final ScheduledThreadPoolExecutor timer;
    private final ReentrantReadWriteLock closeLock = new ReentrantReadWriteLock();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private volatile boolean closed;

    /**
     * Start the lanes.
     *
     * @param name           prefix of the thread names.
     * @param laneCount      worker threads.
     * @param queueCapacity  operations each lane holds waiting.
     * @param submitWaitMs   how long a submitter waits for room in a full queue.
     * @param closeTimeoutMs how long {@link #close()} waits for queued work.
     */
    public KeyOrderedExecutor(
        final String name,
        final int laneCount,
        final int queueCapacity,
        final long submitWaitMs,
        final long closeTimeoutMs)
    {
        if (laneCount < 1 || queueCapacity < 1 || submitWaitMs < 0 || closeTimeoutMs < 0)
        {
            throw new IllegalArgumentException("lanes and queue capacity must be positive, waits not negative");
        }
        this.name = name;
        this.submitWaitNs = TimeUnit.MILLISECONDS.toNanos(submitWaitMs);
        this.closeTimeoutMs = closeTimeoutMs;
        timer = new ScheduledThreadPoolExecutor(1, (runnable) ->
        {
            final Thread thread = new Thread(runnable, name + "-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        lanes = new Lane[laneCount];
        for (int i = 0; i < laneCount; i++)
        {
            lanes[i] = new Lane(queueCapacity);
            final Thread thread = new Thread(lanes[i], name + "-lane-" + i);
            thread.setDaemon(true);
            lanes[i].thread = thread;
        }
        for (final Lane lane : lanes)
        {
            lane.thread.start();
        }
    }

    /**
     * Queue an operation behind every earlier one with the same key.
     *
     * @param key       what orders it: same key, same lane, submission order.
     * @param timeoutMs from now until the future fails with TIMEOUT.
     * @param operation the work.
     * @param <T>       its result.
     * @return completes with the result, or exceptionally with a {@link StoreException}.
     */
    public <T> CompletableFuture<T> submit(final String key, final long timeoutMs, final Operation<T> operation)
    {
        return submit(key, timeoutMs, operation, RetryPolicy.NEVER);
    }

    /**
     * Queue an operation behind every earlier one with the same key, to be tried again as the
     * policy says when it fails; while it waits for its next try, the lane runs other keys.
     *
     * @param key       what orders it: same key, same lane, submission order.
     * @param timeoutMs from now until the future fails with TIMEOUT.
     * @param operation the work.
     * @param retry     when to try again after a failure.
     * @param <T>       its result.
     * @return completes with the result, or exceptionally with a {@link StoreException}.
     */
    public <T> CompletableFuture<T> submit(
        final String key, final long timeoutMs, final Operation<T> operation, final RetryPolicy retry)
    {
        final CompletableFuture<T> future = new CompletableFuture<>();
        final long now = System.nanoTime();
        final Task<T> task = new Task<>(key, operation, retry, future, now + TimeUnit.MILLISECONDS.toNanos(timeoutMs));
        final Lane lane = lanes[laneOf(key)];
        submitted.incrementAndGet();

        closeLock.readLock().lock();
        try
        {
            if (closed)
            {
                failed.incrementAndGet();
                future.completeExceptionally(new StoreException(StoreError.CLOSED, name + " is closed"));
                return future;
            }
            task.timeout = timer.schedule(task::expire, timeoutMs, TimeUnit.MILLISECONDS);
            queued.incrementAndGet();
            if (!lane.offer(task, submitWaitNs))
            {
                queued.decrementAndGet();
                task.timeout.cancel(false);
                rejected.incrementAndGet();
                future.completeExceptionally(new StoreException(StoreError.OVERLOADED,
                    name + ": the queue of lane " + laneOf(key) + " is full (" + lane.capacity + " operations)"));
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            queued.decrementAndGet();
            task.timeout.cancel(false);
            rejected.incrementAndGet();
            future.completeExceptionally(new StoreException(StoreError.OVERLOADED,
                name + ": interrupted while waiting for room in a full queue"));
        }
        finally
        {
            closeLock.readLock().unlock();
        }
        return future;
    }

    /**
     * @param key a key.
     * @return the lane that runs its operations, 0..lanes-1.
     */
    public int laneOf(final String key)
    {
        final int h = key.hashCode() * 0x9E3779B9;
        return Math.floorMod(h ^ (h >>> 16), lanes.length);
    }

    /**
     * @return number of lanes.
     */
    public int laneCount()
    {
        return lanes.length;
    }

    /**
     * @return operations waiting in queues now.
     */
    public long queued()
    {
        return queued.get();
    }

    /**
     * @return operations ever submitted.
     */
    public long submitted()
    {
        return submitted.get();
    }

    /**
     * @return operations that ran and returned a result.
     */
    public long succeeded()
    {
        return succeeded.get();
    }

    /**
     * @return operations that ran (or were refused because closed) and failed.
     */
    public long failed()
    {
        return failed.get();
    }

    /**
     * @return operations refused because a queue was full.
     */
    public long rejected()
    {
        return rejected.get();
    }

    /**
     * @return operations whose deadline passed before they finished.
     */
    public long timedOut()
    {
        return timedOut.get();
    }

    /**
     * @return tries of failed operations again (each pause of a {@link RetryPolicy} taken).
     */
    public long retried()
    {
        return retried.get();
    }

    /**
     * Refuse new work, finish queued work within the close timeout, fail the rest with CLOSED.
     */
    public void close()
    {
        closeLock.writeLock().lock();
        try
        {
            if (closed)
            {
                return;
            }
            closed = true;
        }
        finally
        {
            closeLock.writeLock().unlock();
        }

        final long deadlineMs = System.currentTimeMillis() + closeTimeoutMs;
        for (final Lane lane : lanes)
        {
            joinUntil(lane.thread, deadlineMs);
        }
        final List<Task<?>> left = new ArrayList<>();
        for (final Lane lane : lanes)
        {
            if (lane.thread.isAlive())
            {
                LOG.warn("{} did not finish within {} ms; interrupting it", lane.thread.getName(), closeTimeoutMs);
                lane.thread.interrupt();
                // its waiting retries and parked operations are its own until it has returned
                joinUntil(lane.thread, System.currentTimeMillis() + 1_000);
            }
            lane.queue.drainTo(left);
            if (!lane.thread.isAlive())
            {
                left.addAll(lane.retries);
                lane.retries.clear();
                lane.parked.values().forEach(left::addAll);
                lane.parked.clear();
            }
        }
        for (final Task<?> task : left)
        {
            queued.decrementAndGet();
            task.fail(new StoreException(StoreError.CLOSED, name + " closed before the operation on " + task.key + " ran"));
        }
        timer.shutdownNow();
    }

    private static void joinUntil(final Thread thread, final long deadlineMs)
    {
        try
        {
            thread.join(Math.max(1, deadlineMs - System.currentTimeMillis()));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private final class Task<T>
    {
        final String key;
        final Operation<T> operation;
        final RetryPolicy retry;
        final CompletableFuture<T> future;
        final long deadlineNs;
        volatile ScheduledFuture<?> timeout;
        int failures;
        long retryAtNs;

        Task(final String key, final Operation<T> operation, final RetryPolicy retry, final CompletableFuture<T> future,
            final long deadlineNs)
        {
            this.key = key;
            this.operation = operation;
            this.retry = retry;
            this.future = future;
            this.deadlineNs = deadlineNs;
        }

        /**
         * Run the operation once.
         *
         * @return true when it is done (completed, failed or expired), false when it is to be
         *         tried again at {@link #retryAtNs}.
         */
        boolean run()
        {
            if (future.isDone())
            {
                return true;
            }
            final long now = System.nanoTime();
            if (now - deadlineNs >= 0)
            {
                expire();
                return true;
            }
            boolean done = true;
            try
            {
                final T result = operation.run(deadlineNs);
                succeeded.incrementAndGet();
                if (!future.complete(result))
                {
                    succeeded.decrementAndGet();
                }
            }
            catch (final StoreException ex)
            {
                final long pauseMs = retry.pauseMs(ex, ++failures);
                if (pauseMs >= 0 && deadlineNs - System.nanoTime() > TimeUnit.MILLISECONDS.toNanos(pauseMs))
                {
                    retryAtNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pauseMs);
                    retried.incrementAndGet();
                    done = false;
                }
                else
                {
                    fail(ex);
                }
            }
            catch (final RuntimeException | Error ex)
            {
                LOG.error("{}: unexpected failure of an operation on {}", name, key, ex);
                fail(new StoreException(StoreError.INTERNAL, "unexpected failure on " + key + ": " + ex, ex));
            }
            finally
            {
                final ScheduledFuture<?> handle = timeout;
                if (done && handle != null)
                {
                    handle.cancel(false);
                }
            }
            return done;
        }

        void fail(final StoreException ex)
        {
            failed.incrementAndGet();
            if (!future.completeExceptionally(ex))
            {
                failed.decrementAndGet();
            }
        }

        void expire()
        {
            timedOut.incrementAndGet();
            if (!future.completeExceptionally(new StoreException(StoreError.TIMEOUT,
                "the operation on " + key + " did not finish within its deadline")))
            {
                timedOut.decrementAndGet();
            }
        }
    }

    /**
     * A worker thread and its queue. Only the lane's thread touches {@link #retries} and
     * {@link #parked} (and {@link #close()} once that thread has returned).
     */
    private final class Lane implements Runnable
    {
        final ArrayBlockingQueue<Task<?>> queue;
        final int capacity;
        /** Operations waiting for their next try, soonest first. */
        final PriorityQueue<Task<?>> retries = new PriorityQueue<>(
            (a, b) -> Long.compare(a.retryAtNs - b.retryAtNs, 0));
        /** Per key with an operation waiting for its next try: the later operations on that key, in order. */
        final Map<String, ArrayDeque<Task<?>>> parked = new HashMap<>();
        Thread thread;

        Lane(final int capacity)
        {
            this.capacity = capacity;
            queue = new ArrayBlockingQueue<>(capacity);
        }

        boolean offer(final Task<?> task, final long waitNs) throws InterruptedException
        {
            return waitNs == 0 ? queue.offer(task) : queue.offer(task, waitNs, TimeUnit.NANOSECONDS);
        }

        public void run()
        {
            while (true)
            {
                final Task<?> due = retries.peek();
                final long now = System.nanoTime();
                if (due != null && due.retryAtNs - now <= 0)
                {
                    retries.poll();
                    runThenRelease(due);
                    continue;
                }
                final long waitNs = due == null ? TimeUnit.MILLISECONDS.toNanos(IDLE_POLL_MS) :
                    Math.min(TimeUnit.MILLISECONDS.toNanos(IDLE_POLL_MS), due.retryAtNs - now);
                final Task<?> task;
                try
                {
                    task = queue.poll(waitNs, TimeUnit.NANOSECONDS);
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
                if (task == null)
                {
                    if (closed && retries.isEmpty())
                    {
                        return;
                    }
                    continue;
                }
                queued.decrementAndGet();
                final ArrayDeque<Task<?>> waiting = parked.get(task.key);
                if (waiting != null)
                {
                    waiting.add(task); // an earlier operation on its key waits for its next try
                    continue;
                }
                runThenRelease(task);
            }
        }

        /**
         * Run a task; if it is to be tried again, park its key; if it is done, run the operations
         * parked behind it, in order, until one of them is to be tried again.
         */
        private void runThenRelease(final Task<?> first)
        {
            Task<?> task = first;
            while (task != null)
            {
                if (!task.run())
                {
                    parked.computeIfAbsent(task.key, k -> new ArrayDeque<>());
                    retries.add(task);
                    return;
                }
                final ArrayDeque<Task<?>> waiting = parked.get(task.key);
                if (waiting == null)
                {
                    return;
                }
                task = waiting.poll();
                if (task == null)
                {
                    parked.remove(first.key);
                }
            }
        }
    }
}
