package io.gamehall.perf.gateway;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The relay clients on a thread of the server's JVM, as the benchmark first ran them: to compare
 * with clients in a JVM of their own ({@link ClientJvm}). Their lines are queued for reading.
 */
final class InProcessClients implements ClientLines
{
    private static final String EOF = "\u0000eof";

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
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
                lines.add(EOF);
            }
        }, "relay-clients-main");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public String nextLine(final long deadlineMs) throws InterruptedException
    {
        final String line = lines.poll(Math.max(0, deadlineMs - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        if (line == EOF)
        {
            lines.add(EOF);
            return null;
        }
        return line;
    }

    @Override
    public void close() throws InterruptedException
    {
        thread.join(TimeUnit.SECONDS.toMillis(20));
    }
}
