package io.gamehall.store;

/**
 * A user's account: a store-assigned id, a unique name and the salted password hash.
 *
 * @param id            assigned by the store at creation, 1 and up, never reused.
 * @param name          as the user chose it; unique without regard to case.
 * @param passwordHash  see {@link PasswordHasher}.
 * @param createdTimeMs when the store created it, ms since the epoch.
 */
public record Account(long id, String name, PasswordHash passwordHash, long createdTimeMs)
{
}
