package io.gamehall.master.index;

import java.util.Arrays;

/**
 * An ordered secondary index over the slots of a directory: entries are kept sorted by a
 * {@code (key, id)} pair read through {@link Keys}, so it serves as a unique ordered index,
 * a non-unique index (many ids under one key, in id order) and a range index alike.
 * <p>
 * The index is intrusive: every entity slot owns one node, so inserting or removing never
 * allocates. It is a treap whose priorities are a fixed hash of the slot number; the shape of
 * the tree therefore depends on slot numbers but the order it yields depends only on keys and
 * ids, which keeps every output deterministic.
 * <p>
 * The key and id of an entry are copied into the index when it is inserted, so comparisons
 * never touch the entities (fewer cache misses). The caller must therefore remove an entry
 * before changing its key or id and insert it again after: the directories do that in one
 * place per field, never in command handlers; {@link #verify()} detects a missed update.
 */
public final class OrderedIndex
{
    /** Slot value meaning "no entry". */
    public static final int NONE = -1;

    /** Reads the ordering of a slot. */
    public interface Keys
    {
        /**
         * @param slot an entity slot.
         * @return the primary sort key of the entity in that slot.
         */
        long key(int slot);

        /**
         * @param slot an entity slot.
         * @return the entity id, the tie-breaker within one key.
         */
        long id(int slot);
    }

    private final String name;
    private final Keys keys;
    private final int[] left;
    private final int[] right;
    private final int[] parent;
    private final boolean[] present;
    private final long[] entryKeys;
    private final long[] entryIds;
    private int root = NONE;
    private int size;

    /**
     * @param name     for error messages.
     * @param capacity number of slots the owning directory has.
     * @param keys     how to read the ordering of a slot.
     */
    public OrderedIndex(final String name, final int capacity, final Keys keys)
    {
        this.name = name;
        this.keys = keys;
        left = new int[capacity];
        right = new int[capacity];
        parent = new int[capacity];
        present = new boolean[capacity];
        entryKeys = new long[capacity];
        entryIds = new long[capacity];
        Arrays.fill(left, NONE);
        Arrays.fill(right, NONE);
        Arrays.fill(parent, NONE);
    }

    /**
     * @return number of entries.
     */
    public int size()
    {
        return size;
    }

    /**
     * @param slot an entity slot.
     * @return true when the slot is in this index.
     */
    public boolean contains(final int slot)
    {
        return present[slot];
    }

    /**
     * Add a slot at the position its current key and id give it.
     *
     * @param slot an entity slot not yet in the index.
     */
    public void insert(final int slot)
    {
        if (present[slot])
        {
            throw new IllegalStateException(name + ": slot already indexed: " + slot);
        }
        present[slot] = true;
        left[slot] = NONE;
        right[slot] = NONE;
        final long key = keys.key(slot);
        final long id = keys.id(slot);
        entryKeys[slot] = key;
        entryIds[slot] = id;
        size++;

        if (root == NONE)
        {
            root = slot;
            parent[slot] = NONE;
            return;
        }

        int node = root;
        while (true)
        {
            final int cmp = compare(key, id, node);
            if (cmp < 0)
            {
                if (left[node] == NONE)
                {
                    left[node] = slot;
                    break;
                }
                node = left[node];
            }
            else
            {
                if (right[node] == NONE)
                {
                    right[node] = slot;
                    break;
                }
                node = right[node];
            }
        }
        parent[slot] = node;

        final int priority = priority(slot);
        while (parent[slot] != NONE && priority(parent[slot]) < priority)
        {
            rotateUp(slot);
        }
    }

    /**
     * Remove a slot.
     *
     * @param slot an entity slot in the index.
     */
    public void remove(final int slot)
    {
        if (!present[slot])
        {
            throw new IllegalStateException(name + ": slot not indexed: " + slot);
        }

        while (left[slot] != NONE && right[slot] != NONE)
        {
            final int child = priority(left[slot]) > priority(right[slot]) ? left[slot] : right[slot];
            rotateUp(child);
        }

        final int child = left[slot] != NONE ? left[slot] : right[slot];
        replaceChild(parent[slot], slot, child);
        if (child != NONE)
        {
            parent[child] = parent[slot];
        }

        present[slot] = false;
        left[slot] = NONE;
        right[slot] = NONE;
        parent[slot] = NONE;
        size--;
    }

