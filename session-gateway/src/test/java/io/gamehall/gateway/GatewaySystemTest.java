package io.gamehall.gateway;

import io.gamehall.client.ClientException;
import io.gamehall.client.GameClient;
import io.gamehall.games.protocol.ConnectFourProtocol;
import io.gamehall.gateway.support.Hall;
import io.gamehall.gateway.support.Recorder;
import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Real WebSocket clients (the SDK) against a real gateway, master and game host on loopback.
 */
class GatewaySystemTest
{
    private static final long WAIT_MS = 10_000;

    private Hall hall;
    private SessionGateway gateway;

    @BeforeEach
    void start() throws Exception
    {
        hall = new Hall();
        gateway = hall.gateway("gw-a");
    }

    @AfterEach
    void stop()
    {
        hall.close();
    }

    @Test
    void registerLoginCreateSearchJoinPlayConnectFourToTheEndAndSeeTheHistory() throws Exception
    {
        final Recorder aliceHears = new Recorder();
        final Recorder bobHears = new Recorder();
        final GameClient alice = hall.client(aliceHears, gateway.url());
        final GameClient bob = hall.client(bobHears, gateway.url());
        final GameClient.Login aliceLogin = alice.register("alice", "alice-password").join();
        final GameClient.Login bobLogin = bob.register("bob", "bob-password").join();
        assertThat(aliceLogin.userId()).isNotEqualTo(bobLogin.userId());
        assertThat(aliceLogin.token()).isNotEmpty();

        final GameClient.Instance game = alice.create(ConnectFourProtocol.TYPE_ID, 2).join();
        final GameClient.SearchPage open = searchUntilListed(bob, game.instanceId());
        assertThat(open.instances()).extracting(GameClient.InstanceSummary::instanceId).contains(game.instanceId());
        bob.join(game.instanceId()).join();
        aliceHears.await(h -> h.what().equals("PRESENCE") && h.sequence() == bobLogin.userId(), WAIT_MS);
        final Recorder.Heard started = bobHears.await(h -> h.what().equals("EVENT") &&
            h.detail().equals(Integer.toString(ConnectFourProtocol.EVENT_STATE)) && h.payload()[42] == ConnectFourProtocol.PHASE_PLAYING,
            WAIT_MS);
        assertThat(started.id()).isEqualTo(game.instanceId());

        // alice takes column 0 four times, bob column 1 three times
        final int[] columns = {0, 1, 0, 1, 0, 1, 0};
        for (int i = 0; i < columns.length; i++)
        {
            final GameClient mover = i % 2 == 0 ? alice : bob;
            mover.send(game.instanceId(), ConnectFourProtocol.MSG_MOVE, new byte[]{(byte)columns[i]}).join();
        }
        final Recorder.Heard over = bobHears.await(h -> h.what().equals("EVENT") &&
            h.detail().equals(Integer.toString(ConnectFourProtocol.EVENT_GAME_OVER)), WAIT_MS);
        assertThat(over.payload()[1]).isEqualTo((byte)0);
        assertThat(aliceHears.await("CLOSED", WAIT_MS).detail()).startsWith("GAME_OVER");
        bobHears.await("CLOSED", WAIT_MS);

        // an out-of-turn or bad move is refused to the mover only: the game is over now
        assertThatThrownBy(() -> bob.send(game.instanceId(), ConnectFourProtocol.MSG_MOVE, new byte[]{2}).join())
            .hasCauseInstanceOf(ClientException.class);

        final List<GameClient.GameSummary> history = awaitHistory(alice);
        assertThat(history.get(0).gameId()).isEqualTo(game.instanceId());
        assertThat(history.get(0).outcome()).isEqualTo(Outcome.WIN);
        assertThat(awaitHistory(bob).get(0).outcome()).isEqualTo(Outcome.LOSS);
    }

    @Test
    void aSecondLoginKicksTheFirst()
    {
        final Recorder firstHears = new Recorder();
        final GameClient first = hall.client(firstHears, gateway.url());
        first.register("carol", "carol-password").join();
        final GameClient second = hall.client(new Recorder(), gateway.url());
        second.login("carol", "carol-password").join();
        assertThat(firstHears.await("KICKED", WAIT_MS).detail()).isEqualTo("LOGGED_IN_ELSEWHERE");
        assertThat(second.create(ConnectFourProtocol.TYPE_ID, 2).join().instanceId()).isPositive();
    }

    @Test
    void wrongPasswordExpiredAndForgedTokensAreRefusedWithClearCodes()
    {
        final GameClient client = hall.client(new Recorder(), gateway.url());
        final GameClient.Login dave = client.register("dave", "dave-password").join();
        final GameClient other = hall.client(new Recorder(), gateway.url());
        assertThat(codeOf(() -> other.login("dave", "not-the-password").join())).isEqualTo(ClientCode.WRONG_CREDENTIALS);
        assertThat(codeOf(() -> other.login("nobody-here", "whatever-pw").join())).isEqualTo(ClientCode.WRONG_CREDENTIALS);
        assertThat(codeOf(() -> other.register("dave", "another-password").join())).isEqualTo(ClientCode.NAME_TAKEN);
        assertThat(codeOf(() -> other.register("x", "another-password").join())).isEqualTo(ClientCode.INVALID_NAME);
        assertThat(codeOf(() -> other.register("erin", "short").join())).isEqualTo(ClientCode.INVALID_PASSWORD);

        final long longAgo = System.currentTimeMillis() - 60_000;
        final String expired = new TokenService(Hall.TOKEN_SECRET, null, 1_000, 1_000)
            .issue(dave.userId(), "dave", 0, longAgo, longAgo);
        assertThat(codeOf(() -> other.resume(expired, 0).join())).isEqualTo(ClientCode.TOKEN_EXPIRED);
        final String forged = new TokenService("some-other-secret-0123456789", null, 60_000, 60_000)
            .issue(dave.userId(), "dave", 0, System.currentTimeMillis(), System.currentTimeMillis());
        assertThat(codeOf(() -> other.resume(forged, 0).join())).isEqualTo(ClientCode.TOKEN_INVALID);
        assertThat(codeOf(() -> other.resume("garbage", 0).join())).isEqualTo(ClientCode.TOKEN_INVALID);
        assertThat(codeOf(() -> other.create(ConnectFourProtocol.TYPE_ID, 2).join())).isEqualTo(ClientCode.NOT_LOGGED_IN);
    }

