package io.gamehall.master.directory;

/**
 * The slots of a directory's entities in ascending id order (signed, as {@link Long#compare}),
 * for snapshots, which write entities in id order: a least-significant-digit radix sort of the
 * ids carrying their slots, 11 bits a pass (2,048 counters, which stay in the cache), skipping
 * the passes whose digit is the same for every id (ids handed out in sequence differ only in
 * their low bits). Linear in the number of entities, and the snapshot then reads each entity
 * by its slot instead of looking its id up again.
 */
final class IdOrder
{
    private static final int DIGIT_BITS = 11;
    private static final int RADIX = 1 << DIGIT_BITS;
    private static final int DIGIT_MASK = RADIX - 1;

    private IdOrder()
    {
    }

    /**
     * Sort the first {@code count} ids ascending, moving each slot with its id.
     *
     * @param ids   entity ids, distinct; sorted in place.
     * @param slots the slot of each id; reordered with the ids.
     * @param count how many entries are used.
     */
    static void sort(final long[] ids, final int[] slots, final int count)
    {
        if (count < 2)
        {
            return;
        }
        long[] fromIds = ids;
        int[] fromSlots = slots;
        long[] toIds = new long[count];
        int[] toSlots = new int[count];
        final int[] counts = new int[RADIX];
        for (int shift = 0; shift < Long.SIZE; shift += DIGIT_BITS)
        {
            java.util.Arrays.fill(counts, 0);
            for (int i = 0; i < count; i++)
            {
                counts[digit(fromIds[i], shift)]++;
            }
            if (counts[digit(fromIds[0], shift)] == count)
            {
                continue;
            }
            int at = 0;
            for (int d = 0; d < RADIX; d++)
            {
                final int n = counts[d];
                counts[d] = at;
                at += n;
            }
            for (int i = 0; i < count; i++)
            {
                final int to = counts[digit(fromIds[i], shift)]++;
                toIds[to] = fromIds[i];
                toSlots[to] = fromSlots[i];
            }
            final long[] swapIds = fromIds;
            fromIds = toIds;
            toIds = swapIds;
            final int[] swapSlots = fromSlots;
            fromSlots = toSlots;
            toSlots = swapSlots;
        }
        if (fromIds != ids)
        {
            System.arraycopy(fromIds, 0, ids, 0, count);
            System.arraycopy(fromSlots, 0, slots, 0, count);
        }
    }

    /**
     * The digit of an id at a shift, its sign bit flipped so that negative ids sort first.
     */
    private static int digit(final long id, final int shift)
    {
        return (int)(((id ^ Long.MIN_VALUE) >>> shift) & DIGIT_MASK);
    }
}
