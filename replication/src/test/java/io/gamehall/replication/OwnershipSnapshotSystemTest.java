package io.gamehall.replication;

import io.gamehall.replication.client.PendingRequests;
import io.gamehall.replication.support.MasterCalls;
import io.gamehall.replication.support.TestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who owns each server, and the role each remembered client id belongs to, are in the
 * snapshot: a node restarted from one still refuses a stranger's heartbeat for a server and a
 * client id of one role used by another.
 */
@Timeout(120)
class OwnershipSnapshotSystemTest
{
    private static final long OWNER = 501;
    private static final long STRANGER = 502;
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
    void shouldKeepOwnersAndClientRolesAcrossASnapshotAndARestart() throws Exception
    {
        cluster = TestCluster.start(1, ctx -> ctx.engineConfig(TestCluster.engineConfig().serverTimeoutMs(120_000)));
        final long gatewayId = calls(ClientRole.GATEWAY, OWNER)
            .ok("RegisterServer role=GATEWAY capacity=10 name=gw-a endpoint=e softwareVersion=1");
        cluster.closeClients();
        calls(ClientRole.ADMIN, 0);
        final long deadline = System.currentTimeMillis() + 20_000;
        while (!cluster.clientsRequestSnapshot())
        {
            assertThat(System.currentTimeMillis()).as("the admin client connects").isLessThan(deadline);
            TestCluster.sleep(20);
        }
        while (cluster.node(0).consensusModuleContext().snapshotCounter().get() < 1)
        {
            assertThat(System.currentTimeMillis()).isLessThan(deadline);
            TestCluster.sleep(20);
        }
        cluster.closeClients();
        cluster.awaitQuiescent(10_000);
        cluster.stopNode(0);
        cluster.startNode(0);
        cluster.awaitLeader(30_000);

        assertThat(calls(ClientRole.GATEWAY, STRANGER).call("ServerHeartbeat serverId=" + gatewayId + " load=0"))
            .contains("code=NOT_SERVER_OWNER");
        assertThat(calls(ClientRole.HOST, OWNER).call("ServerHeartbeat serverId=" + gatewayId + " load=0"))
            .as("the owner's client id used by a host").contains("code=CLIENT_ID_MISMATCH");
        assertThat(calls(ClientRole.GATEWAY, OWNER).call("ServerHeartbeat serverId=" + gatewayId + " load=0"))
            .contains("code=OK");
    }

    private MasterCalls calls(final ClientRole role, final long clientId)
    {
        final PendingRequests requests = new PendingRequests(null, null);
        cluster.client(role, requests, clientId);
        return new MasterCalls(requests);
    }
}
