package io.gamehall.store.kv;

/**
 * What the store needs from a storage engine: single-key reads and writes with compare-and-set,
 * and counters. Couchbase offers it natively; the Chronicle Map backend builds it on entry locks.
 * All record logic, key design and encoding live above it, in one place for both.
 * <p>
 * Calls block until done and are thread-safe. Outcomes that the caller's logic handles (absent,
 * exists, CAS mismatch) are return codes; failures of the storage itself throw
 * {@link io.gamehall.store.StoreException} with UNAVAILABLE, TIMEOUT, FULL or TOO_LARGE.
 */
public interface KeyValueBackend extends AutoCloseable
{
    /** The key is absent. */
    long NOT_FOUND = -1;
    /** An insert found the key present. */
    long EXISTS = -2;
    /** The key's CAS is not the one given: somebody wrote in between. */
    long CAS_MISMATCH = -3;

    /**
     * @param keyspace kind of record.
     * @param key      key within the keyspace.
     * @return the value and its CAS, or null when absent.
     */
    VersionedValue get(Keyspace keyspace, String key);

    /**
     * Create the key; fails if it exists.
     *
     * @return the new CAS, or {@link #EXISTS}.
     */
    long insert(Keyspace keyspace, String key, byte[] value);

    /**
     * Replace the value if its CAS is still {@code cas}.
     *
     * @return the new CAS, {@link #NOT_FOUND} or {@link #CAS_MISMATCH}.
     */
    long replace(Keyspace keyspace, String key, byte[] value, long cas);

    /**
     * Create or replace the value, whatever it was.
     *
     * @return the new CAS.
     */
    long upsert(Keyspace keyspace, String key, byte[] value);

    /**
     * Remove the key if its CAS is {@code cas}, or in any case when {@code cas} is 0.
     *
     * @return 0 when removed, {@link #NOT_FOUND} or {@link #CAS_MISMATCH}.
     */
    long remove(Keyspace keyspace, String key, long cas);

    /**
     * Add one to a counter, creating it at 1 when absent.
     *
     * @return the counter's new value.
     */
    long increment(Keyspace keyspace, String key);

    /**
     * @return what this backend is and where its data lives, for logs and errors.
     */
    String describe();

    /**
     * Release files or connections. Idempotent.
     */
    void close();
}
