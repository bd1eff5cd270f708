package io.gamehall.store;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * Makes and checks password hashes: PBKDF2 with HMAC-SHA256 from the JDK, a 16-byte random salt
 * per password, a 32-byte key and {@link #DEFAULT_ITERATIONS} iterations (the OWASP 2023 figure
 * for this function). Deliberately slow (see the store README for the measured cost), so run it
 * off latency-sensitive threads. Verification compares in constant time.
 * <p>
 * Thread-safe.
 */
public final class PasswordHasher
{
    /** Iterations for new hashes unless configured otherwise. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** Fewest iterations accepted; only tests should go this low. */
    public static final int MIN_ITERATIONS = 1_000;
    /** Most iterations accepted, as a guard against a stored value that would stall a thread. */
    public static final int MAX_ITERATIONS = 10_000_000;
    /** Salt length in bytes. */
    public static final int SALT_BYTES = 16;
    /** Derived key length in bytes. */
    public static final int HASH_BYTES = 32;
    /** Longest password accepted, in characters. */
    public static final int MAX_PASSWORD_CHARS = 1024;

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";

    private final int iterations;
    private final SecureRandom random = new SecureRandom();
    private final PasswordHash decoy;

    /**
     * A hasher with {@link #DEFAULT_ITERATIONS}.
     */
    public PasswordHasher()
    {
        this(DEFAULT_ITERATIONS);
    }

    /**
     * @param iterations iterations for new hashes, {@link #MIN_ITERATIONS}..{@link #MAX_ITERATIONS}.
     */
    public PasswordHasher(final int iterations)
    {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS)
        {
            throw new IllegalArgumentException(
                "iterations must be " + MIN_ITERATIONS + ".." + MAX_ITERATIONS + ": " + iterations);
        }
        this.iterations = iterations;
        final byte[] decoySalt = new byte[SALT_BYTES];
        random.nextBytes(decoySalt);
        decoy = new PasswordHash(iterations, decoySalt, new byte[HASH_BYTES]);
    }

    public int iterations()
    {
        return iterations;
    }

    /**
     * Hash a new password with a fresh salt.
     *
     * @param password 1..{@link #MAX_PASSWORD_CHARS} characters; the caller may wipe it afterwards.
     * @return the hash to store.
     * @throws StoreException INVALID_ARGUMENT for an empty or too long password.
     */
    public PasswordHash hash(final char[] password)
    {
        checkPassword(password);
        final byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations));
    }

    /**
     * Check a password against a stored hash, with the hash's own iteration count, comparing the
     * keys in constant time.
     *
     * @param password what the user typed.
     * @param stored   the account's hash.
     * @return true when the password matches.
     */
    public boolean verify(final char[] password, final PasswordHash stored)
    {
        if (password.length == 0 || password.length > MAX_PASSWORD_CHARS ||
            stored.iterations() < MIN_ITERATIONS || stored.iterations() > MAX_ITERATIONS)
        {
            return false;
        }
        final byte[] derived = derive(password, stored.saltArray(), stored.iterations());
        return MessageDigest.isEqual(derived, stored.hashArray());
    }

    /**
     * Spend as long as a real {@link #verify(char[], PasswordHash)} and answer false: call it when
     * the account does not exist, so that timing does not tell which names are taken.
     *
     * @param password what the user typed.
     * @return false.
     */
    public boolean verifyAgainstDecoy(final char[] password)
    {
        final char[] probe = password.length == 0 || password.length > MAX_PASSWORD_CHARS ? new char[] {'x'} : password;
        verify(probe, decoy);
        return false;
    }

    /**
     * @param stored a stored hash.
     * @return true when it was made with fewer iterations than this hasher uses: hash the password
     * again after the next successful login.
     */
    public boolean needsRehash(final PasswordHash stored)
    {
        return stored.iterations() < iterations;
    }

    private static void checkPassword(final char[] password)
    {
        if (password.length == 0 || password.length > MAX_PASSWORD_CHARS)
        {
            throw new StoreException(StoreError.INVALID_ARGUMENT,
                "a password must have 1.." + MAX_PASSWORD_CHARS + " characters, not " + password.length);
        }
    }

    private static byte[] derive(final char[] password, final byte[] salt, final int iterations)
    {
        final PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BYTES * 8);
        try
        {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException(ALGORITHM + " is part of every JDK but failed here", ex);
        }
        finally
        {
            spec.clearPassword();
        }
    }

    /**
     * @return the parameters, for logs.
     */
    public String toString()
    {
        return "PasswordHasher{" + ALGORITHM + ", iterations=" + iterations + ", salt=" + SALT_BYTES +
            " bytes, key=" + HASH_BYTES + " bytes}";
    }
}
