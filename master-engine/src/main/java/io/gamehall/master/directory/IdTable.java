package io.gamehall.master.directory;

import java.util.Arrays;

/**
 * A directory's unique index from id to entity.
 * <p>
 * It exists for speed: nearly every command looks an id up, and with production-sized
 * populations the index is far larger than the caches. A general map keeps keys and values
 * in two arrays and then the caller reads the entity: up to three cache misses. Here the
 * table holds only references and the id is read from the entity itself, which the caller
 * reads next anyway: one small table entry and the entity. Open addressing with linear
 * probing and backward-shift deletion over a table sized at construction (at most half
 * full), so nothing ever allocates or rehashes.
 * <p>
 * The order of entries in the table depends on history; {@link #sortedIds()} sorts them, so
 * no output depends on it.
 *
 * @param <T> entity type.
 */
final class IdTable<T extends Entity>
{
    private final Entity[] table;
    private final int mask;
    private final int shift;
    private final int capacity;
    private int size;

    /**
     * @param capacity max number of entities held at once.
     */
    IdTable(final int capacity)
    {
        int tableSize = 16;
        int bits = 4;
        while (tableSize < capacity * 2)
        {
            tableSize <<= 1;
            bits++;
        }
        table = new Entity[tableSize];
        mask = tableSize - 1;
        shift = 64 - bits;
        this.capacity = capacity;
    }

    int size()
    {
        return size;
    }

    /**
     * @param id an entity id.
     * @return the entity with that id, or null.
     */
    @SuppressWarnings("unchecked")
    T get(final long id)
    {
        final Entity[] table = this.table;
        Entity entity;
        for (int i = home(id); (entity = table[i]) != null; i = (i + 1) & mask)
        {
            if (entity.id == id)
            {
                return (T)entity;
            }
        }
        return null;
    }

    /**
     * Add an entity whose id is not held yet.
     */
    void put(final T entity)
    {
        if (size == capacity)
        {
            throw new IllegalStateException("id table full: " + size);
        }
        final long id = entity.id;
        int i = home(id);
        Entity held;
        while ((held = table[i]) != null)
        {
            if (held.id == id)
            {
                throw new IllegalStateException("id already held: " + id);
            }
            i = (i + 1) & mask;
        }
        table[i] = entity;
        size++;
    }

    /**
     * Remove an entity; its id must not have changed since {@link #put}.
     */
    void remove(final T entity)
    {
        final Entity[] table = this.table;
        int i = home(entity.id);
        while (table[i] != entity)
        {
            if (table[i] == null)
            {
                throw new IllegalStateException("entity not in id table: " + entity.id);
            }
            i = (i + 1) & mask;
        }
        table[i] = null;
        size--;

        int j = (i + 1) & mask;
        Entity moving;
        while ((moving = table[j]) != null)
        {
            final int h = home(moving.id);
            final boolean canMove = i <= j ? (h <= i || h > j) : (h <= i && h > j);
            if (canMove)
            {
                table[i] = moving;
                table[j] = null;
                i = j;
            }
            j = (j + 1) & mask;
        }
    }

    /**
     * @return every id held, ascending; allocates, for snapshots, hashing and tools.
     */
    long[] sortedIds()
    {
        final long[] ids = new long[size];
        int n = 0;
        for (final Entity entity : table)
        {
            if (entity != null)
            {
                ids[n++] = entity.id;
            }
        }
        Arrays.sort(ids);
        return ids;
    }

    /**
     * @return the id's first table index: Fibonacci hashing, whose high bits spread
     *     sequential ids as evenly as random ones.
     */
    private int home(final long id)
    {
        return (int)((id * 0x9E37_79B9_7F4A_7C15L) >>> shift);
    }
}
