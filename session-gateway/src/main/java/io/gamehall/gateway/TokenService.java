package io.gamehall.gateway;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Session tokens:
 * {@code <keyId>.<base64url(userId:name:generation:authTimeMs:expiresAtMs)>.<base64url(HMAC-SHA256(keyId.body))>}
 * under a secret every gateway shares, so a session can be resumed on any gateway.
 * <ul>
 * <li>{@code keyId} names the secret that signed it (derived from the secret, so gateways with the
 * same secrets agree without configuring ids). The current secret signs; a previous one, while
 * configured, still verifies, so the secret can be rotated without logging everyone out.</li>
 * <li>{@code generation} is the account's token generation when the token was issued: the gateway
 * refuses a token whose generation the store no longer holds (logout, password change).</li>
 * <li>{@code authTimeMs} is when the user last gave their password: a resume renews the token
 * but keeps it, and no token works past {@code authTimeMs + maxAgeMs}.</li>
 * </ul>
 * A token is checked for its key, its signature (in constant time), its expiry and its age.
 */
public final class TokenService
{
    /**
     * What a valid token says.
     *
     * @param keyId       the id of the secret that signed it.
     * @param userId      the account id.
     * @param name        the account name.
     * @param generation  the account's token generation when issued.
     * @param authTimeMs  when the user last gave their password.
     * @param expiresAtMs when it stops working.
     */
    public record Claims(String keyId, long userId, String name, long generation, long authTimeMs, long expiresAtMs)
    {
    }

    /**
     * Why a token was refused.
     */
    public enum Problem
    {
        /** Not a token of ours: bad form, a key this gateway does not have, or a bad signature. */
        INVALID,
        /** Signed by us, but expired, or its session is older than the maximum age. */
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

    /** Shortest secret accepted, in characters. */
    public static final int MIN_SECRET_CHARS = 16;
    private static final int MAX_TOKEN_CHARS = 512;
    private static final int KEY_ID_CHARS = 8;
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final String keyId;
    private final SecretKeySpec previousKey;
    private final String previousKeyId;
    private final long lifetimeMs;
    private final long maxAgeMs;

    /**
     * @param secret         signs and verifies; at least {@link #MIN_SECRET_CHARS} characters, the same on every gateway.
     * @param previousSecret verifies only (the secret before a rotation), or null.
     * @param lifetimeMs     how long a token works after it was issued or renewed.
     * @param maxAgeMs       how long after the user gave their password no token works any more.
     */
    public TokenService(final String secret, final String previousSecret, final long lifetimeMs, final long maxAgeMs)
    {
        if (secret == null || secret.length() < MIN_SECRET_CHARS)
        {
            throw new IllegalArgumentException("the token secret must have at least " + MIN_SECRET_CHARS + " characters");
        }
        if (previousSecret != null && previousSecret.length() < MIN_SECRET_CHARS)
        {
            throw new IllegalArgumentException("the previous token secret must have at least " + MIN_SECRET_CHARS +
                " characters");
        }
        if (previousSecret != null && keyIdOf(previousSecret).equals(keyIdOf(secret)))
        {
            throw new IllegalArgumentException("the previous token secret is the current one");
        }
        if (lifetimeMs < 1_000 || maxAgeMs < lifetimeMs)
        {
            throw new IllegalArgumentException("a token must live at least 1 s, and the maximum age be at least that");
        }
        this.key = keyOf(secret);
        this.keyId = keyIdOf(secret);
        this.previousKey = previousSecret == null ? null : keyOf(previousSecret);
        this.previousKeyId = previousSecret == null ? null : keyIdOf(previousSecret);
        this.lifetimeMs = lifetimeMs;
        this.maxAgeMs = maxAgeMs;
    }

    /**
     * @return the id of a secret as tokens carry it: the first 6 bytes of
     * HMAC-SHA256(secret, "gamehall token key id"), base64url (it tells nothing of the secret).
     */
    public static String keyIdOf(final String secret)
    {
        final byte[] mac = mac(keyOf(secret), "gamehall token key id");
        return ENCODER.encodeToString(mac).substring(0, KEY_ID_CHARS);
    }

