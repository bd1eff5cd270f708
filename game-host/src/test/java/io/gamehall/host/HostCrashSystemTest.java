package io.gamehall.host;

import io.gamehall.host.api.GameCatalog;
import io.gamehall.host.support.ChildHostMain;
import io.gamehall.host.support.SumGame;
import io.gamehall.host.support.TestGateway.Received;
import io.gamehall.host.support.TestGateway;
import io.gamehall.replication.ClientRole;
import io.gamehall.replication.support.ChildJvm;
import io.gamehall.replication.support.TestCluster;
import io.gamehall.store.Store;
import io.gamehall.store.open.Stores;
import io.gamehall.store.support.CouchbaseMockCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A game host in its own JVM is killed (SIGKILL) in the middle of a game. The master notices
 * the missed heartbeats, suspends the instance and orders a restore on the second host, which
 * reads the last backup from the shared store (Couchbase, here CouchbaseMock) and the game goes
 * on: every move the players had an acknowledgement for is still there.
 */
class HostCrashSystemTest
{
    private static final long WAIT_MS = 20_000;
    private static final long ALICE = 1;
    private static final long BOB = 2;

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
            closeables.get(i).close();
        }
    }

    @Test
    void aKilledHostsGameResumesOnAnotherHostWithNoAcknowledgedMoveLost() throws Exception
    {
        final TestCluster cluster = TestCluster.start(1,
            ctx -> ctx.engineConfig(TestCluster.engineConfig().serverTimeoutMs(1_500)));
        closeables.add(cluster);
        final CouchbaseMockCluster couchbase = CouchbaseMockCluster.start();
        closeables.add(couchbase);

        // the doomed host registers first with more room, so the master places the game there
        final String[] ready = startChildHost(cluster, couchbase);
        final long doomedId = Long.parseLong(ready[1]);
        final String doomedEndpoint = ready[2];

        final Store store = Stores.open(couchbase.storeConfig());
        closeables.add(store);
        final GameHost survivor = GameHost.launch(new GameHost.Context()
            .name("survivor")
            .masterEndpoints(cluster.ingressEndpoints())
            .secret(TestCluster.SECRETS.get(ClientRole.HOST))
            .linkSecret(TestGateway.LINK_SECRET)
            .capacity(10)
            .games(new GameCatalog().register(SumGame.TYPE, "sum", SumGame::new))
            .store(store)
            .runners(1)
            .heartbeatIntervalMs(200));
        closeables.add(survivor);

        final TestGateway gateway = new TestGateway(cluster, "gw-a");
        closeables.add(gateway);
        gateway.connect(doomedEndpoint);
        gateway.connect(survivor.endpoint());
        gateway.checkIn(ALICE, "alice");
        gateway.checkIn(BOB, "bob");
        final String created = gateway.master().call("CreateInstance ownerId=" + ALICE + " gameType=" + SumGame.TYPE +
            " maxPlayers=2");
        assertThat(created).contains("code=OK").contains("detailId=" + doomedId);
        final long instanceId = io.gamehall.replication.support.MasterCalls.field(created, "subjectId");
        gateway.master().ok("JoinInstance userId=" + BOB + " instanceId=" + instanceId);

        // three acknowledged moves on the doomed host: 1 + 2 + 3
        int acknowledgedTotal = 0;
        final long[] movers = {ALICE, BOB, ALICE};
        for (int i = 0; i < movers.length; i++)
        {
            gateway.send(doomedEndpoint, instanceId, movers[i], i + 1, 1, new byte[]{(byte)(i + 1)});
            assertThat(gateway.nextOf(movers[i], "ACCEPTED", WAIT_MS).sequence()).isEqualTo(i + 1);
            acknowledgedTotal += i + 1;
        }
        gateway.drain(ALICE);
        gateway.drain(BOB);

        final long killedAtNs = System.nanoTime();
        child.destroyForcibly();
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

        // bob keeps trying his next move until the new host accepts it
        final String survivorEndpoint = survivor.endpoint();
        Received answer = null;
        long sequence = 10;
        final long deadline = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < deadline)
        {
            gateway.send(survivorEndpoint, instanceId, BOB, ++sequence, 1, new byte[]{4});
            answer = nextAnswer(gateway, BOB);
            if ("ACCEPTED".equals(answer.type()))
            {
                break;
            }
            assertThat(answer.kind()).isEqualTo("UNKNOWN_INSTANCE");
            TestCluster.sleep(20);
        }
        final long resumeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAtNs);
        assertThat(answer).isNotNull();
        assertThat(answer.type()).isEqualTo("ACCEPTED");
        System.out.println("host crash: kill to first move accepted on the new host " + resumeMs +
            " ms (server timeout 1500 ms, heartbeats every 200 ms)");

        // the restored game had every acknowledged move: the total after bob's 4 says so
        final List<Received> aliceSaw = awaitEvents(gateway, ALICE);
        final int lastTotal = SumGame.total(aliceSaw.get(aliceSaw.size() - 1).payload());
        assertThat(lastTotal).isEqualTo(acknowledgedTotal + 4);
        assertThat(gateway.master().call("GetInstance instanceId=" + instanceId))
            .contains("hostId=" + survivor.serverId()).contains("state=RUNNING");
        assertThat(survivor.counters().instancesRestored()).isEqualTo(1);

        // and it plays to the end there: 1 + 2 + 3 + 4 = 10, alice adds 5 and wins
        gateway.send(survivorEndpoint, instanceId, ALICE, 20, 1, new byte[]{5});
        assertThat(gateway.nextOf(ALICE, "CLOSED", WAIT_MS).kind()).isEqualTo("GAME_OVER");
        final long historyDeadline = System.currentTimeMillis() + WAIT_MS;
        io.gamehall.store.GameRecord game = null;
        while (game == null && System.currentTimeMillis() < historyDeadline)
        {
            game = store.game(instanceId).handle((g, ex) -> g).join();
            TestCluster.sleep(20);
        }
        assertThat(game).isNotNull();
        assertThat(game.events()).hasSize(5);
    }

    private static Received nextAnswer(final TestGateway gateway, final long userId)
    {
        while (true)
        {
            final Received received = gateway.next(userId, WAIT_MS);
            if (received.type().equals("ACCEPTED") || received.type().equals("ERROR"))
            {
                return received;
            }
        }
    }

    private static List<Received> awaitEvents(final TestGateway gateway, final long userId)
    {
        final List<Received> events = new ArrayList<>();
        final long deadline = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < deadline)
        {
            for (final Received r : gateway.drain(userId))
            {
                if (r.type().equals("EVENT"))
                {
                    events.add(r);
                }
            }
            if (!events.isEmpty() && SumGame.total(events.get(events.size() - 1).payload()) >= 10)
            {
                return events;
            }
            TestCluster.sleep(20);
        }
        throw new AssertionError("no events for " + userId + ": " + events);
    }

    private String[] startChildHost(final TestCluster cluster, final CouchbaseMockCluster couchbase) throws Exception
    {
        final File logDir = Files.createTempDirectory("gamehall-child-host-").toFile();
        final ChildJvm.Started started = ChildJvm.start(ChildHostMain.class, logDir,
            "doomed", cluster.ingressEndpoints(), TestCluster.SECRETS.get(ClientRole.HOST), "100",
            couchbase.connectionString(), CouchbaseMockCluster.BUCKET, CouchbaseMockCluster.BUCKET,
            CouchbaseMockCluster.PASSWORD);
        child = started.process();
        return started.ready();
    }
}
