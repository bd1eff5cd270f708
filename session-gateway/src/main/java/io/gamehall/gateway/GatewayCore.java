package io.gamehall.gateway;

import io.gamehall.gateway.ClientFrames.GatewayEntry;
import io.gamehall.link.GatewayLinkListener;
import io.gamehall.sbe.client.ChangePasswordDecoder;
import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.CloseCause;
import io.gamehall.sbe.client.CreateInstanceDecoder;
import io.gamehall.sbe.client.GameMessageDecoder;
import io.gamehall.sbe.client.GetHistoryDecoder;
import io.gamehall.sbe.client.HelloDecoder;
import io.gamehall.sbe.client.InstancePhase;
import io.gamehall.sbe.client.JoinInstanceDecoder;
import io.gamehall.sbe.client.KickCause;
import io.gamehall.sbe.client.LeaveInstanceDecoder;
import io.gamehall.sbe.client.LoginDecoder;
import io.gamehall.sbe.client.LogoutDecoder;
import io.gamehall.sbe.client.MessageHeaderDecoder;
import io.gamehall.sbe.client.Outcome;
import io.gamehall.sbe.client.RegisterDecoder;
import io.gamehall.sbe.client.ResumeDecoder;
import io.gamehall.sbe.client.ResumeKind;
import io.gamehall.sbe.client.SearchInstancesDecoder;
import io.gamehall.sbe.host.GameErrorCode;
import io.gamehall.sbe.host.InstanceCloseReason;
import io.gamehall.sbe.master.DrainOrderDecoder;
import io.gamehall.sbe.master.GatewayListChangedDecoder;
import io.gamehall.sbe.master.InstanceMovedDecoder;
import io.gamehall.sbe.master.KickUserDecoder;
import io.gamehall.sbe.master.ResultCode;
import io.gamehall.sbe.master.ServerRole;
import io.gamehall.sbe.master.ServerState;
import io.gamehall.store.Account;
import io.gamehall.store.HistoryEntry;
import io.gamehall.store.Store;
import io.gamehall.store.StoreError;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the gateway does: client requests in (from the WebSocket threads), answers and events
 * out, sessions, login and resume, and the relays to the master and the game hosts.
 */
final class GatewayCore implements GatewayLinkListener
{
    private static final Logger LOG = LoggerFactory.getLogger(GatewayCore.class);

    /**
     * Who a new or resumed session is for, and what its tokens carry.
     *
     * @param userId     the account.
     * @param name       its name.
     * @param generation the account's token generation.
     * @param authTimeMs when the user last gave their password.
     */
    private record Grant(long userId, String name, long generation, long authTimeMs)
    {
    }

    private final SessionGateway.Context ctx;
    private final Store store;
    private final Authenticator authenticator;
    private final TokenService tokens;
    private final ScheduledExecutorService scheduler;
    private final SessionTable sessions = new SessionTable();
    /** Encoders of game events and acknowledgements: the host relay's thread only (GatewayLinkListener). */
    private final ClientFrames relayFrames = new ClientFrames();
    private final ArrayList<Connection> relayWritten = new ArrayList<>();
    private final CountDownLatch drained = new CountDownLatch(1);
    private final AtomicLong framesIn = new AtomicLong();
    private final AtomicLong logins = new AtomicLong();
    private volatile List<GatewayEntry> gateways = List.of();
    private volatile boolean draining;
    private volatile boolean ready;
    private volatile long gatewayId;
    private MasterRelay master;
    private HostRelay hosts;

    GatewayCore(
        final SessionGateway.Context ctx,
        final Store store,
        final Authenticator authenticator,
        final TokenService tokens,
        final ScheduledExecutorService scheduler)
    {
        this.ctx = ctx;
        this.store = store;
        this.authenticator = authenticator;
        this.tokens = tokens;
        this.scheduler = scheduler;
    }

    void relays(final MasterRelay master, final HostRelay hosts, final long gatewayId)
    {
        this.master = master;
        this.hosts = hosts;
        this.gatewayId = gatewayId;
    }

    long gatewayId()
    {
        return gatewayId;
    }

    /**
     * Registered with the master and linked to the hosts: take requests.
     */
    void ready()
    {
        ready = true;
    }

    int sessionCount()
    {
        return sessions.size();
    }

    long framesIn()
    {
        return framesIn.get();
    }

    long logins()
    {
        return logins.get();
    }

    boolean isDraining()
    {
        return draining;
    }

    boolean awaitDrained(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return drained.await(timeout, unit);
    }

    // ------------------------------------------------------------------ frames in (WebSocket threads)

