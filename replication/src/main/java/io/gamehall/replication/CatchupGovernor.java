package io.gamehall.replication;

import io.aeron.cluster.ClusterMember;
import io.aeron.cluster.ClusterMembership;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusterNodeControlProperties;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * On the leader, bounds ingress ({@link IngressPacer}) while a member is catching up, so that
 * a restarted node finishes its catch-up under load instead of chasing a log that grows as
 * fast as it can replay it.
 * <p>
 * Twice a second the leader asks its own consensus module for the members' log positions
 * (the members report them as they append, also while they replay and catch up), through a
 * {@link MembersQuery} that never blocks and stays open, and only while no election runs. A member
 * heard from in the last {@value #HEARD_WITHIN_MS} ms that is more than {@code lagBytes}
 * behind the commit position turns the cap on; the cap goes off when every such member is
 * close again (below), or no longer heard from (a dead member does not hold the cluster
 * back): a follower keeping up lags by what is in flight, tens of kilobytes, so the cap ends only
 * when the member is within {@value #RELEASE_BYTES} bytes (or half of {@code lagBytes} if that is
 * less). Followers never cap. Runs on the node's housekeeping thread ({@link MasterNode}).
 */
final class CatchupGovernor implements Agent
{
    private static final Logger LOG = LoggerFactory.getLogger(CatchupGovernor.class);
    private static final long CHECK_MS = 500;
    private static final long HEARD_WITHIN_MS = 2_000;
    private static final long ANSWER_TIMEOUT_MS = 5_000;
    private static final long RELEASE_BYTES = 1024 * 1024;

    private final ConsensusModule.Context consensus;
    private final IngressPacer pacer;
    private final long lagBytes;
    private final int commandsPerSecond;
    private final String aeronDirectoryName;
    private final ErrorHandler errorHandler;
    private final EpochClock clock;
    private MembersQuery query;
    private long nextCheckMs;
    private long askedAtMs;
    private int cappedFor = -1;

    CatchupGovernor(final ConsensusModule.Context consensus, final IngressPacer pacer, final long lagBytes,
        final int commandsPerSecond, final String aeronDirectoryName, final ErrorHandler errorHandler,
        final EpochClock clock)
    {
        this.consensus = consensus;
        this.aeronDirectoryName = aeronDirectoryName;
        this.errorHandler = errorHandler;
        this.pacer = pacer;
        this.lagBytes = lagBytes;
        this.commandsPerSecond = commandsPerSecond;
        this.clock = clock;
    }

    public void onStart()
    {
        try
        {
            final ClusterNodeControlProperties control = consensus.clusterMarkFile().loadControlProperties();
            query = new MembersQuery(aeronDirectoryName, control, errorHandler);
        }
        catch (final RuntimeException ex)
        {
            LOG.error("catch-up governor not started: ingress is not capped while a member catches up", ex);
        }
        nextCheckMs = clock.time() + CHECK_MS;
    }

    public int doWork()
    {
        if (query == null || consensus.commitPositionCounter().isClosed())
        {
            return 0;
        }
        final ClusterMembership answer = query.poll();
        if (answer != null && answer.activeMembers != null)
        {
            check(answer);
        }
        final long now = clock.time();
        if (query.isAsking() && now - askedAtMs > ANSWER_TIMEOUT_MS)
        {
            query.giveUp();
        }
        if (now < nextCheckMs)
        {
            return answer != null ? 1 : 0;
        }
        nextCheckMs = now + CHECK_MS;
        if (Cluster.Role.get(consensus.clusterNodeRoleCounter()) != Cluster.Role.LEADER)
        {
            release("this node is no longer the leader");
            return 0;
        }
        if (ElectionState.get(consensus.electionStateCounter()) == ElectionState.CLOSED && query.ask())
        {
            askedAtMs = now;
        }
        return 1;
    }

    public void onClose()
    {
        pacer.limit(0);
        CloseHelper.quietClose(query);
    }

    public String roleName()
    {
        return "catchup-governor";
    }

    private void check(final ClusterMembership membership)
    {
        if (Cluster.Role.get(consensus.clusterNodeRoleCounter()) != Cluster.Role.LEADER)
        {
            return;
        }
        final long commit = consensus.commitPositionCounter().get();
        final int worstMember = worstLiveMember(membership, commit);
        final long worstLag = worstMember < 0 ? 0 : commit - memberPosition(membership, worstMember);
        final boolean cap = shouldCap(cappedFor >= 0, worstLag, lagBytes);
        if (cap && cappedFor < 0)
        {
            LOG.warn("member {} is catching up, {} MB behind the commit position: the leader applies at most {} " +
                "commands/s until it is within {} KB", worstMember, worstLag >> 20, commandsPerSecond,
                releaseBytes(lagBytes) >> 10);
            pacer.limit(commandsPerSecond);
            cappedFor = worstMember;
        }
        else if (cap)
        {
            cappedFor = worstMember;
        }
        else if (cappedFor >= 0)
        {
            release(worstMember < 0 ? "no lagging member heard from" : "member " + cappedFor + " caught up");
        }
    }

    /**
     * @return the member, other than the one answering, furthest behind the commit position among
     * those heard from in the last {@value #HEARD_WITHIN_MS} ms; -1 when none is behind.
     */
    static int worstLiveMember(final ClusterMembership membership, final long commitPosition)
    {
        int worstMember = -1;
        long worstLag = 0;
        for (final ClusterMember member : membership.activeMembers)
        {
            if (member.id() == membership.memberId)
            {
                continue;
            }
            final long silentNs = membership.currentTimeNs - member.timeOfLastAppendPositionNs();
            final long lag = commitPosition - member.logPosition();
            if (silentNs <= TimeUnit.MILLISECONDS.toNanos(HEARD_WITHIN_MS) && lag > worstLag)
            {
                worstLag = lag;
                worstMember = member.id();
            }
        }
        return worstMember;
    }

    /**
     * @param capped   whether the cap is on now.
     * @param lag      how far the worst live member is behind.
     * @param lagBytes the configured lag that turns the cap on.
     * @return whether the cap should be on: on above {@code lagBytes}, off again only once the member
     * is within {@link #releaseBytes(long)}.
     */
    static boolean shouldCap(final boolean capped, final long lag, final long lagBytes)
    {
        return capped ? lag > releaseBytes(lagBytes) : lag > lagBytes;
    }

    static long releaseBytes(final long lagBytes)
    {
        return Math.min(RELEASE_BYTES, lagBytes / 2);
    }

    private static long memberPosition(final ClusterMembership membership, final int memberId)
    {
        for (final ClusterMember member : membership.activeMembers)
        {
            if (member.id() == memberId)
            {
                return member.logPosition();
            }
        }
        return 0;
    }

    private void release(final String why)
    {
        if (cappedFor >= 0)
        {
            LOG.info("{}: ingress no longer capped", why);
            cappedFor = -1;
        }
        pacer.limit(0);
    }
}
