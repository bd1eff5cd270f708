package io.gamehall.launcher;

import io.gamehall.store.StoreConfig;
import org.agrona.concurrent.ShutdownSignalBarrier;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * What the long-running commands (`host`, `gateway`) share: the store configuration file, and
 * running until stopped or drained.
 */
final class ProcessSupport
{
    /**
     * Waits until a process was drained; the answer is false when the wait was cut short.
     */
    @FunctionalInterface
    interface DrainWait
    {
        boolean awaitDrained(long timeout, TimeUnit unit) throws InterruptedException;
    }

    private ProcessSupport()
    {
    }

    /**
     * @param file a properties file of {@code gamehall.store.*} keys, or null.
     * @return its configuration, or null for the process's default store.
     * @throws IOException naming the file when it cannot be read.
     */
    static StoreConfig storeConfig(final File file) throws IOException
    {
        if (file == null)
        {
            return null;
        }
        final Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file.toPath()))
        {
            properties.load(in);
        }
        catch (final IOException ex)
        {
            throw new IOException("cannot read the store config " + file + ": " + ex.getMessage(), ex);
        }
        return StoreConfig.fromProperties(properties);
    }

    /**
     * Block until SIGINT/SIGTERM, or until the process was drained (then print {@code drainedMessage}).
     */
    static void runUntilStoppedOrDrained(
        final ShutdownSignalBarrier barrier, final DrainWait drained, final PrintWriter out, final String drainedMessage)
    {
        final Thread drainWatch = new Thread(() ->
        {
            try
            {
                if (drained.awaitDrained(Long.MAX_VALUE, TimeUnit.DAYS))
                {
                    out.println(drainedMessage);
                    out.flush();
                    barrier.signal();
                }
            }
            catch (final InterruptedException ignore)
            {
                // stopping
            }
        }, "drain-watch");
        drainWatch.setDaemon(true);
        drainWatch.start();
        barrier.await();
        drainWatch.interrupt();
    }
}