    /**
     * One binary frame from a client, in {@code d.frame} (I/O thread of the connection; the
     * decoders are that thread's).
     */
    void onFrame(final Connection connection, final RequestDecoders d, final int length)
    {
        framesIn.incrementAndGet();
        if (!ready)
        {
            protocolError(connection, ClientCode.MASTER_UNAVAILABLE, "the gateway is starting; try again", false);
            return;
        }
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            protocolError(connection, ClientCode.MALFORMED, "a frame of " + length + " bytes is not a message", true);
            return;
        }
        final MessageHeaderDecoder header = d.header.wrap(d.frame, 0);
        if (header.schemaId() != HelloDecoder.SCHEMA_ID)
        {
            protocolError(connection, ClientCode.MALFORMED, "not the gamehall client protocol (schema " +
                header.schemaId() + ")", true);
            return;
        }
        final int blockLength = header.blockLength();
        final int version = header.version();
        final int templateId = header.templateId();
        if (version < FIRST_VERSION || version > HelloDecoder.SCHEMA_VERSION)
        {
            protocolError(connection, ClientCode.UNSUPPORTED_VERSION, "this gateway reads client protocol versions " +
                FIRST_VERSION + ".." + HelloDecoder.SCHEMA_VERSION + ", not " + version, true);
            return;
        }
        final int expected = blockLengthOf(templateId);
        if (blockLength < expected)
        {
            protocolError(connection, ClientCode.MALFORMED, "template " + templateId + " has a block of " + expected +
                " bytes, not " + blockLength, true);
            return;
        }
        try
        {
            dispatch(connection, d, templateId, blockLength, version, length);
        }
        catch (final IndexOutOfBoundsException | IllegalStateException | IllegalArgumentException ex)
        {
            LOG.debug("connection {}: template {} could not be read: {}", connection, templateId, ex.toString());
            protocolError(connection, ClientCode.MALFORMED, "template " + templateId + " could not be read", true);
        }
    }

    /** The first version of the client protocol: every request template exists since. */
    private static final int FIRST_VERSION = 1;

    /**
     * @return the block length of a request template in this schema (a shorter block cannot
     * hold its fields), or 0 for a template this gateway does not take.
     */
    private static int blockLengthOf(final int templateId)
    {
        return switch (templateId)
        {
            case HelloDecoder.TEMPLATE_ID -> HelloDecoder.BLOCK_LENGTH;
            case RegisterDecoder.TEMPLATE_ID -> RegisterDecoder.BLOCK_LENGTH;
            case LoginDecoder.TEMPLATE_ID -> LoginDecoder.BLOCK_LENGTH;
            case ResumeDecoder.TEMPLATE_ID -> ResumeDecoder.BLOCK_LENGTH;
            case LogoutDecoder.TEMPLATE_ID -> LogoutDecoder.BLOCK_LENGTH;
            case CreateInstanceDecoder.TEMPLATE_ID -> CreateInstanceDecoder.BLOCK_LENGTH;
            case SearchInstancesDecoder.TEMPLATE_ID -> SearchInstancesDecoder.BLOCK_LENGTH;
            case JoinInstanceDecoder.TEMPLATE_ID -> JoinInstanceDecoder.BLOCK_LENGTH;
            case LeaveInstanceDecoder.TEMPLATE_ID -> LeaveInstanceDecoder.BLOCK_LENGTH;
            case GameMessageDecoder.TEMPLATE_ID -> GameMessageDecoder.BLOCK_LENGTH;
            case GetHistoryDecoder.TEMPLATE_ID -> GetHistoryDecoder.BLOCK_LENGTH;
            case ChangePasswordDecoder.TEMPLATE_ID -> ChangePasswordDecoder.BLOCK_LENGTH;
            default -> 0;
        };
    }

    private void dispatch(final Connection c, final RequestDecoders decoders, final int templateId,
        final int blockLength, final int version, final int length)
    {
        final int at = MessageHeaderDecoder.ENCODED_LENGTH;
        final org.agrona.MutableDirectBuffer b = decoders.frame;
        switch (templateId)
        {
            case HelloDecoder.TEMPLATE_ID ->
            {
                final HelloDecoder d = decoders.hello.wrap(b, at, blockLength, version);
                final long correlationId = d.correlationId();
                d.skipClient();
                checkEnd(d.limit(), length);
                c.send(ClientFrames.helloReply(correlationId, gatewayId, System.currentTimeMillis(), draining,
                    othersOrAll()));
            }
            case RegisterDecoder.TEMPLATE_ID ->
            {
                final RegisterDecoder d = decoders.register.wrap(b, at, blockLength, version);
                final long correlationId = d.correlationId();
                final String name = d.name();
                final String password = d.password();
                checkEnd(d.limit(), length);
                register(c, correlationId, name, password);
            }
            case LoginDecoder.TEMPLATE_ID ->
            {
                final LoginDecoder d = decoders.login.wrap(b, at, blockLength, version);
                final long correlationId = d.correlationId();
                final String name = d.name();
                final String password = d.password();
                checkEnd(d.limit(), length);
                login(c, correlationId, name, password);
            }
            case ResumeDecoder.TEMPLATE_ID ->
            {
                final ResumeDecoder d = decoders.resume.wrap(b, at, blockLength, version);
                final long correlationId = d.correlationId();
                final long lastSeen = d.lastEventSequence();
                final String token = d.token();
                checkEnd(d.limit(), length);
                resume(c, correlationId, lastSeen, token);
            }
            case LogoutDecoder.TEMPLATE_ID ->
            {
                final long correlationId = decoders.logout.wrap(b, at, blockLength, version).correlationId();
                logout(c, correlationId);
            }
            case CreateInstanceDecoder.TEMPLATE_ID ->
            {
                final CreateInstanceDecoder d = decoders.create.wrap(b, at, blockLength, version);
                create(c, d.correlationId(), d.gameType(), d.maxPlayers(), d.region(), d.mode(), d.ratingBand());
            }
            case SearchInstancesDecoder.TEMPLATE_ID ->
            {
                final SearchInstancesDecoder d = decoders.search.wrap(b, at, blockLength, version);
                search(c, d.correlationId(), d.gameType(), d.region(), d.mode(), d.ratingBand(), d.minOpenSeats(),
                    d.maxResults(), d.cursor());
            }
            case JoinInstanceDecoder.TEMPLATE_ID ->
            {
                final JoinInstanceDecoder d = decoders.join.wrap(b, at, blockLength, version);
                join(c, d.correlationId(), d.instanceId());
            }
            case LeaveInstanceDecoder.TEMPLATE_ID ->
            {
                final LeaveInstanceDecoder d = decoders.leave.wrap(b, at, blockLength, version);
                leave(c, d.correlationId(), d.instanceId());
            }
            case GameMessageDecoder.TEMPLATE_ID ->
            {
                final GameMessageDecoder d = decoders.gameMessage.wrap(b, at, blockLength, version);
                final long instanceId = d.instanceId();
                final long sequence = d.sequence();
                final int kind = d.kind();
                final UnsafeBuffer payload = decoders.payload;
                d.wrapPayload(payload);
                checkEnd(d.limit(), length);
                gameMessage(c, instanceId, sequence, kind, payload);
            }
            case GetHistoryDecoder.TEMPLATE_ID ->
            {
                final GetHistoryDecoder d = decoders.history.wrap(b, at, blockLength, version);
                history(c, d.correlationId(), d.before(), d.maxResults());
            }
            case ChangePasswordDecoder.TEMPLATE_ID ->
            {
                final ChangePasswordDecoder d = decoders.changePassword.wrap(b, at, blockLength, version);
                final long correlationId = d.correlationId();
                final String oldPassword = d.oldPassword();
                final String newPassword = d.newPassword();
                checkEnd(d.limit(), length);
                changePassword(c, correlationId, oldPassword, newPassword);
            }
            default -> protocolError(c, ClientCode.UNKNOWN_MESSAGE, "unknown message template " + templateId, false);
        }
    }

    private static void checkEnd(final int limit, final int length)
    {
        if (limit > length)
        {
            throw new IllegalArgumentException("the message is longer than its frame");
        }
    }

    private void protocolError(final Connection c, final ClientCode code, final String message, final boolean close)
    {
        LOG.debug("connection {}: {} {}", c, code, message);
        if (close)
        {
            c.sendAndClose(ClientFrames.protocolError(code, message));
        }
        else
        {
            c.send(ClientFrames.protocolError(code, message));
        }
    }

    /**
     * A client sent frames faster than its rate limit allows.
     */
    void onRateLimited(final Connection c, final boolean close)
    {
        if (close)
        {
            protocolError(c, ClientCode.RATE_LIMITED, "too many frames; the connection is closed", true);
        }
        else if (c.firstRefusal())
        {
            protocolError(c, ClientCode.RATE_LIMITED, "too many frames; some were dropped", false);
        }
    }

    // ------------------------------------------------------------------ login, register, resume, logout

    private void register(final Connection c, final long correlationId, final String name, final String password)
    {
        if (refuseLogin(c, correlationId, null))
        {
            return;
        }
        final Connection.Authentication auth = beginAuthentication(c, correlationId);
        if (auth == null)
        {
            return;
        }
        authenticator.register(c.address(), name, password).whenComplete((account, ex) ->
            authenticated(c, correlationId, auth, account, ex));
    }

    private void login(final Connection c, final long correlationId, final String name, final String password)
    {
        if (refuseLogin(c, correlationId, null))
        {
            return;
        }
        final Connection.Authentication auth = beginAuthentication(c, correlationId);
        if (auth == null)
        {
            return;
        }
        authenticator.login(c.address(), name, password).whenComplete((account, ex) ->
            authenticated(c, correlationId, auth, account, ex));
    }

    /**
     * A login or registration was decided: check the user in, or tell the client why not.
     */
    private void authenticated(final Connection c, final long correlationId, final Connection.Authentication auth,
        final Account account, final Throwable ex)
    {
        if (ex != null)
        {
            c.endAuthentication(auth);
            refused(c, correlationId, ex);
            return;
        }
        checkIn(c, correlationId, auth, new Grant(account.id(), account.name(), account.tokenGeneration(),
            System.currentTimeMillis())).whenComplete((v, failure) -> c.endAuthentication(auth));
    }

    /**
     * Send the refusal of an authentication: its own code for a {@link LoginRefused}, a generic
     * INTERNAL for anything else (the detail is logged here, never sent).
     */
    private void refused(final Connection c, final long correlationId, final Throwable ex)
    {
        final Throwable cause = StoreFailures.unwrap(ex);
        if (cause instanceof LoginRefused refused)
        {
            c.send(loginFailure(correlationId, refused.code(), refused.getMessage(), refused.retryAfterMs()));
            return;
        }
        LOG.warn("connection {}: authentication failed: {}", c, cause.toString());
        c.send(loginFailure(correlationId, ClientCode.INTERNAL, "the gateway failed; try again"));
    }

    /**
     * One authentication at a time per connection: a second one while the first is under way
     * is refused (a client cannot make the gateway hash many passwords at once on one connection).
     *
     * @return the authentication when this one may go on, null when it was refused.
     */
    private static Connection.Authentication beginAuthentication(final Connection c, final long correlationId)
    {
        final Connection.Authentication auth = c.beginAuthentication();
        if (auth == null)
        {
            c.send(loginFailure(correlationId, ClientCode.LOGIN_IN_PROGRESS,
                "a login on this connection is under way; wait for its answer"));
        }
        return auth;
    }

    /**
     * Answer an authentication: it ends first, so that the client may start another as soon as
     * it reads the answer.
     *
     * @param auth the authentication answered; null when none was started.
     */
    private static void answer(final Connection c, final Connection.Authentication auth, final byte[] frame)
    {
        if (auth != null)
        {
            c.endAuthentication(auth);
        }
        c.send(frame);
    }

    /**
     * The login deadline of a connection passed (its I/O thread).
     *
     * @return true to check again after another timeout (a login is under way), false when done.
     */
    boolean onLoginDeadline(final Connection c)
    {
        if (c.session() != null)
        {
            return false;
        }
        if (c.isAuthenticating())
        {
            return true;
        }
        protocolError(c, ClientCode.LOGIN_TIMEOUT, "no login within " + ctx.loginTimeoutMs() + " ms of connecting; " +
            "the connection is closed", true);
        return false;
    }

    /**
     * Refuse a login this gateway cannot take (draining, connection logged in, full).
     *
     * @param auth the authentication under way that this answers; null when none was started.
     * @return true when it was refused.
     */
    private boolean refuseLogin(final Connection c, final long correlationId, final Connection.Authentication auth)
    {
        if (draining)
        {
            answer(c, auth, loginFailure(correlationId, ClientCode.GATEWAY_DRAINING, "this gateway is closing; use another"));
            return true;
        }
        if (c.session() != null)
        {
            answer(c, auth, loginFailure(correlationId, ClientCode.ALREADY_LOGGED_IN, "this connection is logged in already"));
            return true;
        }
        if (sessions.size() >= ctx.maxSessions())
        {
            answer(c, auth, loginFailure(correlationId, ClientCode.GATEWAY_FULL, "this gateway is full; use another"));
            return true;
        }
        return false;
    }

    /**
     * Attach the user to this gateway in the master (which kicks a session elsewhere), then open
     * or take over the local session.
     *
     * @return completes when the client has its answer.
     */
    private CompletableFuture<Void> checkIn(final Connection c, final long correlationId,
        final Connection.Authentication auth, final Grant grant)
    {
        final long userId = grant.userId();
        final String name = grant.name();
        final CompletableFuture<Void> answered = new CompletableFuture<>();
        master.checkIn(gatewayId, userId, name).whenComplete((outcome, ex) ->
        {
            if (ex != null || !outcome.ok())
            {
                answer(c, auth, loginFailure(correlationId, ex != null ? masterFailure(ex) : map(outcome.code()),
                    ex != null ? "the master did not answer" : "the master refused: " + outcome.code()));
                answered.complete(null);
                return;
            }
            try
            {
                attach(c, correlationId, auth, grant, outcome.detailId(), answered);
            }
            catch (final RuntimeException failure)
            {
                answered.complete(null);
                throw failure;
            }
        });
        return answered;
    }

    private void attach(final Connection c, final long correlationId, final Connection.Authentication auth,
        final Grant grant, final long instanceId, final CompletableFuture<Void> answered)
    {
        final long userId = grant.userId();
        final String name = grant.name();
        logins.incrementAndGet();
        final Session session = sessions.computeIfAbsent(userId, id -> new Session(id, name, ctx.keepEvents()));
        final Connection previous = session.attach(c);
        c.session(session);
        if (previous != null)
        {
            kick(previous, session, KickCause.LOGGED_IN_ELSEWHERE);
        }
        // a seated user (back after a crash or from another gateway) gets the seat before the
        // answer, so a game message sent right after it finds its host; the game is asked for
        // its state after the answer, so the state never reaches the client before the answer
        final CompletableFuture<Void> seated = instanceId == 0 ? CompletableFuture.completedFuture(null) :
            findSeat(session, instanceId);
        seated.whenComplete((v, failure) ->
        {
            try
            {
                final long now = System.currentTimeMillis();
                c.endAuthentication(auth);
                session.reply(ClientFrames.loginResult(correlationId, ClientCode.OK, userId,
                    tokens.expiryFrom(grant.authTimeMs(), now), instanceId, ResumeKind.NEW_SESSION,
                    tokens.issue(userId, name, grant.generation(), grant.authTimeMs(), now), "", 0));
            }
            finally
            {
                answered.complete(null);
            }
            syncSeat(session);
            if (draining && instanceId == 0)
            {
                tellToMove(session);
            }
        });
    }

    private void resume(final Connection c, final long correlationId, final long lastSeen, final String token)
    {
        final TokenService.Claims claims;
        try
        {
            claims = tokens.verify(token, System.currentTimeMillis());
        }
        catch (final TokenService.Refused refused)
        {
            c.send(loginFailure(correlationId, refused.problem() == TokenService.Problem.EXPIRED ?
                ClientCode.TOKEN_EXPIRED : ClientCode.TOKEN_INVALID, refused.getMessage()));
            return;
        }
        if (c.session() != null)
        {
            c.send(loginFailure(correlationId, ClientCode.ALREADY_LOGGED_IN, "this connection is logged in already"));
            return;
        }
        final Connection.Authentication auth = beginAuthentication(c, correlationId);
        if (auth == null)
        {
            return;
        }
        // the token is ours; is it still the account's? (logout and password change revoke)
        store.account(claims.userId()).whenComplete((account, ex) ->
        {
            if (ex != null)
            {
                final StoreError error = StoreFailures.error(ex);
                if (error == StoreError.NOT_FOUND)
                {
                    answer(c, auth, loginFailure(correlationId, ClientCode.TOKEN_INVALID,
                        "the token's account does not exist"));
                }
                else
                {
                    LOG.warn("resume of user {}: the account could not be read: {}", claims.userId(),
                        StoreFailures.unwrap(ex).toString());
                    answer(c, auth, loginFailure(correlationId, StoreFailures.code(ex, ClientCode.STORE_UNAVAILABLE),
                        StoreFailures.message(ex, "accounts cannot be reached right now; try again soon")));
                }
                return;
            }
            if (account.tokenGeneration() != claims.generation())
            {
                answer(c, auth, loginFailure(correlationId, ClientCode.TOKEN_REVOKED,
                    "the session was ended (logout or a new password); log in again"));
                return;
            }
            resumeChecked(c, correlationId, auth, lastSeen, claims)
                .whenComplete((v, failure) -> c.endAuthentication(auth));
        });
    }

    private CompletableFuture<Void> resumeChecked(final Connection c, final long correlationId,
        final Connection.Authentication auth, final long lastSeen, final TokenService.Claims claims)
    {
        final Session local = sessions.get(claims.userId());
        if (local != null && !local.isEnded())
        {
            // the master says where the user sits: a join or create that was still under way here
            // when the connection dropped may have seated the user after the session last looked
            return master.checkIn(gatewayId, claims.userId(), claims.name())
                .handle((outcome, ex) -> ex == null && outcome.ok() ? outcome.detailId() : 0L)
                .thenCompose(seat -> seat != 0 && seat != local.instanceId() ?
                    findSeat(local, seat).thenApply(v -> Boolean.TRUE) : CompletableFuture.completedFuture(Boolean.FALSE))
                .handle((reseated, ex) ->
                {
                    continueSession(c, correlationId, auth, local, claims, lastSeen, Boolean.TRUE.equals(reseated));
                    return null;
                });
        }
        if (refuseLogin(c, correlationId, auth))
        {
            return CompletableFuture.completedFuture(null);
        }
        return checkIn(c, correlationId, auth, new Grant(claims.userId(), claims.name(), claims.generation(),
            claims.authTimeMs()));
    }

    /**
     * Attach the connection to a session kept here and send what it missed (or, when too much
     * was missed or the user was seated in a game the session did not know of, have the game send
     * the whole state).
     */
    private void continueSession(final Connection c, final long correlationId, final Connection.Authentication auth,
        final Session local, final TokenService.Claims claims, final long lastSeen, final boolean reseated)
    {
        if (!c.channel().isActive())
        {
            return;
        }
        final Connection previous = local.attach(c);
        c.session(local);
        if (previous != null)
        {
            kick(previous, local, KickCause.LOGGED_IN_ELSEWHERE);
        }
        final long now = System.currentTimeMillis();
        final String fresh = tokens.issue(claims.userId(), claims.name(), claims.generation(), claims.authTimeMs(), now);
        synchronized (local)
        {
            final long instanceId = local.instanceId();
            final boolean continued = local.keepsAfter(lastSeen);
            c.endAuthentication(auth);
            local.reply(ClientFrames.loginResult(correlationId, ClientCode.OK, claims.userId(),
                tokens.expiryFrom(claims.authTimeMs(), now), instanceId,
                continued ? ResumeKind.CONTINUED : ResumeKind.NEW_SESSION, fresh, "", 0));
            if (continued)
            {
                local.replayAfter(lastSeen);
            }
            if (!continued || reseated)
            {
                syncSeat(local);
            }
        }
    }

    /**
     * End the session and revoke its tokens (the account's token generation is raised), then
     * answer and close.
     */
    private void logout(final Connection c, final long correlationId)
    {
        final Session session = c.session();
        if (session == null)
        {
            c.send(ClientFrames.result(correlationId, ClientCode.NOT_LOGGED_IN, "not logged in"));
            return;
        }
        c.session(null);
        endSession(session, true);
        store.revokeTokens(session.userId).whenComplete((account, ex) ->
        {
            if (ex != null)
            {
                LOG.warn("user {}: logged out, but the tokens could not be revoked: {}", session.userId,
                    StoreFailures.unwrap(ex).toString());
                c.sendAndClose(ClientFrames.result(correlationId, StoreFailures.code(ex, ClientCode.STORE_UNAVAILABLE),
                    "logged out, but the session token could not be revoked: it works until it expires"));
                return;
            }
            c.sendAndClose(ClientFrames.result(correlationId, ClientCode.OK, ""));
        });
    }

    /**
     * A logged-in user replaces their password (proving the old one): every token issued before
     * is revoked, and this session gets a new one in the answer.
     */
    private void changePassword(final Connection c, final long correlationId, final String oldPassword,
        final String newPassword)
    {
        final Session session = c.session();
        if (session == null)
        {
            c.send(loginFailure(correlationId, ClientCode.NOT_LOGGED_IN, "log in first"));
            return;
        }
        final Connection.Authentication auth = beginAuthentication(c, correlationId);
        if (auth == null)
        {
            return;
        }
        authenticator.changePassword(c.address(), session.userId, session.name, oldPassword, newPassword)
            .whenComplete((account, ex) ->
            {
                c.endAuthentication(auth);
                if (ex != null)
                {
                    refused(c, correlationId, ex);
                }
                else
                {
                    final long now = System.currentTimeMillis();
                    session.reply(ClientFrames.loginResult(correlationId, ClientCode.OK, account.id(),
                        tokens.expiryFrom(now, now), session.instanceId(), ResumeKind.CONTINUED,
                        tokens.issue(account.id(), account.name(), account.tokenGeneration(), now, now), "", 0));
                }
            });
    }

    /**
     * Ask the game the user is seated in (if any) to send the user its whole state: called after
     * the answer to a login or resume has been sent, so that the answer comes first.
     */
    private void syncSeat(final Session session)
    {
        final long instanceId;
        final String endpoint;
        synchronized (session)
        {
            instanceId = session.instanceId();
            endpoint = session.hostEndpoint();
        }
        if (instanceId != 0 && endpoint != null)
        {
            hosts.sync(endpoint, instanceId, session.userId);
        }
    }

    /**
     * A seated user came back (login or resume on this gateway after another): find the host
     * the game runs on and seat the session there (the caller then asks for the state).
     */
    private CompletableFuture<Void> findSeat(final Session session, final long instanceId)
    {
        return master.instance(instanceId).thenCompose(view -> view == null ? CompletableFuture.completedFuture(null) :
            endpointOf(view.hostId()).thenApply(endpoint ->
            {
                if (endpoint != null)
                {
                    session.seat(instanceId, endpoint);
                }
                return null;
            })).handle((v, ex) ->
            {
                if (ex != null)
                {
                    LOG.warn("user {}: could not resume instance {}: {}", session.userId, instanceId, ex.toString());
                }
                return null;
            });
    }

    // ------------------------------------------------------------------ lobby requests

    private Session requireSession(final Connection c, final long correlationId)
    {
        final Session session = c.session();
        if (session == null)
        {
            c.send(ClientFrames.result(correlationId, ClientCode.NOT_LOGGED_IN, "log in first"));
        }
        return session;
    }

    private void create(final Connection c, final long correlationId, final int gameType, final int maxPlayers,
        final int region, final int mode, final int ratingBand)
    {
        final Session session = requireSession(c, correlationId);
        if (session == null)
        {
            return;
        }
        master.create(session.userId, gameType, maxPlayers, region, mode, ratingBand).whenComplete((outcome, ex) ->
        {
            if (ex != null || !outcome.ok())
            {
                session.reply(ClientFrames.instanceResult(correlationId, ex != null ? masterFailure(ex) :
                    map(outcome.code()), 0, gameType, maxPlayers, ex != null ? "the master did not answer" :
                    String.valueOf(outcome.code())));
                return;
            }
            final long instanceId = outcome.subjectId();
            seatAt(session, instanceId, outcome.detailId(), () -> session.reply(ClientFrames.instanceResult(
                correlationId, ClientCode.OK, instanceId, gameType, maxPlayers, "")));
        });
    }

    private void join(final Connection c, final long correlationId, final long instanceId)
    {
        final Session session = requireSession(c, correlationId);
        if (session == null)
        {
            return;
        }
        master.join(session.userId, instanceId).whenComplete((outcome, ex) ->
        {
            if (ex != null || !outcome.ok())
            {
                session.reply(ClientFrames.instanceResult(correlationId, ex != null ? masterFailure(ex) :
                    map(outcome.code()), instanceId, 0, 0, ex != null ? "the master did not answer" :
                    String.valueOf(outcome.code())));
                return;
            }
            master.instance(instanceId).whenComplete((view, failure) ->
            {
                final long hostId = view == null ? 0 : view.hostId();
                seatAt(session, instanceId, hostId, () -> session.reply(ClientFrames.instanceResult(correlationId,
                    ClientCode.OK, instanceId, view == null ? 0 : view.gameType(), view == null ? 0 : view.maxPlayers(),
                    "")));
            });
        });
    }

    /**
     * Remember where the user's instance runs; if the link to its host was not up yet, the game's
     * first events may have been lost, so ask for the whole state once it is.
     */
    private void seatAt(final Session session, final long instanceId, final long hostId, final Runnable answer)
    {
        endpointOf(hostId).whenComplete((endpoint, ex) ->
        {
            final boolean wasConnected = endpoint != null && hosts.isConnected(endpoint);
            session.seat(instanceId, endpoint);
            answer.run();
            if (endpoint != null && !wasConnected)
            {
                hosts.sync(endpoint, instanceId, session.userId);
            }
        });
    }

    private void leave(final Connection c, final long correlationId, final long instanceId)
    {
        final Session session = requireSession(c, correlationId);
        if (session == null)
        {
            return;
        }
        if (instanceId == 0)
        {
            // "whatever seat I hold": the master says which
            master.checkIn(gatewayId, session.userId, session.name).whenComplete((outcome, ex) ->
            {
                final long seat = ex == null && outcome.ok() ? outcome.detailId() : 0;
                if (seat == 0)
                {
                    session.reply(ClientFrames.result(correlationId, ex != null ? masterFailure(ex) :
                        outcome.ok() ? ClientCode.NOT_IN_INSTANCE : map(outcome.code()), "no seat to leave"));
                    return;
                }
                leave(c, correlationId, seat);
            });
            return;
        }
        master.leave(session.userId, instanceId).whenComplete((outcome, ex) ->
        {
            if (ex == null && outcome.ok())
            {
                session.unseat(instanceId);
            }
            session.reply(ClientFrames.result(correlationId, ex != null ? masterFailure(ex) : map(outcome.code()), ""));
        });
    }

    private void search(final Connection c, final long correlationId, final int gameType, final int region,
        final int mode, final int ratingBand, final int minOpenSeats, final int maxResults, final long cursor)
    {
        final Session session = requireSession(c, correlationId);
        if (session == null)
        {
            return;
        }
        master.search(gameType, region, mode, ratingBand, minOpenSeats, maxResults, cursor).whenComplete((page, ex) ->
        {
            if (ex != null)
            {
                session.reply(ClientFrames.searchResult(correlationId, masterFailure(ex), 0, List.of()));
                return;
            }
            final List<ClientFrames.InstanceEntry> hits = new ArrayList<>();
            for (final MasterRelay.InstanceView v : page.instances())
            {
                hits.add(new ClientFrames.InstanceEntry(v.instanceId(), v.gameType(), phase(v.state()), v.ownerId(),
                    v.maxPlayers(), v.playerCount(), v.region(), v.mode(), v.ratingBand()));
            }
            session.reply(ClientFrames.searchResult(correlationId, map(page.code()), page.nextCursor(), hits));
        });
    }

    private void history(final Connection c, final long correlationId, final long before, final int maxResults)
    {
        final Session session = requireSession(c, correlationId);
        if (session == null)
        {
            return;
        }
        if (maxResults < 1 || maxResults > 100)
        {
            session.reply(ClientFrames.historyResult(correlationId, ClientCode.INVALID_VALUE, 0, List.of()));
            return;
        }
        store.recentGames(session.userId, before == 0 ? io.gamehall.store.HistoryPage.NEWEST : before, maxResults)
            .whenComplete((page, ex) ->
            {
                if (ex != null)
                {
                    session.reply(ClientFrames.historyResult(correlationId,
                        StoreFailures.code(ex, ClientCode.STORE_UNAVAILABLE), 0, List.of()));
                    return;
                }
                final List<ClientFrames.GameEntry> games = new ArrayList<>();
                for (final HistoryEntry e : page.entries())
                {
                    games.add(new ClientFrames.GameEntry(e.gameId(), e.gameType(), e.endTimeMs(),
                        Outcome.valueOf(e.outcome().name())));
                }
                session.reply(ClientFrames.historyResult(correlationId, ClientCode.OK, page.nextCursor(), games));
            });
    }

    // ------------------------------------------------------------------ game traffic

    private void gameMessage(final Connection c, final long instanceId, final long sequence, final int kind,
        final DirectBuffer payload)
    {
        final Session session = c.session();
        if (session == null)
        {
            protocolError(c, ClientCode.NOT_LOGGED_IN, "log in first", false);
            return;
        }
        final String endpoint = session.hostEndpoint();
        if (session.instanceId() != instanceId || endpoint == null)
        {
            session.event(seq -> ClientFrames.gameError(seq, instanceId, sequence, ClientCode.NOT_IN_INSTANCE,
                "you have no seat in instance " + instanceId + " on this gateway"));
            return;
        }
        if (!hosts.send(endpoint, instanceId, session.userId, sequence, kind, payload, 0, payload.capacity()))
        {
            session.event(seq -> ClientFrames.gameError(seq, instanceId, sequence, ClientCode.OVERLOADED,
                "the game host cannot be reached right now; try again"));
        }
    }

    @Override
    public void onGameEvent(final long instanceId, final int kind, final LongArrayList recipients,
        final DirectBuffer payload, final int offset, final int length)
    {
        final int frameLength = relayFrames.gameEvent(instanceId, kind, payload, offset, length);
        for (int i = 0, n = recipients.size(); i < n; i++)
        {
            final Session session = sessions.get(recipients.getLong(i));
            if (session != null)
            {
                toFlush(session.event(relayFrames.buffer(), frameLength));
            }
        }
    }

    /**
     * Host relay thread: remember a connection written to without a flush.
     */
    private void toFlush(final Connection connection)
    {
        if (connection != null && !connection.flushPending)
        {
            connection.flushPending = true;
            relayWritten.add(connection);
        }
    }

    /**
     * Host relay thread, after each batch of host traffic: flush every connection written to, so
     * the frames of a batch leave with one wake-up and one write per connection rather than one
     * per frame.
     */
    void flushRelayed()
    {
        for (int i = 0, n = relayWritten.size(); i < n; i++)
        {
            final Connection connection = relayWritten.get(i);
            connection.flushPending = false;
            connection.flush();
        }
        relayWritten.clear();
    }

    @Override
    public void onAccepted(final long instanceId, final long userId, final long sequence)
    {
        final Session session = sessions.get(userId);
        if (session != null)
        {
            toFlush(session.event(relayFrames.buffer(), relayFrames.gameAck(instanceId, sequence)));
        }
    }

    @Override
    public void onError(final long instanceId, final long userId, final long sequence, final GameErrorCode code,
        final String reason)
    {
        final Session session = sessions.get(userId);
        if (session != null)
        {
            session.event(seq -> ClientFrames.gameError(seq, instanceId, sequence, map(code), reason));
        }
    }

    @Override
    public void onPresence(final long instanceId, final long userId, final boolean seated,
        final LongArrayList recipients)
    {
        for (int i = 0, n = recipients.size(); i < n; i++)
        {
            final Session session = sessions.get(recipients.getLong(i));
            if (session != null)
            {
                session.event(seq -> ClientFrames.presence(seq, instanceId, userId, seated));
            }
        }
    }

    @Override
    public void onClosed(final long instanceId, final InstanceCloseReason reason, final LongArrayList recipients,
        final String summary)
    {
        final CloseCause cause = switch (reason)
        {
            case GAME_OVER -> CloseCause.GAME_OVER;
            case TERMINATED -> CloseCause.TERMINATED;
            default -> CloseCause.GAME_ERROR;
        };
        for (int i = 0, n = recipients.size(); i < n; i++)
        {
            final Session session = sessions.get(recipients.getLong(i));
            if (session != null)
            {
                session.unseat(instanceId);
                session.event(seq -> ClientFrames.instanceClosed(seq, instanceId, cause, summary));
                if (draining)
                {
                    tellToMove(session);
                }
            }
        }
    }

    // ------------------------------------------------------------------ master events (client thread)

    void onMasterEvent(final byte[] event)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(event);
        final io.gamehall.sbe.master.MessageHeaderDecoder header =
            new io.gamehall.sbe.master.MessageHeaderDecoder().wrap(buffer, 0);
        switch (header.templateId())
        {
            case KickUserDecoder.TEMPLATE_ID ->
            {
                final KickUserDecoder d = new KickUserDecoder().wrapAndApplyHeader(buffer, 0, header);
                final long userId = d.userId();
                if (d.gatewayId() == gatewayId)
                {
                    final Session session = sessions.remove(userId);
                    if (session != null)
                    {
                        final Connection attached = session.end();
                        if (attached != null)
                        {
                            attached.session(null);
                            attached.sendAndClose(ClientFrames.kicked(session.lastEventSequence() + 1,
                                KickCause.LOGGED_IN_ELSEWHERE));
                        }
                        checkDrained();
                    }
                }
            }
            case InstanceMovedDecoder.TEMPLATE_ID ->
            {
                final InstanceMovedDecoder d = new InstanceMovedDecoder().wrapAndApplyHeader(buffer, 0, header);
                final long instanceId = d.instanceId();
                final long hostId = d.hostId();
                final String endpoint = d.hostEndpoint();
                if (hosts == null)
                {
                    return;
                }
                hosts.host(hostId, endpoint);
                for (final Session session : sessions.snapshot())
                {
                    if (session.instanceId() == instanceId)
                    {
                        session.seat(instanceId, endpoint);
                        session.event(seq -> ClientFrames.instanceMoved(seq, instanceId));
                    }
                }
            }
            case GatewayListChangedDecoder.TEMPLATE_ID ->
            {
                final GatewayListChangedDecoder d = new GatewayListChangedDecoder().wrapAndApplyHeader(buffer, 0, header);
                final List<GatewayEntry> list = new ArrayList<>();
                for (final GatewayListChangedDecoder.GatewaysDecoder g : d.gateways())
                {
                    final long id = g.serverId();
                    g.capacity();
                    list.add(new GatewayEntry(id, g.endpoint()));
                }
                gateways = List.copyOf(list);
                final List<GatewayEntry> forClients = othersOrAll();
                for (final Session session : sessions.snapshot())
                {
                    session.event(seq -> ClientFrames.gatewayList(seq, forClients));
                }
            }
            case DrainOrderDecoder.TEMPLATE_ID -> drain();
            default ->
            {
            }
        }
    }

    /**
     * Stop taking logins; lobby users are told where to go now, seated users when their game ends.
     */
    void drain()
    {
        if (draining)
        {
            return;
        }
        draining = true;
        LOG.info("draining: no new logins; {} sessions to move", sessions.size());
        for (final Session session : sessions.snapshot())
        {
            if (session.instanceId() == 0)
            {
                tellToMove(session);
            }
        }
        checkDrained();
    }

    private void tellToMove(final Session session)
    {
        if (session.markToldToMove())
        {
            final List<GatewayEntry> others = others();
            session.event(seq -> ClientFrames.draining(seq, others));
        }
    }

    private void checkDrained()
    {
        if (draining && sessions.isEmpty() && drained.getCount() > 0)
        {
            LOG.info("drained: the last session left");
            drained.countDown();
        }
    }

    private List<GatewayEntry> others()
    {
        final List<GatewayEntry> others = new ArrayList<>();
        for (final GatewayEntry e : gateways)
        {
            if (e.serverId() != gatewayId)
            {
                others.add(e);
            }
        }
        return others;
    }

    private List<GatewayEntry> othersOrAll()
    {
        return draining ? others() : gateways;
    }

    void gateways(final List<GatewayEntry> list)
    {
        gateways = List.copyOf(list);
    }

    // ------------------------------------------------------------------ connections and sessions

    /**
     * A connection closed: its session (if any) waits for the grace period.
     */
    void onDisconnected(final Connection c)
    {
        final Session session = c.session();
        if (session == null || session.isEnded())
        {
            return;
        }
        final java.util.concurrent.ScheduledFuture<?> timer = scheduler.schedule(() -> graceOver(session),
            ctx.graceMs(), TimeUnit.MILLISECONDS);
        session.detach(c, System.currentTimeMillis(), timer);
    }

    private void graceOver(final Session session)
    {
        if (session.isDetached() && !session.isEnded())
        {
            LOG.debug("user {}: no connection for {} ms; session ended", session.userId, ctx.graceMs());
            endSession(session, true);
        }
    }

    /**
     * End a session here; the user is checked out of the master unless they moved elsewhere.
     */
    private void endSession(final Session session, final boolean checkOut)
    {
        if (!sessions.remove(session.userId, session))
        {
            return;
        }
        session.end();
        if (checkOut)
        {
            master.checkOut(gatewayId, session.userId).whenComplete((outcome, ex) ->
            {
                if (ex != null)
                {
                    LOG.warn("user {}: check-out not confirmed: {}", session.userId, ex.toString());
                }
            });
        }
        checkDrained();
    }

    private void kick(final Connection previous, final Session session, final KickCause cause)
    {
        previous.session(null);
        previous.sendAndClose(ClientFrames.kicked(session.lastEventSequence(), cause));
    }

    /**
     * The gateway is shutting down now: every client is told and disconnected.
     */
    void closeAll()
    {
        for (final Session session : sessions.snapshot())
        {
            final Connection attached = session.end();
            if (attached != null)
            {
                attached.sendAndClose(ClientFrames.kicked(session.lastEventSequence(), KickCause.GATEWAY_CLOSING));
            }
        }
        sessions.clear();
    }

    /**
     * After the master declared this gateway dead and it registered again: attach every session
     * under the new id.
     */
    void reattachAll(final long newGatewayId)
    {
        gatewayId = newGatewayId;
        for (final Session session : sessions.snapshot())
        {
            master.checkIn(newGatewayId, session.userId, session.name);
        }
    }

    /**
     * Learn every live game host from the master (and connect to it).
     */
    CompletableFuture<Void> refreshHosts()
    {
        return master.servers().thenAccept(servers ->
        {
            final List<GatewayEntry> live = new ArrayList<>();
            for (final MasterRelay.Server s : servers)
            {
                if (s.role() == ServerRole.GAME_HOST && s.state() != ServerState.DEAD)
                {
                    hosts.host(s.serverId(), s.endpoint());
                }
                else if (s.role() == ServerRole.GATEWAY && s.state() == ServerState.ACTIVE)
                {
                    live.add(new GatewayEntry(s.serverId(), s.endpoint()));
                }
            }
            if (gateways.isEmpty())
            {
                gateways = List.copyOf(live);
            }
        });
    }

    private CompletableFuture<String> endpointOf(final long hostId)
    {
        if (hostId == 0)
        {
            return CompletableFuture.completedFuture(null);
        }
        final String known = hosts.endpointOf(hostId);
        if (known != null)
        {
            return CompletableFuture.completedFuture(known);
        }
        return refreshHosts().thenApply(v -> hosts.endpointOf(hostId));
    }

    // ------------------------------------------------------------------ codes

    private static byte[] loginFailure(final long correlationId, final ClientCode code, final String message)
    {
        return loginFailure(correlationId, code, message, 0);
    }

    private static byte[] loginFailure(final long correlationId, final ClientCode code, final String message,
        final long retryAfterMs)
    {
        return ClientFrames.loginResult(correlationId, code, 0, 0, 0, ResumeKind.NEW_SESSION, "", message, retryAfterMs);
    }

    static ClientCode map(final ResultCode code)
    {
        return switch (code)
        {
            case OK -> ClientCode.OK;
            case NO_CAPACITY -> ClientCode.NO_CAPACITY;
            case UNKNOWN_INSTANCE -> ClientCode.UNKNOWN_INSTANCE;
            case INSTANCE_FULL -> ClientCode.INSTANCE_FULL;
            case INSTANCE_NOT_JOINABLE -> ClientCode.INSTANCE_NOT_JOINABLE;
            case USER_IN_INSTANCE -> ClientCode.ALREADY_IN_INSTANCE;
            case USER_NOT_IN_INSTANCE -> ClientCode.NOT_IN_INSTANCE;
            case NOT_INSTANCE_OWNER -> ClientCode.NOT_OWNER;
            case SERVER_NOT_ACTIVE, SERVER_DEAD -> ClientCode.GATEWAY_DRAINING;
            case DIRECTORY_FULL -> ClientCode.GATEWAY_FULL;
            case INVALID_VALUE, INVALID_ENUM_VALUE, INVALID_NAME, STRING_TOO_LONG -> ClientCode.INVALID_VALUE;
            case USER_NAME_TAKEN, USER_ID_MISMATCH -> ClientCode.NAME_TAKEN;
            default -> ClientCode.INTERNAL;
        };
    }

    static ClientCode map(final GameErrorCode code)
    {
        return switch (code)
        {
            case MALFORMED_MESSAGE -> ClientCode.MALFORMED;
            case MESSAGE_TOO_LARGE -> ClientCode.TOO_LARGE;
            case UNKNOWN_MESSAGE -> ClientCode.UNKNOWN_MESSAGE;
            case UNKNOWN_INSTANCE -> ClientCode.UNKNOWN_INSTANCE;
            case NOT_A_PLAYER -> ClientCode.NOT_A_PLAYER;
            case INSTANCE_NOT_READY -> ClientCode.INSTANCE_NOT_READY;
            case REJECTED -> ClientCode.REJECTED;
            case OVERLOADED -> ClientCode.OVERLOADED;
            case INSTANCE_FAILED -> ClientCode.INSTANCE_FAILED;
            default -> ClientCode.INTERNAL;
        };
    }

    private static InstancePhase phase(final io.gamehall.sbe.master.InstanceState state)
    {
        return switch (state)
        {
            case CREATING -> InstancePhase.CREATING;
            case RUNNING -> InstancePhase.RUNNING;
            case SUSPENDED -> InstancePhase.SUSPENDED;
            default -> InstancePhase.OPEN;
        };
    }

    private static ClientCode masterFailure(final Throwable ex)
    {
        final Throwable cause = StoreFailures.unwrap(ex);
        return cause instanceof TimeoutException ? ClientCode.TIMEOUT : ClientCode.MASTER_UNAVAILABLE;
    }
}
