package io.gamehall.gateway;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Session tokens: {@code base64url(userId:name:expiresAtMs)} {@code .} {@code base64url(HMAC-SHA256)}
 * under a secret every gateway shares, so a session can be resumed on any gateway. A token is
 * checked for its signature (in constant time) and its expiry; nothing is stored.
 */
public final class TokenService
{
    /**
     * What a valid token says.
     *
     * @param userId      the account id.
     * @param name        the account name.
     * @param expiresAtMs when it stops working.
     */
    public record Claims(long userId, String name, long expiresAtMs)
    {
    }

    /**
     * Why a token was refused.
     */
    public enum Problem
    {
        /** Not a token of ours: bad form or bad signature. */
        INVALID,
        /** Signed by us, but too old. */
        EXPIRED
    }

    /**
     * A refused token.
     */
    public static final class Refused extends Exception
    {
        private static final long serialVersionUID = 1L;
        private final Problem problem;

        Refused(final Problem problem, final String message)
        {
            super(message, null, false, false);
            this.problem = problem;
        }

        /**
         * @return why.
         */
        public Problem problem()
        {
            return problem;
        }
    }

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final long lifetimeMs;

    /**
     * @param secret     at least 16 characters; the same on every gateway.
     * @param lifetimeMs how long a token works.
     */
    public TokenService(final String secret, final long lifetimeMs)
    {
        if (secret == null || secret.length() < 16)
        {
            throw new IllegalArgumentException("the token secret must have at least 16 characters");
        }
        if (lifetimeMs < 1_000)
        {
            throw new IllegalArgumentException("a token must live at least 1 s");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.lifetimeMs = lifetimeMs;
    }

    /**
     * @return a token for the user, valid from now for the configured lifetime.
     */
    public String issue(final long userId, final String name, final long nowMs)
    {
        final String body = ENCODER.encodeToString((userId + ":" + name + ":" + (nowMs + lifetimeMs))
            .getBytes(StandardCharsets.UTF_8));
        return body + "." + ENCODER.encodeToString(sign(body));
    }

    /**
     * @return when a token issued now expires.
     */
    public long expiryFrom(final long nowMs)
    {
        return nowMs + lifetimeMs;
    }

    /**
     * @return what the token says.
     * @throws Refused INVALID (forged, damaged) or EXPIRED.
     */
    public Claims verify(final String token, final long nowMs) throws Refused
    {
        final int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0 || dot == token.length() - 1 || token.length() > 512)
        {
            throw new Refused(Problem.INVALID, "not a session token");
        }
        final String body = token.substring(0, dot);
        final byte[] signature;
        final String text;
        try
        {
            signature = DECODER.decode(token.substring(dot + 1));
            text = new String(DECODER.decode(body), StandardCharsets.UTF_8);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new Refused(Problem.INVALID, "not a session token");
        }
        if (!MessageDigest.isEqual(signature, sign(body)))
        {
            throw new Refused(Problem.INVALID, "the token's signature is wrong");
        }
        final String[] parts = text.split(":", -1);
        if (parts.length != 3)
        {
            throw new Refused(Problem.INVALID, "not a session token");
        }
        final long userId;
        final long expiresAtMs;
        try
        {
            userId = Long.parseLong(parts[0]);
            expiresAtMs = Long.parseLong(parts[2]);
        }
        catch (final NumberFormatException ex)
        {
            throw new Refused(Problem.INVALID, "not a session token");
        }
        if (nowMs >= expiresAtMs)
        {
            throw new Refused(Problem.EXPIRED, "the session token expired; log in again");
        }
        return new Claims(userId, parts[1], expiresAtMs);
    }

    private byte[] sign(final String body)
    {
        try
        {
            final Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("HMAC-SHA256 is not available", ex);
        }
    }
}
