package io.gamehall.gateway;

import io.gamehall.client.GameClient;
import io.gamehall.games.protocol.ConnectFourProtocol;
import io.gamehall.gateway.support.Hall;
import io.gamehall.gateway.support.Recorder;
import io.gamehall.replication.ClientRole;
import io.gamehall.replication.client.PendingRequests;
import io.gamehall.replication.support.MasterCalls;
import io.gamehall.sbe.client.LoginEncoder;
import io.gamehall.sbe.client.MessageHeaderEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad frames only hurt the connection that sent them; a drained gateway moves its users and
 * exits when empty.
 */
class GatewayRobustnessTest
{
    private static final long WAIT_MS = 10_000;

    private Hall hall;

    @BeforeEach
    void start() throws Exception
    {
        hall = new Hall();
    }

    @AfterEach
    void stop()
    {
        hall.close();
    }

    @Test
    void badFramesGetAnErrorOrACloseForThatConnectionOnlyWhileOthersPlay()
    {
        final SessionGateway gateway = hall.gateway("gw-a", ctx -> ctx.maxFrameBytes(4_096)
            .rateLimitPerSecond(50).rateLimitBurst(50).floodLimit(100));
        final Recorder aliceHears = new Recorder();
        final GameClient alice = hall.client(aliceHears, gateway.url());
        final GameClient bob = hall.client(new Recorder(), gateway.url());
        alice.register("alice", "alice-password").join();
        final long bobId = bob.register("bob", "bob-password").join().userId();
        final long game = alice.create(ConnectFourProtocol.TYPE_ID, 2).join().instanceId();
        bob.join(game).join();
        aliceHears.awaitSeated(game, bobId, WAIT_MS);

        // unknown template: an error, the connection stays
        final Recorder unknownHears = new Recorder();
        final GameClient unknown = hall.client(unknownHears, gateway.url());
        final ExpandableArrayBuffer frame = new ExpandableArrayBuffer(64);
        new MessageHeaderEncoder().wrap(frame, 0).blockLength(8).templateId(999).schemaId(7107).version(1);
        unknown.sendRaw(bytes(frame, 16));
        assertThat(unknownHears.await("ERROR", WAIT_MS).detail()).startsWith("UNKNOWN_MESSAGE");
        assertThat(unknown.search(ConnectFourProtocol.TYPE_ID, 5, 0).handle((p, ex) -> ex)).isNotNull(); // still talks

        // truncated: a login whose name claims more bytes than the frame has
        final Recorder truncatedHears = new Recorder();
        final GameClient truncated = hall.client(truncatedHears, gateway.url());
        final LoginEncoder login = new LoginEncoder().wrapAndApplyHeader(frame, 0, new MessageHeaderEncoder())
            .correlationId(1).name("somebody").password("something");
        truncated.sendRaw(bytes(frame, MessageHeaderEncoder.ENCODED_LENGTH + login.encodedLength() - 6));
        assertThat(truncatedHears.await("ERROR", WAIT_MS).detail()).startsWith("MALFORMED");
        truncatedHears.await("DISCONNECTED", WAIT_MS);

        // random bytes
        final Recorder randomHears = new Recorder();
        final GameClient random = hall.client(randomHears, gateway.url());
        final byte[] noise = new byte[200];
        new Random(7).nextBytes(noise);
        random.sendRaw(noise);
        randomHears.await("DISCONNECTED", WAIT_MS);

        // oversized: the WebSocket layer closes the connection
        final Recorder bigHears = new Recorder();
        final GameClient big = hall.client(bigHears, gateway.url());
        big.sendRaw(new byte[10_000]);
        bigHears.await("DISCONNECTED", WAIT_MS);

        // a flood: refused past the rate limit, then closed (the RATE_LIMITED error is sent, but a
        // client still sending when the connection closes may lose it to the TCP reset)
        final Recorder floodHears = new Recorder();
        final GameClient flood = hall.client(floodHears, gateway.url());
        for (int i = 0; i < 2_000 && flood.isConnected(); i++)
        {
            flood.sendRaw(unknownFrame());
        }
        floodHears.await("DISCONNECTED", WAIT_MS);

        // the game went on all along
        alice.send(game, ConnectFourProtocol.MSG_MOVE, new byte[]{3}).join();
        bob.send(game, ConnectFourProtocol.MSG_MOVE, new byte[]{3}).join();
        assertThat(aliceHears.drain()).noneMatch(h -> h.what().equals("DISCONNECTED") || h.what().equals("KICKED"));
    }

