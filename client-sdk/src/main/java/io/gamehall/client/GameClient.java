package io.gamehall.client;

import io.gamehall.sbe.client.ChangePasswordEncoder;
import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.CreateInstanceEncoder;
import io.gamehall.sbe.client.GetHistoryEncoder;
import io.gamehall.sbe.client.HelloEncoder;
import io.gamehall.sbe.client.InstancePhase;
import io.gamehall.sbe.client.JoinInstanceEncoder;
import io.gamehall.sbe.client.KickCause;
import io.gamehall.sbe.client.LeaveInstanceEncoder;
import io.gamehall.sbe.client.LoginEncoder;
import io.gamehall.sbe.client.LogoutEncoder;
import io.gamehall.sbe.client.MessageHeaderEncoder;
import io.gamehall.sbe.client.Outcome;
import io.gamehall.sbe.client.RegisterEncoder;
import io.gamehall.sbe.client.ResumeEncoder;
import io.gamehall.sbe.client.ResumeKind;
import io.gamehall.sbe.client.SearchInstancesEncoder;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.sbe.MessageEncoderFlyweight;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * A game client's connection to gamehall (Java SDK): check-in with fall-back over the known
 * gateways, register / login, lobby requests as futures, game messages, events to a
 * {@link GameClientListener}, and automatic reconnect and resume (also onto another gateway
 * when one is drained or dies).
 * <pre>{@code
 * GameClient client = GameClient.connect(new GameClient.Context()
 *     .gateways(List.of("ws://127.0.0.1:8080/ws")).listener(myListener)).join();
 * client.login("alice", "secret-password").join();
 * GameClient.Instance game = client.create(1, 2).join();
 * client.send(game.instanceId(), 1, new byte[]{3});
 * }</pre>
 * Thread-safe; the listener is called on the client's I/O thread.
 */
public final class GameClient implements AutoCloseable
{
    /**
     * A logged-in session.
     *
     * @param userId     the account id.
     * @param token      resumes the session on any gateway until it expires.
     * @param instanceId the instance the user is seated in (after a resume), 0 if none.
     * @param resumed    whether missed events follow (CONTINUED) or the game sends its state (NEW_SESSION).
     */
    public record Login(long userId, String token, long expiresAtMs, long instanceId, ResumeKind resumed)
    {
    }

    /**
     * An instance the user took a seat in.
     */
    public record Instance(long instanceId, int gameType, int maxPlayers)
    {
    }

    /**
     * One search hit.
     */
    public record InstanceSummary(long instanceId, int gameType, InstancePhase phase, long ownerId, int maxPlayers,
        int playerCount, int region, int mode, int ratingBand)
    {
    }

    /**
     * A page of search hits.
     */
    public record SearchPage(List<InstanceSummary> instances, long nextCursor)
    {
    }

    /**
     * A finished game of the user.
     */
    public record GameSummary(long gameId, int gameType, long endTimeMs, Outcome outcome)
    {
    }

    private final Context ctx;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final GatewayList gateways;
    private final ClientRequests requests;
    private final ClientEventAdapter events;
    private final WebSocketConnector connector;
    private final GatewayFailover failover;
    private final WebSocketConnector.Frames frames = new WebSocketConnector.Frames()
    {
        public void onFrame(final FrameReader reader, final int length)
        {
            events.onFrame(reader, length);
        }

        public void onClosed(final Channel closedChannel)
        {
            if (closedChannel == channel)
            {
                reconnect("connection to " + url + " closed");
            }
        }
    };
    private volatile Channel channel;
    private volatile FrameWriter writer;
    private volatile String url;
    private volatile long userId;
    private volatile String token;
    private volatile long instanceId;
    private volatile boolean closed;
    private volatile boolean kicked;

    private GameClient(final Context ctx)
    {
        this.ctx = ctx;
        this.ownsGroup = ctx.eventLoopGroup == null;
        this.group = ownsGroup ? new MultiThreadIoEventLoopGroup(1,
            new DefaultThreadFactory("gamehall-client"), NioIoHandler.newFactory()) : ctx.eventLoopGroup;
        this.gateways = new GatewayList(ctx.gateways, ctx.seed);
        this.requests = new ClientRequests(ctx.requestTimeoutMs, ClientRequests.OR_TIMEOUT);
        this.events = new ClientEventAdapter(requests, gateways, new SessionEvents(), ctx.listener);
        this.connector = new WebSocketConnector(group, ctx.maxFrameBytes, ctx.connectTimeoutMs, ctx.pingIntervalMs,
            ctx.localAddress, ctx.trustAll);
        this.failover = new GatewayFailover(gateways, requests, ctx.listener, this::checkInAt, this::resumeSession,
            () -> closed, System::currentTimeMillis, GatewayFailover.JDK_DELAYER);
    }

