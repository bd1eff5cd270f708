package io.gamehall.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class KeyOrderedExecutorTest
{
    private static final long WAIT_SECONDS = 10;

    private KeyOrderedExecutor executor;

    @AfterEach
    void close()
    {
        if (executor != null)
        {
            executor.close();
        }
    }

    @Test
    void shouldRunEachKeysOperationsInSubmissionOrderWhileSubmittersRace() throws Exception
    {
        executor = new KeyOrderedExecutor("test", 4, 1024, 1_000, 5_000);
        final int submitters = 4;
        final int keys = 8;
        final int perKey = 100;
        final Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        final List<Thread> threads = new ArrayList<>();
        final List<CompletableFuture<Void>> all = java.util.Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch start = new CountDownLatch(1);
        for (int s = 0; s < submitters; s++)
        {
            final int submitter = s;
            final Thread thread = new Thread(() ->
            {
                try
                {
                    start.await(WAIT_SECONDS, TimeUnit.SECONDS);
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
                for (int i = 0; i < perKey; i++)
                {
                    for (int k = 0; k < keys; k++)
                    {
                        final String key = "key-" + k;
                        final int value = submitter * 1_000_000 + i;
                        all.add(executor.submit(key, 10_000, (deadlineNs) ->
                        {
                            seen.computeIfAbsent(key, (x) -> java.util.Collections.synchronizedList(new ArrayList<>()))
                                .add(value);
                            return null;
                        }));
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        start.countDown();
        for (final Thread thread : threads)
        {
            thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).get(WAIT_SECONDS, TimeUnit.SECONDS);

        for (int k = 0; k < keys; k++)
        {
            final List<Integer> values = seen.get("key-" + k);
            assertThat(values).hasSize(submitters * perKey);
            final int[] lastOfSubmitter = new int[submitters];
            java.util.Arrays.fill(lastOfSubmitter, -1);
            for (final int value : values)
            {
                final int submitter = value / 1_000_000;
                final int sequence = value % 1_000_000;
                assertThat(sequence).as("submitter %d on key-%d", submitter, k).isGreaterThan(lastOfSubmitter[submitter]);
                lastOfSubmitter[submitter] = sequence;
            }
        }
        assertThat(executor.succeeded()).isEqualTo((long)submitters * keys * perKey);
        assertThat(executor.queued()).isZero();
    }

    @Test
    void shouldRunOtherKeysWhileOneKeyIsBlocked() throws Exception
    {
        executor = new KeyOrderedExecutor("test", 4, 16, 0, 5_000);
        final String blockedKey = "blocked";
        String otherKey = null;
        for (int i = 0; i < 100 && otherKey == null; i++)
        {
            if (executor.laneOf("other-" + i) != executor.laneOf(blockedKey))
            {
                otherKey = "other-" + i;
            }
        }
        final CountDownLatch release = new CountDownLatch(1);
        final CompletableFuture<Boolean> blocked = executor.submit(blockedKey, 10_000,
            (deadlineNs) -> awaitQuietly(release));
        final CompletableFuture<String> other = executor.submit(otherKey, 10_000, (deadlineNs) -> "done");

        assertThat(other.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("done");
        assertThat(blocked).isNotDone();
        release.countDown();
        assertThat(blocked.get(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    /**
     * One lane: while an operation on one key waits 300 ms for its next try, the lane runs
     * another key's operation, and the next operation on the retried key waits until the
     * retried one succeeded.
     */
    @Test
    void shouldRunOtherKeysOnTheLaneWhileAnOperationWaitsToBeTriedAgainAndKeepTheKeysOrder() throws Exception
    {
        executor = new KeyOrderedExecutor("test", 1, 16, 0, 5_000);
        final List<String> ran = java.util.Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger tries = new AtomicInteger();
        final KeyOrderedExecutor.RetryPolicy retryUnavailable = (failure, attempt) ->
            failure.error() == StoreError.UNAVAILABLE ? 300 : -1;

        final CompletableFuture<String> first = executor.submit("a", 10_000, (deadlineNs) ->
        {
            if (tries.incrementAndGet() < 3)
            {
                ran.add("a1 failed");
                throw new StoreException(StoreError.UNAVAILABLE, "not now");
            }
            ran.add("a1");
            return "a1";
        }, retryUnavailable);
        final CompletableFuture<String> other = executor.submit("b", 10_000, (deadlineNs) ->
        {
            ran.add("b");
            return "b";
        });
        final CompletableFuture<String> second = executor.submit("a", 10_000, (deadlineNs) ->
        {
            ran.add("a2");
            return "a2";
        }, retryUnavailable);

        assertThat(second.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("a2");
        assertThat(first).isCompletedWithValue("a1");
        assertThat(other).isCompletedWithValue("b");
        assertThat(ran).containsExactly("a1 failed", "b", "a1 failed", "a1", "a2");
        assertThat(executor.retried()).isEqualTo(2);
        assertThat(executor.succeeded()).isEqualTo(3);
    }

    @Test
    void shouldFailAnOperationWhoseNextTryWouldPassItsDeadlineAndThenRunTheKeysNextOne() throws Exception
    {
        executor = new KeyOrderedExecutor("test", 1, 16, 0, 5_000);
        final CompletableFuture<String> failing = executor.submit("a", 500, (deadlineNs) ->
        {
            throw new StoreException(StoreError.UNAVAILABLE, "never");
        }, (failure, attempt) -> 200);
        final CompletableFuture<String> next = executor.submit("a", 10_000, (deadlineNs) -> "next");

        assertThat(next.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("next");
        final Throwable failure = org.assertj.core.api.Assertions.catchThrowable(failing::join).getCause();
        assertThat(((StoreException)failure).error()).isIn(StoreError.UNAVAILABLE, StoreError.TIMEOUT);
        assertThat(executor.retried()).isBetween(1L, 2L);
    }

    @Test
    void shouldRefuseWithOverloadedWhenALaneQueueIsFull() throws Exception
    {
        executor = new KeyOrderedExecutor("test", 1, 2, 0, 5_000);
        final CountDownLatch running = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final CompletableFuture<Boolean> first = executor.submit("k", 10_000, (deadlineNs) ->
        {
            running.countDown();
            return awaitQuietly(release);
        });
        assertThat(running.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        final CompletableFuture<Integer> second = executor.submit("k", 10_000, (deadlineNs) -> 2);
        final CompletableFuture<Integer> third = executor.submit("k", 10_000, (deadlineNs) -> 3);
        final CompletableFuture<Integer> refused = executor.submit("k", 10_000, (deadlineNs) -> 4);

        assertThat(errorOf(refused)).isEqualTo(StoreError.OVERLOADED);
        assertThat(executor.rejected()).isEqualTo(1);
        assertThat(executor.queued()).isEqualTo(2);
        release.countDown();
        assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(second.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(third.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(3);
    }

    @Test
    void shouldWaitForRoomBeforeRefusing() throws Exception
    {
        executor = new KeyOrderedExecutor("test", 1, 1, 2_000, 5_000);
        final CountDownLatch release = new CountDownLatch(1);
        executor.submit("k", 10_000, (deadlineNs) -> awaitQuietly(release));
        executor.submit("k", 10_000, (deadlineNs) -> 1);
        final Thread releaser = new Thread(() ->
        {
            sleep(200);
            release.countDown();
        });
        releaser.start();

        final CompletableFuture<Integer> waited = executor.submit("k", 10_000, (deadlineNs) -> 2);
        assertThat(waited.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(executor.rejected()).isZero();
        releaser.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    }

    @Test
    void shouldTimeOutAndSkipAnOperationThatWaitedPastItsDeadline() throws Exception
    {
        executor = new KeyOrderedExecutor("test", 1, 8, 0, 5_000);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean lateRan = new AtomicBoolean();
        executor.submit("k", 10_000, (deadlineNs) -> awaitQuietly(release));
        final CompletableFuture<Object> late = executor.submit("k", 100, (deadlineNs) ->
        {
            lateRan.set(true);
            return null;
        });

        assertThat(errorOf(late)).isEqualTo(StoreError.TIMEOUT);
        release.countDown();
        executor.submit("k", 10_000, (deadlineNs) -> null).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(lateRan).isFalse();
        assertThat(executor.timedOut()).isEqualTo(1);
    }

    @Test
    void shouldReportFailuresAndUnexpectedExceptionsAsStoreErrors()
    {
        executor = new KeyOrderedExecutor("test", 2, 8, 0, 5_000);
        final CompletableFuture<Object> conflict = executor.submit("a", 10_000, (deadlineNs) ->
        {
            throw new StoreException(StoreError.CONFLICT, "lost");
        });
        final CompletableFuture<Object> bug = executor.submit("b", 10_000, (deadlineNs) ->
        {
            throw new IllegalStateException("a bug");
        });

        assertThat(errorOf(conflict)).isEqualTo(StoreError.CONFLICT);
        assertThat(errorOf(bug)).isEqualTo(StoreError.INTERNAL);
        assertThat(executor.failed()).isEqualTo(2);
    }

    @Test
    void shouldFinishQueuedWorkOnCloseAndRefuseNewWork() throws Exception
    {
        executor = new KeyOrderedExecutor("test", 2, 64, 0, 5_000);
        final AtomicInteger ran = new AtomicInteger();
        final List<CompletableFuture<Object>> queued = new ArrayList<>();
        for (int i = 0; i < 50; i++)
        {
            queued.add(executor.submit("k" + (i % 5), 10_000, (deadlineNs) ->
            {
                sleep(1);
                ran.incrementAndGet();
                return null;
            }));
        }
        executor.close();

        assertThat(ran.get()).isEqualTo(50);
        for (final CompletableFuture<Object> future : queued)
        {
            assertThat(future).isCompleted();
        }
        assertThat(errorOf(executor.submit("k", 10_000, (deadlineNs) -> null))).isEqualTo(StoreError.CLOSED);
    }

    @Test
    void shouldFailWhatCloseCouldNotFinish() throws Exception
    {
        executor = new KeyOrderedExecutor("test", 1, 8, 0, 200);
        final CountDownLatch release = new CountDownLatch(1);
        executor.submit("k", 10_000, (deadlineNs) -> awaitQuietly(release));
        final CompletableFuture<Object> stranded = executor.submit("k", 10_000, (deadlineNs) -> null);

        executor.close();

        assertThat(errorOf(stranded)).isEqualTo(StoreError.CLOSED);
        release.countDown();
    }

    private static StoreError errorOf(final CompletableFuture<?> future)
    {
        try
        {
            future.get(WAIT_SECONDS, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure");
        }
        catch (final ExecutionException ex)
        {
            return StoreException.unwrap(ex).error();
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static boolean awaitQuietly(final CountDownLatch latch)
    {
        try
        {
            return latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(final long millis)
    {
        try
        {
            Thread.sleep(millis);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
