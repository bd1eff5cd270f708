package io.gamehall.host.runtime;

/**
 * What runners tell the master about their instances. Safe from any thread.
 */
interface MasterReports
{
    /**
     * The instance was spawned or restored and takes players.
     */
    void instanceReady(long instanceId);

    /**
     * The instance is over (its history is written).
     *
     * @return completes when the master confirmed it (or gave up after retries; never exceptionally).
     */
    java.util.concurrent.CompletableFuture<Void> instanceEnded(long instanceId);
}
