package io.gamehall.gateway;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the open connections, in all and per address ({@link AddressKey}), and says whether
 * one more may open: a gateway over either cap closes a new connection at once, before its
 * WebSocket handshake, so a flood of connections costs it no more than the accept.
 * <p>
 * Thread-safe.
 */
final class ConnectionLimit
{
    private final int maxConnections;
    private final int maxPerAddress;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<String, Integer> perAddress = new ConcurrentHashMap<>();

    ConnectionLimit(final int maxConnections, final int maxPerAddress)
    {
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
    }

    /**
     * @param address the new connection's address key.
     * @return true when it may stay open (and is counted until {@link #closed}), false when a cap is reached.
     */
    boolean tryOpen(final String address)
    {
        if (open.incrementAndGet() > maxConnections)
        {
            open.decrementAndGet();
            return false;
        }
        final boolean[] admitted = new boolean[1];
        perAddress.compute(address, (key, count) ->
        {
            final int now = count == null ? 0 : count;
            admitted[0] = now < maxPerAddress;
            return admitted[0] ? now + 1 : (now == 0 ? null : now);
        });
        if (!admitted[0])
        {
            open.decrementAndGet();
        }
        return admitted[0];
    }

    /**
     * A connection that {@link #tryOpen} admitted closed.
     */
    void closed(final String address)
    {
        perAddress.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
        open.decrementAndGet();
    }

    int open()
    {
        return open.get();
    }

    int openFrom(final String address)
    {
        return perAddress.getOrDefault(address, 0);
    }
}