    /**
     * Connect to one of the gateways (tried in random order, then the others), say hello and
     * learn the live gateways.
     *
     * @return the connected client; fails when no gateway answered.
     */
    public static CompletableFuture<GameClient> connect(final Context ctx)
    {
        ctx.conclude();
        final GameClient client = new GameClient(ctx);
        return client.failover.checkIn(client.gateways.candidates(null)).thenApply(url -> client).whenComplete((c, ex) ->
        {
            if (ex != null)
            {
                client.close();
            }
        });
    }

    /**
     * @return the URL of the gateway the client is connected to.
     */
    public String gatewayUrl()
    {
        return url;
    }

    /**
     * @return the logged-in user's id, 0 before login.
     */
    public long userId()
    {
        return userId;
    }

    /**
     * @return the session token, null before login.
     */
    public String token()
    {
        return token;
    }

    /**
     * @return the instance the user is seated in, as far as the client knows; 0 if none.
     */
    public long instanceId()
    {
        return instanceId;
    }

    /**
     * @return whether a connection is open now.
     */
    public boolean isConnected()
    {
        final Channel c = channel;
        return c != null && c.isActive();
    }

    /**
     * @return the gateways the client knows of (seeds and what gateways told it).
     */
    public List<String> knownGateways()
    {
        return gateways.list();
    }

    // ------------------------------------------------------------------ requests

    /**
     * Create an account and log in. If the gateway closed the connection meanwhile (it closes
     * connections that do not log in within its login timeout), the client connects again first.
     * <p>
     * Refusals: {@code INVALID_NAME}, {@code INVALID_PASSWORD}, {@code NAME_TAKEN},
     * {@code TOO_MANY_REGISTRATIONS} and {@code OVERLOADED} (wait {@link ClientException#retryAfterMs()}),
     * {@code LOGIN_IN_PROGRESS}...
     */
    public CompletableFuture<Login> register(final String name, final String password)
    {
        return authenticate(correlationId -> encode(b -> new RegisterEncoder()
            .wrapAndApplyHeader(b, 0, new MessageHeaderEncoder()).correlationId(correlationId).name(name)
            .password(password)));
    }

    /**
     * Log in (connecting again first if the gateway closed the connection meanwhile).
     * <p>
     * Refusals: {@code WRONG_CREDENTIALS}, {@code TOO_MANY_ATTEMPTS} and {@code OVERLOADED} (wait
     * {@link ClientException#retryAfterMs()}), {@code LOGIN_IN_PROGRESS}, {@code GATEWAY_DRAINING}...
     */
    public CompletableFuture<Login> login(final String name, final String password)
    {
        return authenticate(correlationId -> encode(b -> new LoginEncoder()
            .wrapAndApplyHeader(b, 0, new MessageHeaderEncoder()).correlationId(correlationId).name(name)
            .password(password)));
    }

    /**
     * Take a session up again with a token (from another client object, or after a restart),
     * connecting again first if the gateway closed the connection meanwhile.
     * <p>
     * Refusals: {@code TOKEN_INVALID}, {@code TOKEN_EXPIRED} (too old, or the session is older
     * than the gateway's maximum age), {@code TOKEN_REVOKED} (logged out or a new password)...
     */
    public CompletableFuture<Login> resume(final String sessionToken, final long lastSeenEvent)
    {
        return authenticate(correlationId -> encode(b -> new ResumeEncoder()
            .wrapAndApplyHeader(b, 0, new MessageHeaderEncoder()).correlationId(correlationId)
            .lastEventSequence(lastSeenEvent).token(sessionToken)));
    }

    /**
     * Replace the logged-in user's password. Every token issued before stops resuming; the
     * answer carries this session's new token (also in {@link #token()}).
     * <p>
     * Refusals: {@code WRONG_CREDENTIALS} (the old password), {@code INVALID_PASSWORD},
     * {@code TOO_MANY_ATTEMPTS}, {@code OVERLOADED}, {@code NOT_LOGGED_IN}...
     */
    public CompletableFuture<Login> changePassword(final String oldPassword, final String newPassword)
    {
        return request(correlationId -> encode(b -> new ChangePasswordEncoder()
            .wrapAndApplyHeader(b, 0, new MessageHeaderEncoder()).correlationId(correlationId)
            .oldPassword(oldPassword).newPassword(newPassword)))
            .thenApply(this::loggedIn);
    }

