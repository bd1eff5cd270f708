package io.gamehall.perf.cluster;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.gamehall.aeron.IdleSettings;
import io.gamehall.replication.ClientRole;
import io.gamehall.replication.client.MasterClient;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.IoUtil;

import java.io.File;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The measuring client: a {@link MasterClient} on a media driver of its own, as a gateway or
 * host would run it, with the same idle strategy as the nodes.
 */
final class BenchmarkClient implements AutoCloseable
{
    private final MediaDriver driver;
    private final MasterClient client;
    private final ResponseRecorder recorder;
    private long lastSetUpTag;

    private BenchmarkClient(final MediaDriver driver, final MasterClient client, final ResponseRecorder recorder)
    {
        this.driver = driver;
        this.client = client;
        this.recorder = recorder;
    }

    /**
     * Start the driver and the client; the client connects in the background.
     *
     * @param ingressEndpoints the cluster's.
     * @param role             the role to connect as.
     * @param secret           that role's secret.
     * @param window           the client's in-flight window.
     * @param idle             how every agent (driver, client) waits.
     * @param aeronDir         the driver's directory, deleted on close.
     * @param recorder         the client's listener.
     * @param errorHandler     for the driver's errors.
     * @return the client.
     */
    static BenchmarkClient start(
        final String ingressEndpoints,
        final ClientRole role,
        final String secret,
        final int window,
        final IdleSettings idle,
        final File aeronDir,
        final ResponseRecorder recorder,
        final ErrorHandler errorHandler)
    {
        MediaDriver driver = null;
        try
        {
            driver = MediaDriver.launch(new MediaDriver.Context()
                .aeronDirectoryName(aeronDir.getPath())
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(idle.newStrategy())
                .termBufferSparseFile(true)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true)
                .errorHandler(errorHandler));
            final MasterClient client = MasterClient.launch(new MasterClient.Context()
                .ingressEndpoints(ingressEndpoints)
                .role(role)
                .secret(secret)
                .aeronDirectoryName(aeronDir.getPath())
                .maxInFlight(window)
                .idle(idle)
                .listener(recorder));
            return new BenchmarkClient(driver, client, recorder);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(driver);
            IoUtil.delete(aeronDir, true);
            throw ex;
        }
    }

    MasterClient client()
    {
        return client;
    }

    /**
     * @throws IllegalStateException when the client did not connect in time.
     */
    void awaitConnected(final long timeoutMs)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!client.isConnected())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException("the client did not connect to the cluster within " + timeoutMs + " ms");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /**
     * Send one set-up command and wait for its response. Not for the measured path.
     *
     * @return the response, header first.
     * @throws IllegalStateException when it was not sent or not answered in time.
     */
    byte[] call(final DirectBuffer buffer, final int offset, final int length, final long timeoutMs)
    {
        final long tag = --lastSetUpTag;
        if (!client.offer(tag, buffer, offset, length))
        {
            throw new IllegalStateException("the client refused a set-up command");
        }
        final byte[] response = recorder.awaitSetUpResponse(tag, timeoutMs);
        if (response == null)
        {
            throw new IllegalStateException("a set-up command timed out in the client");
        }
        return response;
    }

    /**
     * Close the client, then its driver, and delete the driver's directory.
     */
    public void close()
    {
        CloseHelper.closeAll(client, driver);
        IoUtil.delete(new File(driver.aeronDirectoryName()), true);
    }
}
