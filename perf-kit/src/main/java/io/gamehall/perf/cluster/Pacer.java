package io.gamehall.perf.cluster;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until a request's intended send time without burning a core: parks for most of the
 * wait, then yields for the last part. {@code LockSupport.parkNanos} on Linux oversleeps by
 * the timer slack and the wake-up (about 80 µs on the 2-core machines here), so the park ends
 * that much early; the remainder is yielded, which gives the core away to the cluster's
 * threads when they need it.
 */
final class Pacer
{
    private static final int CALIBRATION_PARKS = 200;

    private final long parkOvershootNs;

    private Pacer(final long parkOvershootNs)
    {
        this.parkOvershootNs = parkOvershootNs;
    }

    /**
     * Measure how much a short park oversleeps here (median of a few hundred).
     *
     * @return a pacer for this machine.
     */
    static Pacer calibrate()
    {
        final long[] overshoots = new long[CALIBRATION_PARKS];
        for (int i = 0; i < CALIBRATION_PARKS; i++)
        {
            final long start = System.nanoTime();
            LockSupport.parkNanos(1_000);
            overshoots[i] = System.nanoTime() - start - 1_000;
        }
        Arrays.sort(overshoots);
        return new Pacer(Math.max(0, overshoots[CALIBRATION_PARKS / 2]));
    }

    long parkOvershootNs()
    {
        return parkOvershootNs;
    }

    /**
     * Return at {@code deadlineNs} or, if the thread was held up, as soon after as possible.
     */
    void awaitUntil(final long deadlineNs)
    {
        long remainingNs;
        while ((remainingNs = deadlineNs - System.nanoTime()) > 0)
        {
            if (remainingNs > parkOvershootNs)
            {
                LockSupport.parkNanos(remainingNs - parkOvershootNs);
            }
            else
            {
                Thread.yield();
            }
        }
    }
}
