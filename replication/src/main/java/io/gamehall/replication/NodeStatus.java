package io.gamehall.replication;

import io.aeron.Aeron;
import io.aeron.AeronCounters;
import io.aeron.cluster.ClusterMembership;
import io.aeron.cluster.ClusterTool;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusterMarkFile;

import java.io.File;

/**
 * What an operator wants to know about a running node, read from its cluster directory on
 * the same machine: its role, who leads, the term, the commit position, the members.
 *
 * @param memberId         this node.
 * @param role             LEADER, FOLLOWER or CANDIDATE.
 * @param leaderMemberId   the leader it knows of.
 * @param leadershipTermId current term.
 * @param commitPosition   log position committed by a quorum.
 * @param electionState    election state (CLOSED when no election runs).
 * @param snapshots        snapshots taken since the node started.
 * @param activeMembers    the active members as the consensus module describes them.
 */
public record NodeStatus(
    int memberId,
    String role,
    int leaderMemberId,
    long leadershipTermId,
    long commitPosition,
    String electionState,
    long snapshots,
    String activeMembers)
{
    /**
     * @param clusterDir the node's cluster directory ({@code <data-dir>/cluster}).
     * @param timeoutMs  how long to wait for the node to answer.
     * @return the status.
     * @throws IllegalStateException when no node runs there or it does not answer.
     */
    public static NodeStatus read(final File clusterDir, final long timeoutMs)
    {
        if (!new File(clusterDir, ClusterMarkFile.FILENAME).exists())
        {
            throw new IllegalStateException("no master node has run in " + clusterDir + " (no " +
                ClusterMarkFile.FILENAME + ")");
        }
        try (ClusterMarkFile markFile = new ClusterMarkFile(
            clusterDir, ClusterMarkFile.FILENAME, System::currentTimeMillis, timeoutMs, null))
        {
            final String aeronDir = markFile.decoder().aeronDirectory();
            if (!new File(aeronDir, "cnc.dat").exists())
            {
                throw new IllegalStateException("the master node of " + clusterDir + " is not running (its media " +
                    "driver directory " + aeronDir + " is gone)");
            }
            final ClusterMembership membership = new ClusterMembership();
            if (!ClusterTool.queryClusterMembers(markFile, timeoutMs, membership))
            {
                throw new IllegalStateException("the node in " + clusterDir + " did not answer within " + timeoutMs +
                    " ms (is it running?)");
            }
            final long[] values = {-1, -1, -1, -1, 0};
            try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir)))
            {
                aeron.countersReader().forEach((counterId, typeId, keyBuffer, label) ->
                {
                    final long value = aeron.countersReader().getCounterValue(counterId);
                    switch (typeId)
                    {
                        case AeronCounters.CLUSTER_NODE_ROLE_TYPE_ID -> values[0] = value;
                        case AeronCounters.CLUSTER_LEADERSHIP_TERM_ID_TYPE_ID -> values[1] = value;
                        case AeronCounters.CLUSTER_COMMIT_POSITION_TYPE_ID -> values[2] = value;
                        case AeronCounters.CLUSTER_ELECTION_STATE_TYPE_ID -> values[3] = value;
                        case AeronCounters.CLUSTER_SNAPSHOT_COUNTER_TYPE_ID -> values[4] = value;
                        default ->
                        {
                        }
                    }
                });
            }
            return new NodeStatus(
                membership.memberId,
                values[0] < 0 ? "UNKNOWN" : Cluster.Role.get(values[0]).name(),
                membership.leaderMemberId,
                values[1],
                values[2],
                values[3] < 0 ? "UNKNOWN" : ElectionState.get(values[3]).name(),
                values[4],
                membership.activeMembersStr);
        }
    }

    public String toString()
    {
        return "member " + memberId + ": " + role + "\n" +
            "leader:          " + leaderMemberId + "\n" +
            "term:            " + leadershipTermId + "\n" +
            "commit position: " + commitPosition + "\n" +
            "election:        " + electionState + "\n" +
            "snapshots:       " + snapshots + " since start\n" +
            "members:         " + activeMembers;
    }
}
