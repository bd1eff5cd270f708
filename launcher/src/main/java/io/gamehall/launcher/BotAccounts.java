package io.gamehall.launcher;

import io.gamehall.store.Account;
import io.gamehall.store.PasswordHash;
import io.gamehall.store.PasswordHasher;
import io.gamehall.store.Profile;
import io.gamehall.store.Store;
import io.gamehall.store.StoreError;
import io.gamehall.store.StoreException;

import java.util.concurrent.TimeUnit;

/**
 * Creates the bots' accounts of {@code gamehall local} straight in the store, with a cheap
 * password hash ({@link PasswordHasher#MIN_ITERATIONS}) so that making many is quick; the
 * gateway stores each bot's password hashed again with its own iterations at the bot's first
 * login, as it does for every hash made with other iterations than it uses.
 */
final class BotAccounts
{
    private static final long TIMEOUT_MS = 10_000;

    private BotAccounts()
    {
    }

    /**
     * Make sure {@code prefix + i} exists for every i below {@code count}; existing accounts are
     * left as they are.
     *
     * @return how many were created.
     */
    static int ensure(final Store store, final String prefix, final int count, final String password) throws Exception
    {
        final PasswordHasher hasher = new PasswordHasher(PasswordHasher.MIN_ITERATIONS);
        int created = 0;
        for (int i = 0; i < count; i++)
        {
            final String name = prefix + i;
            if (exists(store, name))
            {
                continue;
            }
            final PasswordHash hash = hasher.hash(password.toCharArray()); // a salt of its own per account
            final Account account = store.createAccount(name, hash).get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            store.saveProfile(Profile.initial(account.id(), account.name(), System.currentTimeMillis()))
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            created++;
        }
        return created;
    }

    private static boolean exists(final Store store, final String name) throws Exception
    {
        try
        {
            store.accountByName(name).get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return true;
        }
        catch (final java.util.concurrent.ExecutionException ex)
        {
            final StoreException failure = StoreException.unwrap(ex);
            if (failure != null && failure.error() == StoreError.NOT_FOUND)
            {
                return false;
            }
            throw ex;
        }
    }
}
