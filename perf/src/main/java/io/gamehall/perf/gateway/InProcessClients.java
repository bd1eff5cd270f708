package io.gamehall.perf.gateway;

import java.util.concurrent.TimeUnit;

/**
 * The relay clients on a thread of the server's JVM, to compare with clients in a JVM of their
 * own ({@link ClientJvm}). Their lines are queued for reading.
 */
final class InProcessClients implements ClientLines
{
    private final LineQueue lines = new LineQueue();
    private final Thread thread;

    InProcessClients(final String url, final int players, final int rate, final int seconds, final int warmup)
    {
        thread = new Thread(() ->
        {
            try
            {
                new RelayClients(lines::add).run(url, players, rate, seconds, warmup);
            }
            catch (final Exception ex)
            {
                lines.add("relay clients failed: " + ex);
            }
            finally
            {
                lines.end();
            }
        }, "relay-clients-main");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public String nextLine(final long deadlineMs) throws InterruptedException
    {
        return lines.next(deadlineMs);
    }

    @Override
    public void close() throws InterruptedException
    {
        thread.join(TimeUnit.SECONDS.toMillis(20));
    }
}