    /**
     * Send a login, registration or resume, after connecting again when the connection is gone
     * and the client is not logged in (the gateway closes connections that do not log in in time).
     */
    private CompletableFuture<Login> authenticate(final LongFunction<byte[]> frame)
    {
        final FrameWriter w = writer;
        final boolean connected = w != null && w.channel().isActive();
        final CompletableFuture<String> ready = connected || failover.isMoving() || closed || token != null ?
            CompletableFuture.completedFuture(url) : failover.checkIn(gateways.candidates(url));
        return ready.thenCompose(u -> request(frame)).thenApply(this::loggedIn);
    }

    /**
     * End the session (the gateway closes the connection; the client does not reconnect).
     */
    public CompletableFuture<Void> logout()
    {
        kicked = true;
        return request(correlationId -> encode(b -> new LogoutEncoder().wrapAndApplyHeader(b, 0, new MessageHeaderEncoder())
            .correlationId(correlationId))).thenApply(Answers::result);
    }

    /**
     * Create an instance and take its first seat.
     */
    public CompletableFuture<Instance> create(final int gameType, final int maxPlayers)
    {
        return create(gameType, maxPlayers, 0, 0, 0);
    }

    /**
     * Create an instance with attributes and take its first seat.
     */
    public CompletableFuture<Instance> create(final int gameType, final int maxPlayers, final int region, final int mode,
        final int ratingBand)
    {
        return request(correlationId -> encode(b -> new CreateInstanceEncoder()
            .wrapAndApplyHeader(b, 0, new MessageHeaderEncoder()).correlationId(correlationId).gameType(gameType)
            .maxPlayers(maxPlayers).region(region).mode(mode).ratingBand(ratingBand)))
            .thenApply(this::seated);
    }

    /**
     * Take a seat in an instance.
     */
    public CompletableFuture<Instance> join(final long instance)
    {
        return request(correlationId -> encode(b -> new JoinInstanceEncoder()
            .wrapAndApplyHeader(b, 0, new MessageHeaderEncoder()).correlationId(correlationId).instanceId(instance)))
            .thenApply(this::seated);
    }

    /**
     * Give a seat up.
     */
    public CompletableFuture<Void> leave(final long instance)
    {
        return request(correlationId -> encode(b -> new LeaveInstanceEncoder()
            .wrapAndApplyHeader(b, 0, new MessageHeaderEncoder()).correlationId(correlationId).instanceId(instance)))
            .thenApply(bytes ->
            {
                Answers.result(bytes);
                if (instanceId == instance)
                {
                    instanceId = 0;
                }
                return null;
            });
    }

    /**
     * Open instances of a game type with at least one free seat.
     */
    public CompletableFuture<SearchPage> search(final int gameType, final int maxResults, final long cursor)
    {
        return search(gameType, 0, 0, 0, 1, maxResults, cursor);
    }

    /**
     * Open instances by game type and attributes (0 matches any).
     */
    public CompletableFuture<SearchPage> search(final int gameType, final int region, final int mode, final int ratingBand,
        final int minOpenSeats, final int maxResults, final long cursor)
    {
        return request(correlationId -> encode(b -> new SearchInstancesEncoder()
            .wrapAndApplyHeader(b, 0, new MessageHeaderEncoder()).correlationId(correlationId).gameType(gameType)
            .region(region).mode(mode).ratingBand(ratingBand).minOpenSeats(minOpenSeats).maxResults(maxResults)
            .cursor(cursor)))
            .thenApply(Answers::searchPage);
    }

    /**
     * The user's finished games, newest first.
     *
     * @param before 0 for the newest, else the cursor of the previous page.
     */
    public CompletableFuture<List<GameSummary>> history(final long before, final int maxResults)
    {
        return request(correlationId -> encode(b -> new GetHistoryEncoder()
            .wrapAndApplyHeader(b, 0, new MessageHeaderEncoder()).correlationId(correlationId).before(before)
            .maxResults(maxResults)))
            .thenApply(Answers::history);
    }

    /**
     * Send a message to the game of an instance.
     *
     * @return completes when the game acknowledges it (games that commit their moves do; others
     * never acknowledge — use {@link #post} for those), fails with the game's refusal.
     */
    public CompletableFuture<Void> send(final long instance, final int kind, final byte[] payload)
    {
        final long sequence = requests.nextSequence();
        final CompletableFuture<Void> ack = requests.expectAck(sequence);
        if (!writeGameMessage(instance, sequence, kind, payload))
        {
            ack.completeExceptionally(ClientRequests.notConnected());
        }
        return ack;
    }

