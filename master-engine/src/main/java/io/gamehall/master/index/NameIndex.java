package io.gamehall.master.index;

/**
 * A unique index from an ASCII name to the slot of the entity that holds it.
 * <p>
 * Open addressing with linear probing and backward-shift deletion over a table sized
 * at construction, so lookups by a name held in a scratch byte array never allocate.
 * The names themselves stay in the entities; the index reads them through {@link Names}.
 * Each entry keeps the slot and the name's hash side by side, so a probe reads one cache
 * line and reads a name only when the hashes match.
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
    private static final int STRIDE = 2;
    private static final int SLOT = 0;
    private static final int HASH = 1;

    private final Names names;
    private final int[] entries;
    private final int wrap;
    private final int maxSize;
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
        entries = new int[tableSize * STRIDE];
        for (int i = 0; i < entries.length; i += STRIDE)
        {
            entries[i + SLOT] = EMPTY;
        }
        wrap = entries.length - 1;
        maxSize = tableSize >> 1;
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
        final int[] entries = this.entries;
        int slot;
        for (int i = home(hash); (slot = entries[i + SLOT]) != EMPTY; i = (i + STRIDE) & wrap)
        {
            if (entries[i + HASH] == hash && sameName(slot, name, length))
            {
                return slot;
            }
        }
        return OrderedIndex.NONE;
    }

    /**
     * Index a slot under its current name, which must not be taken.
     *
     * @param slot an entity slot.
     * @return the name's hash: keep it to {@link #remove(int, int) remove} the slot later
     *     without reading the name again.
     */
    public int insert(final int slot)
    {
        if (size >= maxSize)
        {
            throw new IllegalStateException("name index full: " + size);
        }
        final byte[] name = names.nameBytes(slot);
        final int length = names.nameLength(slot);
        final int hash = hash(name, length);
        final int[] entries = this.entries;
        int i = home(hash);
        int held;
        while ((held = entries[i + SLOT]) != EMPTY)
        {
            if (entries[i + HASH] == hash && sameName(held, name, length))
            {
                throw new IllegalStateException("name already indexed");
            }
            i = (i + STRIDE) & wrap;
        }
        entries[i + SLOT] = slot;
        entries[i + HASH] = hash;
        size++;
        return hash;
    }

    /**
     * Remove a slot, found by its current name.
     *
     * @param slot an entity slot in the index.
     */
    public void remove(final int slot)
    {
        remove(slot, hash(names.nameBytes(slot), names.nameLength(slot)));
    }

    /**
     * Remove a slot whose name hashes to a known value, without reading the name.
     *
     * @param slot an entity slot in the index.
     * @param hash what {@link #insert(int)} returned for the slot.
     */
    public void remove(final int slot, final int hash)
    {
        final int[] entries = this.entries;
        int i = home(hash);
        int held;
        while ((held = entries[i + SLOT]) != slot)
        {
            if (held == EMPTY)
            {
                throw new IllegalStateException("slot not in name index: " + slot);
            }
            i = (i + STRIDE) & wrap;
        }
        entries[i + SLOT] = EMPTY;
        size--;

        int j = (i + STRIDE) & wrap;
        while (entries[j + SLOT] != EMPTY)
        {
            final int h = home(entries[j + HASH]);
            final boolean canMove = i <= j ? (h <= i || h > j) : (h <= i && h > j);
            if (canMove)
            {
                entries[i + SLOT] = entries[j + SLOT];
                entries[i + HASH] = entries[j + HASH];
                entries[j + SLOT] = EMPTY;
                i = j;
            }
            j = (j + STRIDE) & wrap;
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

    private int home(final int hash)
    {
        return (hash * STRIDE) & wrap;
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
