package io.gamehall.gateway;

import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.KickCause;
import io.gamehall.sbe.client.ResumeKind;
import io.gamehall.store.Account;
import io.gamehall.store.Store;
import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static io.gamehall.gateway.ClientCodes.loginFailure;

/**
 * Register, login, logout and password change: the credentials checked, the user checked in
 * with the master (which kicks a session elsewhere), the session opened or taken over here and a
 * token issued; one authentication at a time per connection.
 */
final class Logins
{
    private static final Logger LOG = LoggerFactory.getLogger(Logins.class);

    /**
     * Who a new or resumed session is for, and what its tokens carry.
     *
     * @param userId     the account.
     * @param name       its name.
     * @param generation the account's token generation.
     * @param authTimeMs when the user last gave their password.
     */
    record Grant(long userId, String name, long generation, long authTimeMs)
    {
    }

    private final SessionTable sessions;
    private final GatewayState gateway;
    private final Credentials credentials;
    private final TokenService tokens;
    private final MasterRequests master;
    private final Store store;
    private final Seats seats;
    private final SessionLifecycle lifecycle;
    private final EpochClock clock;
    private final int maxSessions;
    private final int keepEvents;
    private final AtomicLong logins = new AtomicLong();

    Logins(
        final SessionTable sessions,
        final GatewayState gateway,
        final Credentials credentials,
        final TokenService tokens,
        final MasterRequests master,
        final Store store,
        final Seats seats,
        final SessionLifecycle lifecycle,
        final EpochClock clock,
        final int maxSessions,
        final int keepEvents)
    {
        this.sessions = sessions;
        this.gateway = gateway;
        this.credentials = credentials;
        this.tokens = tokens;
        this.master = master;
        this.store = store;
        this.seats = seats;
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.maxSessions = maxSessions;
        this.keepEvents = keepEvents;
    }

    /**
     * @return logins and resumes that opened or took over a session so far.
     */
    long logins()
    {
        return logins.get();
    }

    void register(final Connection c, final long correlationId, final String name, final String password)
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
        credentials.register(c.address(), name, password).whenComplete((account, ex) ->
            authenticated(c, correlationId, auth, account, ex));
    }

    void login(final Connection c, final long correlationId, final String name, final String password)
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
        credentials.login(c.address(), name, password).whenComplete((account, ex) ->
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
            clock.time())).whenComplete((v, failure) -> c.endAuthentication(auth));
    }

    /**
     * Send the refusal of an authentication: its own code for a {@link LoginRefused}, a generic
     * INTERNAL for anything else (the detail is logged here, never sent).
     */
    private static void refused(final Connection c, final long correlationId, final Throwable ex)
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
    static Connection.Authentication beginAuthentication(final Connection c, final long correlationId)
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
    static void answer(final Connection c, final Connection.Authentication auth, final byte[] frame)
    {
        if (auth != null)
        {
            c.endAuthentication(auth);
        }
        c.send(frame);
    }

    /**
     * Refuse a login this gateway cannot take (draining, connection logged in, full).
     *
     * @param auth the authentication under way that this answers; null when none was started.
     * @return true when it was refused.
     */
    boolean refuseLogin(final Connection c, final long correlationId, final Connection.Authentication auth)
    {
        if (gateway.isDraining())
        {
            answer(c, auth, loginFailure(correlationId, ClientCode.GATEWAY_DRAINING, "this gateway is closing; use another"));
            return true;
        }
        if (c.session() != null)
        {
            answer(c, auth, loginFailure(correlationId, ClientCode.ALREADY_LOGGED_IN, "this connection is logged in already"));
            return true;
        }
        if (sessions.size() >= maxSessions)
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
    CompletableFuture<Void> checkIn(final Connection c, final long correlationId, final Connection.Authentication auth,
        final Grant grant)
    {
        final long userId = grant.userId();
        final String name = grant.name();
        final CompletableFuture<Void> answered = new CompletableFuture<>();
        master.checkIn(gateway.gatewayId(), userId, name).whenComplete((outcome, ex) ->
        {
            if (ex != null || !outcome.ok())
            {
                answer(c, auth, loginFailure(correlationId, ex != null ? ClientCodes.masterFailure(ex) :
                    ClientCodes.map(outcome.code()),
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
        final Session session = sessions.computeIfAbsent(userId, id -> new Session(id, name, keepEvents));
        final Connection previous = session.attach(c);
        c.session(session);
        if (previous != null)
        {
            SessionLifecycle.kick(previous, session, KickCause.LOGGED_IN_ELSEWHERE);
        }
        // a seated user (back after a crash or from another gateway) gets the seat before the
        // answer, so a game message sent right after it finds its host; the game is asked for
        // its state after the answer, so the state never reaches the client before the answer
        final CompletableFuture<Void> seated = instanceId == 0 ? CompletableFuture.completedFuture(null) :
            seats.findSeat(session, instanceId);
        seated.whenComplete((v, failure) ->
        {
            try
            {
                final long now = clock.time();
                c.endAuthentication(auth);
                session.reply(ClientFrames.loginResult(correlationId, ClientCode.OK, userId,
                    tokens.expiryFrom(grant.authTimeMs(), now), instanceId, ResumeKind.NEW_SESSION,
                    tokens.issue(userId, name, grant.generation(), grant.authTimeMs(), now), "", 0));
            }
            finally
            {
                answered.complete(null);
            }
            seats.syncSeat(session);
            if (gateway.isDraining() && instanceId == 0)
            {
                gateway.tellToMove(session);
            }
        });
    }

    /**
     * End the session and revoke its tokens (the account's token generation is raised), then
     * answer and close.
     */
    void logout(final Connection c, final long correlationId)
    {
        final Session session = c.session();
        if (session == null)
        {
            c.send(ClientFrames.result(correlationId, ClientCode.NOT_LOGGED_IN, "not logged in"));
            return;
        }
        c.session(null);
        lifecycle.endSession(session, true);
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
    void changePassword(final Connection c, final long correlationId, final String oldPassword, final String newPassword)
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
        credentials.changePassword(c.address(), session.userId, session.name, oldPassword, newPassword)
            .whenComplete((account, ex) ->
            {
                c.endAuthentication(auth);
                if (ex != null)
                {
                    refused(c, correlationId, ex);
                }
                else
                {
                    final long now = clock.time();
                    session.reply(ClientFrames.loginResult(correlationId, ClientCode.OK, account.id(),
                        tokens.expiryFrom(now, now), session.instanceId(), ResumeKind.CONTINUED,
                        tokens.issue(account.id(), account.name(), account.tokenGeneration(), now, now), "", 0));
                }
            });
    }
}
