package io.gamehall.matchmaker;

import io.gamehall.matchmaker.support.Commands;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Steady state allocates nothing: after a warm-up, adds that match at once, adds that wait,
 * cancels, ticks that widen windows and expire tickets, over thousands of waiting tickets of
 * a 2v2 queue with parties and regions, allocate 0 bytes on the engine's thread (measured with
 * the JVM's per-thread allocation counter). A deoptimization may allocate a few hundred bytes
 * once (objects the compiler had done away with, made real again): a window of 100,000
 * commands without one must show 0; an allocation per command would show in every window.
 */
class AllocationTest
{
    private static final int POOL = 4_000;
    private static final int WINDOWS = 5;

    private final Commands commands = new Commands();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
    private final long[] single = new long[1];
    private final int[] singleRating = new int[1];
    private final long[] pair = new long[2];
    private final int[] pairRating = new int[2];
    private long said;
    private PartitionEngine engine;
    private long nextTicket = 1;
    private long nextUser = 1;
    private long now = 1_000;

    @Test
    void shouldAllocateNothingInSteadyState()
    {
        final QueueRules rules = new QueueRules().playersPerMatch(4).teams(2).teamSize(2).initialWindow(2).widenBy(1)
            .widenEveryMs(2_000).maxWindow(3).maxWaitMs(30_000).regionStrict(true);
        engine = new PartitionEngine(rules, new PartitionConfig().queueId(1).lower(0).upper(1 << 20)
            .maxTickets(3 * POOL).ratingBuckets(1 << 14),
            (b, o, l) -> said += b.getShort(o + 2, java.nio.ByteOrder.LITTLE_ENDIAN));
        for (int i = 0; i < POOL; i++)
        {
            add(i % 3, i * 16, 1);
        }
        assertThat(engine.ticketCount()).isEqualTo(POOL);

        run(300_000);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        final long[] allocated = new long[WINDOWS];
        int matched = 0;
        for (int w = 0; w < WINDOWS; w++)
        {
            final long before = threads.getThreadAllocatedBytes(threadId);
            matched += run(100_000);
            allocated[w] = threads.getThreadAllocatedBytes(threadId) - before;
        }

        assertThat(matched).as("matches made while measuring").isGreaterThan(WINDOWS * 5_000);
        assertThat(allocated).as("bytes allocated by each 100,000 commands: a window without a JIT " +
            "recompilation (which may allocate a few hundred bytes once) allocates nothing").contains(0L);
        assertThat(said).isPositive();
    }

    /**
     * @return matches made.
     */
    private int run(final int commandsToApply)
    {
        final long matchesBefore = engine.nextMatchId;
        int applied = 0;
        int i = 0;
        while (applied < commandsToApply)
        {
            final int slot = (int)((i * 7919L) % POOL);
            final int region = slot % 3;
            final int rating = slot * 16;
            add(region, rating + 1, 2);
            add(region, rating, 1);
            add(region, rating + 1, 1);
            final long waiting = nextTicket;
            add(region, rating + 8, 1);
            engine.apply(buffer, 0, commands.cancelTicket(buffer, 0, waiting));
            applied += 5;
            if ((i & 15) == 0)
            {
                now += 100;
                engine.apply(buffer, 0, commands.tick(buffer, 0, now));
                applied++;
            }
            i++;
        }
        return (int)(engine.nextMatchId - matchesBefore);
    }

    private void add(final int region, final int rating, final int size)
    {
        final long[] users = size == 1 ? single : pair;
        final int[] ratings = size == 1 ? singleRating : pairRating;
        for (int m = 0; m < size; m++)
        {
            users[m] = nextUser++;
            ratings[m] = rating;
        }
        engine.apply(buffer, 0, commands.addTicket(buffer, 0, nextTicket++, 1, region, now, users, ratings));
    }
}
