package io.gamehall.store;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A salted, slow hash of a password as {@link PasswordHasher} makes it: PBKDF2 with HMAC-SHA256,
 * the iteration count it was made with, a random salt and the derived key. The iteration count is
 * kept with each hash so it can be raised for new hashes without breaking old ones.
 */
public final class PasswordHash
{
    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    /**
     * @param iterations PBKDF2 iteration count used.
     * @param salt       random salt, copied.
     * @param hash       derived key, copied.
     */
    public PasswordHash(final int iterations, final byte[] salt, final byte[] hash)
    {
        this.iterations = iterations;
        this.salt = salt.clone();
        this.hash = hash.clone();
    }

    public int iterations()
    {
        return iterations;
    }

    /**
     * @return a copy of the salt.
     */
    public byte[] salt()
    {
        return salt.clone();
    }

    /**
     * @return a copy of the derived key.
     */
    public byte[] hash()
    {
        return hash.clone();
    }

    int saltLength()
    {
        return salt.length;
    }

    int hashLength()
    {
        return hash.length;
    }

    byte[] saltArray()
    {
        return salt;
    }

    byte[] hashArray()
    {
        return hash;
    }

    /**
     * Whether this is the very same hash (same salt, same key, same iterations), compared in
     * constant time. Two hashes of one password differ, because their salts differ.
     *
     * @param other the other hash.
     * @return true when equal.
     */
    public boolean sameAs(final PasswordHash other)
    {
        return iterations == other.iterations &&
            MessageDigest.isEqual(salt, other.salt) &&
            MessageDigest.isEqual(hash, other.hash);
    }

    public boolean equals(final Object o)
    {
        return o instanceof PasswordHash && sameAs((PasswordHash)o);
    }

    public int hashCode()
    {
        return 31 * iterations + Arrays.hashCode(salt);
    }

    /**
     * @return the parameters only: never the salt or the key.
     */
    public String toString()
    {
        return "PasswordHash{PBKDF2WithHmacSHA256, iterations=" + iterations + '}';
    }
}
