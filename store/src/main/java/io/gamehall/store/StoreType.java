package io.gamehall.store;

/**
 * Which storage the store uses.
 */
public enum StoreType
{
    /** Chronicle Map files under a data directory: embedded, one process, no external service. */
    CHRONICLE,
    /** A Couchbase bucket, key-value access only: the distributed deployment. */
    COUCHBASE
}
