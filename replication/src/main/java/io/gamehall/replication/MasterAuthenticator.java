package io.gamehall.replication;

import io.aeron.security.Authenticator;
import io.aeron.security.AuthenticatorSupplier;
import io.aeron.security.SessionProxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Admits cluster clients that present {@code role:clientId:secret} credentials matching the
 * configured secret for that role, and gives the session a {@link SessionPrincipal}: the role
 * and the client id, which the master then holds every command of the session to.
 * Everything else is rejected; the client sees an authentication failure.
 * <p>
 * What an unauthenticated peer can make it keep or print is bounded: credentials longer than
 * {@link #MAX_CREDENTIALS_LENGTH} are refused unread, a decision waits at most
 * {@link #PENDING_TIMEOUT_MS} for its session (a connection attempt that never completes is
 * forgotten) and at most {@link #MAX_PENDING} decisions wait at once (the oldest goes first);
 * a refusal is logged without anything the peer chose, at most once a second, with a count of
 * those not logged.
 */
public final class MasterAuthenticator implements Authenticator
{
    /** Longest credentials read: role label, client id and secret. */
    public static final int MAX_CREDENTIALS_LENGTH = 1024;
    /** How long a decision waits for its session to connect. */
    public static final long PENDING_TIMEOUT_MS = 30_000;
    /** Decisions waiting for their session at most. */
    public static final int MAX_PENDING = 4096;
    private static final long LOG_INTERVAL_MS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(MasterAuthenticator.class);

    /** A decision on a connect request, waiting for its session. */
    private record Decision(SessionPrincipal principal, String refusal, long atMs)
    {
    }

    private final Map<ClientRole, byte[]> secrets;
    private final LinkedHashMap<Long, Decision> pending = new LinkedHashMap<>();
    private long lastLogMs = Long.MIN_VALUE / 2;
    private long unlogged;

    /**
     * @param secrets the secret of each role; a role without one cannot connect.
     */
    public MasterAuthenticator(final Map<ClientRole, String> secrets)
    {
        this.secrets = new EnumMap<>(ClientRole.class);
        secrets.forEach((role, secret) -> this.secrets.put(role, secret.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * @param secrets the secret of each role.
     * @return a supplier for {@code ConsensusModule.Context.authenticatorSupplier}.
     */
    public static AuthenticatorSupplier supplier(final Map<ClientRole, String> secrets)
    {
        final Map<ClientRole, String> copy = Map.copyOf(secrets);
        return () -> new MasterAuthenticator(copy);
    }

    /**
     * @return decisions waiting for their session (for tests).
     */
    int pendingCount()
    {
        return pending.size();
    }

    public void onConnectRequest(final long sessionId, final byte[] encodedCredentials, final long nowMs)
    {
        expire(nowMs);
        final Decision decision = decide(encodedCredentials, nowMs);
        if (pending.size() >= MAX_PENDING)
        {
            final Iterator<Long> oldest = pending.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        pending.remove(sessionId);
        pending.put(sessionId, decision);
    }

    public void onChallengeResponse(final long sessionId, final byte[] encodedCredentials, final long nowMs)
    {
        pending.put(sessionId, new Decision(null, "unexpected challenge response", nowMs));
    }

    public void onConnectedSession(final SessionProxy sessionProxy, final long nowMs)
    {
        final Decision decision = pending.remove(sessionProxy.sessionId());
        if (decision != null && decision.principal() != null)
        {
            sessionProxy.authenticate(decision.principal().encode());
            return;
        }
        logRefusal(sessionProxy.sessionId(), decision == null ? "no credentials seen in time" : decision.refusal(), nowMs);
        sessionProxy.reject();
    }

    public void onChallengedSession(final SessionProxy sessionProxy, final long nowMs)
    {
        pending.remove(sessionProxy.sessionId());
        sessionProxy.reject();
    }

    private Decision decide(final byte[] encodedCredentials, final long nowMs)
    {
        if (encodedCredentials == null || encodedCredentials.length == 0)
        {
            return new Decision(null, "no credentials", nowMs);
        }
        if (encodedCredentials.length > MAX_CREDENTIALS_LENGTH)
        {
            return new Decision(null, "credentials of " + encodedCredentials.length + " bytes", nowMs);
        }
        final String credentials = new String(encodedCredentials, StandardCharsets.UTF_8);
        final int firstColon = credentials.indexOf(':');
        final int secondColon = firstColon < 0 ? -1 : credentials.indexOf(':', firstColon + 1);
        if (firstColon <= 0 || secondColon < 0)
        {
            return new Decision(null, "credentials are not role:clientId:secret", nowMs);
        }
        final ClientRole role = ClientRole.ofLabel(credentials.substring(0, firstColon));
        if (role == null)
        {
            return new Decision(null, "unknown role (expected gateway, host, admin or matchmaker)", nowMs);
        }
        final long clientId = SessionPrincipal.parseClientId(credentials.substring(firstColon + 1, secondColon));
        if (clientId <= 0)
        {
            return new Decision(null, "client id is not a positive number, role " + role.label(), nowMs);
        }
        final byte[] expected = secrets.get(role);
        final byte[] presented = credentials.substring(secondColon + 1).getBytes(StandardCharsets.UTF_8);
        if (expected == null || !MessageDigest.isEqual(expected, presented))
        {
            return new Decision(null, "wrong secret for role " + role.label(), nowMs);
        }
        return new Decision(new SessionPrincipal(role, clientId), null, nowMs);
    }

    private void expire(final long nowMs)
    {
        final Iterator<Decision> it = pending.values().iterator();
        while (it.hasNext())
        {
            if (nowMs - it.next().atMs() < PENDING_TIMEOUT_MS)
            {
                return;
            }
            it.remove();
        }
    }

    private void logRefusal(final long sessionId, final String reason, final long nowMs)
    {
        if (nowMs - lastLogMs < LOG_INTERVAL_MS)
        {
            unlogged++;
            return;
        }
        if (unlogged > 0)
        {
            LOG.warn("rejected cluster client session {}: {} ({} more rejected since the last report)",
                sessionId, reason, unlogged);
        }
        else
        {
            LOG.warn("rejected cluster client session {}: {}", sessionId, reason);
        }
        lastLogMs = nowMs;
        unlogged = 0;
    }
}
