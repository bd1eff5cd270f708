package io.gamehall.gateway;

import io.gamehall.client.ClientException;
import io.gamehall.client.GameClient;
import io.gamehall.games.protocol.ConnectFourProtocol;
import io.gamehall.gateway.support.Hall;
import io.gamehall.gateway.support.RawWebSocket;
import io.gamehall.gateway.support.Recorder;
import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.HelloEncoder;
import io.gamehall.sbe.client.HelloReplyDecoder;
import io.gamehall.sbe.client.LoginEncoder;
import io.gamehall.sbe.client.MessageHeaderDecoder;
import io.gamehall.sbe.client.MessageHeaderEncoder;
import io.gamehall.store.PasswordHasher;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's defences, end to end through real WebSocket clients: login floods, one login
 * at a time per connection, back-off, registration and connection caps, the login timeout,
 * token revocation, maximum age and key rotation, and frames of another protocol version.
 * Clients connect from other loopback addresses (127.0.0.2 and up) to stand for other hosts.
 */
class GatewaySecurityTest
{
    private static final long WAIT_MS = 10_000;

    private Hall hall;
    private EventLoopGroup group;
    private final List<GameClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception
    {
        hall = new Hall();
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterEach
    void stop()
    {
        clients.forEach(GameClient::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        hall.close();
    }

    /**
     * Every password check takes 15 ms (a sleep, so the figures do not depend on the load of the
     * machine): 1,000 of them queued on two hashing threads would hold a login up for 7.5 s.
     */
    @Test
    void aValidLoginCompletesPromptlyWhileAThousandWrongPasswordsArriveFromManyConnections() throws Exception
    {
        final SessionGateway gateway = hall.gateway("gw-flood", ctx -> ctx.passwordHasher(slowHasher(15)));
        hall.client(new Recorder(), gateway.url()).register("victor", "victor-password").join();

        // 10 addresses x 5 connections, each sending 2 bursts of 10 wrong logins at once
        final List<GameClient> flooders = new ArrayList<>();
        for (int a = 0; a < 10; a++)
        {
            for (int c = 0; c < 5; c++)
            {
                flooders.add(client(gateway.url(), "127.0.0." + (2 + a)));
            }
        }
        final GameClient valid = client(gateway.url(), "127.0.0.1");
        final Map<ClientCode, AtomicInteger> answers = new ConcurrentHashMap<>();
        final List<CompletableFuture<Void>> floods = new ArrayList<>();
        for (int f = 0; f < flooders.size(); f++)
        {
            final GameClient flooder = flooders.get(f);
            final String name = "flood-" + f;
            floods.add(burst(flooder, name, answers).thenCompose(v -> burst(flooder, name, answers)));
        }

        final long start = System.nanoTime();
        final GameClient.Login login = valid.login("victor", "victor-password").get(WAIT_MS, TimeUnit.MILLISECONDS);
        final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(login.userId()).isPositive();
        assertThat(tookMs).as("the valid login is not queued behind the flood").isLessThan(3_000);
        CompletableFuture.allOf(floods.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(answers.values().stream().mapToInt(AtomicInteger::get).sum()).as("every attempt answered")
            .isEqualTo(1_000);
        assertThat(count(answers, ClientCode.LOGIN_IN_PROGRESS)).as("one login at a time per connection")
            .isGreaterThanOrEqualTo(800);
        assertThat(count(answers, ClientCode.WRONG_CREDENTIALS)).as("passwords actually checked").isLessThanOrEqualTo(100);
        assertThat(answers.keySet()).isSubsetOf(ClientCode.WRONG_CREDENTIALS, ClientCode.LOGIN_IN_PROGRESS,
            ClientCode.OVERLOADED, ClientCode.TOO_MANY_ATTEMPTS);
    }

    @Test
    void aSecondLoginOnAConnectionWhileTheFirstIsCheckedGetsLoginInProgress() throws Exception
    {
        final SessionGateway gateway = hall.gateway("gw-one", ctx -> ctx.passwordHasher(slowHasher(300)));
        hall.client(new Recorder(), gateway.url()).register("wendy", "wendy-password").join();
        final GameClient client = client(gateway.url(), "127.0.0.1");

        final CompletableFuture<GameClient.Login> first = client.login("wendy", "wendy-password");
        final CompletableFuture<GameClient.Login> second = client.login("wendy", "wendy-password");

        assertThat(codeOf(second)).isEqualTo(ClientCode.LOGIN_IN_PROGRESS);
        assertThat(first.get(WAIT_MS, TimeUnit.MILLISECONDS).userId()).isPositive();
    }

    /**
     * A client may start its next login as soon as it reads the answer to the last one: the
     * gateway ends an authentication before it answers, never after.
     */
    @Test
    void aLoginSentAsSoonAsTheLastOneIsAnsweredIsNeverRefusedAsInProgress() throws Exception
    {
        final SessionGateway gateway = hall.gateway("gw-next", ctx -> ctx.accountFailuresBeforeBackoff(1_000)
            .addressFailuresBeforeBackoff(1_000).registrationsPerAddress(1_000));
        hall.client(new Recorder(), gateway.url()).register("yolanda", "yolanda-password").join();
        final GameClient client = client(gateway.url(), "127.0.0.1");

        final Map<ClientCode, AtomicInteger> answers = new ConcurrentHashMap<>();
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (int i = 0; i < 300; i++)
        {
            final boolean register = i % 2 == 0;
            chain = chain.thenCompose(v -> (register ?
                client.register("yolanda", "another-password") : client.login("yolanda", "wrong-password"))
                .handle((login, ex) ->
                {
                    final Throwable cause = ex instanceof CompletionException && ex.getCause() != null ? ex.getCause() : ex;
                    final ClientCode code = cause instanceof ClientException ce ? ce.code() : ClientCode.OK;
                    answers.computeIfAbsent(code, k -> new AtomicInteger()).incrementAndGet();
                    return null;
                }));
        }
        chain.get(60, TimeUnit.SECONDS);

        assertThat(answers.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(300);
        assertThat(answers.keySet()).as("each login answered on its own merits")
            .isSubsetOf(ClientCode.NAME_TAKEN, ClientCode.WRONG_CREDENTIALS);
    }

    @Test
    void failedLoginsBackOffTheAccountWithARetryAfterAndRegistrationsAreCappedPerAddress() throws Exception
    {
        final SessionGateway gateway = hall.gateway("gw-backoff", ctx -> ctx.accountFailuresBeforeBackoff(2)
            .loginBackoffBaseMs(60_000).registrationsPerAddress(2));
        final GameClient client = client(gateway.url(), "127.0.0.2");
        client.register("xavier", "xavier-password").join();
        client.logout().join();

        final GameClient guesser = client(gateway.url(), "127.0.0.3");
        assertThat(codeOf(guesser.login("xavier", "guess-number-1"))).isEqualTo(ClientCode.WRONG_CREDENTIALS);
        assertThat(codeOf(guesser.login("xavier", "guess-number-2"))).isEqualTo(ClientCode.WRONG_CREDENTIALS);
        assertThat(codeOf(guesser.login("xavier", "guess-number-3"))).isEqualTo(ClientCode.WRONG_CREDENTIALS);
        final ClientException waiting = refusal(guesser.login("xavier", "xavier-password"));
        assertThat(waiting.code()).as("the account waits, whoever tries").isEqualTo(ClientCode.TOO_MANY_ATTEMPTS);
        assertThat(waiting.retryAfterMs()).isBetween(50_000L, 60_000L);
        assertThat(codeOf(client(gateway.url(), "127.0.0.4").login("xavier", "xavier-password")))
            .isEqualTo(ClientCode.TOO_MANY_ATTEMPTS);

        final GameClient registrar = client(gateway.url(), "127.0.0.5");
        registrar.register("yvonne", "yvonne-password").join();
        final GameClient again = client(gateway.url(), "127.0.0.5");
        assertThat(codeOf(again.register("yvonne", "other-password"))).isEqualTo(ClientCode.NAME_TAKEN);
        final ClientException capped = refusal(client(gateway.url(), "127.0.0.5").register("zach", "zach-password"));
        assertThat(capped.code()).isEqualTo(ClientCode.TOO_MANY_REGISTRATIONS);
        assertThat(capped.retryAfterMs()).isPositive();
        assertThat(client(gateway.url(), "127.0.0.6").register("zach", "zach-password").join().userId()).isPositive();
    }

    @Test
    void connectionsOverThePerAddressCapAreClosedAtOnceOthersStillConnect()
    {
        final SessionGateway gateway = hall.gateway("gw-cap", ctx -> ctx.maxConnectionsPerAddress(2));
        final GameClient one = client(gateway.url(), "127.0.0.2");
        client(gateway.url(), "127.0.0.2");

        final Throwable refused = connect(gateway.url(), "127.0.0.2").handle((c, ex) -> ex).join();
        assertThat(refused).as("a third from 127.0.0.2").isNotNull();
        assertThat(client(gateway.url(), "127.0.0.3").register("carl", "carl-password").join().userId()).isPositive();

        one.close();
        final long deadline = System.currentTimeMillis() + WAIT_MS;
        GameClient next = null;
        while (next == null && System.currentTimeMillis() < deadline)
        {
            next = connect(gateway.url(), "127.0.0.2").handle((c, ex) -> c).join();
        }
        assertThat(next).as("room again once one closed").isNotNull();
        clients.add(next);
    }

    @Test
    void aConnectionThatDoesNotLogInInTimeIsClosedAndTheSdkConnectsAgainToLogIn()
    {
        final SessionGateway gateway = hall.gateway("gw-timeout", ctx -> ctx.loginTimeoutMs(500));
        final Recorder hears = new Recorder();
        final GameClient client = hall.client(hears, gateway.url());

        assertThat(hears.await("ERROR", WAIT_MS).detail()).startsWith("LOGIN_TIMEOUT");
        hears.await("DISCONNECTED", WAIT_MS);

        assertThat(client.register("dora", "dora-password").join().userId()).isPositive();
        assertThat(client.create(ConnectFourProtocol.TYPE_ID, 2).join().instanceId()).as("logged in: not closed").isPositive();
    }

    @Test
    void logoutAndANewPasswordRevokeEveryTokenIssuedBefore() throws Exception
    {
        final SessionGateway gateway = hall.gateway("gw-revoke");
        final GameClient client = hall.client(new Recorder(), gateway.url());
        final String first = client.register("erika", "erika-password").join().token();
        client.logout().join();
        assertThat(codeOf(hall.client(new Recorder(), gateway.url()).resume(first, 0))).as("after logout")
            .isEqualTo(ClientCode.TOKEN_REVOKED);

        final GameClient again = hall.client(new Recorder(), gateway.url());
        final String second = again.login("erika", "erika-password").join().token();
        assertThat(codeOf(again.changePassword("not-the-password", "erika-new-password")))
            .isEqualTo(ClientCode.WRONG_CREDENTIALS);
        final GameClient.Login changed = again.changePassword("erika-password", "erika-new-password").join();
        assertThat(changed.token()).isNotEqualTo(second).isEqualTo(again.token());
        assertThat(codeOf(hall.client(new Recorder(), gateway.url()).resume(second, 0))).as("after a new password")
            .isEqualTo(ClientCode.TOKEN_REVOKED);
        assertThat(hall.client(new Recorder(), gateway.url()).resume(changed.token(), 0).join().userId())
            .isEqualTo(changed.userId());
        assertThat(codeOf(hall.client(new Recorder(), gateway.url()).login("erika", "erika-password")))
            .isEqualTo(ClientCode.WRONG_CREDENTIALS);
    }

    @Test
    void aTokenStopsAtTheMaximumAgeOfItsSessionEvenWhenRenewed() throws Exception
    {
        final SessionGateway gateway = hall.gateway("gw-age", ctx -> ctx.tokenLifetimeMs(2_000).maxSessionAgeMs(3_000));
        final GameClient.Login login = hall.client(new Recorder(), gateway.url()).register("fred", "fred-password").join();
        final long loggedInAt = System.currentTimeMillis();
        Thread.sleep(1_500);

        final GameClient.Login renewed = hall.client(new Recorder(), gateway.url()).resume(login.token(), 0).join();
        assertThat(renewed.token()).isNotEqualTo(login.token());
        assertThat(renewed.expiresAtMs()).as("renewed only up to the maximum age").isLessThanOrEqualTo(loggedInAt + 3_000);
        Thread.sleep(Math.max(0, loggedInAt + 3_100 - System.currentTimeMillis()));

        assertThat(codeOf(hall.client(new Recorder(), gateway.url()).resume(renewed.token(), 0)))
            .isEqualTo(ClientCode.TOKEN_EXPIRED);

        // a token that says it still has a day to live, of a session older than the maximum age
        final long now = System.currentTimeMillis();
        final String stale = new TokenService(Hall.TOKEN_SECRET, null, 2_000, 3_000).sign(new TokenService.Claims("",
            login.userId(), "fred", 0, now - 3_001, now + 86_400_000));
        assertThat(codeOf(hall.client(new Recorder(), gateway.url()).resume(stale, 0))).isEqualTo(ClientCode.TOKEN_EXPIRED);
    }

    @Test
    void aTokenOfThePreviousKeyResumesAndIsRenewedUnderTheNewOneAnUnknownKeyIsRefused() throws Exception
    {
        final String newSecret = "the-rotated-token-secret-0123456789";
        final SessionGateway before = hall.gateway("gw-old-key");
        final GameClient.Login login = hall.client(new Recorder(), before.url()).register("gina", "gina-password").join();
        final SessionGateway after = hall.gateway("gw-new-key", ctx -> ctx.tokenSecret(newSecret)
            .previousTokenSecret(Hall.TOKEN_SECRET));

        final GameClient.Login resumed = hall.client(new Recorder(), after.url()).resume(login.token(), 0).join();
        assertThat(resumed.userId()).isEqualTo(login.userId());
        assertThat(resumed.token()).startsWith(TokenService.keyIdOf(newSecret) + ".");

        final SessionGateway rotatedAgain = hall.gateway("gw-newest-key", ctx -> ctx
            .tokenSecret("a-third-token-secret-0123456789").previousTokenSecret(newSecret));
        assertThat(codeOf(hall.client(new Recorder(), rotatedAgain.url()).resume(login.token(), 0)))
            .isEqualTo(ClientCode.TOKEN_INVALID);
    }

    @Test
    void framesOfAnotherProtocolVersionOrWithAShortBlockAreRefusedWithoutInternalDetail()
    {
        final SessionGateway gateway = hall.gateway("gw-versions");
        for (final int version : new int[] {0, MessageHeaderEncoder.SCHEMA_VERSION + 1, 999})
        {
            final Recorder hears = new Recorder();
            final GameClient client = hall.client(hears, gateway.url());
            client.sendRaw(login(version, LoginEncoder.BLOCK_LENGTH, 0));
            assertThat(hears.await("ERROR", WAIT_MS).detail()).as("version %d", version).startsWith("UNSUPPORTED_VERSION");
            hears.await("DISCONNECTED", WAIT_MS);
        }

        final Recorder shortHears = new Recorder();
        hall.client(shortHears, gateway.url()).sendRaw(login(MessageHeaderEncoder.SCHEMA_VERSION, 4, 0));
        assertThat(shortHears.await("ERROR", WAIT_MS).detail()).startsWith("MALFORMED").contains("block");
        shortHears.await("DISCONNECTED", WAIT_MS);

        final Recorder truncatedHears = new Recorder();
        hall.client(truncatedHears, gateway.url()).sendRaw(login(MessageHeaderEncoder.SCHEMA_VERSION,
            LoginEncoder.BLOCK_LENGTH, 6));
        final String detail = truncatedHears.await("ERROR", WAIT_MS).detail();
        assertThat(detail).startsWith("MALFORMED").doesNotContainIgnoringCase("exception").doesNotContain("limit")
            .doesNotContain("capacity");
    }

    @Test
    void aMessageSentInFragmentsIsTakenUpToTheFrameLimit() throws Exception
    {
        final SessionGateway gateway = hall.gateway("gw-fragments", ctx -> ctx.maxFrameBytes(1_024));
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(128);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + new HelloEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).correlationId(77).client("fragments").encodedLength();
        final byte[] hello = Arrays.copyOf(buffer.byteArray(), length);

        try (RawWebSocket ws = RawWebSocket.connect(gateway.url(), WAIT_MS))
        {
            ws.send(false, RawWebSocket.BINARY, Arrays.copyOfRange(hello, 0, 5));
            ws.send(false, RawWebSocket.CONTINUATION, Arrays.copyOfRange(hello, 5, 12));
            ws.send(true, RawWebSocket.CONTINUATION, Arrays.copyOfRange(hello, 12, hello.length));
            final UnsafeBuffer reply = new UnsafeBuffer(ws.readBinary());
            final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(reply, 0);
            assertThat(header.templateId()).isEqualTo(HelloReplyDecoder.TEMPLATE_ID);
            assertThat(new HelloReplyDecoder().wrapAndApplyHeader(reply, 0, header).correlationId()).isEqualTo(77);
        }

        try (RawWebSocket ws = RawWebSocket.connect(gateway.url(), WAIT_MS))
        {
            ws.send(false, RawWebSocket.BINARY, new byte[600]);
            ws.send(true, RawWebSocket.CONTINUATION, new byte[600]);
            assertThat(ws.closedByGateway()).as("1,200 bytes in two fragments, over 1,024").isTrue();
        }
    }

    private static byte[] login(final int version, final int blockLength, final int cut)
    {
        final ExpandableArrayBuffer frame = new ExpandableArrayBuffer(128);
        final LoginEncoder login = new LoginEncoder().wrapAndApplyHeader(frame, 0, new MessageHeaderEncoder())
            .correlationId(1).name("somebody").password("something-long");
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + login.encodedLength() - cut;
        new MessageHeaderEncoder().wrap(frame, 0).blockLength(blockLength).templateId(LoginEncoder.TEMPLATE_ID)
            .schemaId(LoginEncoder.SCHEMA_ID).version(version);
        return Arrays.copyOf(frame.byteArray(), length);
    }

    private static CompletableFuture<Void> burst(final GameClient flooder, final String name,
        final Map<ClientCode, AtomicInteger> answers)
    {
        final List<CompletableFuture<ClientCode>> attempts = new ArrayList<>();
        for (int i = 0; i < 10; i++)
        {
            attempts.add(flooder.login(name, "wrong-password-" + i).handle((l, ex) ->
            {
                final ClientCode code = ex == null ? ClientCode.OK : ((ClientException)ex.getCause()).code();
                answers.computeIfAbsent(code, k -> new AtomicInteger()).incrementAndGet();
                return code;
            }));
        }
        return CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new));
    }

    private static int count(final Map<ClientCode, AtomicInteger> answers, final ClientCode code)
    {
        final AtomicInteger n = answers.get(code);
        return n == null ? 0 : n.get();
    }

    /**
     * A hasher of the configured test iterations whose every key derivation also sleeps.
     */
    private static PasswordHasher slowHasher(final long sleepMs)
    {
        return new PasswordHasher(1_000, (password, salt, iterations, keyBytes) ->
        {
            try
            {
                Thread.sleep(sleepMs);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            return PasswordHasher.PBKDF2.derive(password, salt, iterations, keyBytes);
        });
    }

    private GameClient client(final String url, final String localAddress)
    {
        final GameClient client = connect(url, localAddress).join();
        clients.add(client);
        return client;
    }

    private CompletableFuture<GameClient> connect(final String url, final String localAddress)
    {
        return GameClient.connect(new GameClient.Context()
            .gateways(List.of(url))
            .localAddress(localAddress)
            .eventLoopGroup(group)
            .requestTimeoutMs(WAIT_MS)
            .connectTimeoutMs(2_000)
            .seed(7));
    }

    private static ClientCode codeOf(final CompletableFuture<?> future)
    {
        return refusal(future).code();
    }

    private static ClientException refusal(final CompletableFuture<?> future)
    {
        try
        {
            future.get(WAIT_MS, TimeUnit.MILLISECONDS);
        }
        catch (final java.util.concurrent.ExecutionException ex)
        {
            if (ex.getCause() instanceof ClientException ce)
            {
                return ce;
            }
            throw new AssertionError(ex);
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
        throw new AssertionError("the call succeeded");
    }

    @SuppressWarnings("unused")
    private static ClientCode codeOf(final CompletionException ex)
    {
        return ((ClientException)ex.getCause()).code();
    }
}