    @Test
    void aDrainedGatewayMovesLobbyUsersAtOnceAndPlayersAfterTheirGameAndIsThenDrained() throws Exception
    {
        final SessionGateway a = hall.gateway("gw-a");
        final SessionGateway b = hall.gateway("gw-b");
        final Recorder lobbyHears = new Recorder();
        final Recorder aliceHears = new Recorder();
        final Recorder bobHears = new Recorder();
        final GameClient lobby = hall.client(lobbyHears, a.url());
        final GameClient alice = hall.client(aliceHears, a.url());
        final GameClient bob = hall.client(bobHears, a.url());
        lobby.register("lobby-user", "lobby-password").join();
        alice.register("alice", "alice-password").join();
        final long bobId = bob.register("bob", "bob-password").join().userId();
        final long game = alice.create(ConnectFourProtocol.TYPE_ID, 2).join().instanceId();
        bob.join(game).join();
        aliceHears.awaitSeated(game, bobId, WAIT_MS);
        alice.send(game, ConnectFourProtocol.MSG_MOVE, new byte[]{0}).join();

        final PendingRequests admin = new PendingRequests(null, null);
        hall.cluster().client(ClientRole.ADMIN, admin);
        new MasterCalls(admin).ok("DrainServer serverId=" + a.gatewayId());

        assertThat(lobbyHears.await("RESUMED", WAIT_MS).detail()).contains(b.url());
        assertThat(lobby.gatewayUrl()).isEqualTo(b.url());
        assertThat(a.awaitDrained(300, TimeUnit.MILLISECONDS)).isFalse();

        // new logins on the draining gateway are refused with a reason
        final GameClient late = GameClient.connect(new GameClient.Context().gateways(java.util.List.of(a.url()))
            .listener(new Recorder())).handle((c, ex) -> c).join();
        if (late != null)
        {
            assertThat(late.login("alice", "alice-password").handle((l, ex) -> ex.getCause().getMessage()).join())
                .contains("GATEWAY_DRAINING");
            late.close();
        }

        // the players finish their game on gw-a, then move
        final int[] columns = {1, 0, 1, 0, 1, 0};
        for (int i = 0; i < columns.length; i++)
        {
            (i % 2 == 0 ? bob : alice).send(game, ConnectFourProtocol.MSG_MOVE, new byte[]{(byte)columns[i]}).join();
        }
        aliceHears.await("CLOSED", WAIT_MS);
        assertThat(aliceHears.await("RESUMED", WAIT_MS).detail()).contains(b.url());
        assertThat(bobHears.await("RESUMED", WAIT_MS).detail()).contains(b.url());
        assertThat(a.awaitDrained(WAIT_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(a.sessions()).isZero();
        assertThat(b.sessions()).isEqualTo(3);
        assertThat(alice.create(ConnectFourProtocol.TYPE_ID, 2).join().instanceId()).isPositive();
    }

    private static byte[] unknownFrame()
    {
        final ExpandableArrayBuffer frame = new ExpandableArrayBuffer(64);
        new MessageHeaderEncoder().wrap(frame, 0).blockLength(8).templateId(999).schemaId(7107).version(1);
        return bytes(frame, 16);
    }

    private static byte[] bytes(final ExpandableArrayBuffer buffer, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }
}
