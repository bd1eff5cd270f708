package io.gamehall.host;

import io.gamehall.games.protocol.ConnectFourProtocol;
import io.gamehall.host.api.GameCatalog;
import io.gamehall.host.games.connectfour.ConnectFour;
import io.gamehall.host.support.SumGame;
import io.gamehall.host.support.TestGateway.Received;
import io.gamehall.host.support.TestGateway;
import io.gamehall.replication.ClientRole;
import io.gamehall.replication.support.TestCluster;
import io.gamehall.sbe.host.MessageHeaderEncoder;
import io.gamehall.sbe.host.PlayerMessageEncoder;
import io.gamehall.store.GameRecord;
import io.gamehall.store.PlayerOutcome;
import io.gamehall.store.Profile;
import io.gamehall.store.Store;
import io.gamehall.store.StoreConfig;
import io.gamehall.store.open.Stores;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.IoUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real master (one node), a real game host and a stand-in gateway on loopback: players play
 * through the host, and the host's answers, history, profiles and master reports are checked.
 */
class GameHostSystemTest
{
    private static final long WAIT_MS = 10_000;
    private static final long ALICE = 1;
    private static final long BOB = 2;
    private static final long CAROL = 3;

    private TestCluster cluster;
    private File storeDir;
    private Store store;
    private GameHost host;
    private TestGateway gateway;

    @BeforeEach
    void start() throws Exception
    {
        cluster = TestCluster.start(1);
        storeDir = Files.createTempDirectory("gamehall-host-store-").toFile();
        store = Stores.open(new StoreConfig().chronicleDir(storeDir).workerThreads(2));
        host = GameHost.launch(new GameHost.Context()
            .name("host-a")
            .masterEndpoints(cluster.ingressEndpoints())
            .secret(TestCluster.SECRETS.get(ClientRole.HOST))
            .linkSecret(TestGateway.LINK_SECRET)
            .games(ConnectFour.register(new GameCatalog().register(SumGame.TYPE, "sum", SumGame::new)))
            .store(store)
            .runners(2)
            .heartbeatIntervalMs(200));
        gateway = new TestGateway(cluster, "gw-a");
        gateway.connect(host.endpoint());
        gateway.checkIn(ALICE, "alice");
        gateway.checkIn(BOB, "bob");
        gateway.checkIn(CAROL, "carol");
    }

    @AfterEach
    void stop()
    {
        if (gateway != null)
        {
            gateway.close();
        }
        if (host != null)
        {
            host.close();
        }
        if (store != null)
        {
            store.close();
        }
        if (cluster != null)
        {
            cluster.close();
        }
        if (storeDir != null)
        {
            IoUtil.delete(storeDir, true);
        }
    }

    @Test
    void playsAGameToTheEndWritesHistoryAndProfilesAndTellsTheMaster() throws Exception
    {
        final long instanceId = createAndJoin();
        final String endpoint = gateway.endpointOf(host.serverId());
        assertThat(endpoint).isEqualTo(host.endpoint());

        // alternate 5 + 5 + 5: alice brings the total to 15 and wins
        final long[] movers = {ALICE, BOB, ALICE};
        int expectedTotal = 0;
        for (int i = 0; i < movers.length; i++)
        {
            gateway.send(endpoint, instanceId, movers[i], 100 + i, 1, new byte[]{5});
            expectedTotal += 5;
            for (final long player : new long[]{ALICE, BOB})
            {
                final Received total = gateway.next(player, WAIT_MS);
                assertThat(total.type()).isEqualTo("EVENT");
                assertThat(SumGame.total(total.payload())).isEqualTo(expectedTotal);
            }
            // the mover's acknowledgement follows the move's events (all held until the backup is written)
            final Received ack = gateway.next(movers[i], WAIT_MS);
            assertThat(ack.type()).isEqualTo("ACCEPTED");
            assertThat(ack.sequence()).isEqualTo(100 + i);
            assertThat(ack.instanceId()).isEqualTo(instanceId);
        }
        final Received aliceClosed = gateway.nextOf(ALICE, "CLOSED", WAIT_MS);
        assertThat(aliceClosed.kind()).isEqualTo("GAME_OVER");
        assertThat(aliceClosed.text()).contains("reached 15");
        assertThat(gateway.nextOf(BOB, "CLOSED", WAIT_MS).kind()).isEqualTo("GAME_OVER");

        final GameRecord game = awaitGame(instanceId);
        assertThat(game.gameType()).isEqualTo(SumGame.TYPE);
        assertThat(game.events()).hasSize(3);
        assertThat(game.events()).extracting(e -> e.playerId()).containsExactly(ALICE, BOB, ALICE);
        assertThat(game.players()).extracting(p -> p.outcome()).containsExactly(PlayerOutcome.WIN, PlayerOutcome.LOSS);

        final Profile alice = awaitProfile(ALICE, 1);
        assertThat(alice.wins()).isEqualTo(1);
        assertThat(alice.rating()).isGreaterThan(1200);
        final Profile bob = awaitProfile(BOB, 1);
        assertThat(bob.losses()).isEqualTo(1);
        assertThat(bob.rating()).isLessThan(1200);

        awaitMaster("GetInstance instanceId=" + instanceId, "code=UNKNOWN_INSTANCE");
        assertThat(admin().call("GetUser userId=" + ALICE)).contains("state=ONLINE");
        awaitTrue(() -> host.load() == 0, "host load back to 0");
        awaitTrue(() -> store.backup(instanceId).handle((b, ex) -> ex != null).join(), "backup deleted");
    }

