/**
 * The storage engine seam: {@link io.gamehall.store.kv.KeyValueBackend} (single-key reads and
 * writes with compare-and-set, counters) and the {@link io.gamehall.store.kv.Keyspace}s that make
 * up the store's key design. Implemented by the Chronicle Map and Couchbase backends.
 */
package io.gamehall.store.kv;
