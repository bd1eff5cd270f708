package io.gamehall.replication;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A new random secret of the kind the master's clients and archives authenticate with: bytes
 * from {@link SecureRandom}, written in URL-safe Base64 without padding (so that it fits an
 * environment variable, a file and a command-line value alike). Used wherever a run makes its
 * own secrets: {@code gamehall secret}, a single node without an archive secret, and the
 * benchmarks' and kill loop's clusters.
 */
public final class RandomSecret
{
    /** Bytes of a secret unless asked otherwise: 256 bits. */
    public static final int DEFAULT_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomSecret()
    {
    }

    /**
     * @return a new secret of {@link #DEFAULT_BYTES} random bytes (43 characters).
     */
    public static String generate()
    {
        return generate(DEFAULT_BYTES);
    }

    /**
     * @param bytes how many random bytes, at least 1.
     * @return a new secret of that many random bytes, URL-safe Base64 without padding.
     */
    public static String generate(final int bytes)
    {
        if (bytes < 1)
        {
            throw new IllegalArgumentException("a secret needs at least 1 random byte: " + bytes);
        }
        final byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
