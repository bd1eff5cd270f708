package io.gamehall.store;

import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * Persistence for accounts, profiles, instance backups and game history, the same API over
 * Chronicle Map files (embedded default) or a Couchbase bucket; opened with
 * {@code io.gamehall.store.open.Stores.open(config)}.
 * <p>
 * Every method returns at once with a future. Operations on the same record run in the order they
 * were submitted; others run in parallel on the store's worker threads. A future completes when
 * the write is done in the storage, or fails with a {@link StoreException} whose
 * {@link StoreError} says why: NOT_FOUND, CONFLICT, INVALID_ARGUMENT, TOO_LARGE, FULL, CORRUPT,
 * UNAVAILABLE, TIMEOUT, OVERLOADED, CLOSED. Each operation has the configured deadline; every
 * write can be repeated safely after a TIMEOUT (see each method). Futures complete on the store's
 * threads: hand slow follow-up work to an executor of your own.
 */
public interface Store extends AutoCloseable
{
    /**
     * Create an account with a new id. Repeating a create that timed out returns the account it
     * made (recognised by its password hash).
     *
     * @param name         see {@link AccountName}; unique without regard to case.
     * @param passwordHash from {@link PasswordHasher#hash(char[])}.
     * @return the account; CONFLICT when the name is taken, INVALID_ARGUMENT for a bad name.
     */
    CompletableFuture<Account> createAccount(String name, PasswordHash passwordHash);

    /**
     * @param accountId the account id.
     * @return the account, or NOT_FOUND.
     */
    CompletableFuture<Account> account(long accountId);

    /**
     * @param name any case.
     * @return the account holding the name, or NOT_FOUND (also for a string that cannot be a
     * name, so that a login form learns nothing more from it).
     */
    CompletableFuture<Account> accountByName(String name);

    /**
     * Replace an account's password with a new one and raise its token generation, so that every
     * session token issued before stops resuming.
     *
     * @param accountId    the account.
     * @param passwordHash the new password's hash.
     * @return the updated account, or NOT_FOUND.
     */
    CompletableFuture<Account> changePassword(long accountId, PasswordHash passwordHash);

    /**
     * Store the same password hashed again (with the iterations now configured), after a
     * successful login: only while the stored hash is still {@code expected}, so a rehash never
     * undoes a password change made in between. The token generation is kept.
     *
     * @param accountId the account.
     * @param expected  the hash the password was just verified against.
     * @param rehashed  the same password's new hash.
     * @return the account as stored now (unchanged when its hash was no longer {@code expected}), or NOT_FOUND.
     */
    CompletableFuture<Account> rehashPassword(long accountId, PasswordHash expected, PasswordHash rehashed);

    /**
     * Raise an account's token generation (logout): every session token issued before stops
     * resuming.
     *
     * @param accountId the account.
     * @return the updated account, or NOT_FOUND.
     */
    CompletableFuture<Account> revokeTokens(long accountId);

    /**
     * @param accountId the account.
     * @return its profile, or NOT_FOUND.
     */
    CompletableFuture<Profile> profile(long accountId);

    /**
     * Create or replace a profile as a whole.
     *
     * @param profile the profile.
     * @return the profile as stored.
     */
    CompletableFuture<Profile> saveProfile(Profile profile);

    /**
     * Change a profile by a function of its current value (a result counted, last seen moved),
     * with compare-and-set: when another writer changed it in between, the function is applied
     * again to the new value. Not repeated by the store after UNAVAILABLE or TIMEOUT, as the
     * change might then be applied twice.
     *
     * @param accountId the account.
     * @param change    a pure function of the current profile; must keep the account id.
     * @return the profile as stored; NOT_FOUND when there is none; CONFLICT when other writers kept winning.
     */
    CompletableFuture<Profile> updateProfile(long accountId, UnaryOperator<Profile> change);

    /**
     * Save the latest state of a running instance. Only a higher version replaces the stored one,
     * so a slow, older writer can never overwrite a newer state. Saving the same version with the
     * same bytes again succeeds (a repeat after TIMEOUT). Retried with backoff while the storage
     * is unavailable, until the deadline.
     *
     * @param instanceId the instance.
     * @param version    1 and up, higher than any earlier save of this instance.
     * @param state      the game's state; at most the configured max-value-bytes.
     * @return the backup as stored; CONFLICT when the stored version is higher (or equal with other bytes).
     */
    CompletableFuture<InstanceBackup> saveBackup(long instanceId, long version, byte[] state);

    /**
     * @param instanceId the instance.
     * @return its latest backup, or NOT_FOUND.
     */
    CompletableFuture<InstanceBackup> backup(long instanceId);

    /**
     * Delete an instance's backup when its game ends. No tombstone is kept: a save after the
     * delete starts a new backup at any version, so the instance's host must stop saving first
     * (it is the only writer of its backups, and its saves and the delete run in order).
     *
     * @param instanceId the instance.
     * @return true when a backup was deleted, false when there was none.
     */
    CompletableFuture<Boolean> deleteBackup(long instanceId);

    /**
     * Store a finished game and add it to each player's history. Repeating it (after TIMEOUT)
     * completes what the first attempt left undone and adds nothing twice.
     *
     * @param game the game, at most the configured max-value-bytes encoded.
     * @return the game; CONFLICT when a different game with the same id is stored.
     */
    CompletableFuture<GameRecord> saveGame(GameRecord game);

    /**
     * @param gameId the game.
     * @return the game with every event, or NOT_FOUND.
     */
    CompletableFuture<GameRecord> game(long gameId);

    /**
     * A page of a user's finished games, newest first.
     *
     * @param userId the user.
     * @param before {@link HistoryPage#NEWEST}, or the previous page's {@link HistoryPage#nextCursor()}.
     * @param limit  1..max-history-limit games.
     * @return the page; empty when the user has no games.
     */
    CompletableFuture<HistoryPage> recentGames(long userId, long before, int limit);

    /**
     * @return operation counts so far (queued, failed, refused...).
     */
    StoreCounters counters();

    /**
     * @return which storage and where, for logs.
     */
    String describe();

    /**
     * Finish queued operations (within the close timeout), then release files or connections.
     */
    void close();
}
