package io.gamehall.replication;

import io.gamehall.replication.client.MasterClientListener;
import io.gamehall.replication.client.PendingRequests;
import io.gamehall.replication.support.MasterCalls;
import io.gamehall.replication.support.TestCluster;
import io.gamehall.master.text.MessageText;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
class SingleNodeSystemTest
{
    private TestCluster cluster;
    private final List<String> hostEvents = new CopyOnWriteArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception
    {
        cluster = TestCluster.start(1);
    }

    @AfterEach
    void stop()
    {
        if (cluster != null)
        {
            cluster.close();
        }
    }

    @Test
    void shouldServeServersUsersAndInstancesThroughMasterClient()
    {
        final MasterCalls host = calls(ClientRole.HOST, hostEvents);
        final MasterCalls gateway = calls(ClientRole.GATEWAY, new CopyOnWriteArrayList<>());

        final long hostId = host.ok("RegisterServer role=GAME_HOST capacity=10 gameTypes=1 name=host-a " +
            "endpoint=aeron:udp?endpoint=127.0.0.1:40001 softwareVersion=0.1.0");
        final long gatewayId = gateway.ok("RegisterServer role=GATEWAY capacity=100 name=gw-a " +
            "endpoint=ws://127.0.0.1:8080/game softwareVersion=0.1.0");
        gateway.ok("CheckInUser gatewayId=" + gatewayId + " userId=1 userName=alice");
        gateway.ok("CheckInUser gatewayId=" + gatewayId + " userId=2 userName=bob");
        final long instanceId = gateway.ok("CreateInstance ownerId=1 gameType=1 maxPlayers=2");
        host.ok("InstanceReady hostId=" + hostId + " instanceId=" + instanceId);

        assertThat(gateway.call("SearchInstances gameType=1 state=OPEN maxResults=10"))
            .contains("instanceId=" + instanceId + " ");
        gateway.ok("JoinInstance userId=2 instanceId=" + instanceId);
        assertThat(gateway.call("GetInstance instanceId=" + instanceId)).contains("state=RUNNING")
            .contains("players=[(userId=1),(userId=2)]");
        gateway.ok("LeaveInstance userId=2 instanceId=" + instanceId);
        assertThat(gateway.call("JoinInstance userId=2 instanceId=999")).contains("code=UNKNOWN_INSTANCE");

        awaitEvent("SpawnInstance hostId=" + hostId + " instanceId=" + instanceId);
        awaitEvent("PlayerJoined hostId=" + hostId + " instanceId=" + instanceId + " userId=2");
        awaitEvent("PlayerLeft hostId=" + hostId + " instanceId=" + instanceId + " userId=2 reason=LEFT");
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldPageThroughUsersAndInstancesThroughMasterClient()
    {
        final MasterCalls host = calls(ClientRole.HOST, hostEvents);
        final MasterCalls gateway = calls(ClientRole.GATEWAY, new CopyOnWriteArrayList<>());
        final MasterCalls admin = calls(ClientRole.ADMIN, new CopyOnWriteArrayList<>());
        host.ok("RegisterServer role=GAME_HOST capacity=100 gameTypes=1 name=host-a endpoint=e softwareVersion=1");
        final long gatewayId = gateway.ok("RegisterServer role=GATEWAY capacity=1000 name=gw-a endpoint=e " +
            "softwareVersion=1");
        final List<Long> instanceIds = new java.util.ArrayList<>();
        for (int userId = 1; userId <= 70; userId++)
        {
            gateway.ok("CheckInUser gatewayId=" + gatewayId + " userId=" + userId + " userName=user-" + userId);
            if (userId % 2 == 0)
            {
                instanceIds.add(gateway.ok("CreateInstance ownerId=" + userId + " gameType=1 maxPlayers=2"));
            }
        }

        final String firstUsers = admin.call("ListUsers cursor=0 maxResults=64");
        assertThat(firstUsers).startsWith("UserList").contains("code=OK nextCursor=65")
            .contains("(userId=1 state=ONLINE gatewayId=" + gatewayId + " instanceId=0 ")
            .contains("(userId=64 state=IN_INSTANCE").doesNotContain("userId=65 ");
        assertThat(admin.call("ListUsers cursor=65 maxResults=64")).contains("code=OK nextCursor=0")
            .contains("(userId=65 ").contains("userName=user-70)]");

        assertThat(gateway.call("ListInstances cursor=0 maxResults=64")).as("listings are for operators")
            .contains("code=NOT_AUTHORISED");
        final String instances = admin.call("ListInstances cursor=0 maxResults=64");
        assertThat(instances).startsWith("InstanceList").contains("code=OK nextCursor=0")
            .contains("(instanceId=" + instanceIds.get(0) + " gameType=1 state=CREATING ")
            .contains("(instanceId=" + instanceIds.get(34) + " ");
        assertThat(admin.call("ListInstances cursor=0 maxResults=65")).contains("code=INVALID_VALUE");
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldRefuseAdminCommandsFromNonAdminClients()
    {
        final MasterCalls host = calls(ClientRole.HOST, hostEvents);
        final MasterCalls admin = calls(ClientRole.ADMIN, new CopyOnWriteArrayList<>());
        final long hostId = host.ok("RegisterServer role=GAME_HOST capacity=10 gameTypes=1 name=host-a " +
            "endpoint=e softwareVersion=1");

        assertThat(host.call("DrainServer serverId=" + hostId)).contains("code=NOT_AUTHORISED");
        assertThat(host.call("DeregisterServer serverId=" + hostId)).contains("code=NOT_AUTHORISED");
        assertThat(admin.call("DrainServer serverId=" + hostId)).contains("code=OK");
        awaitEvent("DrainOrder serverId=" + hostId);
    }

    @Test
    void shouldTakePeriodicSnapshotsOnTheLeader() throws Exception
    {
        cluster.close();
        cluster = TestCluster.start(1, ctx -> ctx.snapshotIntervalMs(500));
        final MasterCalls host = calls(ClientRole.HOST, hostEvents);
        host.ok("RegisterServer role=GAME_HOST capacity=10 gameTypes=1 name=host-a endpoint=e softwareVersion=1");

        final long deadline = System.currentTimeMillis() + 20_000;
        while (cluster.node(0).consensusModuleContext().snapshotCounter().get() < 2 &&
            System.currentTimeMillis() < deadline)
        {
            TestCluster.sleep(50);
        }
        assertThat(cluster.node(0).consensusModuleContext().snapshotCounter().get()).isGreaterThanOrEqualTo(2);
        final io.gamehall.replication.NodeStatus status = io.gamehall.replication.NodeStatus.read(
            cluster.node(0).clusterDir(), 5_000);
        assertThat(status.role()).isEqualTo("LEADER");
        assertThat(status.leaderMemberId()).isZero();
        assertThat(status.snapshots()).isGreaterThanOrEqualTo(2);
        assertThat(status.commitPosition()).isPositive();
    }

    private MasterCalls calls(final ClientRole role, final List<String> events)
    {
        final PendingRequests requests = new PendingRequests(
            bytes -> events.add(MessageText.render(new UnsafeBuffer(bytes), 0, bytes.length)),
            new MasterClientListener()
            {
                public void onResponse(final long tag, final org.agrona.DirectBuffer b, final int o, final int l)
                {
                }

                public void onTimeout(final long tag)
                {
                }

                public void onEvent(final org.agrona.DirectBuffer b, final int o, final int l)
                {
                }

                public void onError(final Throwable error)
                {
                    errors.add(error);
                }
            });
        cluster.client(role, requests);
        return new MasterCalls(requests);
    }

    private void awaitEvent(final String prefix)
    {
        final long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline)
        {
            if (hostEvents.stream().anyMatch(e -> e.startsWith(prefix)))
            {
                return;
            }
            TestCluster.sleep(10);
        }
        assertThat(hostEvents).as("events").anyMatch(e -> e.startsWith(prefix));
    }
}
