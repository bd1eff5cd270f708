package io.gamehall.replication;

import io.aeron.Aeron;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.ElectionState;
import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.status.CountersReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.LongSupplier;

/**
 * Once a second, how far this node is behind the cluster: its own position (what its service
 * has applied) against the commit position it knows and, while an election runs on it (after
 * a restart, or while it catches up), the furthest log the other members have recorded
 * ({@link PeerLogPositions}). {@link CatchupTracker} draws the conclusions, which go to the
 * node's log ("catching up, N bytes behind, ETA", a rate-limited warning when stuck) and to
 * counters that {@code gamehall master status} reads ({@link CatchupCounters}).
 */
final class CatchupMonitor implements Agent
{
    private static final Logger LOG = LoggerFactory.getLogger(CatchupMonitor.class);
    private static final long SAMPLE_INTERVAL_MS = 1_000;

    private final int electionStateCounterId;
    private final int commitPositionCounterId;
    private final LongSupplier nodePosition;
    private final EpochClock clock;
    private final Aeron aeron;
    private final PeerLogPositions peers;
    private final CatchupTracker tracker;
    private final CatchupCounters published;
    private long nextSampleMs;

    /**
     * @param consensusModule the node's consensus module (its election state and commit position counters).
     * @param nodePosition    the log position the node's service has applied; null to take the commit position.
     * @param ctx             the node's configuration: members, archive secret, stuck time.
     * @param clock           the time of each sample.
     */
    CatchupMonitor(
        final ConsensusModule.Context consensusModule,
        final LongSupplier nodePosition,
        final MasterNode.Context ctx,
        final EpochClock clock)
    {
        electionStateCounterId = consensusModule.electionStateCounter().id();
        commitPositionCounterId = consensusModule.commitPositionCounter().id();
        this.nodePosition = nodePosition;
        this.clock = clock;
        aeron = Aeron.connect(new Aeron.Context()
            .aeronDirectoryName(ctx.aeronDirectoryName())
            .errorHandler(ctx.errorHandler())
            .subscriberErrorHandler(ctx.errorHandler()));
        try
        {
            peers = new PeerLogPositions(aeron, ctx.members(), ctx.memberId(), consensusModule.logStreamId(),
                ctx.archiveCredentials());
            published = new CatchupCounters(aeron);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(aeron);
            throw ex;
        }
        tracker = new CatchupTracker(ctx.memberId(), ctx.catchupStuckAfterMs(), ctx.catchupStuckAfterMs(),
            new CatchupTracker.Listener()
            {
                public void onCatchingUp(final String line)
                {
                    LOG.info(line);
                }

                public void onStuck(final String line)
                {
                    LOG.warn(line);
                }

                public void onCaughtUp(final String line)
                {
                    LOG.info(line);
                }
            });
    }

    public int doWork()
    {
        final long nowMs = clock.time();
        if (nowMs < nextSampleMs)
        {
            return 0;
        }
        nextSampleMs = nowMs + SAMPLE_INTERVAL_MS;
        // read through this monitor's own mapping of the counters: the consensus module's closes with it
        final CountersReader counters = aeron.countersReader();
        if (counters.getCounterState(electionStateCounterId) != CountersReader.RECORD_ALLOCATED ||
            counters.getCounterState(commitPositionCounterId) != CountersReader.RECORD_ALLOCATED)
        {
            return 0;
        }
        final long electionStateCode = counters.getCounterValue(electionStateCounterId);
        final String electionState = electionStateCode < 0 ? "UNKNOWN" : ElectionState.get(electionStateCode).name();
        final long commitPosition = counters.getCounterValue(commitPositionCounterId);
        final long position = nodePosition == null ? commitPosition : nodePosition.getAsLong();
        long clusterPosition = Math.max(commitPosition, position);
        if (!"CLOSED".equals(electionState))
        {
            clusterPosition = Math.max(clusterPosition, peers.furthest(nowMs));
        }
        tracker.onSample(nowMs, position, clusterPosition, electionState);
        published.update(nowMs, position, clusterPosition, tracker);
        return 1;
    }

    public String roleName()
    {
        return "catch-up-monitor";
    }

    public void onClose()
    {
        CloseHelper.quietCloseAll(peers, published, aeron);
    }
}
