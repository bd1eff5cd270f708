package io.gamehall.master.index;

/**
 * A unique index from an ASCII name to the slot of the entity that holds it.
 * <p>
 * Open addressing with linear probing and backward-shift deletion over a table sized
 * at construction, so lookups by a name held in a scratch byte array never allocate.
 * The names themselves stay in the entities; the index reads them through {@link Names}.
 */
public final class NameIndex
{
    /** Reads the name bytes held by a slot. */
    public interface Names
    {
        /**
         * @param slot an entity slot.
         * @return the array holding the name; only the first {@link #nameLength(int)} bytes count.
         */
        byte[] nameBytes(int slot);

        /**
         * @param slot an entity slot.
         * @return the name length in bytes.
         */
        int nameLength(int slot);
    }

    private static final int EMPTY = -1;

    private final Names names;
    private final int[] slots;
    private final int[] hashes;
    private final int mask;
    private int size;

    /**
     * @param capacity max number of names.
     * @param names    how to read a slot's name.
     */
    public NameIndex(final int capacity, final Names names)
    {
        this.names = names;
        int tableSize = 16;
        while (tableSize < capacity * 2)
        {
            tableSize <<= 1;
        }
        slots = new int[tableSize];
        hashes = new int[tableSize];
        java.util.Arrays.fill(slots, EMPTY);
        mask = tableSize - 1;
    }

    /**
     * @return number of names indexed.
     */
    public int size()
    {
        return size;
    }

    /**
     * @param name   name bytes.
     * @param length name length.
     * @return the slot holding that name, or {@link OrderedIndex#NONE}.
     */
    public int find(final byte[] name, final int length)
    {
        final int hash = hash(name, length);
        for (int i = hash & mask; slots[i] != EMPTY; i = (i + 1) & mask)
        {
            if (hashes[i] == hash && sameName(slots[i], name, length))
            {
                return slots[i];
            }
        }
        return OrderedIndex.NONE;
    }

    /**
     * Index a slot under its current name, which must not be taken.
     *
     * @param slot an entity slot.
     */
    public void insert(final int slot)
    {
        final byte[] name = names.nameBytes(slot);
        final int length = names.nameLength(slot);
        if (find(name, length) != OrderedIndex.NONE)
        {
            throw new IllegalStateException("name already indexed");
        }
        if (size >= (slots.length >> 1))
        {
            throw new IllegalStateException("name index full: " + size);
        }
        final int hash = hash(name, length);
        int i = hash & mask;
        while (slots[i] != EMPTY)
        {
            i = (i + 1) & mask;
        }
        slots[i] = slot;
        hashes[i] = hash;
        size++;
    }

    /**
     * Remove a slot, found by its current name.
     *
     * @param slot an entity slot in the index.
     */
    public void remove(final int slot)
    {
        final byte[] name = names.nameBytes(slot);
        final int length = names.nameLength(slot);
        final int hash = hash(name, length);
        int i = hash & mask;
        while (slots[i] != slot)
        {
            if (slots[i] == EMPTY)
            {
                throw new IllegalStateException("slot not in name index: " + slot);
            }
            i = (i + 1) & mask;
        }
        slots[i] = EMPTY;
        size--;

        int j = (i + 1) & mask;
        while (slots[j] != EMPTY)
        {
            final int home = hashes[j] & mask;
            final boolean canMove = i <= j ? (home <= i || home > j) : (home <= i && home > j);
            if (canMove)
            {
                slots[i] = slots[j];
                hashes[i] = hashes[j];
                slots[j] = EMPTY;
                i = j;
            }
            j = (j + 1) & mask;
        }
    }

    private boolean sameName(final int slot, final byte[] name, final int length)
    {
        if (names.nameLength(slot) != length)
        {
            return false;
        }
        final byte[] held = names.nameBytes(slot);
        for (int k = 0; k < length; k++)
        {
            if (held[k] != name[k])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @param bytes  name bytes.
     * @param length name length.
     * @return a well-mixed 32-bit hash of the name.
     */
    public static int hash(final byte[] bytes, final int length)
    {
        int h = 0x811C9DC5;
        for (int k = 0; k < length; k++)
        {
            h = (h ^ bytes[k]) * 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h;
    }
}
