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
     */
    void instanceEnded(long instanceId);
}
