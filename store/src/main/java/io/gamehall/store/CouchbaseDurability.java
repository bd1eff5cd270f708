package io.gamehall.store;

/**
 * When Couchbase reports a write done: the SDK's durability levels, named the same. Anything but
 * {@link #NONE} needs a real cluster with replicas (CouchbaseMock rejects it).
 */
public enum CouchbaseDurability
{
    /** Done when the active node has it in memory. */
    NONE,
    /** Done when a majority of the replicas have it in memory. */
    MAJORITY,
    /** Majority in memory and persisted on the active node. */
    MAJORITY_AND_PERSIST_TO_ACTIVE,
    /** Persisted on a majority. */
    PERSIST_TO_MAJORITY
}
