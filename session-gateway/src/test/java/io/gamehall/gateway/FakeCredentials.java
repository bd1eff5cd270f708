package io.gamehall.gateway;

import io.gamehall.store.Account;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Credentials decided by the test: every check answers {@link #answer} (an account, or a failure
 * such as a {@link LoginRefused}); the checks asked for, as lines of text.
 */
final class FakeCredentials implements Credentials
{
    final List<String> calls = new CopyOnWriteArrayList<>();
    CompletableFuture<Account> answer = new CompletableFuture<>();

    @Override
    public CompletableFuture<Account> login(final String address, final String name, final String password)
    {
        calls.add("login " + name + " " + password);
        return answer;
    }

    @Override
    public CompletableFuture<Account> register(final String address, final String name, final String password)
    {
        calls.add("register " + name + " " + password);
        return answer;
    }

    @Override
    public CompletableFuture<Account> changePassword(final String address, final long accountId, final String name,
        final String oldPassword, final String newPassword)
    {
        calls.add("changePassword " + accountId + " " + name + " " + oldPassword + " " + newPassword);
        return answer;
    }
}
