package io.gamehall.replication;

import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.service.Cluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a snapshot when the leader has gone too long or written too much log since the last
 * one, so recovery never has to replay more than that. Any snapshot, also one asked for by an
 * operator, restarts both measures. Runs only where it is started (the node launcher); on a
 * follower it does nothing.
 */
final class SnapshotScheduler implements Runnable, AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotScheduler.class);
    private static final long CHECK_MS = 250;

    private final ConsensusModule.Context consensus;
    private final long intervalMs;
    private final long logBytes;
    private final Thread thread;
    private volatile boolean running = true;

    SnapshotScheduler(final ConsensusModule.Context consensus, final long intervalMs, final long logBytes)
    {
        this.consensus = consensus;
        this.intervalMs = intervalMs;
        this.logBytes = logBytes;
        thread = new Thread(this, "gamehall-snapshot-scheduler");
        thread.setDaemon(true);
        thread.start();
    }

    public void run()
    {
        long lastCount = consensus.snapshotCounter().get();
        long lastTimeMs = System.currentTimeMillis();
        long lastPosition = consensus.commitPositionCounter().get();
        while (running)
        {
            try
            {
                Thread.sleep(CHECK_MS);
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            if (consensus.snapshotCounter().isClosed())
            {
                return;
            }
            final long now = System.currentTimeMillis();
            final long position = consensus.commitPositionCounter().get();
            final long count = consensus.snapshotCounter().get();
            if (count != lastCount)
            {
                lastCount = count;
                lastTimeMs = now;
                lastPosition = position;
                continue;
            }
            if (Cluster.Role.get(consensus.clusterNodeRoleCounter()) != Cluster.Role.LEADER)
            {
                continue;
            }
            final boolean due = (intervalMs > 0 && now - lastTimeMs >= intervalMs) ||
                (logBytes > 0 && position - lastPosition >= logBytes);
            if (due && ClusterControl.ToggleState.SNAPSHOT.toggle(consensus.controlToggleCounter()))
            {
                LOG.info("periodic snapshot requested at commit position {}", position);
                lastTimeMs = now;
                lastPosition = position;
            }
        }
    }

    public void close()
    {
        running = false;
        thread.interrupt();
        try
        {
            thread.join(1_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
