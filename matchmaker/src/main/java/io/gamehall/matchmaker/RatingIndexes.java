package io.gamehall.matchmaker;

import org.agrona.collections.Int2ObjectHashMap;

/**
 * The rating indexes of a partition: one for every ticket when the queue ignores regions, else
 * one per region that has waiting tickets. Region indexes are pooled: one that empties goes
 * back to the pool for the next new region, and at most {@code maxRegions} exist at once.
 * <p>
 * All indexes cover the same ratings, {@code [base, base + (buckets << shift))}, chosen so the
 * partition's range fits; {@link #cover(int, int)} re-bases them when the range grows past it
 * (the caller re-inserts the tickets). Which index serves which region, and where bucket edges
 * fall, never changes what a walk in rating order yields.
 */
final class RatingIndexes
{
    private final TicketTable tickets;
    private final boolean regionStrict;
    private final int maxRegions;
    private final int buckets;
    private final Int2ObjectHashMap<RatingIndex> byRegion;
    private final RatingIndex[] pool;
    private int pooled;
    private int created;
    private final RatingIndex all;
    private int base;
    private int shift;

    RatingIndexes(final TicketTable tickets, final boolean regionStrict, final int maxRegions, final int buckets)
    {
        this.tickets = tickets;
        this.regionStrict = regionStrict;
        this.maxRegions = regionStrict ? maxRegions : 1;
        this.buckets = buckets;
        byRegion = new Int2ObjectHashMap<>(Math.max(8, this.maxRegions * 2), 0.65f);
        pool = new RatingIndex[this.maxRegions];
        all = regionStrict ? null : new RatingIndex(tickets, buckets);
    }

    /**
     * Cover the ratings {@code [lower, upper)}; only when no ticket is indexed.
     */
    void cover(final int lower, final int upper)
    {
        final long width = (long)upper - lower;
        int s = 0;
        while (((long)buckets << s) < width)
        {
            s++;
        }
        base = lower;
        shift = s;
        if (all != null)
        {
            all.cover(base, shift);
        }
        for (int i = 0; i < pooled; i++)
        {
            pool[i].cover(base, shift);
        }
    }

    /**
     * @return whether a rating lies in the covered ratings.
     */
    boolean covers(final int rating)
    {
        final long offset = (long)rating - base;
        return offset >= 0 && (offset >> shift) < buckets;
    }

    /**
     * @return the index a ticket of this region is matched in, or null when none of its region waits.
     */
    RatingIndex find(final int region)
    {
        return regionStrict ? byRegion.get(region) : all;
    }

    /**
     * @return whether a ticket of this region could be indexed now (its region has an index, or there is room for one).
     */
    boolean hasRoomFor(final int region)
    {
        return !regionStrict || byRegion.get(region) != null || byRegion.size() < maxRegions;
    }

    /**
     * Put a ticket in its region's index, taking an index for the region when it has none.
     * The caller checked {@link #hasRoomFor(int)}.
     */
    void insert(final int slot)
    {
        if (!regionStrict)
        {
            all.insert(slot);
            return;
        }
        final int region = tickets.region(slot);
        RatingIndex index = byRegion.get(region);
        if (index == null)
        {
            index = take();
            byRegion.put(region, index);
        }
        index.insert(slot);
    }

    /**
     * Take a ticket out of its region's index; an index left empty goes back to the pool.
     */
    void remove(final int slot)
    {
        if (!regionStrict)
        {
            all.remove(slot);
            return;
        }
        final int region = tickets.region(slot);
        final RatingIndex index = byRegion.get(region);
        index.remove(slot);
        if (index.size() == 0)
        {
            byRegion.remove(region);
            pool[pooled++] = index;
        }
    }

    private RatingIndex take()
    {
        if (pooled > 0)
        {
            return pool[--pooled];
        }
        if (created >= maxRegions)
        {
            throw new IllegalStateException("more than " + maxRegions + " region indexes");
        }
        created++;
        final RatingIndex index = new RatingIndex(tickets, buckets);
        index.cover(base, shift);
        return index;
    }
}
