package io.gamehall.gateway;

import io.gamehall.client.GameClient;
import io.gamehall.games.protocol.ConnectFourProtocol;
import io.gamehall.gateway.support.ChildGatewayMain;
import io.gamehall.gateway.support.Hall;
import io.gamehall.gateway.support.Recorder;
import io.gamehall.host.GameHost;
import io.gamehall.host.games.SampleGames;
import io.gamehall.replication.ClientRole;
import io.gamehall.replication.support.ChildJvm;
import io.gamehall.replication.support.TestCluster;
import io.gamehall.store.Store;
import io.gamehall.store.open.Stores;
import io.gamehall.store.support.CouchbaseMockCluster;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway in its own JVM is killed (SIGKILL) while two players are in a game on it: their
 * clients fall over to the other gateway, resume with their tokens, get their seats and the
 * game's state back, and finish the game.
 */
class GatewayCrashSystemTest
{
    private static final long WAIT_MS = 20_000;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private Process child;

    @AfterEach
    void stop() throws Exception
    {
        if (child != null)
        {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (int i = closeables.size() - 1; i >= 0; i--)
        {
            CloseHelper.quietClose(closeables.get(i));
        }
    }

    @Test
    void clientsOfAKilledGatewayResumeTheirGameOnAnother() throws Exception
    {
        final TestCluster cluster = TestCluster.start(1);
        closeables.add(cluster);
        final CouchbaseMockCluster couchbase = CouchbaseMockCluster.start();
        closeables.add(couchbase::close);
        final Store store = Stores.open(couchbase.storeConfig());
        closeables.add(store);
        closeables.add(GameHost.launch(new GameHost.Context()
            .masterEndpoints(cluster.ingressEndpoints())
            .secret(TestCluster.SECRETS.get(ClientRole.HOST))
            .linkSecret(Hall.LINK_SECRET)
            .games(SampleGames.catalog())
            .store(store)
            .heartbeatIntervalMs(200)));
        final String doomedUrl = startChildGateway(cluster, couchbase);
        final SessionGateway survivor = SessionGateway.launch(new SessionGateway.Context()
            .name("survivor")
            .masterEndpoints(cluster.ingressEndpoints())
            .gatewaySecret(TestCluster.SECRETS.get(ClientRole.GATEWAY))
            .tokenSecret(Hall.TOKEN_SECRET)
            .linkSecret(Hall.LINK_SECRET)
            .port(0)
            .store(store)
            .passwordIterations(1_000)
            .heartbeatIntervalMs(200));
        closeables.add(survivor);

        final Recorder aliceHears = new Recorder();
        final Recorder bobHears = new Recorder();
        final GameClient alice = client(aliceHears, doomedUrl);
        final GameClient bob = client(bobHears, doomedUrl);
        assertThat(alice.gatewayUrl()).isEqualTo(doomedUrl);
        alice.register("alice", "alice-password").join();
        final long bobId = bob.register("bob", "bob-password").join().userId();
        assertThat(alice.knownGateways()).contains(survivor.url());
        final long game = alice.create(ConnectFourProtocol.TYPE_ID, 2).join().instanceId();
        bob.join(game).join();
        aliceHears.awaitSeated(game, bobId, WAIT_MS);
        alice.send(game, ConnectFourProtocol.MSG_MOVE, new byte[]{0}).join();
        bob.send(game, ConnectFourProtocol.MSG_MOVE, new byte[]{1}).join();

        final long killedAt = System.nanoTime();
        child.destroyForcibly();
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(aliceHears.await("RESUMED", WAIT_MS).detail()).contains(survivor.url());
        assertThat(bobHears.await("RESUMED", WAIT_MS).detail()).contains(survivor.url());
        // the game sent the whole state again: two moves made, alice to move
        final Recorder.Heard state = aliceHears.await(h -> h.what().equals("EVENT") &&
            h.detail().equals(Integer.toString(ConnectFourProtocol.EVENT_STATE)) && h.payload()[44] == 2, WAIT_MS);
        assertThat(state.payload()[43]).isEqualTo((byte)0);
        System.out.println("gateway crash: kill to both players resumed on the other gateway " +
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt) + " ms");

        final int[] columns = {0, 1, 0, 1, 0};
        for (int i = 0; i < columns.length; i++)
        {
            (i % 2 == 0 ? alice : bob).send(game, ConnectFourProtocol.MSG_MOVE, new byte[]{(byte)columns[i]}).join();
        }
        assertThat(aliceHears.await("CLOSED", WAIT_MS).detail()).startsWith("GAME_OVER");
        assertThat(survivor.sessions()).isEqualTo(2);
    }

    private GameClient client(final Recorder recorder, final String url)
    {
        final GameClient client = GameClient.connect(new GameClient.Context().gateways(List.of(url)).listener(recorder)
            .reconnectBudgetMs(20_000).connectTimeoutMs(1_000)).join();
        closeables.add(client);
        return client;
    }

    private String startChildGateway(final TestCluster cluster, final CouchbaseMockCluster couchbase) throws Exception
    {
        final File logDir = Files.createTempDirectory("gamehall-child-gateway-").toFile();
        final ChildJvm.Started started = ChildJvm.start(ChildGatewayMain.class, logDir,
            "doomed", cluster.ingressEndpoints(), TestCluster.SECRETS.get(ClientRole.GATEWAY), Hall.TOKEN_SECRET,
            couchbase.connectionString(), CouchbaseMockCluster.BUCKET, CouchbaseMockCluster.BUCKET,
            CouchbaseMockCluster.PASSWORD);
        child = started.process();
        return started.ready()[2];
    }
}
