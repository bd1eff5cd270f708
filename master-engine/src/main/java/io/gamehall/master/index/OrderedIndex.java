package io.gamehall.master.index;

import org.agrona.collections.Long2LongHashMap;

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
 * never touch the entities. The caller must therefore remove an entry before changing its key
 * or id and insert it again after: the directories do that in one place per field, never in
 * command handlers; {@link #verify()} detects a missed update.
 * <p>
 * Laid out for few cache misses, because searches descend and walk these trees on every
 * page: a node's key, id, children, parent and in-order successor share one record of four
 * longs, so a step of a descent reads one record; and the nodes are threaded in order
 * (successor links kept on insert and remove), so {@link #next(int)} and {@link #first()}
 * cost one read instead of a walk of the tree.
 * <p>
 * An index built with {@code firstByKey} also keeps the first entry of every key in a small
 * hash map (its key count, not its entry count), kept in step on insert and remove in O(1)
 * thanks to the in-order links. Seeking from the start of a key, the common case of a
 * search's first page, then costs no descent; see {@link #ceilingWithKey(long, long)}.
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

    private static final int STRIDE = 4;
    private static final int KEY = 0;
    private static final int ID = 1;
    /** Left child in the high 32 bits, right child in the low 32 bits. */
    private static final int CHILDREN = 2;
    /** Parent in the high 32 bits, in-order successor in the low 32 bits. */
    private static final int LINKS = 3;
    private static final long NO_LINKS = pack(NONE, NONE);

    private final String name;
    private final Keys keys;
    private final long[] nodes;
    private final int[] previous;
    private final boolean[] present;
    private final Long2LongHashMap firstByKey;
    private int root = NONE;
    private int head = NONE;
    private int size;

    /**
     * @param name     for error messages.
     * @param capacity number of slots the owning directory has.
     * @param keys     how to read the ordering of a slot.
     */
    public OrderedIndex(final String name, final int capacity, final Keys keys)
    {
        this(name, capacity, keys, false);
    }

    /**
     * @param name       for error messages.
     * @param capacity   number of slots the owning directory has.
     * @param keys       how to read the ordering of a slot.
     * @param firstByKey whether to keep the first entry of each key at hand.
     */
    public OrderedIndex(final String name, final int capacity, final Keys keys, final boolean firstByKey)
    {
        this.name = name;
        this.firstByKey = firstByKey ? new Long2LongHashMap(NONE) : null;
        this.keys = keys;
        nodes = new long[capacity * STRIDE];
        previous = new int[capacity];
        present = new boolean[capacity];
        for (int slot = 0; slot < capacity; slot++)
        {
            nodes[slot * STRIDE + CHILDREN] = NO_LINKS;
            nodes[slot * STRIDE + LINKS] = NO_LINKS;
        }
        Arrays.fill(previous, NONE);
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
        final long key = keys.key(slot);
        final long id = keys.id(slot);
        final int at = slot * STRIDE;
        present[slot] = true;
        nodes[at + KEY] = key;
        nodes[at + ID] = id;
        nodes[at + CHILDREN] = NO_LINKS;
        size++;

        int predecessor = NONE;
        int successor = NONE;
        int parent = NONE;
        int node = root;
        while (node != NONE)
        {
            parent = node;
            if (compare(key, id, node) < 0)
            {
                successor = node;
                node = left(node);
            }
            else
            {
                predecessor = node;
                node = right(node);
            }
        }
        nodes[at + LINKS] = pack(parent, successor);
        if (parent == NONE)
        {
            root = slot;
        }
        else if (parent == successor)
        {
            setLeft(parent, slot);
        }
        else
        {
            setRight(parent, slot);
        }

        previous[slot] = predecessor;
        if (firstByKey != null && (predecessor == NONE || keyOf(predecessor) != key))
        {
            firstByKey.put(key, slot);
        }
        if (predecessor == NONE)
        {
            head = slot;
        }
        else
        {
            setNext(predecessor, slot);
        }
        if (successor != NONE)
        {
            previous[successor] = slot;
        }

        final int priority = priority(slot);
        int up;
        while ((up = parent(slot)) != NONE && priority(up) < priority)
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

        int left;
        int right;
        while ((left = left(slot)) != NONE && (right = right(slot)) != NONE)
        {
            rotateUp(priority(left) > priority(right) ? left : right);
        }
        final int child = left != NONE ? left : right(slot);
        final int parent = parent(slot);
        replaceChild(parent, slot, child);
        if (child != NONE)
        {
            setParent(child, parent);
        }

        final int before = previous[slot];
        final int after = next(slot);
        if (firstByKey != null)
        {
            final long key = keyOf(slot);
            if (before == NONE || keyOf(before) != key)
            {
                if (after != NONE && keyOf(after) == key)
                {
                    firstByKey.put(key, after);
                }
                else
                {
                    firstByKey.remove(key);
                }
            }
        }
        if (before == NONE)
        {
            head = after;
        }
        else
        {
            setNext(before, after);
        }
        if (after != NONE)
        {
            previous[after] = before;
        }

        present[slot] = false;
        previous[slot] = NONE;
        nodes[slot * STRIDE + CHILDREN] = NO_LINKS;
        nodes[slot * STRIDE + LINKS] = NO_LINKS;
        size--;
    }

    /**
     * @return the smallest entry, or {@link #NONE}.
     */
    public int first()
    {
        return head;
    }

    /**
     * @param slot an entry.
     * @return the next entry in order, or {@link #NONE}.
     */
    public int next(final int slot)
    {
        return (int)nodes[slot * STRIDE + LINKS];
    }

    /**
     * @param key the key to seek.
     * @param id  the id to seek within the key.
     * @return the first entry at or after {@code (key, id)}, or {@link #NONE}.
     */
    public int ceiling(final long key, final long id)
    {
        final long[] nodes = this.nodes;
        int node = root;
        int candidate = NONE;
        while (node != NONE)
        {
            final int at = node * STRIDE;
            final long nodeKey = nodes[at + KEY];
            final long children = nodes[at + CHILDREN];
            if (key < nodeKey || (key == nodeKey && id <= nodes[at + ID]))
            {
                candidate = node;
                node = (int)(children >> 32);
            }
            else
            {
                node = (int)children;
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
        if (firstByKey != null)
        {
            return (int)firstByKey.get(key);
        }
        final int slot = ceiling(key, Long.MIN_VALUE);
        return slot != NONE && keyOf(slot) == key ? slot : NONE;
    }

    /**
     * @param key the key to seek.
     * @param id  the id to seek within the key.
     * @return the first entry at or after {@code (key, id)} if it has exactly this key, else {@link #NONE}.
     */
    public int ceilingWithKey(final long key, final long id)
    {
        final int first = firstWithKey(key);
        if (first == NONE || id <= idOf(first))
        {
            return first;
        }
        final int slot = ceiling(key, id);
        return slot != NONE && keyOf(slot) == key ? slot : NONE;
    }

    /**
     * @param slot an entry.
     * @return the key the entry was indexed under.
     */
    public long keyOf(final int slot)
    {
        return nodes[slot * STRIDE + KEY];
    }

    /**
     * @param slot an entry.
     * @return the id the entry was indexed under.
     */
    public long idOf(final int slot)
    {
        return nodes[slot * STRIDE + ID];
    }

    /**
     * Check the tree's invariants and the in-order links against the tree; for tests.
     *
     * @return a description of the first broken invariant, or null when the index is sound.
     */
    public String verify()
    {
        int count = 0;
        int before = NONE;
        final int treeFirst = root == NONE ? NONE : leftmost(root);
        if (treeFirst != head)
        {
            return name + ": first entry " + head + " but the tree starts at " + treeFirst;
        }
        for (int slot = treeFirst; slot != NONE; slot = treeSuccessor(slot))
        {
            if (!present[slot])
            {
                return name + ": reachable slot not marked present: " + slot;
            }
            if (keyOf(slot) != keys.key(slot) || idOf(slot) != keys.id(slot))
            {
                return name + ": entry of slot " + slot + " changed its key or id while indexed";
            }
            if (before != NONE && compare(keyOf(slot), idOf(slot), before) <= 0)
            {
                return name + ": out of order at slot " + slot;
            }
            if (previous[slot] != before || (before != NONE && next(before) != slot))
            {
                return name + ": in-order links broken at slot " + slot;
            }
            final int left = left(slot);
            final int right = right(slot);
            if (left != NONE && (parent(left) != slot || priority(left) > priority(slot)))
            {
                return name + ": bad left link at slot " + slot;
            }
            if (right != NONE && (parent(right) != slot || priority(right) > priority(slot)))
            {
                return name + ": bad right link at slot " + slot;
            }
            before = slot;
            if (++count > size)
            {
                return name + ": cycle or more entries than size " + size;
            }
        }
        if (before != NONE && next(before) != NONE)
        {
            return name + ": last entry " + before + " has a successor link";
        }
        if (firstByKey != null)
        {
            int firsts = 0;
            for (int slot = head; slot != NONE; slot = next(slot))
            {
                if (previous[slot] == NONE || keyOf(previous[slot]) != keyOf(slot))
                {
                    firsts++;
                    if (firstByKey.get(keyOf(slot)) != slot)
                    {
                        return name + ": first entry of key " + keyOf(slot) + " is not " + slot;
                    }
                }
            }
            if (firsts != firstByKey.size())
            {
                return name + ": " + firstByKey.size() + " keys at hand, " + firsts + " in the index";
            }
        }
        return count == size ? null : name + ": walked " + count + " entries, size says " + size;
    }

    private int compare(final long key, final long id, final int slot)
    {
        final int at = slot * STRIDE;
        final int byKey = Long.compare(key, nodes[at + KEY]);
        return byKey != 0 ? byKey : Long.compare(id, nodes[at + ID]);
    }

    private int treeSuccessor(final int slot)
    {
        final int right = right(slot);
        if (right != NONE)
        {
            return leftmost(right);
        }
        int child = slot;
        int node = parent(slot);
        while (node != NONE && right(node) == child)
        {
            child = node;
            node = parent(node);
        }
        return node;
    }

    private int leftmost(final int from)
    {
        int node = from;
        int left;
        while ((left = left(node)) != NONE)
        {
            node = left;
        }
        return node;
    }

    private void rotateUp(final int node)
    {
        final int up = parent(node);
        final int grand = parent(up);
        if (left(up) == node)
        {
            final int moved = right(node);
            setLeft(up, moved);
            if (moved != NONE)
            {
                setParent(moved, up);
            }
            setRight(node, up);
        }
        else
        {
            final int moved = left(node);
            setRight(up, moved);
            if (moved != NONE)
            {
                setParent(moved, up);
            }
            setLeft(node, up);
        }
        setParent(up, node);
        setParent(node, grand);
        replaceChild(grand, up, node);
    }

    private void replaceChild(final int of, final int oldChild, final int newChild)
    {
        if (of == NONE)
        {
            root = newChild;
        }
        else if (left(of) == oldChild)
        {
            setLeft(of, newChild);
        }
        else
        {
            setRight(of, newChild);
        }
    }

    private int left(final int slot)
    {
        return (int)(nodes[slot * STRIDE + CHILDREN] >> 32);
    }

    private int right(final int slot)
    {
        return (int)nodes[slot * STRIDE + CHILDREN];
    }

    private int parent(final int slot)
    {
        return (int)(nodes[slot * STRIDE + LINKS] >> 32);
    }

    private void setLeft(final int slot, final int left)
    {
        final int at = slot * STRIDE + CHILDREN;
        nodes[at] = pack(left, (int)nodes[at]);
    }

    private void setRight(final int slot, final int right)
    {
        final int at = slot * STRIDE + CHILDREN;
        nodes[at] = pack((int)(nodes[at] >> 32), right);
    }

    private void setParent(final int slot, final int parent)
    {
        final int at = slot * STRIDE + LINKS;
        nodes[at] = pack(parent, (int)nodes[at]);
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

    private static int priority(final int slot)
    {
        int h = slot * 0x9E3779B9;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h;
    }
}
