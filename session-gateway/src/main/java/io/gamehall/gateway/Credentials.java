package io.gamehall.gateway;

import io.gamehall.store.Account;

import java.util.concurrent.CompletableFuture;

/**
 * Names and passwords checked within the login limits: the port {@link Authenticator}
 * implements, and tests fake. Every refusal fails the future with a {@link LoginRefused}.
 */
interface Credentials
{
    /**
     * @param address  the client's address key.
     * @param name     the name typed.
     * @param password the password typed.
     * @return the account.
     */
    CompletableFuture<Account> login(String address, String name, String password);

    /**
     * @return the new account.
     */
    CompletableFuture<Account> register(String address, String name, String password);

    /**
     * @return the account with its new hash and a raised token generation.
     */
    CompletableFuture<Account> changePassword(String address, long accountId, String name, String oldPassword,
        String newPassword);
}
