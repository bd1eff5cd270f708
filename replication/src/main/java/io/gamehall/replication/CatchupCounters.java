package io.gamehall.replication;

import io.aeron.Aeron;
import io.aeron.Counter;
import org.agrona.CloseHelper;
import org.agrona.concurrent.status.CountersReader;

/**
 * A node's catch-up state as Aeron counters in its media driver, where
 * {@code gamehall master status} reads it ({@link NodeStatus}): what {@link CatchupTracker}
 * concluded at its latest sample. Type ids in gamehall's range (Aeron keeps those below 1000).
 */
final class CatchupCounters implements AutoCloseable
{
    static final int NODE_POSITION_TYPE_ID = 7_105_101;
    static final int CLUSTER_POSITION_TYPE_ID = 7_105_102;
    static final int BYTES_BEHIND_TYPE_ID = 7_105_103;
    static final int ETA_MS_TYPE_ID = 7_105_104;
    static final int BEHIND_SINCE_MS_TYPE_ID = 7_105_105;
    static final int STUCK_TYPE_ID = 7_105_106;
    static final int STUCK_AFTER_MS_TYPE_ID = 7_105_107;
    static final int SAMPLED_AT_MS_TYPE_ID = 7_105_108;

    private final Counter nodePosition;
    private final Counter clusterPosition;
    private final Counter bytesBehind;
    private final Counter etaMs;
    private final Counter behindSinceMs;
    private final Counter stuck;
    private final Counter stuckAfterMs;
    private final Counter sampledAtMs;

    CatchupCounters(final Aeron aeron)
    {
        nodePosition = aeron.addCounter(NODE_POSITION_TYPE_ID, "gamehall catch-up: node log position");
        clusterPosition = aeron.addCounter(CLUSTER_POSITION_TYPE_ID, "gamehall catch-up: cluster log position");
        bytesBehind = aeron.addCounter(BYTES_BEHIND_TYPE_ID, "gamehall catch-up: bytes behind");
        etaMs = aeron.addCounter(ETA_MS_TYPE_ID, "gamehall catch-up: ETA ms");
        behindSinceMs = aeron.addCounter(BEHIND_SINCE_MS_TYPE_ID, "gamehall catch-up: behind since epoch ms");
        stuck = aeron.addCounter(STUCK_TYPE_ID, "gamehall catch-up: stuck");
        stuckAfterMs = aeron.addCounter(STUCK_AFTER_MS_TYPE_ID, "gamehall catch-up: stuck after ms");
        sampledAtMs = aeron.addCounter(SAMPLED_AT_MS_TYPE_ID, "gamehall catch-up: sampled at epoch ms");
        clusterPosition.setRelease(CatchupTracker.UNKNOWN);
        bytesBehind.setRelease(CatchupTracker.UNKNOWN);
        etaMs.setRelease(CatchupTracker.UNKNOWN);
    }

    void update(
        final long nowMs, final long nodePositionValue, final long clusterPositionValue, final CatchupTracker tracker)
    {
        nodePosition.setRelease(nodePositionValue);
        clusterPosition.setRelease(clusterPositionValue);
        bytesBehind.setRelease(tracker.bytesBehind());
        etaMs.setRelease(tracker.etaMs());
        behindSinceMs.setRelease(tracker.behindSinceMs());
        stuck.setRelease(tracker.isStuck() ? 1 : 0);
        stuckAfterMs.setRelease(tracker.stuckAfterMs());
        sampledAtMs.setRelease(nowMs);
    }

    public void close()
    {
        CloseHelper.quietCloseAll(nodePosition, clusterPosition, bytesBehind, etaMs, behindSinceMs, stuck, stuckAfterMs,
            sampledAtMs);
    }

    /**
     * @param counters a node's media driver counters.
     * @return what they say of its catch-up, or null when the node publishes none (yet).
     */
    static NodeStatus.Catchup read(final CountersReader counters)
    {
        final long[] values = {Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE,
            Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE};
        counters.forEach((counterId, typeId, keyBuffer, label) ->
        {
            final int index = typeId - NODE_POSITION_TYPE_ID;
            if (index >= 0 && index < values.length)
            {
                values[index] = counters.getCounterValue(counterId);
            }
        });
        for (final long value : values)
        {
            if (value == Long.MIN_VALUE)
            {
                return null;
            }
        }
        return new NodeStatus.Catchup(values[0], values[1], values[2], values[3], values[4], values[5] != 0, values[6],
            values[7]);
    }
}
