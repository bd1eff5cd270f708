package io.gamehall.store;

/**
 * A user's account: a store-assigned id, a unique name, the salted password hash and the
 * generation of its session tokens.
 *
 * @param id              assigned by the store at creation, 1 and up, never reused.
 * @param name            as the user chose it; unique without regard to case.
 * @param passwordHash    see {@link PasswordHasher}.
 * @param createdTimeMs   when the store created it, ms since the epoch.
 * @param tokenGeneration carried by every session token issued for the account; raised by
 *                        {@link Store#revokeTokens(long)} (logout) and {@link Store#changePassword},
 *                        so that every token issued before stops resuming. 0 for a new account.
 */
public record Account(long id, String name, PasswordHash passwordHash, long createdTimeMs, long tokenGeneration)
{
    /**
     * An account whose tokens were never revoked (generation 0).
     */
    public Account(final long id, final String name, final PasswordHash passwordHash, final long createdTimeMs)
    {
        this(id, name, passwordHash, createdTimeMs, 0);
    }
}
