package io.gamehall.replication;

import io.aeron.security.Authenticator;
import io.aeron.security.AuthenticatorSupplier;
import io.aeron.security.SessionProxy;
import org.agrona.collections.Long2ObjectHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.Map;

/**
 * Admits cluster clients that present {@code role:secret} credentials matching the configured
 * secret for that role, and gives the session the role as its principal. Everything else is
 * rejected and logged with the reason; the client sees an authentication failure.
 */
public final class MasterAuthenticator implements Authenticator
{
    private static final Logger LOG = LoggerFactory.getLogger(MasterAuthenticator.class);

    private final Map<ClientRole, byte[]> secrets;
    private final Long2ObjectHashMap<ClientRole> admitted = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<String> refused = new Long2ObjectHashMap<>();

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

    public void onConnectRequest(final long sessionId, final byte[] encodedCredentials, final long nowMs)
    {
        final String credentials = encodedCredentials == null ? "" : new String(encodedCredentials, StandardCharsets.UTF_8);
        final int colon = credentials.indexOf(':');
        if (colon <= 0)
        {
            refused.put(sessionId, "credentials are not role:secret");
            return;
        }
        final String label = credentials.substring(0, colon);
        ClientRole role = null;
        for (final ClientRole candidate : ClientRole.values())
        {
            if (candidate.label().equals(label))
            {
                role = candidate;
            }
        }
        if (role == null)
        {
            refused.put(sessionId, "unknown role '" + label + "' (expected gateway, host or admin)");
            return;
        }
        final byte[] expected = secrets.get(role);
        final byte[] presented = credentials.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        if (expected == null || !MessageDigest.isEqual(expected, presented))
        {
            refused.put(sessionId, "wrong secret for role " + label);
            return;
        }
        admitted.put(sessionId, role);
    }

    public void onChallengeResponse(final long sessionId, final byte[] encodedCredentials, final long nowMs)
    {
        refused.put(sessionId, "unexpected challenge response");
    }

    public void onConnectedSession(final SessionProxy sessionProxy, final long nowMs)
    {
        final long sessionId = sessionProxy.sessionId();
        final ClientRole role = admitted.remove(sessionId);
        if (role != null)
        {
            sessionProxy.authenticate(role.principal());
            return;
        }
        final String reason = refused.remove(sessionId);
        LOG.warn("rejected cluster client session {}: {}", sessionId, reason == null ? "no credentials seen" : reason);
        sessionProxy.reject();
    }

    public void onChallengedSession(final SessionProxy sessionProxy, final long nowMs)
    {
        admitted.remove(sessionProxy.sessionId());
        refused.remove(sessionProxy.sessionId());
        sessionProxy.reject();
    }
}