    /**
     * Send a message to the game without waiting for anything (real-time input). Allocates
     * nothing: the payload is copied at once (reuse the array), and the frame leaves from the
     * connection's I/O thread, together with any others sent meanwhile.
     *
     * @return its sequence number (in {@link GameClientListener#onGameAck} / onGameError), or -1
     * when not connected.
     */
    public long post(final long instance, final int kind, final byte[] payload)
    {
        final long sequence = requests.nextSequence();
        return writeGameMessage(instance, sequence, kind, payload) ? sequence : -1;
    }

    /**
     * Drop the connection as a network failure would (tests and demos): the client reconnects
     * and resumes as it would after a real one.
     */
    public void dropConnection()
    {
        final Channel c = channel;
        if (c != null)
        {
            c.close();
        }
    }

    /**
     * @return the sequence number of the last event received.
     */
    public long lastEventSequence()
    {
        return events.lastEventSequence();
    }

    /**
     * Send raw bytes as one frame (tools and tests of a gateway's input checks).
     */
    public boolean sendRaw(final byte[] frame)
    {
        return write(frame);
    }

    // ------------------------------------------------------------------ plumbing

    private interface Encoding
    {
        MessageEncoderFlyweight encode(ExpandableArrayBuffer buffer);
    }

    private static byte[] encode(final Encoding encoding)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(128);
        final MessageEncoderFlyweight encoder = encoding.encode(buffer);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    private CompletableFuture<byte[]> request(final LongFunction<byte[]> frame)
    {
        return request(frame, false);
    }

    /**
     * @param internal a frame of the client's own (hello, resume) that must not wait for a resume.
     */
    private CompletableFuture<byte[]> request(final LongFunction<byte[]> frame, final boolean internal)
    {
        final long correlationId = requests.nextCorrelationId();
        final CompletableFuture<byte[]> answer = requests.await(correlationId);
        if (!(internal ? writeNow(frame.apply(correlationId)) : write(frame.apply(correlationId))))
        {
            answer.completeExceptionally(ClientRequests.notConnected());
        }
        return answer;
    }

    /**
     * Send now; while the client is reconnecting and resuming nothing is sent (the request fails
     * at once: retry after {@link GameClientListener#onResumed}), so that no frame reaches a
     * gateway before the session it belongs to.
     */
    private boolean write(final byte[] frame)
    {
        return !failover.isMoving() && writeNow(frame);
    }

    private boolean writeNow(final byte[] frame)
    {
        final FrameWriter w = writer;
        if (w == null || !w.channel().isActive())
        {
            return false;
        }
        w.send(frame);
        return true;
    }

    private boolean writeGameMessage(final long instance, final long sequence, final int kind, final byte[] payload)
    {
        final FrameWriter w = writer;
        if (failover.isMoving() || w == null || !w.channel().isActive())
        {
            return false;
        }
        w.sendGameMessage(instance, sequence, kind, payload, 0, payload.length);
        return true;
    }

    private Login loggedIn(final byte[] bytes)
    {
        final Login login = Answers.login(bytes);
        userId = login.userId();
        token = login.token();
        instanceId = login.instanceId();
        kicked = false;
        return login;
    }

    private Instance seated(final byte[] bytes)
    {
        final Instance instance = Answers.instance(bytes);
        instanceId = instance.instanceId();
        return instance;
    }

    /**
     * Connect to one gateway and say hello: the connection becomes the client's.
     */
    private CompletableFuture<String> checkInAt(final String candidate)
    {
        return connector.open(candidate, frames).thenCompose(c ->
        {
            final Channel previous = channel;
            writer = new FrameWriter(c);
            channel = c;
            url = candidate;
            if (previous != null && previous != c)
            {
                previous.close();
            }
            return request(correlationId -> encode(b -> new HelloEncoder()
                .wrapAndApplyHeader(b, 0, new MessageHeaderEncoder()).correlationId(correlationId).client(ctx.clientName)),
                true)
                .thenApply(bytes ->
                {
                    final Answers.Hello hello = Answers.hello(bytes);
                    gateways.learn(hello.gateways());
                    if (hello.draining())
                    {
                        throw new ClientException(ClientCode.GATEWAY_DRAINING, candidate + " is draining");
                    }
                    return candidate;
                });
        });
    }

    private CompletableFuture<Login> resumeSession()
    {
        return request(correlationId -> encode(b -> new ResumeEncoder()
            .wrapAndApplyHeader(b, 0, new MessageHeaderEncoder()).correlationId(correlationId)
            .lastEventSequence(events.lastEventSequence()).token(token)), true).thenApply(this::loggedIn);
    }

