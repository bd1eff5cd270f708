package io.gamehall.perf.cluster;

import io.aeron.cluster.client.ClusterEvent;
import org.agrona.ErrorHandler;

/**
 * Error handler of the nodes and the client's driver in one configuration: prints each error
 * and counts it, so a run with errors cannot pass unnoticed. Cluster events (elections and the
 * like) are printed as warnings and not counted.
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
        if (throwable instanceof ClusterEvent)
        {
            warnings++;
            System.err.println(label + ": cluster event: " + throwable.getMessage());
            return;
        }
        errors++;
        System.err.println(label + ": error: " + throwable);
        if (errors <= STACK_TRACES)
        {
            throwable.printStackTrace(System.err);
        }
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
