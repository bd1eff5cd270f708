package io.gamehall.gateway;

import io.gamehall.store.Account;
import io.gamehall.store.GameRecord;
import io.gamehall.store.HistoryPage;
import io.gamehall.store.InstanceBackup;
import io.gamehall.store.PasswordHash;
import io.gamehall.store.Profile;
import io.gamehall.store.Store;
import io.gamehall.store.StoreCounters;
import io.gamehall.store.StoreError;
import io.gamehall.store.StoreException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * The accounts and histories the gateway reads, in memory; what the gateway's roles never use
 * fails as unsupported. {@link #failure} makes every call fail (a store out of reach).
 */
final class FakeStore implements Store
{
    final Map<Long, Account> accounts = new ConcurrentHashMap<>();
    final Map<Long, HistoryPage> histories = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    StoreError failure;

    Account add(final long id, final String name, final long generation)
    {
        final Account account = new Account(id, name, null, 0, generation);
        accounts.put(id, account);
        return account;
    }

    private <T> CompletableFuture<T> answer(final T value)
    {
        if (failure != null)
        {
            return CompletableFuture.failedFuture(new StoreException(failure, "the store says " + failure));
        }
        return value == null ? CompletableFuture.failedFuture(new StoreException(StoreError.NOT_FOUND, "no such record")) :
            CompletableFuture.completedFuture(value);
    }

    private static <T> CompletableFuture<T> unsupported()
    {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("not a gateway role's call"));
    }

    @Override
    public CompletableFuture<Account> account(final long accountId)
    {
        calls.add("account " + accountId);
        return answer(accounts.get(accountId));
    }

    @Override
    public CompletableFuture<Account> revokeTokens(final long accountId)
    {
        calls.add("revokeTokens " + accountId);
        if (failure != null)
        {
            return answer(null);
        }
        final Account revoked = accounts.computeIfPresent(accountId, (id, a) ->
            new Account(a.id(), a.name(), a.passwordHash(), a.createdTimeMs(), a.tokenGeneration() + 1));
        return answer(revoked);
    }

    @Override
    public CompletableFuture<HistoryPage> recentGames(final long userId, final long before, final int limit)
    {
        calls.add("recentGames " + userId + " " + before + " " + limit);
        return answer(histories.getOrDefault(userId, new HistoryPage(List.of(), HistoryPage.END)));
    }

    @Override
    public CompletableFuture<Account> createAccount(final String name, final PasswordHash passwordHash)
    {
        return unsupported();
    }

    @Override
    public CompletableFuture<Account> accountByName(final String name)
    {
        return unsupported();
    }

    @Override
    public CompletableFuture<Account> changePassword(final long accountId, final PasswordHash passwordHash)
    {
        return unsupported();
    }

    @Override
    public CompletableFuture<Account> rehashPassword(final long accountId, final PasswordHash expected,
        final PasswordHash rehashed)
    {
        return unsupported();
    }

    @Override
    public CompletableFuture<Profile> profile(final long accountId)
    {
        return unsupported();
    }

    @Override
    public CompletableFuture<Profile> saveProfile(final Profile profile)
    {
        return unsupported();
    }

    @Override
    public CompletableFuture<Profile> updateProfile(final long accountId, final UnaryOperator<Profile> change)
    {
        return unsupported();
    }

    @Override
    public CompletableFuture<InstanceBackup> saveBackup(final long instanceId, final long version, final byte[] state)
    {
        return unsupported();
    }

    @Override
    public CompletableFuture<InstanceBackup> backup(final long instanceId)
    {
        return unsupported();
    }

    @Override
    public CompletableFuture<Boolean> deleteBackup(final long instanceId)
    {
        return unsupported();
    }

    @Override
    public CompletableFuture<GameRecord> saveGame(final GameRecord game)
    {
        return unsupported();
    }

    @Override
    public CompletableFuture<GameRecord> game(final long gameId)
    {
        return unsupported();
    }

    @Override
    public StoreCounters counters()
    {
        throw new UnsupportedOperationException("not a gateway role's call");
    }

    @Override
    public String describe()
    {
        return "fake store";
    }

    @Override
    public void close()
    {
    }
}
