/**
 * The store: accounts, profiles, instance backups and game history behind one asynchronous API,
 * {@link io.gamehall.store.Store}, over Chronicle Map files or Couchbase. Errors are
 * {@link io.gamehall.store.StoreException}s with a {@link io.gamehall.store.StoreError} code;
 * configuration is {@link io.gamehall.store.StoreConfig}; records are SBE-encoded with a checksum
 * ({@code store-records.xml}); passwords are hashed by {@link io.gamehall.store.PasswordHasher}.
 */
package io.gamehall.store;
