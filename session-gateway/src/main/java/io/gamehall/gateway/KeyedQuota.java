package io.gamehall.gateway;

import org.agrona.concurrent.EpochClock;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A quota per key (a client address): {@code perWindow} uses per {@code windowMs}, as a token
 * bucket that holds at most {@code perWindow} and refills evenly over the window, so a burst
 * of the whole quota is allowed and then one use every {@code windowMs / perWindow}. At most
 * {@code maxKeys} keys are remembered (least recently used go first; a forgotten key starts
 * with a full quota).
 * <p>
 * Thread-safe.
 */
final class KeyedQuota
{
    private final int perWindow;
    private final double refillPerMs;
    private final EpochClock clock;
    private final LinkedHashMap<String, Bucket> buckets;

    private static final class Bucket
    {
        double tokens;
        long lastMs;
    }

    /**
     * @param perWindow uses per window, 1 and up.
     * @param windowMs  the window.
     * @param maxKeys   keys remembered at most.
     * @param clock     the time.
     */
    KeyedQuota(final int perWindow, final long windowMs, final int maxKeys, final EpochClock clock)
    {
        this.perWindow = perWindow;
        this.refillPerMs = (double)perWindow / windowMs;
        this.clock = clock;
        this.buckets = new LinkedHashMap<>(64, 0.75f, true)
        {
            private static final long serialVersionUID = 1L;

            protected boolean removeEldestEntry(final Map.Entry<String, Bucket> eldest)
            {
                return size() > maxKeys;
            }
        };
    }

    /**
     * Take one use of the key's quota if there is one.
     *
     * @return 0 when taken, else how many ms until one is available (nothing is taken).
     */
    synchronized long tryTake(final String key)
    {
        final long now = clock.time();
        Bucket b = buckets.get(key);
        if (b == null)
        {
            b = new Bucket();
            b.tokens = perWindow;
            b.lastMs = now;
            buckets.put(key, b);
        }
        b.tokens = Math.min(perWindow, b.tokens + Math.max(0, now - b.lastMs) * refillPerMs);
        b.lastMs = now;
        if (b.tokens >= 1.0)
        {
            b.tokens -= 1.0;
            return 0;
        }
        return Math.max(1, (long)Math.ceil((1.0 - b.tokens) / refillPerMs - 1e-6)); // less rounding noise
    }
}