    /**
     * @return the id of the secret that signs.
     */
    public String keyId()
    {
        return keyId;
    }

    /**
     * @param userId     the account.
     * @param name       its name.
     * @param generation its token generation now.
     * @param authTimeMs when the user gave their password (now at a login; the old token's at a renewal).
     * @param nowMs      now.
     * @return a token, signed with the current secret.
     */
    public String issue(final long userId, final String name, final long generation, final long authTimeMs,
        final long nowMs)
    {
        return sign(new Claims(keyId, userId, name, generation, authTimeMs, expiryFrom(authTimeMs, nowMs)));
    }

    /**
     * @return when a token issued now for a session authenticated at {@code authTimeMs} expires:
     * the lifetime from now, but never past the maximum age.
     */
    public long expiryFrom(final long authTimeMs, final long nowMs)
    {
        return Math.min(nowMs + lifetimeMs, authTimeMs + maxAgeMs);
    }

    /**
     * Sign the claims as given (their keyId is replaced by the current one): {@link #issue} for
     * real tokens, tests for tokens of any content.
     */
    String sign(final Claims claims)
    {
        final String body = ENCODER.encodeToString((claims.userId() + ":" + claims.name() + ":" + claims.generation() +
            ":" + claims.authTimeMs() + ":" + claims.expiresAtMs()).getBytes(StandardCharsets.UTF_8));
        final String signed = keyId + "." + body;
        return signed + "." + ENCODER.encodeToString(mac(key, signed));
    }

    /**
     * @return what the token says (its generation is still to be compared with the account's).
     * @throws Refused INVALID (forged, damaged, an unknown key) or EXPIRED (too old, or its
     *                 session older than the maximum age).
     */
    public Claims verify(final String token, final long nowMs) throws Refused
    {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS)
        {
            throw new Refused(Problem.INVALID, "not a session token");
        }
        final int firstDot = token.indexOf('.');
        final int lastDot = token.lastIndexOf('.');
        if (firstDot <= 0 || lastDot <= firstDot + 1 || lastDot == token.length() - 1)
        {
            throw new Refused(Problem.INVALID, "not a session token");
        }
        final String tokenKeyId = token.substring(0, firstDot);
        final SecretKeySpec verifier = tokenKeyId.equals(keyId) ? key :
            previousKey != null && tokenKeyId.equals(previousKeyId) ? previousKey : null;
        if (verifier == null)
        {
            throw new Refused(Problem.INVALID, "the token was signed with a key this gateway does not have");
        }
        final String signed = token.substring(0, lastDot);
        final byte[] signature;
        final String text;
        try
        {
            signature = DECODER.decode(token.substring(lastDot + 1));
            text = new String(DECODER.decode(token.substring(firstDot + 1, lastDot)), StandardCharsets.UTF_8);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new Refused(Problem.INVALID, "not a session token");
        }
        if (!MessageDigest.isEqual(signature, mac(verifier, signed)))
        {
            throw new Refused(Problem.INVALID, "the token's signature is wrong");
        }
        final String[] parts = text.split(":", -1);
        if (parts.length != 5)
        {
            throw new Refused(Problem.INVALID, "not a session token");
        }
        final Claims claims;
        try
        {
            claims = new Claims(tokenKeyId, Long.parseLong(parts[0]), parts[1], Long.parseLong(parts[2]),
                Long.parseLong(parts[3]), Long.parseLong(parts[4]));
        }
        catch (final NumberFormatException ex)
        {
            throw new Refused(Problem.INVALID, "not a session token");
        }
        if (nowMs >= claims.expiresAtMs())
        {
            throw new Refused(Problem.EXPIRED, "the session token expired; log in again");
        }
        if (nowMs - claims.authTimeMs() >= maxAgeMs)
        {
            throw new Refused(Problem.EXPIRED, "the session is older than its maximum age; log in again");
        }
        return claims;
    }

    private static SecretKeySpec keyOf(final String secret)
    {
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    private static byte[] mac(final SecretKeySpec key, final String text)
    {
        try
        {
            final Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("HMAC-SHA256 is not available", ex);
        }
    }
}
