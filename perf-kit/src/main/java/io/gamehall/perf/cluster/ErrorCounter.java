package io.gamehall.perf.cluster;

import io.aeron.exceptions.AeronEvent;
import org.agrona.ErrorHandler;

/**
 * Error handler of the nodes (in this JVM, or reporting from their own) and the client's driver
 * in one configuration: prints each error and counts it, so a run with errors cannot pass
 * unnoticed. Aeron's events (warnings of the cluster, the archive and the driver: elections,
 * connections retried) are printed and not counted.
 */
final class ErrorCounter implements ErrorHandler
{
    private static final int STACK_TRACES = 3;

    private final String label;
    private volatile int errors;
    private volatile int warnings;

    ErrorCounter(final String label)
    {
        this.label = label;
    }

    public synchronized void onError(final Throwable throwable)
    {
        if (throwable instanceof AeronEvent)
        {
            warnings++;
            System.err.println(label + ": event: " + throwable.getMessage());
            return;
        }
        errors++;
        System.err.println(label + ": error: " + throwable);
        if (errors <= STACK_TRACES)
        {
            throwable.printStackTrace(System.err);
        }
    }

    /**
     * An error a node in another process reported.
     */
    synchronized void onNodeError(final String text)
    {
        errors++;
        System.err.println(label + ": error: " + text);
    }

    /**
     * An Aeron event a node in another process reported: printed, not counted as an error.
     */
    synchronized void onNodeEvent(final String text)
    {
        warnings++;
        System.err.println(label + ": event: " + text);
    }

    int errors()
    {
        return errors;
    }

    int warnings()
    {
        return warnings;
    }
}
