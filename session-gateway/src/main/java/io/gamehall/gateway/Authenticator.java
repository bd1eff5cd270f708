package io.gamehall.gateway;

import io.gamehall.sbe.client.ClientCode;
import io.gamehall.store.Account;
import io.gamehall.store.AccountName;
import io.gamehall.store.PasswordHash;
import io.gamehall.store.PasswordHasher;
import io.gamehall.store.Profile;
import io.gamehall.store.Store;
import io.gamehall.store.StoreError;
import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Checks who a client is by name and password (login), makes accounts (register) and replaces
 * passwords, within the gateway's limits: back-off after failures per account and per address
 * ({@link LoginBackoff}), registrations per address ({@link KeyedQuota}), and the bounded
 * hashing queue ({@link PasswordWork}). A refusal is a {@link LoginRefused} with the client's
 * code; the store's own errors never reach the client as text.
 * <p>
 * A refused login costs the configured hashing work whether the name exists or not, and a
 * successful login with a hash made with other iterations than configured stores the password
 * hashed again.
 */
final class Authenticator implements Credentials
{
    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
    private static final String NOT_A_NAME = "\u0000not-a-name";

    private final Store store;
    private final PasswordHasher hasher;
    private final PasswordWork work;
    private final LoginBackoff accounts;
    private final LoginBackoff addresses;
    private final KeyedQuota registrations;
    private final int minPasswordLength;
    private final EpochClock clock;

    /**
     * What a password check found: whether it matched, and the new hash to store when the old
     * one was made with other iterations.
     */
    private record Check(boolean matches, PasswordHash rehashed)
    {
        static final Check FAILED = new Check(false, null);
    }

    Authenticator(
        final Store store,
        final PasswordHasher hasher,
        final PasswordWork work,
        final LoginBackoff accounts,
        final LoginBackoff addresses,
        final KeyedQuota registrations,
        final int minPasswordLength,
        final EpochClock clock)
    {
        this.store = store;
        this.hasher = hasher;
        this.work = work;
        this.accounts = accounts;
        this.addresses = addresses;
        this.registrations = registrations;
        this.minPasswordLength = minPasswordLength;
        this.clock = clock;
    }

    /**
     * @param address  the client's address key.
     * @param name     the name typed.
     * @param password the password typed.
     * @return the account; fails with {@link LoginRefused}: TOO_MANY_ATTEMPTS, OVERLOADED,
     * WRONG_CREDENTIALS (unknown name or wrong password alike), STORE_UNAVAILABLE...
     */
    @Override
    public CompletableFuture<Account> login(final String address, final String name, final String password)
    {
        final String accountKey = accountKey(name);
        final LoginRefused waiting = backedOff(accountKey, address);
        if (waiting != null)
        {
            return CompletableFuture.failedFuture(waiting);
        }
        if (password.length() > PasswordHasher.MAX_PASSWORD_CHARS)
        {
            failed(accountKey, address);
            return CompletableFuture.failedFuture(wrongCredentials());
        }
        final CompletableFuture<Account> result = store.accountByName(name)
            .handle((account, ex) ->
            {
                if (ex != null && StoreFailures.error(ex) != StoreError.NOT_FOUND)
                {
                    throw new CompletionException(ex);
                }
                return account;
            })
            .thenCompose(account -> work.submit(address, () -> check(account, password))
                .thenApply(check ->
                {
                    if (!check.matches())
                    {
                        failed(accountKey, address);
                        throw wrongCredentials();
                    }
                    accounts.succeeded(accountKey);
                    if (check.rehashed() != null)
                    {
                        rehash(account, check.rehashed());
                    }
                    return account;
                }));
        return refusals(result);
    }

    /**
     * @return the new account (with a profile); fails with {@link LoginRefused}: INVALID_NAME,
     * INVALID_PASSWORD, TOO_MANY_REGISTRATIONS, OVERLOADED, NAME_TAKEN...
     */
    @Override
    public CompletableFuture<Account> register(final String address, final String name, final String password)
    {
        if (!AccountName.isValid(name))
        {
            return CompletableFuture.failedFuture(new LoginRefused(ClientCode.INVALID_NAME, "a name has " +
                AccountName.MIN_LENGTH + ".." + AccountName.MAX_LENGTH + " characters from [A-Za-z0-9._-]"));
        }
        final LoginRefused badPassword = checkNewPassword(password);
        if (badPassword != null)
        {
            return CompletableFuture.failedFuture(badPassword);
        }
        final long wait = registrations.tryTake(address);
        if (wait > 0)
        {
            return CompletableFuture.failedFuture(new LoginRefused(ClientCode.TOO_MANY_REGISTRATIONS,
                "too many accounts registered from your address; try again in " + seconds(wait) + " s", wait));
        }
        final CompletableFuture<Account> result = work.submit(address, () -> hash(password))
            .thenCompose(hash -> store.createAccount(name, hash))
            .thenCompose(account -> store.saveProfile(Profile.initial(account.id(), account.name(), clock.time()))
                .thenApply(p -> account));
        return refusals(result, ClientCode.NAME_TAKEN, "the name " + name + " is taken");
    }

