package io.gamehall.master.index;

import org.agrona.collections.Long2LongHashMap;

/**
 * A non-unique index with no order: for each key, an intrusive doubly-linked list of the
 * slots filed under it. Insert and remove are O(1) and never allocate in steady state, which
 * suits indexes that are updated on every command but walked only on rare events (a gateway
 * or host lost). The walk order is insertion order, which depends on history; callers that
 * produce output from a walk sort what they collect (see the directories).
 * <p>
 * A slot's key and links share one record, so filing or unfiling a slot reads one cache line
 * for the slot itself and one for each neighbour it is linked to.
 */
public final class KeyedLists
{
    private static final int STRIDE = 2;
    private static final int KEY = 0;
    /** Previous slot in the high 32 bits, next slot in the low 32 bits. */
    private static final int LINKS = 1;
    /** The links of a slot that is not filed. */
    private static final long NOT_FILED = pack(-2, -2);

    private final String name;
    private final Long2LongHashMap headByKey = new Long2LongHashMap(OrderedIndex.NONE);
    private final long[] nodes;
    private int size;

    /**
     * @param name     for error messages.
     * @param capacity number of slots the owning directory has.
     */
    public KeyedLists(final String name, final int capacity)
    {
        this.name = name;
        nodes = new long[capacity * STRIDE];
        for (int slot = 0; slot < capacity; slot++)
        {
            nodes[slot * STRIDE + LINKS] = NOT_FILED;
        }
    }

    public int size()
    {
        return size;
    }

    public boolean contains(final int slot)
    {
        return nodes[slot * STRIDE + LINKS] != NOT_FILED;
    }

    /**
     * File a slot under a key.
     */
    public void insert(final int slot, final long key)
    {
        if (contains(slot))
        {
            throw new IllegalStateException(name + ": slot already filed: " + slot);
        }
        final int head = (int)headByKey.get(key);
        nodes[slot * STRIDE + KEY] = key;
        nodes[slot * STRIDE + LINKS] = pack(OrderedIndex.NONE, head);
        if (head != OrderedIndex.NONE)
        {
            setPrevious(head, slot);
        }
        headByKey.put(key, slot);
        size++;
    }

    /**
     * Take a slot out of its list.
     */
    public void remove(final int slot)
    {
        final long links = nodes[slot * STRIDE + LINKS];
        if (links == NOT_FILED)
        {
            throw new IllegalStateException(name + ": slot not filed: " + slot);
        }
        final int before = (int)(links >> 32);
        final int after = (int)links;
        if (before != OrderedIndex.NONE)
        {
            setNext(before, after);
        }
        else if (after != OrderedIndex.NONE)
        {
            headByKey.put(keyOf(slot), after);
        }
        else
        {
            headByKey.remove(keyOf(slot));
        }
        if (after != OrderedIndex.NONE)
        {
            setPrevious(after, before);
        }
        nodes[slot * STRIDE + LINKS] = NOT_FILED;
        size--;
    }

    /**
     * @return the first slot filed under the key, or {@link OrderedIndex#NONE}.
     */
    public int head(final long key)
    {
        return (int)headByKey.get(key);
    }

    /**
     * @return the slot after this one under the same key, or {@link OrderedIndex#NONE}.
     */
    public int next(final int slot)
    {
        return (int)nodes[slot * STRIDE + LINKS];
    }

    /**
     * @return the key a slot is filed under.
     */
    public long keyOf(final int slot)
    {
        return nodes[slot * STRIDE + KEY];
    }

    /**
     * Check the links; for tests.
     *
     * @param currentKey reads the key a slot should be filed under now.
     * @return the first problem, or null.
     */
    public String verify(final java.util.function.IntToLongFunction currentKey)
    {
        final int[] walked = {0};
        final String[] problem = {null};
        headByKey.forEachLong((key, head) ->
        {
            int prev = OrderedIndex.NONE;
            for (int slot = (int)head; slot != OrderedIndex.NONE && problem[0] == null; slot = next(slot))
            {
                if (!contains(slot) || keyOf(slot) != key || currentKey.applyAsLong(slot) != key ||
                    previous(slot) != prev)
                {
                    problem[0] = name + ": bad entry at slot " + slot + " under key " + key;
                }
                prev = slot;
                if (++walked[0] > size)
                {
                    problem[0] = name + ": cycle";
                }
            }
        });
        if (problem[0] == null && walked[0] != size)
        {
            problem[0] = name + ": walked " + walked[0] + " entries, size says " + size;
        }
        return problem[0];
    }

    private int previous(final int slot)
    {
        return (int)(nodes[slot * STRIDE + LINKS] >> 32);
    }

    private void setPrevious(final int slot, final int previous)
    {
        final int at = slot * STRIDE + LINKS;
        nodes[at] = pack(previous, (int)nodes[at]);
    }

    private void setNext(final int slot, final int next)
    {
        final int at = slot * STRIDE + LINKS;
        nodes[at] = pack((int)(nodes[at] >> 32), next);
    }

    private static long pack(final int high, final int low)
    {
        return ((long)high << 32) | (low & 0xFFFF_FFFFL);
    }
}
