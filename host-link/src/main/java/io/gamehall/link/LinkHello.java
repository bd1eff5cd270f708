package io.gamehall.link;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a {@code GatewayHello}: HMAC-SHA256 under the link secret that gateways and
 * hosts share, over everything the hello binds together: the host endpoint it is meant for,
 * the gateway id, the reply channel and stream, the Aeron session id of the publication the
 * hello travels on (so a hello copied onto another publication does not verify) and the
 * gateway's clock (so an old one does not either: the host takes a timestamp within
 * {@link #MAX_SKEW_MS} of its own). A host acts on a hello only when it verifies, and takes
 * player messages only from a publication whose hello did. One instance per thread.
 */
public final class LinkHello
{
    /** Length of a signature in bytes. */
    public static final int SIGNATURE_LENGTH = 32;
    /** How far a hello's timestamp may be from the host's clock, either way. */
    public static final long MAX_SKEW_MS = 60_000;

    private static final byte[] DOMAIN = "gamehall-link-hello-v1".getBytes(StandardCharsets.US_ASCII);

    private final Mac mac;
    private final ByteBuffer numbers = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

    /**
     * @param secret the link secret, the same on every gateway and host of a deployment.
     */
    public LinkHello(final byte[] secret)
    {
        if (secret == null || secret.length == 0)
        {
            throw new IllegalArgumentException("the link secret must not be empty");
        }
        try
        {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }

    /**
     * @return the signature of a hello with these values.
     */
    public byte[] sign(
        final String hostEndpoint,
        final long gatewayId,
        final int replyStreamId,
        final String replyChannel,
        final int publicationSessionId,
        final long timestampMs)
    {
        mac.update(DOMAIN);
        text(hostEndpoint);
        number(gatewayId, 8);
        number(replyStreamId, 4);
        text(replyChannel);
        number(publicationSessionId, 4);
        number(timestampMs, 8);
        return mac.doFinal();
    }

    /**
     * @param signature   what the hello carried.
     * @param nowMs       the host's clock.
     * @return whether the signature is right and the timestamp within {@link #MAX_SKEW_MS} of {@code nowMs}.
     */
    public boolean verify(
        final String hostEndpoint,
        final long gatewayId,
        final int replyStreamId,
        final String replyChannel,
        final int publicationSessionId,
        final long timestampMs,
        final byte[] signature,
        final long nowMs)
    {
        final byte[] expected = sign(hostEndpoint, gatewayId, replyStreamId, replyChannel, publicationSessionId,
            timestampMs);
        return MessageDigest.isEqual(expected, signature) && Math.abs(nowMs - timestampMs) <= MAX_SKEW_MS;
    }

    private void text(final String value)
    {
        final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        number(bytes.length, 4);
        mac.update(bytes);
    }

    private void number(final long value, final int length)
    {
        numbers.clear();
        if (length == 8)
        {
            numbers.putLong(value);
        }
        else
        {
            numbers.putInt((int)value);
        }
        mac.update(numbers.array(), 0, length);
    }
}
