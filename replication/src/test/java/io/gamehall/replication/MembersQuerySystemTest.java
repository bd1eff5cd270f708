package io.gamehall.replication;

import io.aeron.cluster.ClusterMember;
import io.aeron.cluster.ClusterMembership;
import io.gamehall.replication.support.TestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leader's own question about its members, as the catch-up governor asks it: answered
 * with every member and its log position, again and again on the same channel, without
 * blocking the asker.
 */
@Timeout(120)
class MembersQuerySystemTest
{
    private TestCluster cluster;

    @AfterEach
    void stop()
    {
        if (cluster != null)
        {
            cluster.close();
        }
    }

    @Test
    void shouldTellTheLeaderItsMembersAndTheirPositionsAgainAndAgain() throws Exception
    {
        cluster = TestCluster.start(3);
        final int leader = cluster.awaitLeader(20_000);
        final MasterNode node = cluster.node(leader);
        final io.gamehall.replication.client.PendingRequests requests =
            new io.gamehall.replication.client.PendingRequests(null, null);
        cluster.client(ClientRole.HOST, requests);
        new io.gamehall.replication.support.MasterCalls(requests).ok(
            "RegisterServer role=GAME_HOST capacity=10 gameTypes=1 name=host-a endpoint=e softwareVersion=1");
        final long committed = node.consensusModuleContext().commitPositionCounter().get();
        try (MembersQuery query = new MembersQuery(node.context().aeronDirectoryName(),
            node.consensusModuleContext().clusterMarkFile().loadControlProperties(), Throwable::printStackTrace))
        {
            for (int round = 0; round < 3; round++)
            {
                final ClusterMembership answer = ask(query);
                assertThat(answer.memberId).isEqualTo(leader);
                assertThat(answer.leaderMemberId).isEqualTo(leader);
                assertThat(answer.activeMembers).extracting(ClusterMember::id).containsExactlyInAnyOrder(0, 1, 2);
                assertThat(answer.activeMembers).as("every member appended the registration")
                    .allSatisfy(member -> assertThat(member.logPosition()).isGreaterThanOrEqualTo(committed));
                assertThat(CatchupGovernor.worstLiveMember(answer, node.consensusModuleContext()
                    .commitPositionCounter().get())).as("nobody is behind").isEqualTo(-1);
            }
        }
    }

    private static ClusterMembership ask(final MembersQuery query) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() - deadline < 0)
        {
            if (!query.isAsking())
            {
                query.ask();
            }
            final ClusterMembership answer = query.poll();
            if (answer != null)
            {
                return answer;
            }
            TimeUnit.MILLISECONDS.sleep(1);
        }
        throw new AssertionError("no answer within 20 s");
    }
}
