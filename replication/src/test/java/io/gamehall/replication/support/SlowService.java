package io.gamehall.replication.support;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A clustered service that takes a fixed time per session message and otherwise does what the
 * service it wraps does: a node hosting it falls behind a cluster that keeps writing, as a node
 * on a starved machine does.
 */
public final class SlowService implements ClusteredService
{
    private final ClusteredService service;
    private final long pauseNs;

    /**
     * @param service      what to do.
     * @param pauseMicros  the time each session message takes on top.
     */
    public SlowService(final ClusteredService service, final long pauseMicros)
    {
        this.service = service;
        this.pauseNs = TimeUnit.MICROSECONDS.toNanos(pauseMicros);
    }

    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        service.onStart(cluster, snapshotImage);
    }

    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
        service.onSessionOpen(session, timestamp);
    }

    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
        service.onSessionClose(session, timestamp, closeReason);
    }

    public void onSessionMessage(
        final ClientSession session,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        final long until = System.nanoTime() + pauseNs;
        while (System.nanoTime() < until)
        {
            LockSupport.parkNanos(until - System.nanoTime());
        }
        service.onSessionMessage(session, timestamp, buffer, offset, length, header);
    }

    public void onTimerEvent(final long correlationId, final long timestamp)
    {
        service.onTimerEvent(correlationId, timestamp);
    }

    public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
    {
        service.onTakeSnapshot(snapshotPublication);
    }

    public void onRoleChange(final Cluster.Role newRole)
    {
        service.onRoleChange(newRole);
    }

    public void onTerminate(final Cluster cluster)
    {
        service.onTerminate(cluster);
    }

    public void onNewLeadershipTermEvent(
        final long leadershipTermId,
        final long logPosition,
        final long timestamp,
        final long termBaseLogPosition,
        final int leaderMemberId,
        final int logSessionId,
        final TimeUnit timeUnit,
        final int appVersion)
    {
        service.onNewLeadershipTermEvent(leadershipTermId, logPosition, timestamp, termBaseLogPosition, leaderMemberId,
            logSessionId, timeUnit, appVersion);
    }
}
