package io.gamehall.store.couchbase;

import io.gamehall.store.CouchbaseDurability;

/**
 * Which durability level the store's writes use: the configured one, or for
 * {@link CouchbaseDurability#AUTO} {@code MAJORITY} when the bucket has replicas, so that a move
 * a game host was told is saved survives a failover of the node that took it; {@code NONE} only
 * for a bucket without replicas, where nothing else could hold a copy.
 */
public final class DurabilityChoice
{
    /** The replica count could not be read from the bucket's configuration. */
    public static final int UNKNOWN_REPLICAS = -1;

    private DurabilityChoice()
    {
    }

    /**
     * @param configured the configured level.
     * @param replicas   the bucket's replicas, or {@link #UNKNOWN_REPLICAS}.
     * @return the level to write with (never AUTO).
     */
    public static CouchbaseDurability choose(final CouchbaseDurability configured, final int replicas)
    {
        if (configured != CouchbaseDurability.AUTO)
        {
            return configured;
        }
        return replicas == 0 ? CouchbaseDurability.NONE : CouchbaseDurability.MAJORITY;
    }
}