    @Test
    void aDroppedConnectionResumesAndGetsTheEventsItMissed()
    {
        final Recorder aliceHears = new Recorder();
        final Recorder bobHears = new Recorder();
        final GameClient alice = hall.client(aliceHears, gateway.url());
        final GameClient bob = hall.client(bobHears, gateway.url());
        alice.register("alice2", "alice-password").join();
        final long bobId = bob.register("bob2", "bob-password").join().userId();
        final long instanceId = alice.create(ConnectFourProtocol.TYPE_ID, 2).join().instanceId();
        bob.join(instanceId).join();
        aliceHears.awaitSeated(instanceId, bobId, 10_000);
        alice.send(instanceId, ConnectFourProtocol.MSG_MOVE, new byte[]{3}).join();
        aliceHears.drain();

        alice.dropConnection();
        aliceHears.await("DISCONNECTED", WAIT_MS);
        // bob moves while alice is away (or reconnecting): she must still see it
        bob.send(instanceId, ConnectFourProtocol.MSG_MOVE, new byte[]{4}).join();
        assertThat(aliceHears.await("RESUMED", WAIT_MS).detail()).startsWith("CONTINUED");
        final Recorder.Heard state = aliceHears.await(h -> h.what().equals("EVENT") &&
            h.detail().equals(Integer.toString(ConnectFourProtocol.EVENT_STATE)) && h.payload()[44] == 2, WAIT_MS);
        assertThat(state.payload()[4]).isEqualTo((byte)2); // bob (seat 1) at row 0, column 4
        alice.send(instanceId, ConnectFourProtocol.MSG_MOVE, new byte[]{5}).join();
    }

    private static List<GameClient.GameSummary> awaitHistory(final GameClient client)
    {
        final long deadline = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < deadline)
        {
            final List<GameClient.GameSummary> games = client.history(0, 10).join();
            if (!games.isEmpty())
            {
                return games;
            }
            sleep(50);
        }
        throw new AssertionError("no history");
    }

    private static ClientCode codeOf(final Runnable call)
    {
        try
        {
            call.run();
        }
        catch (final CompletionException ex)
        {
            if (ex.getCause() instanceof ClientException ce)
            {
                return ce.code();
            }
            throw ex;
        }
        throw new AssertionError("the call succeeded");
    }

    static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aClientThatOnlyAnswersTheGatewaysPingsKeepsItsConnectionPastTheIdleTimeout() throws Exception
    {
        final SessionGateway quiet = hall.gateway("gw-quiet", ctx -> ctx.idleTimeoutMs(1_000).pingIntervalMs(200));
        final Recorder hears = new Recorder();
        final GameClient client = hall.client(hears, quiet.url());
        client.register("quiet", "quiet-password").join();

        Thread.sleep(3_000); // three idle timeouts in which the client sends nothing but its pongs

        assertThat(hears.drain()).noneMatch(h -> h.what().equals("DISCONNECTED"));
        assertThat(quiet.logins()).isEqualTo(1);
        assertThat(client.search(ConnectFourProtocol.TYPE_ID, 5, 0).join().instances()).isNotNull();
    }

    @Test
    void aConnectionThatNeverAnswersIsClosedAfterTheIdleTimeout() throws Exception
    {
        final SessionGateway quiet = hall.gateway("gw-quiet", ctx -> ctx.idleTimeoutMs(1_000).pingIntervalMs(200));
        final URI uri = URI.create(quiet.url());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort()))
        {
            socket.setSoTimeout((int)WAIT_MS);
            socket.getOutputStream().write(("GET " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" +
                uri.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            // the handshake's answer, then the gateway's pings (never answered), then the end of the stream
            final InputStream in = socket.getInputStream();
            final byte[] chunk = new byte[256];
            final long deadline = System.currentTimeMillis() + WAIT_MS;
            int read = 0;
            while (read >= 0 && System.currentTimeMillis() < deadline)
            {
                read = in.read(chunk);
            }
            assertThat(read).as("closed by the gateway").isEqualTo(-1);
        }
    }

    /**
     * A new instance is listed once its host has reported it ready (CREATING to OPEN), which may
     * be a moment after the creator's answer: search until it is, for a while.
     */
    private static GameClient.SearchPage searchUntilListed(final GameClient client, final long instanceId)
        throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + WAIT_MS;
        GameClient.SearchPage page = client.search(ConnectFourProtocol.TYPE_ID, 10, 0).join();
        while (page.instances().stream().noneMatch(i -> i.instanceId() == instanceId) &&
            System.currentTimeMillis() < deadline)
        {
            Thread.sleep(10);
            page = client.search(ConnectFourProtocol.TYPE_ID, 10, 0).join();
        }
        return page;
    }
}
