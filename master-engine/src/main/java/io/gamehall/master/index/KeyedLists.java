package io.gamehall.master.index;

import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * A non-unique index with no order: for each key, an intrusive doubly-linked list of the
 * slots filed under it. Insert and remove are O(1) and never allocate in steady state, which
 * suits indexes that are updated on every command but walked only on rare events (a gateway
 * or host lost). The walk order is insertion order, which depends on history; callers that
 * produce output from a walk sort what they collect (see the directories).
 */
public final class KeyedLists
{
    private final String name;
    private final Long2LongHashMap headByKey = new Long2LongHashMap(OrderedIndex.NONE);
    private final long[] keyOfSlot;
    private final int[] next;
    private final int[] previous;
    private final boolean[] present;
    private int size;

    /**
     * @param name     for error messages.
     * @param capacity number of slots the owning directory has.
     */
    public KeyedLists(final String name, final int capacity)
    {
        this.name = name;
        keyOfSlot = new long[capacity];
        next = new int[capacity];
        previous = new int[capacity];
        present = new boolean[capacity];
        Arrays.fill(next, OrderedIndex.NONE);
        Arrays.fill(previous, OrderedIndex.NONE);
    }

    public int size()
    {
        return size;
    }

    public boolean contains(final int slot)
    {
        return present[slot];
    }

    /**
     * File a slot under a key.
     */
    public void insert(final int slot, final long key)
    {
        if (present[slot])
        {
            throw new IllegalStateException(name + ": slot already filed: " + slot);
        }
        final int head = (int)headByKey.get(key);
        next[slot] = head;
        previous[slot] = OrderedIndex.NONE;
        if (head != OrderedIndex.NONE)
        {
            previous[head] = slot;
        }
        headByKey.put(key, slot);
        keyOfSlot[slot] = key;
        present[slot] = true;
        size++;
    }

    /**
     * Take a slot out of its list.
     */
    public void remove(final int slot)
    {
        if (!present[slot])
        {
            throw new IllegalStateException(name + ": slot not filed: " + slot);
        }
        final int before = previous[slot];
        final int after = next[slot];
        if (before != OrderedIndex.NONE)
        {
            next[before] = after;
        }
        else if (after != OrderedIndex.NONE)
        {
            headByKey.put(keyOfSlot[slot], after);
        }
        else
        {
            headByKey.remove(keyOfSlot[slot]);
        }
        if (after != OrderedIndex.NONE)
        {
            previous[after] = before;
        }
        next[slot] = OrderedIndex.NONE;
        previous[slot] = OrderedIndex.NONE;
        present[slot] = false;
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
        return next[slot];
    }

    /**
     * @return the key a slot is filed under.
     */
    public long keyOf(final int slot)
    {
        return keyOfSlot[slot];
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
            for (int slot = (int)head; slot != OrderedIndex.NONE && problem[0] == null; slot = next[slot])
            {
                if (!present[slot] || keyOfSlot[slot] != key || currentKey.applyAsLong(slot) != key ||
                    previous[slot] != prev)
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
}
