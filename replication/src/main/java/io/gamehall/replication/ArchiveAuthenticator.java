package io.gamehall.replication;

import io.aeron.security.Authenticator;
import io.aeron.security.AuthenticatorSupplier;
import io.aeron.security.CredentialsSupplier;
import io.aeron.security.SessionProxy;
import org.agrona.collections.Long2ObjectHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Guards a master node's Aeron Archive control channel: only a client that proves it knows the
 * cluster's archive secret may connect (replay, truncate, purge or replicate recordings). The
 * proof is a challenge and response, so the secret itself never crosses the wire or sits in a
 * log buffer: the client announces itself with {@link #HELLO}, the archive sends 32 random bytes,
 * and the client answers HMAC-SHA256(secret, {@link #HELLO} || challenge). The node's own
 * consensus module and service container, and the archives of the other members (log catch-up,
 * snapshot replication), connect with {@link #credentials(byte[])}.
 * <p>
 * Sessions that announce themselves and never answer are forgotten after {@link #PENDING_TIMEOUT_MS}
 * and at most {@link #MAX_PENDING} wait at once; refusals are counted and logged at powers of two.
 */
public final class ArchiveAuthenticator implements Authenticator
{
    /** What a client presents to be challenged (not secret). */
    public static final byte[] HELLO = "gamehall-archive-v1".getBytes(StandardCharsets.US_ASCII);
    /** Principal given to an admitted session. */
    static final byte[] PRINCIPAL = "cluster".getBytes(StandardCharsets.US_ASCII);
    static final int MAX_PENDING = 1_024;
    static final long PENDING_TIMEOUT_MS = 10_000;
    private static final int CHALLENGE_LENGTH = 32;
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveAuthenticator.class);

    private final byte[] secret;
    private final SecureRandom random = new SecureRandom();
    private final Long2ObjectHashMap<Pending> pending = new Long2ObjectHashMap<>();
    private long refusals;

    private static final class Pending
    {
        final byte[] challenge;
        final long sinceMs;
        boolean challengeSent;
        boolean admitted;
        boolean refused;

        Pending(final byte[] challenge, final long sinceMs)
        {
            this.challenge = challenge;
            this.sinceMs = sinceMs;
        }
    }

    /**
     * @param secret the cluster's archive secret.
     */
    public ArchiveAuthenticator(final byte[] secret)
    {
        if (secret == null || secret.length == 0)
        {
            throw new IllegalArgumentException("the archive secret must not be empty");
        }
        this.secret = secret.clone();
    }

    /**
     * @param secret the cluster's archive secret.
     * @return a supplier for {@code Archive.Context.authenticatorSupplier}.
     */
    public static AuthenticatorSupplier supplier(final byte[] secret)
    {
        final byte[] copy = secret.clone();
        return () -> new ArchiveAuthenticator(copy);
    }

    /**
     * @param secret the cluster's archive secret.
     * @return credentials for an {@code AeronArchive.Context} that connects to a node's archive.
     */
    public static CredentialsSupplier credentials(final byte[] secret)
    {
        final byte[] copy = secret.clone();
        return new CredentialsSupplier()
        {
            public byte[] encodedCredentials()
            {
                return HELLO.clone();
            }

            public byte[] onChallenge(final byte[] challenge)
            {
                return response(copy, challenge);
            }
        };
    }

    /**
     * @return the answer to a challenge: HMAC-SHA256(secret, HELLO || challenge).
     */
    static byte[] response(final byte[] secret, final byte[] challenge)
    {
        try
        {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(HELLO);
            mac.update(challenge == null ? new byte[0] : challenge);
            return mac.doFinal();
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }

    public void onConnectRequest(final long sessionId, final byte[] encodedCredentials, final long nowMs)
    {
        forgetExpired(nowMs);
        if (pending.size() >= MAX_PENDING)
        {
            refuse("too many connections waiting to authenticate");
            return;
        }
        if (encodedCredentials == null || !Arrays.equals(HELLO, encodedCredentials))
        {
            final Pending refused = new Pending(null, nowMs);
            refused.refused = true;
            pending.put(sessionId, refused);
            return;
        }
        final byte[] challenge = new byte[CHALLENGE_LENGTH];
        random.nextBytes(challenge);
        pending.put(sessionId, new Pending(challenge, nowMs));
    }

    public void onChallengeResponse(final long sessionId, final byte[] encodedCredentials, final long nowMs)
    {
        final Pending session = pending.get(sessionId);
        if (session == null || session.challenge == null)
        {
            return;
        }
        final byte[] expected = response(secret, session.challenge);
        if (encodedCredentials != null && MessageDigest.isEqual(expected, encodedCredentials))
        {
            session.admitted = true;
        }
        else
        {
            session.refused = true;
        }
    }

    public void onConnectedSession(final SessionProxy sessionProxy, final long nowMs)
    {
        final long sessionId = sessionProxy.sessionId();
        final Pending session = pending.get(sessionId);
        if (session == null || session.refused || session.challenge == null)
        {
            pending.remove(sessionId);
            refuse("no valid credentials");
            sessionProxy.reject();
            return;
        }
        if (!session.challengeSent && sessionProxy.challenge(session.challenge))
        {
            session.challengeSent = true;
        }
    }

    public void onChallengedSession(final SessionProxy sessionProxy, final long nowMs)
    {
        final long sessionId = sessionProxy.sessionId();
        final Pending session = pending.get(sessionId);
        if (session == null || session.refused)
        {
            pending.remove(sessionId);
            refuse("wrong answer to the challenge");
            sessionProxy.reject();
            return;
        }
        if (session.admitted && sessionProxy.authenticate(PRINCIPAL))
        {
            pending.remove(sessionId);
        }
        else if (nowMs - session.sinceMs > PENDING_TIMEOUT_MS)
        {
            pending.remove(sessionId);
            refuse("no answer to the challenge");
            sessionProxy.reject();
        }
    }

    /**
     * @return sessions waiting for a decision (tests: bounded).
     */
    int pendingCount()
    {
        return pending.size();
    }

    private void forgetExpired(final long nowMs)
    {
        if (pending.isEmpty())
        {
            return;
        }
        final Iterator<Pending> it = pending.values().iterator();
        while (it.hasNext())
        {
            if (nowMs - it.next().sinceMs > PENDING_TIMEOUT_MS)
            {
                it.remove();
            }
        }
    }

    private void refuse(final String why)
    {
        refusals++;
        if (Long.bitCount(refusals) == 1)
        {
            LOG.warn("refused an archive control connection ({} so far): {}", refusals, why);
        }
    }
}
