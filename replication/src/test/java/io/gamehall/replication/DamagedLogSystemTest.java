package io.gamehall.replication;

import io.gamehall.replication.client.MasterClientListener;
import io.gamehall.replication.client.PendingRequests;
import io.gamehall.replication.support.LogDamage;
import io.gamehall.replication.support.MasterCalls;
import io.gamehall.replication.support.TestCluster;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node whose recorded log holds a frame with a valid header and a zeroed message (what a
 * torture run found after many kills) used to fail Aeron's log replay in every election
 * ("expected schemaId=111, actual=0") and never rejoin, not even after a whole-cluster restart.
 * It now cuts its log at that frame when it starts and fetches the rest from the leader.
 */
@Timeout(120)
class DamagedLogSystemTest
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
    void shouldCutADamagedLogTailAndRejoinWithTheSameState() throws Exception
    {
        cluster = TestCluster.start(3);
        final MasterCalls calls = calls();
        final long gateway = calls.ok("RegisterServer role=GATEWAY capacity=4000 name=gw-a " +
            "endpoint=ws://127.0.0.1:8080/game softwareVersion=0.1.0");
        checkIn(calls, gateway, 1, 300);
        final int leader = cluster.leader();
        final int damaged = (leader + 1) % 3;
        cluster.awaitQuiescent(20_000);
        cluster.stopNode(damaged);
        final File dataDir = cluster.nodeContext(damaged).dataDir();
        final long position = LogDamage.zeroMessageOfAFrame(dataDir, 0.5);

        final LogTailCheck check = LogTailCheck.read(new File(dataDir, "cluster"), new File(dataDir, "archive"));
        assertThat(check.damagedAt()).isEqualTo(position);
        assertThat(check.damage()).contains("schema 0");

        checkIn(calls, gateway, 1_000, 100);
        cluster.startNode(damaged);
        checkIn(calls, gateway, 2_000, 100);

        cluster.awaitQuiescent(60_000);
        assertThat(LogTailCheck.read(new File(dataDir, "cluster"), new File(dataDir, "archive")).damagedAt())
            .as("the log it fetched again is sound").isEqualTo(-1);
        assertThat(new File(dataDir, "cluster").list((dir, name) -> name.startsWith("recording.log.damaged-")))
            .as("the old recording log is kept").hasSize(1);
        final long[] hashes = cluster.stopAndHash();
        assertThat(hashes[damaged]).isEqualTo(hashes[leader]);
        assertThat(hashes[(leader + 2) % 3]).isEqualTo(hashes[leader]);
    }

    private static void checkIn(final MasterCalls calls, final long gateway, final int first, final int count)
    {
        for (int user = first; user < first + count; user++)
        {
            calls.ok("CheckInUser gatewayId=" + gateway + " userId=" + user + " userName=u" + user);
        }
    }

    private MasterCalls calls()
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
        });
        cluster.client(io.gamehall.replication.ClientRole.ADMIN, requests);
        return new MasterCalls(requests);
    }
}
