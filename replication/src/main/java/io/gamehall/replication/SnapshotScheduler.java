package io.gamehall.replication;

import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.service.Cluster;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a snapshot when the leader has gone too long or written too much log since the last
 * one, so recovery never has to replay more than that. Any snapshot, also one asked for by an
 * operator, restarts both measures. Looks every {@value #CHECK_MS} ms, on the node's
 * housekeeping thread ({@link MasterNode}); on a follower it does nothing.
 */
final class SnapshotScheduler implements Agent
{
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotScheduler.class);
    private static final long CHECK_MS = 250;

    private final ConsensusModule.Context consensus;
    private final long intervalMs;
    private final long logBytes;
    private final EpochClock clock;
    private long nextCheckMs;
    private long lastCount;
    private long lastTimeMs;
    private long lastPosition;

    /**
     * @param consensus  the node's consensus module: its snapshot, commit position, role and control counters.
     * @param intervalMs the longest time between two snapshots; 0 for no limit.
     * @param logBytes   the most log written between two snapshots; 0 for no limit.
     * @param clock      the time.
     */
    SnapshotScheduler(final ConsensusModule.Context consensus, final long intervalMs, final long logBytes,
        final EpochClock clock)
    {
        this.consensus = consensus;
        this.intervalMs = intervalMs;
        this.logBytes = logBytes;
        this.clock = clock;
    }

    public void onStart()
    {
        lastCount = consensus.snapshotCounter().get();
        lastTimeMs = clock.time();
        lastPosition = consensus.commitPositionCounter().get();
        nextCheckMs = lastTimeMs + CHECK_MS;
    }

    public int doWork()
    {
        final long now = clock.time();
        if (now < nextCheckMs || consensus.snapshotCounter().isClosed())
        {
            return 0;
        }
        nextCheckMs = now + CHECK_MS;
        final long position = consensus.commitPositionCounter().get();
        final long count = consensus.snapshotCounter().get();
        if (count != lastCount)
        {
            lastCount = count;
            lastTimeMs = now;
            lastPosition = position;
            return 1;
        }
        if (Cluster.Role.get(consensus.clusterNodeRoleCounter()) != Cluster.Role.LEADER)
        {
            return 0;
        }
        final boolean due = (intervalMs > 0 && now - lastTimeMs >= intervalMs) ||
            (logBytes > 0 && position - lastPosition >= logBytes);
        if (due && ClusterControl.ToggleState.SNAPSHOT.toggle(consensus.controlToggleCounter()))
        {
            LOG.info("periodic snapshot requested at commit position {}", position);
            lastTimeMs = now;
            lastPosition = position;
            return 1;
        }
        return 0;
    }

    public String roleName()
    {
        return "snapshot-scheduler";
    }
}
