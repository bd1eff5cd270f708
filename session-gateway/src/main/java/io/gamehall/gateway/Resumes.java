package io.gamehall.gateway;

import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.KickCause;
import io.gamehall.sbe.client.ResumeKind;
import io.gamehall.store.Store;
import io.gamehall.store.StoreError;
import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;

import static io.gamehall.gateway.ClientCodes.loginFailure;

/**
 * Resume with a session token: the token checked (signature, expiry, the account's token
 * generation in the store), then the session kept here continued (the events missed replayed)
 * or a new one opened as a login would.
 */
final class Resumes
{
    private static final Logger LOG = LoggerFactory.getLogger(Resumes.class);

    private final SessionTable sessions;
    private final GatewayState gateway;
    private final TokenService tokens;
    private final MasterRequests master;
    private final Store store;
    private final Seats seats;
    private final Logins logins;
    private final EpochClock clock;

    Resumes(
        final SessionTable sessions,
        final GatewayState gateway,
        final TokenService tokens,
        final MasterRequests master,
        final Store store,
        final Seats seats,
        final Logins logins,
        final EpochClock clock)
    {
        this.sessions = sessions;
        this.gateway = gateway;
        this.tokens = tokens;
        this.master = master;
        this.store = store;
        this.seats = seats;
        this.logins = logins;
        this.clock = clock;
    }

    void resume(final Connection c, final long correlationId, final long lastSeen, final String token)
    {
        final TokenService.Claims claims;
        try
        {
            claims = tokens.verify(token, clock.time());
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
        final Connection.Authentication auth = Logins.beginAuthentication(c, correlationId);
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
                    Logins.answer(c, auth, loginFailure(correlationId, ClientCode.TOKEN_INVALID,
                        "the token's account does not exist"));
                }
                else
                {
                    LOG.warn("resume of user {}: the account could not be read: {}", claims.userId(),
                        StoreFailures.unwrap(ex).toString());
                    Logins.answer(c, auth, loginFailure(correlationId, StoreFailures.code(ex, ClientCode.STORE_UNAVAILABLE),
                        StoreFailures.message(ex, "accounts cannot be reached right now; try again soon")));
                }
                return;
            }
            if (account.tokenGeneration() != claims.generation())
            {
                Logins.answer(c, auth, loginFailure(correlationId, ClientCode.TOKEN_REVOKED,
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
            return master.checkIn(gateway.gatewayId(), claims.userId(), claims.name())
                .handle((outcome, ex) -> ex == null && outcome.ok() ? outcome.detailId() : 0L)
                .thenCompose(seat -> seat != 0 && seat != local.instanceId() ?
                    seats.findSeat(local, seat).thenApply(v -> Boolean.TRUE) :
                    CompletableFuture.completedFuture(Boolean.FALSE))
                .handle((reseated, ex) ->
                {
                    continueSession(c, correlationId, auth, local, claims, lastSeen, Boolean.TRUE.equals(reseated));
                    return null;
                });
        }
        if (logins.refuseLogin(c, correlationId, auth))
        {
            return CompletableFuture.completedFuture(null);
        }
        return logins.checkIn(c, correlationId, auth, new Logins.Grant(claims.userId(), claims.name(),
            claims.generation(), claims.authTimeMs()));
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
            SessionLifecycle.kick(previous, local, KickCause.LOGGED_IN_ELSEWHERE);
        }
        final long now = clock.time();
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
                seats.syncSeat(local);
            }
        }
    }
}
