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
 * A failed check costs the configured iterations whatever it was checked against (a hash made
 * with fewer iterations, or the decoy of an unknown name), so that the time of a refused login
 * does not tell which names exist; {@link #needsRehash} says when a hash should be made again.
 * <p>
 * Thread-safe.
 */
public final class PasswordHasher
{
    /**
     * Derives the key of a password: PBKDF2 with HMAC-SHA256 ({@link #PBKDF2}); replaceable so
     * that tests can count the work done.
     */
    @FunctionalInterface
    public interface KeyDerivation
    {
        /**
         * @param password   the password; not changed.
         * @param salt       the salt.
         * @param iterations the iteration count, 1 and up.
         * @param keyBytes   the length of the key.
         * @return the derived key.
         */
        byte[] derive(char[] password, byte[] salt, int iterations, int keyBytes);
    }

    /** PBKDF2WithHmacSHA256 from the JDK. */
    public static final KeyDerivation PBKDF2 = PasswordHasher::pbkdf2;

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
    private static final char[] DECOY_PROBE = {'x'};

    private final int iterations;
    private final KeyDerivation derivation;
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
        this(iterations, PBKDF2);
    }

    /**
     * @param iterations iterations for new hashes, {@link #MIN_ITERATIONS}..{@link #MAX_ITERATIONS}.
     * @param derivation the key derivation ({@link #PBKDF2}; tests count through their own).
     */
    public PasswordHasher(final int iterations, final KeyDerivation derivation)
    {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS)
        {
            throw new IllegalArgumentException(
                "iterations must be " + MIN_ITERATIONS + ".." + MAX_ITERATIONS + ": " + iterations);
        }
        this.iterations = iterations;
        this.derivation = derivation;
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
        return new PasswordHash(iterations, salt, derivation.derive(password, salt, iterations, HASH_BYTES));
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
        if (password.length == 0 || password.length > MAX_PASSWORD_CHARS || !checkable(stored))
        {
            return false;
        }
        final byte[] derived = derivation.derive(password, stored.saltArray(), stored.iterations(), HASH_BYTES);
        return MessageDigest.isEqual(derived, stored.hashArray());
    }

    /**
     * Like {@link #verify(char[], PasswordHash)}, but a failure costs at least the configured
     * iterations: when the stored hash has fewer, the rest is spent on the decoy. A refused login
     * against an account hashed long ago then takes as long as one against an unknown name
     * ({@link #verifyAgainstDecoy}). A success costs the stored hash's own iterations (rehash it:
     * {@link #needsRehash}).
     *
     * @param password what the user typed.
     * @param stored   the account's hash.
     * @return true when the password matches.
     */
    public boolean verifyAtConfiguredCost(final char[] password, final PasswordHash stored)
    {
        final boolean valid = password.length > 0 && password.length <= MAX_PASSWORD_CHARS;
        final boolean matches = verify(password, stored);
        if (!matches)
        {
            final int spent = valid && checkable(stored) ? stored.iterations() : 0;
            if (spent < iterations)
            {
                derivation.derive(valid ? password : DECOY_PROBE, decoy.saltArray(), iterations - spent, HASH_BYTES);
            }
        }
        return matches;
    }

    private static boolean checkable(final PasswordHash stored)
    {
        return stored.iterations() >= MIN_ITERATIONS && stored.iterations() <= MAX_ITERATIONS;
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
        final char[] probe = password.length == 0 || password.length > MAX_PASSWORD_CHARS ? DECOY_PROBE : password;
        verify(probe, decoy);
        return false;
    }

    /**
     * @param stored a stored hash.
     * @return true when it was made with other iterations than this hasher uses: hash the password
     * again after the next successful login, so that every account costs the same to check.
     */
    public boolean needsRehash(final PasswordHash stored)
    {
        return stored.iterations() != iterations;
    }

    private static void checkPassword(final char[] password)
    {
        if (password.length == 0 || password.length > MAX_PASSWORD_CHARS)
        {
            throw new StoreException(StoreError.INVALID_ARGUMENT,
                "a password must have 1.." + MAX_PASSWORD_CHARS + " characters, not " + password.length);
        }
    }

    private static byte[] pbkdf2(final char[] password, final byte[] salt, final int iterations, final int keyBytes)
    {
        final PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, keyBytes * 8);
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