    /**
     * Replace the password of a logged-in user, who proves it with the old one.
     *
     * @return the account with its new hash and a raised token generation; fails with
     * {@link LoginRefused}: INVALID_PASSWORD, TOO_MANY_ATTEMPTS, OVERLOADED, WRONG_CREDENTIALS...
     */
    @Override
    public CompletableFuture<Account> changePassword(final String address, final long accountId, final String name,
        final String oldPassword, final String newPassword)
    {
        final LoginRefused badPassword = checkNewPassword(newPassword);
        if (badPassword != null)
        {
            return CompletableFuture.failedFuture(badPassword);
        }
        final String accountKey = accountKey(name);
        final LoginRefused waiting = backedOff(accountKey, address);
        if (waiting != null)
        {
            return CompletableFuture.failedFuture(waiting);
        }
        final CompletableFuture<Account> result = store.account(accountId)
            .thenCompose(account -> work.submit(address, () ->
                check(account, oldPassword).matches() ? hash(newPassword) : null))
            .thenCompose(hash ->
            {
                if (hash == null)
                {
                    failed(accountKey, address);
                    throw wrongCredentials();
                }
                accounts.succeeded(accountKey);
                return store.changePassword(accountId, hash);
            });
        return refusals(result);
    }

    /**
     * The hashing thread's part of a login: the password against the account's hash, or against
     * the decoy when there is no such account, at the configured cost either way.
     */
    private Check check(final Account account, final String password)
    {
        final char[] typed = password.toCharArray();
        try
        {
            if (account == null)
            {
                hasher.verifyAgainstDecoy(typed);
                return Check.FAILED;
            }
            final PasswordHash stored = account.passwordHash();
            if (!hasher.verifyAtConfiguredCost(typed, stored))
            {
                return Check.FAILED;
            }
            return new Check(true, hasher.needsRehash(stored) ? hasher.hash(typed) : null);
        }
        finally
        {
            Arrays.fill(typed, '\0');
        }
    }

    private PasswordHash hash(final String password)
    {
        final char[] typed = password.toCharArray();
        try
        {
            return hasher.hash(typed);
        }
        finally
        {
            Arrays.fill(typed, '\0');
        }
    }

    private void rehash(final Account account, final PasswordHash rehashed)
    {
        store.rehashPassword(account.id(), account.passwordHash(), rehashed).whenComplete((stored, ex) ->
        {
            if (ex != null)
            {
                LOG.warn("account {}: the password could not be stored hashed again: {}", account.id(),
                    StoreFailures.unwrap(ex).toString());
            }
        });
    }

    private LoginRefused checkNewPassword(final String password)
    {
        if (password.length() < minPasswordLength || password.length() > PasswordHasher.MAX_PASSWORD_CHARS)
        {
            return new LoginRefused(ClientCode.INVALID_PASSWORD, "a password has " + minPasswordLength + ".." +
                PasswordHasher.MAX_PASSWORD_CHARS + " characters");
        }
        return null;
    }

    private LoginRefused backedOff(final String accountKey, final String address)
    {
        final long wait = Math.max(accounts.retryAfterMs(accountKey), addresses.retryAfterMs(address));
        return wait <= 0 ? null : new LoginRefused(ClientCode.TOO_MANY_ATTEMPTS,
            "too many failed logins; try again in " + seconds(wait) + " s", wait);
    }

    private void failed(final String accountKey, final String address)
    {
        accounts.failed(accountKey);
        addresses.failed(address);
    }

    private static LoginRefused wrongCredentials()
    {
        return new LoginRefused(ClientCode.WRONG_CREDENTIALS, "wrong name or password");
    }

    /**
     * @return what the account back-off counts by: the name as the store makes names unique, so
     * "Alice" and "alice" share one; every string that cannot be a name shares one key.
     */
    static String accountKey(final String name)
    {
        return AccountName.isValid(name) ? AccountName.uniquenessKey(name) : NOT_A_NAME;
    }

    private static long seconds(final long ms)
    {
        return Math.max(1, (ms + 999) / 1000);
    }

    private static <T> CompletableFuture<T> refusals(final CompletableFuture<T> result)
    {
        return refusals(result, ClientCode.STORE_UNAVAILABLE, "the account is being changed elsewhere; try again");
    }

    /**
     * Turn every failure into a {@link LoginRefused}: ours as they are, the store's by its error
     * (with a fixed message; the detail goes to the log), anything else as INTERNAL.
     */
    private static <T> CompletableFuture<T> refusals(final CompletableFuture<T> result, final ClientCode onConflict,
        final String onConflictMessage)
    {
        return result.handle((value, ex) ->
        {
            if (ex == null)
            {
                return value;
            }
            final Throwable cause = StoreFailures.unwrap(ex);
            if (cause instanceof LoginRefused refused)
            {
                throw refused;
            }
            final StoreError error = StoreFailures.error(cause);
            if (error == StoreError.NOT_FOUND)
            {
                throw wrongCredentials();
            }
            if (error != StoreError.CONFLICT)
            {
                LOG.warn("authentication failed in the gateway: {}", cause.toString());
            }
            throw new LoginRefused(StoreFailures.code(cause, onConflict), StoreFailures.message(cause, onConflictMessage));
        });
    }

    @Override
    public String toString()
    {
        return "Authenticator{" + hasher + ", minPasswordLength=" + minPasswordLength + "}";
    }
}