    /**
     * @return the smallest entry, or {@link #NONE}.
     */
    public int first()
    {
        return root == NONE ? NONE : leftmost(root);
    }

    /**
     * @param slot an entry.
     * @return the next entry in order, or {@link #NONE}.
     */
    public int next(final int slot)
    {
        if (right[slot] != NONE)
        {
            return leftmost(right[slot]);
        }
        int child = slot;
        int node = parent[slot];
        while (node != NONE && right[node] == child)
        {
            child = node;
            node = parent[node];
        }
        return node;
    }

    /**
     * @param key the key to seek.
     * @param id  the id to seek within the key.
     * @return the first entry at or after {@code (key, id)}, or {@link #NONE}.
     */
    public int ceiling(final long key, final long id)
    {
        int node = root;
        int candidate = NONE;
        while (node != NONE)
        {
            if (compare(key, id, node) <= 0)
            {
                candidate = node;
                node = left[node];
            }
            else
            {
                node = right[node];
            }
        }
        return candidate;
    }

    /**
     * @param key the key to look for.
     * @return the first entry with exactly this key, or {@link #NONE}.
     */
    public int firstWithKey(final long key)
    {
        final int slot = ceiling(key, Long.MIN_VALUE);
        return slot != NONE && entryKeys[slot] == key ? slot : NONE;
    }

    /**
     * Check the tree's invariants; for tests.
     *
     * @return a description of the first broken invariant, or null when the index is sound.
     */
    public String verify()
    {
        int count = 0;
        int previous = NONE;
        for (int slot = first(); slot != NONE; slot = next(slot))
        {
            if (!present[slot])
            {
                return name + ": reachable slot not marked present: " + slot;
            }
            if (entryKeys[slot] != keys.key(slot) || entryIds[slot] != keys.id(slot))
            {
                return name + ": entry of slot " + slot + " changed its key or id while indexed";
            }
            if (previous != NONE && compare(entryKeys[slot], entryIds[slot], previous) <= 0)
            {
                return name + ": out of order at slot " + slot;
            }
            if (left[slot] != NONE && (parent[left[slot]] != slot || priority(left[slot]) > priority(slot)))
            {
                return name + ": bad left link at slot " + slot;
            }
            if (right[slot] != NONE && (parent[right[slot]] != slot || priority(right[slot]) > priority(slot)))
            {
                return name + ": bad right link at slot " + slot;
            }
            previous = slot;
            if (++count > size)
            {
                return name + ": cycle or more entries than size " + size;
            }
        }
        return count == size ? null : name + ": walked " + count + " entries, size says " + size;
    }

    private int compare(final long key, final long id, final int slot)
    {
        final int byKey = Long.compare(key, entryKeys[slot]);
        return byKey != 0 ? byKey : Long.compare(id, entryIds[slot]);
    }

    /**
     * @param slot an entry.
     * @return the key the entry was indexed under.
     */
    public long keyOf(final int slot)
    {
        return entryKeys[slot];
    }

    private int leftmost(final int from)
    {
        int node = from;
        while (left[node] != NONE)
        {
            node = left[node];
        }
        return node;
    }

    private void rotateUp(final int node)
    {
        final int up = parent[node];
        final int grand = parent[up];
        if (left[up] == node)
        {
            left[up] = right[node];
            if (right[node] != NONE)
            {
                parent[right[node]] = up;
            }
            right[node] = up;
        }
        else
        {
            right[up] = left[node];
            if (left[node] != NONE)
            {
                parent[left[node]] = up;
            }
            left[node] = up;
        }
        parent[up] = node;
        parent[node] = grand;
        replaceChild(grand, up, node);
    }

    private void replaceChild(final int of, final int oldChild, final int newChild)
    {
        if (of == NONE)
        {
            root = newChild;
        }
        else if (left[of] == oldChild)
        {
            left[of] = newChild;
        }
        else
        {
            right[of] = newChild;
        }
    }

    private static int priority(final int slot)
    {
        int h = slot * 0x9E3779B9;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h;
    }
}