    @Test
    void twoPlayersPlayConnectFourToAWinThroughTheHostAndTheMaster()
    {
        final long instanceId = gateway.master().ok("CreateInstance ownerId=" + ALICE + " gameType=" +
            ConnectFourProtocol.TYPE_ID + " maxPlayers=2");
        awaitMaster("GetInstance instanceId=" + instanceId, "state=OPEN");
        gateway.master().ok("JoinInstance userId=" + BOB + " instanceId=" + instanceId);
        final Received started = lastEventOf(BOB, ConnectFourProtocol.EVENT_STATE);
        assertThat(started.payload()[42]).isEqualTo((byte)ConnectFourProtocol.PHASE_PLAYING);
        // alice heard from the runtime that bob sat down (the sequence field carries the user id)
        assertThat(gateway.drain(ALICE)).anyMatch(r -> r.type().equals("PRESENCE") && r.kind().equals("SEATED") &&
            r.sequence() == BOB);
        assertThat(gateway.drain(BOB)).noneMatch(r -> r.type().equals("PRESENCE"));
        final String endpoint = host.endpoint();

        // bob tries to move first: refused, to him only
        gateway.send(endpoint, instanceId, BOB, 1, ConnectFourProtocol.MSG_MOVE, new byte[]{3});
        assertThat(gateway.nextOf(BOB, "ERROR", WAIT_MS).kind()).isEqualTo("REJECTED");
        assertThat(gateway.drain(ALICE)).isEmpty();

        // alice stacks column 0, bob column 1: alice has four in a column on her fourth move
        final int[] columns = {0, 1, 0, 1, 0, 1, 0};
        for (int i = 0; i < columns.length; i++)
        {
            final long mover = i % 2 == 0 ? ALICE : BOB;
            gateway.send(endpoint, instanceId, mover, 10 + i, ConnectFourProtocol.MSG_MOVE, new byte[]{(byte)columns[i]});
            assertThat(gateway.nextOf(mover, "ACCEPTED", WAIT_MS).sequence()).isEqualTo(10 + i);
        }
        final Received over = lastEventOf(BOB, ConnectFourProtocol.EVENT_GAME_OVER);
        assertThat(over.payload()[0]).isEqualTo((byte)ConnectFourProtocol.OVER_FOUR_IN_A_ROW);
        assertThat(over.payload()[1]).isEqualTo((byte)0); // seat 0, alice
        assertThat(gateway.nextOf(ALICE, "CLOSED", WAIT_MS).kind()).isEqualTo("GAME_OVER");

        final GameRecord game = awaitGame(instanceId);
        assertThat(game.gameType()).isEqualTo(ConnectFourProtocol.TYPE_ID);
        assertThat(game.events()).hasSize(7);
        assertThat(game.events().get(6).payload()[0]).isEqualTo((byte)0);
        assertThat(game.players()).extracting(p -> p.userId()).containsExactly(ALICE, BOB);
        assertThat(game.players()).extracting(p -> p.outcome()).containsExactly(PlayerOutcome.WIN, PlayerOutcome.LOSS);
        assertThat(awaitProfile(ALICE, 1).wins()).isEqualTo(1);
        assertThat(awaitProfile(BOB, 1).losses()).isEqualTo(1);
        assertThat(store.recentGames(ALICE, io.gamehall.store.HistoryPage.NEWEST, 10).join().entries())
            .extracting(h -> h.gameId()).contains(instanceId);
        awaitMaster("GetInstance instanceId=" + instanceId, "code=UNKNOWN_INSTANCE");
    }