    /**
     * The connection was lost (not by our choice): reconnect to a gateway and resume the session.
     */
    private void reconnect(final String reason)
    {
        if (closed || kicked || failover.isMoving())
        {
            return;
        }
        requests.failAll("connection lost: " + reason);
        ctx.listener.onDisconnected(reason);
        if (token == null)
        {
            return;
        }
        failover.moveTo(gateways.candidates(url), System.currentTimeMillis() + ctx.reconnectBudgetMs);
    }

    @Override
    public void close()
    {
        closed = true;
        final Channel c = channel;
        if (c != null)
        {
            c.close();
        }
        requests.failAll("client closed");
        if (ownsGroup)
        {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /**
     * The events that change the session.
     */
    private final class SessionEvents implements ClientEventAdapter.Session
    {
        public void instanceClosed(final long instance)
        {
            if (instanceId == instance)
            {
                instanceId = 0;
            }
        }

        public void kicked(final KickCause cause)
        {
            if (cause != KickCause.GATEWAY_CLOSING)
            {
                kicked = true;
            }
        }

        public void draining(final List<String> urls)
        {
            gateways.forget(url);
            if (!urls.isEmpty() && token != null && !closed)
            {
                failover.moveTo(urls, System.currentTimeMillis() + ctx.reconnectBudgetMs);
            }
        }
    }

    /**
     * Configuration of a client.
     */
    public static final class Context
    {
        private List<String> gateways = List.of();
        private GameClientListener listener = new GameClientListener()
        {
        };
        private EventLoopGroup eventLoopGroup;
        private long requestTimeoutMs = 10_000;
        private long connectTimeoutMs = 5_000;
        private long reconnectBudgetMs = 30_000;
        private long pingIntervalMs = 15_000;
        private int maxFrameBytes = 64 * 1024;
        private String clientName = "gamehall-java-sdk/0.1.0";
        private String localAddress;
        private long seed = System.nanoTime();
        private boolean trustAll;

        /** @param gateways WebSocket URLs of gateways known in advance (ws:// or wss://). */
        public Context gateways(final List<String> gateways)
        {
            this.gateways = List.copyOf(gateways);
            return this;
        }

        /** @param listener receives events. */
        public Context listener(final GameClientListener listener)
        {
            this.listener = listener;
            return this;
        }

        /** @param group a Netty event loop group to share among many clients (not closed by the client). */
        public Context eventLoopGroup(final EventLoopGroup group)
        {
            this.eventLoopGroup = group;
            return this;
        }

        /** @param requestTimeoutMs how long a request waits for its answer. */
        public Context requestTimeoutMs(final long requestTimeoutMs)
        {
            this.requestTimeoutMs = requestTimeoutMs;
            return this;
        }

        /** @param connectTimeoutMs how long a connection attempt may take. */
        public Context connectTimeoutMs(final long connectTimeoutMs)
        {
            this.connectTimeoutMs = connectTimeoutMs;
            return this;
        }

        /** @param reconnectBudgetMs how long to keep trying to reconnect and resume after losing the connection. */
        public Context reconnectBudgetMs(final long reconnectBudgetMs)
        {
            this.reconnectBudgetMs = reconnectBudgetMs;
            return this;
        }

        /** @param pingIntervalMs keep-alive pings when the client has heard nothing from the gateway for this long. */
        public Context pingIntervalMs(final long pingIntervalMs)
        {
            this.pingIntervalMs = pingIntervalMs;
            return this;
        }

        /** @param seed for the random choice of gateway (tests and bots fix it). */
        public Context seed(final long seed)
        {
            this.seed = seed;
            return this;
        }

        /** @param clientName told to the gateway in the hello, for its logs. */
        public Context clientName(final String clientName)
        {
            this.clientName = clientName;
            return this;
        }

        /**
         * @param localAddress the local address to connect from (a machine with several; tests
         *                     use other loopback addresses); default the system's choice.
         */
        public Context localAddress(final String localAddress)
        {
            this.localAddress = localAddress;
            return this;
        }

        /** @param trustAll accept any TLS certificate (tests with self-signed certificates only). */
        public Context trustAll(final boolean trustAll)
        {
            this.trustAll = trustAll;
            return this;
        }

        Context conclude()
        {
            if (gateways.isEmpty())
            {
                throw new IllegalArgumentException("a client needs at least one gateway URL");
            }
            if (listener == null)
            {
                throw new IllegalArgumentException("a client needs a listener");
            }
            return this;
        }
    }
}
