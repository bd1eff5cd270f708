package io.gamehall.store;

/**
 * When Couchbase reports a write done: the SDK's durability levels, named the same, and
 * {@link #AUTO} (the default), which picks one from the bucket's replicas when the store connects.
 * Anything but {@link #NONE} needs a real cluster (CouchbaseMock rejects it).
 */
public enum CouchbaseDurability
{
    /** Done when the active node has it in memory: a failover before replication loses it. */
    NONE,
    /** Done when a majority of the replicas have it in memory. */
    MAJORITY,
    /** Majority in memory and persisted on the active node. */
    MAJORITY_AND_PERSIST_TO_ACTIVE,
    /** Persisted on a majority. */
    PERSIST_TO_MAJORITY,
    /**
     * {@link #MAJORITY} when the bucket has replicas (or their number cannot be read), {@link #NONE}
     * when it has none (there is no copy to wait for).
     */
    AUTO
}
