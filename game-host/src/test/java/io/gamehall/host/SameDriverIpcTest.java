package io.gamehall.host;

import io.aeron.driver.MediaDriver;
import io.gamehall.aeron.LocalMediaDriver;
import io.gamehall.host.api.GameCatalog;
import io.gamehall.host.support.SumGame;
import io.gamehall.host.support.TestGateway.Received;
import io.gamehall.host.support.TestGateway;
import io.gamehall.link.LinkChannels;
import io.gamehall.link.SameDriver;
import io.gamehall.replication.ClientRole;
import io.gamehall.replication.support.LogBufferFiles;
import io.gamehall.replication.support.TestCluster;
import io.gamehall.store.Store;
import io.gamehall.store.StoreConfig;
import io.gamehall.store.open.Stores;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway and a game host that are clients of one media driver talk over IPC; with the
 * shortcut off on either side, or after the host restarts, they still reach each other. Either
 * way their logs have the link's own term length ({@link LinkChannels}), not Aeron's defaults.
 */
class SameDriverIpcTest
{
    private static final long WAIT_MS = 10_000;
    private static final long ALICE = 1;
    private static final long BOB = 2;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private TestCluster cluster;
    private MediaDriver driver;
    private File storeDir;
    private Store store;

    @BeforeEach
    void start() throws Exception
    {
        cluster = TestCluster.start(1);
        driver = LocalMediaDriver.launch("ipc-test");
        storeDir = Files.createTempDirectory("gamehall-ipc-store-").toFile();
        store = Stores.open(new StoreConfig().chronicleDir(storeDir).workerThreads(2));
    }

    @AfterEach
    void stop()
    {
        for (int i = closeables.size() - 1; i >= 0; i--)
        {
            CloseHelper.quietClose(closeables.get(i));
        }
        CloseHelper.quietCloseAll(store, driver, cluster);
        if (storeDir != null)
        {
            IoUtil.delete(storeDir, true);
        }
    }

    @Test
    void shouldTalkOverIpcToAHostOnTheSameDriver()
    {
        final GameHost host = host("host-a", true, 0);
        final TestGateway gateway = gateway("gw-a", true);
        gateway.connect(host.endpoint());
        assertThat(gateway.isIpc(host.endpoint())).isTrue();
        playOneMove(gateway, host);
        assertThat(linkTermLengths()).as("term length of each link log, both directions over IPC")
            .hasSizeGreaterThanOrEqualTo(2).containsOnly(LinkChannels.TERM_LENGTH);
    }

    @Test
    void shouldUseUdpWhenTheGatewayTurnsTheShortcutOff()
    {
        final GameHost host = host("host-a", true, 0);
        final TestGateway gateway = gateway("gw-a", false);
        gateway.connect(host.endpoint());
        assertThat(gateway.isIpc(host.endpoint())).isFalse();
        playOneMove(gateway, host);
        // over UDP each direction has a publication and, in the same driver here, the image it is read from
        assertThat(linkTermLengths()).as("term length of each link log, both directions over UDP")
            .hasSizeGreaterThanOrEqualTo(4).containsOnly(LinkChannels.TERM_LENGTH);
    }

    @Test
    void shouldUseUdpWhenTheHostDoesNotAdvertiseIpc()
    {
        final GameHost host = host("host-a", false, 0);
        final TestGateway gateway = gateway("gw-a", true);
        gateway.connect(host.endpoint());
        assertThat(gateway.isIpc(host.endpoint())).isFalse();
        playOneMove(gateway, host);
    }

    @Test
    void shouldFindAHostThatRestartedOnTheSameEndpoint()
    {
        final GameHost first = host("host-a", true, 0);
        final TestGateway gateway = gateway("gw-a", true);
        final String endpoint = first.endpoint();
        gateway.connect(endpoint);
        assertThat(gateway.isIpc(endpoint)).isTrue();

        first.close();
        closeables.remove(first);
        final int port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
        final GameHost second = host("host-b", true, port);
        assertThat(second.endpoint()).isEqualTo(endpoint);
        // the link notices the old stream is gone and finds the new one
        gateway.connect(endpoint);
        assertThat(gateway.isIpc(endpoint)).isTrue();
        playOneMove(gateway, second);
    }

    private void playOneMove(final TestGateway gateway, final GameHost host)
    {
        gateway.checkIn(ALICE, "alice");
        gateway.checkIn(BOB, "bob");
        final long instanceId = gateway.master().ok("CreateInstance ownerId=" + ALICE + " gameType=" + SumGame.TYPE +
            " maxPlayers=2");
        awaitOpen(gateway, instanceId);
        gateway.master().ok("JoinInstance userId=" + BOB + " instanceId=" + instanceId);
        assertThat(SumGame.total(gateway.nextOf(BOB, "EVENT", WAIT_MS).payload())).isZero();
        gateway.drain(ALICE);

        gateway.send(host.endpoint(), instanceId, ALICE, 7, 1, new byte[]{4});
        assertThat(SumGame.total(gateway.nextOf(BOB, "EVENT", WAIT_MS).payload())).isEqualTo(4);
        final Received ack = gateway.nextOf(ALICE, "ACCEPTED", WAIT_MS);
        assertThat(ack.sequence()).isEqualTo(7);
        assertThat(ack.instanceId()).isEqualTo(instanceId);
    }

    private GameHost host(final String name, final boolean ipc, final int port)
    {
        final GameHost host = GameHost.launch(new GameHost.Context()
            .name(name)
            .masterEndpoints(cluster.ingressEndpoints())
            .secret(TestCluster.SECRETS.get(ClientRole.HOST))
            .linkSecret(TestGateway.LINK_SECRET)
            .games(new GameCatalog().register(SumGame.TYPE, "sum", SumGame::new))
            .store(store)
            .port(port)
            .sameDriverIpc(ipc)
            .aeronDirectoryName(driver.aeronDirectoryName())
            .heartbeatIntervalMs(200));
        closeables.add(host);
        return host;
    }

    private TestGateway gateway(final String name, final boolean ipc)
    {
        final TestGateway gateway = new TestGateway(cluster, name, driver.aeronDirectoryName(), ipc);
        closeables.add(gateway);
        return gateway;
    }

    /**
     * @return the term length of every log in the shared driver that carries game traffic between the gateway
     *     and the host, publications and images.
     */
    private List<Integer> linkTermLengths()
    {
        return LogBufferFiles.termLengths(driver.aeronDirectoryName(), streamId -> streamId == LinkChannels.HOST_STREAM_ID ||
            streamId == LinkChannels.REPLY_STREAM_ID || streamId >= SameDriver.STREAM_BASE);
    }

    private static void awaitOpen(final TestGateway gateway, final long instanceId)
    {
        final long deadline = System.currentTimeMillis() + WAIT_MS;
        String last = "";
        while (System.currentTimeMillis() < deadline)
        {
            last = gateway.master().call("GetInstance instanceId=" + instanceId);
            if (last.contains("state=OPEN"))
            {
                return;
            }
            TestCluster.sleep(20);
        }
        throw new AssertionError("instance " + instanceId + " never opened; last: " + last);
    }
}
