package io.gamehall.replication.client;

import io.aeron.cluster.client.AeronCluster;
import io.aeron.driver.MediaDriver;
import io.gamehall.aeron.LocalMediaDriver;
import io.gamehall.replication.ClientRole;
import io.gamehall.replication.support.LogBufferFiles;
import io.gamehall.replication.support.TestCluster;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The master answers a client on a log of {@link MasterClient#TERM_LENGTH}, not Aeron's 16 MB default.
 */
class EgressTermLengthTest
{
    private TestCluster cluster;
    private MediaDriver driver;
    private MasterClient client;

    @AfterEach
    void stop()
    {
        CloseHelper.quietCloseAll(client, driver, cluster);
    }

    @Test
    void shouldReceiveTheMastersEgressOnATermOfItsOwnLength() throws Exception
    {
        cluster = TestCluster.start(1);
        driver = LocalMediaDriver.launch("egress-test");
        client = MasterClient.launch(new MasterClient.Context()
            .ingressEndpoints(cluster.ingressEndpoints())
            .role(ClientRole.ADMIN)
            .secret(TestCluster.SECRETS.get(ClientRole.ADMIN))
            .aeronDirectoryName(driver.aeronDirectoryName())
            .listener(new PendingRequests(null, null)));
        final long deadline = System.currentTimeMillis() + 10_000;
        List<Integer> egress = List.of();
        while (System.currentTimeMillis() < deadline && (!client.isConnected() || egress.isEmpty()))
        {
            TestCluster.sleep(20);
            egress = LogBufferFiles.termLengths(driver.aeronDirectoryName(),
                streamId -> streamId == AeronCluster.Configuration.EGRESS_STREAM_ID_DEFAULT);
        }
        assertThat(client.isConnected()).isTrue();
        assertThat(egress).as("the egress image in the client's driver").containsExactly(MasterClient.TERM_LENGTH);
    }
}
