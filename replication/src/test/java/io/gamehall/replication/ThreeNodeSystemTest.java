package io.gamehall.replication;

import io.gamehall.replication.client.MasterClientListener;
import io.gamehall.replication.client.PendingRequests;
import io.gamehall.replication.support.MasterCalls;
import io.gamehall.replication.support.TestCluster;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(180)
class ThreeNodeSystemTest
{
    private TestCluster cluster;
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private final AtomicInteger reconnects = new AtomicInteger();

    @AfterEach
    void stop()
    {
        if (cluster != null)
        {
            cluster.close();
        }
    }

    @Test
    void shouldReachTheSameStateHashOnEveryNode() throws Exception
    {
        cluster = TestCluster.start(3);
        final MasterCalls calls = calls(ClientRole.ADMIN);
        playSomeGames(calls, 1, 40);

        cluster.awaitQuiescent(20_000);
        final long[] hashes = cluster.stopAndHash();

        assertThat(hashes[1]).isEqualTo(hashes[0]);
        assertThat(hashes[2]).isEqualTo(hashes[0]);
    }

    @Test
    void shouldCatchUpANodeThatWasDown() throws Exception
    {
        cluster = TestCluster.start(3);
        final MasterCalls calls = calls(ClientRole.ADMIN);
        playSomeGames(calls, 1, 10);
        final int leader = cluster.leader();
        final int follower = (leader + 1) % 3;
        cluster.awaitQuiescent(20_000);
        cluster.stopNode(follower);

        playSomeGames(calls, 1000, 20);
        cluster.startNode(follower);

        cluster.awaitQuiescent(30_000);
        final long[] hashes = cluster.stopAndHash();
        assertThat(hashes[follower]).isEqualTo(hashes[leader]);
        assertThat(hashes[(leader + 2) % 3]).isEqualTo(hashes[leader]);
    }

    @Test
    void shouldRestartWholeClusterFromSnapshotAndLogWithTheSameState() throws Exception
    {
        cluster = TestCluster.start(3);
        final MasterCalls calls = calls(ClientRole.ADMIN);
        playSomeGames(calls, 1, 10);
        final int leader = cluster.leader();
        final long snapshotsBefore = cluster.node(leader).consensusModuleContext().snapshotCounter().get();
        assertThat(cluster.clientsRequestSnapshot()).isTrue();
        awaitTrue(() -> cluster.node(leader).consensusModuleContext().snapshotCounter().get() > snapshotsBefore, 20_000);
        playSomeGames(calls, 1000, 10);
        cluster.awaitQuiescent(20_000);
        cluster.closeClients();
        final long[] before = cluster.stopAndHash();

        for (int i = 0; i < 3; i++)
        {
            cluster.startNode(i);
        }
        cluster.awaitLeader(30_000);
        cluster.awaitQuiescent(30_000);
        final long[] after = cluster.stopAndHash();

        assertThat(before[1]).isEqualTo(before[0]);
        assertThat(after).containsOnly(before[0]);
    }

    @Test
    void shouldReportQuorumLossAndRecoverWhenMajorityReturns() throws Exception
    {
        // servers must not be declared dead while the quorum is away (this test is about the
        // quorum, and a host of the first round would otherwise lose its games mid-call)
        cluster = TestCluster.start(3, ctx -> ctx.engineConfig(TestCluster.engineConfig().serverTimeoutMs(600_000)));
        final MasterCalls calls = calls(ClientRole.ADMIN);
        playSomeGames(calls, 1, 2);
        final int leader = cluster.leader();
        final int a = (leader + 1) % 3;
        final int b = (leader + 2) % 3;

        cluster.stopNode(a);
        cluster.stopNode(b);
        awaitTrue(() -> notices.stream().anyMatch(n -> n.startsWith("disconnected")), 60_000);

        cluster.startNode(a);
        cluster.startNode(b);
        awaitTrue(() -> reconnects.get() > 0, 90_000);
        playSomeGames(calls, 1000, 2);
        assertThat(notices).anyMatch(n -> n.contains("leader or quorum lost"));
    }

    private void playSomeGames(final MasterCalls calls, final int firstUser, final int games)
    {
        final long host = calls.ok("RegisterServer role=GAME_HOST capacity=1000 gameTypes=1 name=host-" + firstUser +
            " endpoint=aeron:udp?endpoint=127.0.0.1:40001 softwareVersion=0.1.0");
        final long gateway = calls.ok("RegisterServer role=GATEWAY capacity=1000 name=gw-" + firstUser +
            " endpoint=ws://127.0.0.1:8080/game softwareVersion=0.1.0");
        for (int g = 0; g < games; g++)
        {
            final int a = firstUser + 2 * g;
            final int b = a + 1;
            calls.ok("CheckInUser gatewayId=" + gateway + " userId=" + a + " userName=u" + a);
            calls.ok("CheckInUser gatewayId=" + gateway + " userId=" + b + " userName=u" + b);
            final String created = calls.call("CreateInstance ownerId=" + a + " gameType=1 maxPlayers=2");
            final long instance = MasterCalls.field(created, "subjectId");
            final long placedOn = MasterCalls.field(created, "detailId");
            calls.ok("InstanceReady hostId=" + placedOn + " instanceId=" + instance);
            calls.ok("JoinInstance userId=" + b + " instanceId=" + instance);
            calls.call("ServerHeartbeat serverId=" + host + " load=1");
            if (g % 2 == 0)
            {
                calls.ok("InstanceEnded hostId=" + placedOn + " instanceId=" + instance);
                calls.ok("CheckOutUser gatewayId=" + gateway + " userId=" + a);
            }
        }
    }

    private MasterCalls calls(final ClientRole role)
    {
        final PendingRequests requests = new PendingRequests(null, new MasterClientListener()
        {
            public void onResponse(final long tag, final DirectBuffer buffer, final int offset, final int length)
            {
            }

            public void onTimeout(final long tag)
            {
            }

            public void onEvent(final DirectBuffer buffer, final int offset, final int length)
            {
            }

            public void onConnected(final boolean reconnect)
            {
                if (reconnect)
                {
                    reconnects.incrementAndGet();
                }
            }

            public void onDisconnected(final String reason)
            {
                notices.add("disconnected: " + reason);
            }
        });
        cluster.client(role, requests);
        return new MasterCalls(requests);
    }

    private static void awaitTrue(final java.util.function.BooleanSupplier condition, final long timeoutMs)
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean())
        {
            if (System.currentTimeMillis() > deadline)
            {
                throw new AssertionError("condition not met within " + timeoutMs + " ms");
            }
            TestCluster.sleep(20);
        }
    }
}