    private Received lastEventOf(final long userId, final int kind)
    {
        final long deadline = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < deadline)
        {
            final Received received = gateway.next(userId, WAIT_MS);
            if (received.type().equals("EVENT") && received.kind().equals(Integer.toString(kind)))
            {
                return received;
            }
        }
        throw new AssertionError("user " + userId + " got no event of kind " + kind);
    }

    @Test
    void badInputGetsAnErrorForThatPlayerOnlyAndTheGameGoesOn()
    {
        final long instanceId = createAndJoin();
        final String endpoint = host.endpoint();

        gateway.send(endpoint, 999_999, ALICE, 1, 1, new byte[]{1});
        assertError(ALICE, 1, "UNKNOWN_INSTANCE");

        gateway.send(endpoint, instanceId, CAROL, 2, 1, new byte[]{1});
        assertError(CAROL, 2, "NOT_A_PLAYER");

        gateway.send(endpoint, instanceId, ALICE, 3, 1, new byte[5_000]);
        assertError(ALICE, 3, "MESSAGE_TOO_LARGE");

        gateway.send(endpoint, instanceId, ALICE, 4, 9, new byte[]{1});
        assertError(ALICE, 4, "REJECTED");

        gateway.send(endpoint, instanceId, ALICE, 5, 1, new byte[]{42});
        final Received rejected = assertError(ALICE, 5, "REJECTED");
        assertThat(rejected.text()).contains("1..9");

        final ExpandableArrayBuffer raw = new ExpandableArrayBuffer(128);
        final PlayerMessageEncoder message = new PlayerMessageEncoder()
            .wrapAndApplyHeader(raw, 0, new MessageHeaderEncoder())
            .gatewayId(gateway.gatewayId()).instanceId(instanceId).userId(BOB).sequence(6).kind(1)
            .putPayload(new byte[]{1, 2, 3}, 0, 3);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + message.encodedLength();
        final byte[] truncated = new byte[length - 2];
        raw.getBytes(0, truncated);
        gateway.sendRaw(endpoint, truncated);
        assertError(BOB, 6, "MALFORMED_MESSAGE");

        final byte[] garbage = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        gateway.sendRaw(endpoint, garbage);

        // nobody else heard of any of it, and the instance still plays
        assertThat(gateway.drain(BOB)).isEmpty();
        assertThat(gateway.drain(CAROL)).isEmpty();
        gateway.send(endpoint, instanceId, BOB, 7, 1, new byte[]{3});
        assertThat(gateway.nextOf(BOB, "ACCEPTED", WAIT_MS).sequence()).isEqualTo(7);
        assertThat(SumGame.total(gateway.nextOf(ALICE, "EVENT", WAIT_MS).payload())).isEqualTo(3);
        assertThat(host.counters().malformedDropped()).isGreaterThanOrEqualTo(1);
        assertThat(host.counters().instancesFailed()).isZero();
    }

    @Test
    void aGameThatThrowsEndsWithAnErrorAndTheHostAndOtherGamesGoOn()
    {
        final long broken = createAndJoin();
        final long healthy = gateway.master().ok("CreateInstance ownerId=" + CAROL + " gameType=" + SumGame.TYPE +
            " maxPlayers=2");
        final String endpoint = host.endpoint();
        gateway.drain(ALICE);
        gateway.drain(BOB);

        gateway.send(endpoint, broken, ALICE, 1, 2, new byte[0]);
        final Received closed = gateway.nextOf(ALICE, "CLOSED", WAIT_MS);
        assertThat(closed.kind()).isEqualTo("GAME_ERROR");
        assertThat(gateway.nextOf(BOB, "CLOSED", WAIT_MS).kind()).isEqualTo("GAME_ERROR");
        awaitMaster("GetInstance instanceId=" + broken, "code=UNKNOWN_INSTANCE");
        final GameRecord record = awaitGame(broken);
        assertThat(record.summary()).contains("game error");
        assertThat(record.players()).extracting(p -> p.outcome()).containsOnly(PlayerOutcome.ABANDONED);

        awaitMaster("GetInstance instanceId=" + healthy, "state=OPEN");
        gateway.send(endpoint, healthy, CAROL, 1, 1, new byte[]{4});
        assertThat(gateway.nextOf(CAROL, "ACCEPTED", WAIT_MS).sequence()).isEqualTo(1);
        assertThat(host.counters().instancesFailed()).isEqualTo(1);
    }

    @Test
    void aDrainedHostTakesNoNewGamesAndIsDrainedWhenItsLastGameEnds() throws Exception
    {
        final long instanceId = createAndJoin();
        admin().ok("DrainServer serverId=" + host.serverId());
        awaitTrue(host::isDraining, "the host heard the drain order");
        assertThat(gateway.master().call("CreateInstance ownerId=" + CAROL + " gameType=" + SumGame.TYPE +
            " maxPlayers=2")).contains("code=NO_CAPACITY");
        assertThat(host.awaitDrained(200, TimeUnit.MILLISECONDS)).isFalse();

        gateway.send(host.endpoint(), instanceId, ALICE, 1, 1, new byte[]{9});
        gateway.send(host.endpoint(), instanceId, BOB, 2, 1, new byte[]{9});
        assertThat(gateway.nextOf(BOB, "CLOSED", WAIT_MS).kind()).isEqualTo("GAME_OVER");
        assertThat(host.awaitDrained(WAIT_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(host.load()).isZero();
    }

    private long createAndJoin()
    {
        final long instanceId = gateway.master().ok("CreateInstance ownerId=" + ALICE + " gameType=" + SumGame.TYPE +
            " maxPlayers=2");
        awaitMaster("GetInstance instanceId=" + instanceId, "state=OPEN");
        gateway.master().ok("JoinInstance userId=" + BOB + " instanceId=" + instanceId);
        // the game broadcasts the total on create (alice) and on join (both)
        assertThat(SumGame.total(gateway.nextOf(BOB, "EVENT", WAIT_MS).payload())).isZero();
        gateway.drain(ALICE);
        return instanceId;
    }

    private Received assertError(final long userId, final long sequence, final String code)
    {
        final Received error = gateway.nextOf(userId, "ERROR", WAIT_MS);
        assertThat(error.kind()).isEqualTo(code);
        assertThat(error.sequence()).isEqualTo(sequence);
        return error;
    }

    private GameRecord awaitGame(final long gameId)
    {
        final long deadline = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < deadline)
        {
            final GameRecord game = store.game(gameId).handle((g, ex) -> g).join();
            if (game != null)
            {
                return game;
            }
            TestCluster.sleep(20);
        }
        throw new AssertionError("game " + gameId + " not in history");
    }

    private Profile awaitProfile(final long userId, final int games)
    {
        final long deadline = System.currentTimeMillis() + WAIT_MS;
        Profile profile = null;
        while (System.currentTimeMillis() < deadline)
        {
            profile = store.profile(userId).handle((p, ex) -> p).join();
            if (profile != null && profile.wins() + profile.losses() + profile.draws() >= games)
            {
                return profile;
            }
            TestCluster.sleep(20);
        }
        throw new AssertionError("profile of " + userId + " not updated: " + profile);
    }

    private void awaitMaster(final String call, final String expected)
    {
        final long deadline = System.currentTimeMillis() + WAIT_MS;
        String last = "";
        while (System.currentTimeMillis() < deadline)
        {
            last = gateway.master().call(call);
            if (last.contains(expected))
            {
                return;
            }
            TestCluster.sleep(20);
        }
        throw new AssertionError(call + " never answered " + expected + "; last: " + last);
    }

    private static void awaitTrue(final java.util.function.BooleanSupplier condition, final String what)
    {
        final long deadline = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < deadline)
        {
            if (condition.getAsBoolean())
            {
                return;
            }
            TestCluster.sleep(20);
        }
        throw new AssertionError("not reached: " + what);
    }

    /**
     * @return calls from an operator tool: user lookups and drains are the admin role's.
     */
    private io.gamehall.replication.support.MasterCalls admin()
    {
        final io.gamehall.replication.client.PendingRequests adminRequests =
            new io.gamehall.replication.client.PendingRequests(null, null);
        cluster.client(ClientRole.ADMIN, adminRequests);
        return new io.gamehall.replication.support.MasterCalls(adminRequests);
    }
}
