package io.gamehall.replication;

import java.util.concurrent.locks.LockSupport;

/**
 * Caps how many client commands per second the service applies, when asked to
 * ({@link #limit(int)}; 0, the default, means no cap). On the leader this bounds ingress:
 * Aeron's consensus module cannot append to the log further than a term window ahead of the
 * leader's own service, so once the service waits, the log waits, and the clients' commands
 * wait in their own queues. {@link CatchupGovernor} turns it on while a member catches up, so
 * that the leader does not outrun it on a machine whose cores they share.
 * <p>
 * Pacing changes when commands are applied, never what they do: the engine sees the same
 * log with the same cluster timestamps.
 */
public final class IngressPacer
{
    private static final int BURST = 64;

    private volatile int limit;
    private long nextNs;

    /**
     * @param commandsPerSecond the cap; 0 for none.
     */
    public void limit(final int commandsPerSecond)
    {
        limit = Math.max(0, commandsPerSecond);
    }

    /**
     * @return the cap in commands per second, 0 for none.
     */
    public int limit()
    {
        return limit;
    }

    /**
     * Wait, if needed, until one more command may be applied. Service thread only.
     */
    public void pace()
    {
        final int commandsPerSecond = limit;
        if (commandsPerSecond <= 0)
        {
            return;
        }
        final long intervalNs = 1_000_000_000L / commandsPerSecond;
        long now = System.nanoTime();
        nextNs = Math.max(nextNs, now - intervalNs * BURST);
        while (now < nextNs)
        {
            LockSupport.parkNanos(nextNs - now);
            now = System.nanoTime();
        }
        nextNs += intervalNs;
    }
}
