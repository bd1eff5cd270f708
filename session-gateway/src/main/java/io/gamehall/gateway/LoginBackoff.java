package io.gamehall.gateway;

import org.agrona.concurrent.EpochClock;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exponential back-off after failed logins, per key (an account name, or a client address):
 * the first {@code freeFailures} failures cost nothing; after that each failure makes the key
 * wait {@code baseMs}, then twice as long, and so on up to {@code maxMs}, before its next
 * attempt is checked at all. A success forgets an account's failures; a key with no failure
 * for {@code forgetMs} is forgotten too. At most {@code maxKeys} keys are remembered: the
 * least recently used go first, so a flood of made-up names cannot push out the keys under
 * attack now.
 * <p>
 * Thread-safe.
 */
final class LoginBackoff
{
    private static final int MAX_SHIFT = 30;

    private final int freeFailures;
    private final long baseMs;
    private final long maxMs;
    private final long forgetMs;
    private final EpochClock clock;
    private final LinkedHashMap<String, Failures> failures;

    private static final class Failures
    {
        int count;
        long lastMs;
    }

    /**
     * @param freeFailures failures before the first wait.
     * @param baseMs       the first wait.
     * @param maxMs        the longest wait.
     * @param forgetMs     failures of a key are forgotten after this long without one.
     * @param maxKeys      keys remembered at most.
     * @param clock        the time.
     */
    LoginBackoff(final int freeFailures, final long baseMs, final long maxMs, final long forgetMs, final int maxKeys,
        final EpochClock clock)
    {
        this.freeFailures = freeFailures;
        this.baseMs = baseMs;
        this.maxMs = maxMs;
        this.forgetMs = forgetMs;
        this.clock = clock;
        this.failures = new LinkedHashMap<>(64, 0.75f, true)
        {
            private static final long serialVersionUID = 1L;

            protected boolean removeEldestEntry(final Map.Entry<String, Failures> eldest)
            {
                return size() > maxKeys;
            }
        };
    }

    /**
     * @param key an account key or an address key.
     * @return 0 when an attempt may be checked now, else how many ms the key must still wait.
     */
    synchronized long retryAfterMs(final String key)
    {
        final Failures f = failures.get(key);
        if (f == null)
        {
            return 0;
        }
        final long now = clock.time();
        if (now - f.lastMs >= forgetMs)
        {
            failures.remove(key);
            return 0;
        }
        return Math.max(0, f.lastMs + delayAfter(f.count) - now);
    }

    /**
     * An attempt of the key failed.
     */
    synchronized void failed(final String key)
    {
        final long now = clock.time();
        Failures f = failures.get(key);
        if (f == null || now - f.lastMs >= forgetMs)
        {
            f = new Failures();
            failures.put(key, f);
        }
        f.count = f.count == Integer.MAX_VALUE ? f.count : f.count + 1;
        f.lastMs = now;
    }

    /**
     * An attempt of the key succeeded: its failures are forgotten.
     */
    synchronized void succeeded(final String key)
    {
        failures.remove(key);
    }

    /**
     * @return keys remembered now.
     */
    synchronized int size()
    {
        return failures.size();
    }

    /**
     * @return the wait after {@code count} failures.
     */
    long delayAfter(final int count)
    {
        if (count <= freeFailures)
        {
            return 0;
        }
        final int shift = Math.min(count - freeFailures - 1, MAX_SHIFT);
        return Math.min(maxMs, baseMs << shift);
    }
}
