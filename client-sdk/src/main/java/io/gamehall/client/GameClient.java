package io.gamehall.client;

import io.gamehall.sbe.client.ChangePasswordEncoder;
import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.CreateInstanceEncoder;
import io.gamehall.sbe.client.DrainingDecoder;
import io.gamehall.sbe.client.GameAckDecoder;
import io.gamehall.sbe.client.GameErrorDecoder;
import io.gamehall.sbe.client.GameEventDecoder;
import io.gamehall.sbe.client.GatewayListDecoder;
import io.gamehall.sbe.client.GetHistoryEncoder;
import io.gamehall.sbe.client.HelloEncoder;
import io.gamehall.sbe.client.HelloReplyDecoder;
import io.gamehall.sbe.client.HistoryResultDecoder;
import io.gamehall.sbe.client.InstanceClosedDecoder;
import io.gamehall.sbe.client.InstanceMovedDecoder;
import io.gamehall.sbe.client.InstancePhase;
import io.gamehall.sbe.client.InstanceResultDecoder;
import io.gamehall.sbe.client.JoinInstanceEncoder;
import io.gamehall.sbe.client.KickCause;
import io.gamehall.sbe.client.KickedDecoder;
import io.gamehall.sbe.client.LeaveInstanceEncoder;
import io.gamehall.sbe.client.LoginEncoder;
import io.gamehall.sbe.client.LoginResultDecoder;
import io.gamehall.sbe.client.LogoutEncoder;
import io.gamehall.sbe.client.MessageHeaderDecoder;
import io.gamehall.sbe.client.MessageHeaderEncoder;
import io.gamehall.sbe.client.Outcome;
import io.gamehall.sbe.client.PlayerPresenceDecoder;
import io.gamehall.sbe.client.ProtocolErrorDecoder;
import io.gamehall.sbe.client.RegisterEncoder;
import io.gamehall.sbe.client.ResultDecoder;
import io.gamehall.sbe.client.ResumeEncoder;
import io.gamehall.sbe.client.ResumeKind;
import io.gamehall.sbe.client.SearchInstancesEncoder;
import io.gamehall.sbe.client.SearchResultDecoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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
    private final Random random;
    private final AtomicLong correlations = new AtomicLong();
    private final AtomicLong sequences = new AtomicLong();
    private final Map<Long, CompletableFuture<byte[]>> pending = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<Void>> acks = new ConcurrentHashMap<>();
    private final LinkedHashSet<String> known = new LinkedHashSet<>();
    private volatile Channel channel;
    private volatile FrameWriter writer;
    private volatile String url;
    private volatile long lastEventSequence;
    private volatile long userId;
    private volatile String token;
    private volatile long instanceId;
    private volatile boolean closed;
    private volatile boolean kicked;
    private volatile boolean moving;

    private GameClient(final Context ctx)
    {
        this.ctx = ctx;
        this.ownsGroup = ctx.eventLoopGroup == null;
        this.group = ownsGroup ? new MultiThreadIoEventLoopGroup(1,
            new DefaultThreadFactory("gamehall-client"), NioIoHandler.newFactory()) : ctx.eventLoopGroup;
        this.random = new Random(ctx.seed);
        known.addAll(ctx.gateways);
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
        return client.checkIn(client.candidates(null)).thenApply(url -> client).whenComplete((c, ex) ->
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
        synchronized (known)
        {
            return List.copyOf(known);
        }
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
            .thenApply(this::login);
    }

    /**
     * Send a login, registration or resume, after connecting again when the connection is gone
     * and the client is not logged in (the gateway closes connections that do not log in in time).
     */
    private CompletableFuture<Login> authenticate(final java.util.function.LongFunction<byte[]> frame)
    {
        final FrameWriter w = writer;
        final boolean connected = w != null && w.channel().isActive();
        final CompletableFuture<String> ready = connected || moving || closed || token != null ?
            CompletableFuture.completedFuture(url) : checkIn(candidates(url));
        return ready.thenCompose(u -> request(frame)).thenApply(this::login);
    }

    /**
     * End the session (the gateway closes the connection; the client does not reconnect).
     */
    public CompletableFuture<Void> logout()
    {
        kicked = true;
        return request(correlationId -> encode(b -> new LogoutEncoder().wrapAndApplyHeader(b, 0, new MessageHeaderEncoder())
            .correlationId(correlationId))).thenApply(bytes -> checkResult(bytes));
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
            .thenApply(this::instance);
    }

    /**
     * Take a seat in an instance.
     */
    public CompletableFuture<Instance> join(final long instance)
    {
        return request(correlationId -> encode(b -> new JoinInstanceEncoder()
            .wrapAndApplyHeader(b, 0, new MessageHeaderEncoder()).correlationId(correlationId).instanceId(instance)))
            .thenApply(this::instance);
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
                checkResult(bytes);
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
            .thenApply(bytes ->
            {
                final UnsafeBuffer view = new UnsafeBuffer(bytes);
                final SearchResultDecoder d = new SearchResultDecoder()
                    .wrapAndApplyHeader(view, 0, new MessageHeaderDecoder().wrap(view, 0));
                final ClientCode code = d.code();
                final long next = d.nextCursor();
                final List<InstanceSummary> hits = new ArrayList<>();
                for (final SearchResultDecoder.InstancesDecoder i : d.instances())
                {
                    hits.add(new InstanceSummary(i.instanceId(), i.gameType(), i.phase(), i.ownerId(), i.maxPlayers(),
                        i.playerCount(), i.region(), i.mode(), i.ratingBand()));
                }
                if (code != ClientCode.OK)
                {
                    throw new ClientException(code, "search refused");
                }
                return new SearchPage(hits, next);
            });
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
            .thenApply(bytes ->
            {
                final UnsafeBuffer view = new UnsafeBuffer(bytes);
                final HistoryResultDecoder d = new HistoryResultDecoder()
                    .wrapAndApplyHeader(view, 0, new MessageHeaderDecoder().wrap(view, 0));
                final ClientCode code = d.code();
                d.nextCursor();
                final List<GameSummary> games = new ArrayList<>();
                for (final HistoryResultDecoder.GamesDecoder g : d.games())
                {
                    games.add(new GameSummary(g.gameId(), g.gameType(), g.endTimeMs(), g.outcome()));
                }
                if (code != ClientCode.OK)
                {
                    throw new ClientException(code, "history refused");
                }
                return games;
            });
    }

    /**
     * Send a message to the game of an instance.
     *
     * @return completes when the game acknowledges it (games that commit their moves do; others
     * never acknowledge — use {@link #post} for those), fails with the game's refusal.
     */
    public CompletableFuture<Void> send(final long instance, final int kind, final byte[] payload)
    {
        final long sequence = sequences.incrementAndGet();
        final CompletableFuture<Void> ack = new CompletableFuture<>();
        acks.put(sequence, ack);
        ack.orTimeout(ctx.requestTimeoutMs, TimeUnit.MILLISECONDS).whenComplete((v, ex) -> acks.remove(sequence));
        if (!writeGameMessage(instance, sequence, kind, payload))
        {
            ack.completeExceptionally(new ClientException(ClientFailure.NOT_CONNECTED, "not connected to a gateway", null));
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
        final long sequence = sequences.incrementAndGet();
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
        return lastEventSequence;
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
        Object encode(ExpandableArrayBuffer buffer);
    }

    private static byte[] encode(final Encoding encoding)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(128);
        final Object encoder = encoding.encode(buffer);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + encodedLength(encoder);
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    private static int encodedLength(final Object encoder)
    {
        if (encoder instanceof org.agrona.sbe.MessageEncoderFlyweight flyweight)
        {
            return flyweight.encodedLength();
        }
        throw new IllegalArgumentException("not an SBE encoder: " + encoder);
    }

    private CompletableFuture<byte[]> request(final java.util.function.LongFunction<byte[]> frame)
    {
        return request(frame, false);
    }

    /**
     * @param internal a frame of the client's own (hello, resume) that must not wait for a resume.
     */
    private CompletableFuture<byte[]> request(final java.util.function.LongFunction<byte[]> frame, final boolean internal)
    {
        final long correlationId = correlations.incrementAndGet();
        final CompletableFuture<byte[]> answer = new CompletableFuture<>();
        pending.put(correlationId, answer);
        answer.orTimeout(ctx.requestTimeoutMs, TimeUnit.MILLISECONDS).whenComplete((b, ex) -> pending.remove(correlationId));
        if (!(internal ? writeNow(frame.apply(correlationId)) : write(frame.apply(correlationId))))
        {
            answer.completeExceptionally(new ClientException(ClientFailure.NOT_CONNECTED, "not connected to a gateway", null));
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
        return !moving && writeNow(frame);
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
        if (moving || w == null || !w.channel().isActive())
        {
            return false;
        }
        w.sendGameMessage(instance, sequence, kind, payload, 0, payload.length);
        return true;
    }

    private Login login(final byte[] bytes)
    {
        final UnsafeBuffer view = new UnsafeBuffer(bytes);
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(view, 0);
        if (header.templateId() != LoginResultDecoder.TEMPLATE_ID)
        {
            throw unexpected(view, header);
        }
        final LoginResultDecoder d = new LoginResultDecoder().wrapAndApplyHeader(view, 0, header);
        final ClientCode code = d.code();
        final long user = d.userId();
        final long expires = d.expiresAtMs();
        final long seat = d.instanceId();
        final ResumeKind resumed = d.resumed();
        final long retryAfter = d.retryAfterMs();
        final String newToken = d.token();
        final String message = d.message();
        if (code != ClientCode.OK)
        {
            throw new ClientException(code, message,
                retryAfter == LoginResultDecoder.retryAfterMsNullValue() ? 0 : Math.max(0, retryAfter));
        }
        userId = user;
        token = newToken;
        instanceId = seat;
        kicked = false;
        return new Login(user, newToken, expires, seat, resumed);
    }

    private Instance instance(final byte[] bytes)
    {
        final UnsafeBuffer view = new UnsafeBuffer(bytes);
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(view, 0);
        if (header.templateId() != InstanceResultDecoder.TEMPLATE_ID)
        {
            throw unexpected(view, header);
        }
        final InstanceResultDecoder d = new InstanceResultDecoder().wrapAndApplyHeader(view, 0, header);
        final ClientCode code = d.code();
        final long id = d.instanceId();
        final int gameType = d.gameType();
        final int maxPlayers = d.maxPlayers();
        final String message = d.message();
        if (code != ClientCode.OK)
        {
            throw new ClientException(code, message);
        }
        instanceId = id;
        return new Instance(id, gameType, maxPlayers);
    }

    private static Void checkResult(final byte[] bytes)
    {
        final UnsafeBuffer view = new UnsafeBuffer(bytes);
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(view, 0);
        if (header.templateId() != ResultDecoder.TEMPLATE_ID)
        {
            throw unexpected(view, header);
        }
        final ResultDecoder d = new ResultDecoder().wrapAndApplyHeader(view, 0, header);
        final ClientCode code = d.code();
        final String message = d.message();
        if (code != ClientCode.OK)
        {
            throw new ClientException(code, message);
        }
        return null;
    }

    private static ClientException unexpected(final UnsafeBuffer view, final MessageHeaderDecoder header)
    {
        if (header.templateId() == ResultDecoder.TEMPLATE_ID)
        {
            final ResultDecoder d = new ResultDecoder().wrapAndApplyHeader(view, 0, header);
            final ClientCode code = d.code();
            return new ClientException(code, d.message());
        }
        return new ClientException(ClientCode.INTERNAL, "unexpected answer, template " + header.templateId());
    }

    /**
     * Gateways to try: the preferred one first (if any), then the known ones in random order.
     */
    private List<String> candidates(final String preferred)
    {
        final List<String> list;
        synchronized (known)
        {
            list = new ArrayList<>(known);
        }
        Collections.shuffle(list, random);
        if (preferred != null)
        {
            list.remove(preferred);
            list.add(0, preferred);
        }
        return list;
    }

    /**
     * Connect to the first gateway of the list that answers a hello.
     */
    private CompletableFuture<String> checkIn(final List<String> urls)
    {
        if (urls.isEmpty())
        {
            return CompletableFuture.failedFuture(new ClientException(ClientFailure.NO_GATEWAY, "no gateway answered", null));
        }
        final String candidate = urls.get(0);
        return open(candidate).thenCompose(c ->
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
                    final UnsafeBuffer view = new UnsafeBuffer(bytes);
                    final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(view, 0);
                    if (header.templateId() != HelloReplyDecoder.TEMPLATE_ID)
                    {
                        throw unexpected(view, header);
                    }
                    final HelloReplyDecoder d = new HelloReplyDecoder().wrapAndApplyHeader(view, 0, header);
                    d.gatewayId();
                    d.serverTimeMs();
                    final boolean draining = d.draining() == 1;
                    final List<String> urlsNow = new ArrayList<>();
                    for (final HelloReplyDecoder.GatewaysDecoder g : d.gateways())
                    {
                        g.serverId();
                        urlsNow.add(g.url());
                    }
                    learn(urlsNow);
                    if (draining)
                    {
                        throw new ClientException(ClientCode.GATEWAY_DRAINING, candidate + " is draining");
                    }
                    return candidate;
                });
        }).handle((ok, ex) -> ex == null ? CompletableFuture.completedFuture(ok) :
            checkIn(urls.subList(1, urls.size()))).thenCompose(f -> f);
    }

    private void learn(final List<String> urls)
    {
        synchronized (known)
        {
            known.addAll(urls);
        }
    }

    private CompletableFuture<Channel> open(final String gatewayUrl)
    {
        final CompletableFuture<Channel> opened = new CompletableFuture<>();
        final URI uri;
        final SslContext ssl;
        try
        {
            uri = new URI(gatewayUrl);
            ssl = "wss".equalsIgnoreCase(uri.getScheme()) ? SslContextBuilder.forClient()
                .trustManager(ctx.trustAll ? InsecureTrustManagerFactory.INSTANCE : null).build() : null;
        }
        catch (final Exception ex)
        {
            return CompletableFuture.failedFuture(new ClientException(ClientFailure.BAD_URL, "bad gateway URL " + gatewayUrl, ex));
        }
        final int port = uri.getPort() > 0 ? uri.getPort() : ssl != null ? 443 : 80;
        final WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(uri)
            .maxFramePayloadLength(ctx.maxFrameBytes)
            .handleCloseFrames(true)
            .dropPongFrames(true)
            .handshakeTimeoutMillis(ctx.connectTimeoutMs)
            .build();
        final Bootstrap bootstrap = new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            // pooled buffers: Netty 4.2's default (adaptive) allocator makes a ByteBuffer per socket read and write
            .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)ctx.connectTimeoutMs)
            .handler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    if (ssl != null)
                    {
                        ch.pipeline().addLast(ssl.newHandler(ch.alloc(), uri.getHost(), port));
                    }
                    ch.pipeline().addLast(new HttpClientCodec());
                    ch.pipeline().addLast(new HttpObjectAggregator(8192));
                    ch.pipeline().addLast(new WebSocketClientProtocolHandler(config));
                    // reads only: a ping when nothing was heard for a while, and writes are not watched
                    ch.pipeline().addLast(new IdleStateHandler(ctx.pingIntervalMs, 0, 0, TimeUnit.MILLISECONDS));
                    ch.pipeline().addLast(new Handler(opened));
                }
            });
        final InetSocketAddress remote = new InetSocketAddress(uri.getHost(), port);
        (ctx.localAddress == null ? bootstrap.connect(remote) :
            bootstrap.connect(remote, new InetSocketAddress(ctx.localAddress, 0))).addListener(f ->
        {
            if (!f.isSuccess())
            {
                opened.completeExceptionally(new ClientException(ClientFailure.CONNECT_FAILED, "cannot connect to " +
                    gatewayUrl + ": " + f.cause(), f.cause()));
            }
        });
        return opened.orTimeout(ctx.connectTimeoutMs * 2, TimeUnit.MILLISECONDS);
    }

    /**
     * The connection was lost (not by our choice): reconnect to a gateway and resume the session.
     */
    private void reconnect(final String reason)
    {
        if (closed || kicked || moving)
        {
            return;
        }
        failPending("connection lost: " + reason);
        ctx.listener.onDisconnected(reason);
        if (token == null)
        {
            return;
        }
        moveTo(candidates(url), System.currentTimeMillis() + ctx.reconnectBudgetMs, 0);
    }

    private void moveTo(final List<String> urls, final long deadline, final int attempt)
    {
        moving = true;
        checkIn(urls).thenCompose(u -> request(correlationId -> encode(b -> new ResumeEncoder()
            .wrapAndApplyHeader(b, 0, new MessageHeaderEncoder()).correlationId(correlationId)
            .lastEventSequence(lastEventSequence).token(token)), true).thenApply(this::login).thenApply(login -> u))
            .whenComplete((u, ex) ->
            {
                if (ex == null)
                {
                    moving = false;
                    ctx.listener.onResumed(lastResume, u);
                    return;
                }
                final Throwable cause = ex instanceof java.util.concurrent.CompletionException && ex.getCause() != null ?
                    ex.getCause() : ex;
                final boolean refused = cause instanceof ClientException ce &&
                    (ce.code() == ClientCode.TOKEN_EXPIRED || ce.code() == ClientCode.TOKEN_INVALID ||
                    ce.code() == ClientCode.TOKEN_REVOKED);
                if (closed || refused || System.currentTimeMillis() > deadline)
                {
                    moving = false;
                    failPending("gave up reconnecting: " + cause.getMessage());
                    ctx.listener.onGaveUp(cause.getMessage());
                    return;
                }
                final long backoff = Math.min(2_000, 100L << Math.min(attempt, 5));
                CompletableFuture.delayedExecutor(backoff, TimeUnit.MILLISECONDS)
                    .execute(() -> moveTo(candidates(null), deadline, attempt + 1));
            });
    }

    private volatile ResumeKind lastResume = ResumeKind.NEW_SESSION;

    private void failPending(final String reason)
    {
        for (final CompletableFuture<byte[]> f : pending.values())
        {
            f.completeExceptionally(new ClientException(ClientFailure.CONNECTION_LOST, reason, null));
        }
        for (final CompletableFuture<Void> f : acks.values())
        {
            f.completeExceptionally(new ClientException(ClientFailure.CONNECTION_LOST, reason, null));
        }
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
        failPending("client closed");
        if (ownsGroup)
        {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    // ------------------------------------------------------------------ frames in

    private void onFrame(final FrameReader reader, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return;
        }
        final UnsafeBuffer view = reader.frame;
        final MessageHeaderDecoder header = reader.header.wrap(view, 0);
        final int templateId = header.templateId();
        switch (templateId)
        {
            case HelloReplyDecoder.TEMPLATE_ID, io.gamehall.sbe.client.ResultDecoder.TEMPLATE_ID,
                LoginResultDecoder.TEMPLATE_ID, InstanceResultDecoder.TEMPLATE_ID, SearchResultDecoder.TEMPLATE_ID,
                HistoryResultDecoder.TEMPLATE_ID ->
            {
                // every answer starts its block with the correlation id
                final long correlationId = view.getLong(MessageHeaderDecoder.ENCODED_LENGTH, java.nio.ByteOrder.LITTLE_ENDIAN);
                if (templateId == LoginResultDecoder.TEMPLATE_ID)
                {
                    final LoginResultDecoder d = new LoginResultDecoder().wrapAndApplyHeader(view, 0, header);
                    lastResume = d.resumed();
                }
                final CompletableFuture<byte[]> answer = pending.remove(correlationId);
                if (answer != null)
                {
                    answer.complete(reader.copy(length));
                }
            }
            case ProtocolErrorDecoder.TEMPLATE_ID ->
            {
                final ProtocolErrorDecoder d = new ProtocolErrorDecoder().wrapAndApplyHeader(view, 0, header);
                ctx.listener.onGameError(0, 0, d.code(), d.message());
            }
            default -> onEvent(reader, header, templateId);
        }
    }

    private void onEvent(final FrameReader reader, final MessageHeaderDecoder header, final int templateId)
    {
        final UnsafeBuffer view = reader.frame;
        lastEventSequence = Math.max(lastEventSequence,
            view.getLong(MessageHeaderDecoder.ENCODED_LENGTH, java.nio.ByteOrder.LITTLE_ENDIAN));
        final GameClientListener listener = ctx.listener;
        switch (templateId)
        {
            case GameEventDecoder.TEMPLATE_ID ->
            {
                final GameEventDecoder d = reader.gameEvent.wrapAndApplyHeader(view, 0, header);
                final long instance = d.instanceId();
                final int kind = d.kind();
                final UnsafeBuffer payload = reader.payload;
                d.wrapPayload(payload);
                listener.onGameEvent(instance, kind, payload, 0, payload.capacity());
            }
            case GameAckDecoder.TEMPLATE_ID ->
            {
                final GameAckDecoder d = reader.gameAck.wrapAndApplyHeader(view, 0, header);
                // posted messages have no future waiting: no boxed look-up for them
                final CompletableFuture<Void> ack = acks.isEmpty() ? null : acks.remove(d.sequence());
                listener.onGameAck(d.instanceId(), d.sequence());
                if (ack != null)
                {
                    ack.complete(null);
                }
            }
            case GameErrorDecoder.TEMPLATE_ID ->
            {
                final GameErrorDecoder d = new GameErrorDecoder().wrapAndApplyHeader(view, 0, header);
                final long instance = d.instanceId();
                final long sequence = d.sequence();
                final ClientCode code = d.code();
                final String reason = d.reason();
                final CompletableFuture<Void> ack = acks.remove(sequence);
                listener.onGameError(instance, sequence, code, reason);
                if (ack != null)
                {
                    ack.completeExceptionally(new ClientException(code, reason));
                }
            }
            case PlayerPresenceDecoder.TEMPLATE_ID ->
            {
                final PlayerPresenceDecoder d = new PlayerPresenceDecoder().wrapAndApplyHeader(view, 0, header);
                listener.onPresence(d.instanceId(), d.userId(), d.seated() == 1);
            }
            case InstanceClosedDecoder.TEMPLATE_ID ->
            {
                final InstanceClosedDecoder d = new InstanceClosedDecoder().wrapAndApplyHeader(view, 0, header);
                final long instance = d.instanceId();
                final io.gamehall.sbe.client.CloseCause cause = d.cause();
                final String summary = d.summary();
                if (instanceId == instance)
                {
                    instanceId = 0;
                }
                listener.onInstanceClosed(instance, cause, summary);
            }
            case InstanceMovedDecoder.TEMPLATE_ID ->
            {
                final InstanceMovedDecoder d = new InstanceMovedDecoder().wrapAndApplyHeader(view, 0, header);
                listener.onInstanceMoved(d.instanceId());
            }
            case KickedDecoder.TEMPLATE_ID ->
            {
                final KickedDecoder d = new KickedDecoder().wrapAndApplyHeader(view, 0, header);
                final KickCause cause = d.cause();
                if (cause != KickCause.GATEWAY_CLOSING)
                {
                    kicked = true;
                }
                listener.onKicked(cause);
            }
            case GatewayListDecoder.TEMPLATE_ID ->
            {
                final GatewayListDecoder d = new GatewayListDecoder().wrapAndApplyHeader(view, 0, header);
                final List<String> urls = new ArrayList<>();
                for (final GatewayListDecoder.GatewaysDecoder g : d.gateways())
                {
                    g.serverId();
                    urls.add(g.url());
                }
                learn(urls);
                listener.onGatewayList(urls);
            }
            case DrainingDecoder.TEMPLATE_ID ->
            {
                final DrainingDecoder d = new DrainingDecoder().wrapAndApplyHeader(view, 0, header);
                final List<String> urls = new ArrayList<>();
                for (final DrainingDecoder.GatewaysDecoder g : d.gateways())
                {
                    g.serverId();
                    urls.add(g.url());
                }
                learn(urls);
                final String drainingUrl = url;
                synchronized (known)
                {
                    known.remove(drainingUrl);
                }
                if (!urls.isEmpty() && token != null && !closed)
                {
                    moveTo(urls, System.currentTimeMillis() + ctx.reconnectBudgetMs, 0);
                }
            }
            default ->
            {
            }
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<WebSocketFrame>
    {
        private final CompletableFuture<Channel> opened;
        private final FrameReader reader = new FrameReader();

        Handler(final CompletableFuture<Channel> opened)
        {
            this.opened = opened;
        }

        @Override
        public void userEventTriggered(final ChannelHandlerContext c, final Object event) throws Exception
        {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE)
            {
                opened.complete(c.channel());
                return;
            }
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT)
            {
                opened.completeExceptionally(new ClientException(ClientFailure.CONNECT_FAILED, "WebSocket handshake timed out",
                    null));
                c.close();
                return;
            }
            if (event instanceof IdleStateEvent)
            {
                c.writeAndFlush(new PingWebSocketFrame());
                return;
            }
            super.userEventTriggered(c, event);
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext c, final WebSocketFrame frame)
        {
            if (frame instanceof BinaryWebSocketFrame)
            {
                onFrame(reader, reader.read(frame.content()));
            }
        }

        @Override
        public void channelInactive(final ChannelHandlerContext c)
        {
            opened.completeExceptionally(new ClientException(ClientFailure.CONNECT_FAILED, "the gateway closed the " +
                "connection before the WebSocket handshake (it may be at its connection limit)", null));
            if (c.channel() == channel)
            {
                reconnect("connection to " + url + " closed");
            }
            c.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext c, final Throwable cause)
        {
            opened.completeExceptionally(cause);
            c.close();
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
