package io.gamehall.master.directory;

import java.util.function.IntFunction;
import java.util.function.ToLongFunction;

/**
 * Fixed-capacity pool of entities addressed by slot. Entities are created the first time
 * their slot is used and reused after release, so a directory in steady state never allocates.
 * <p>
 * A new entity always takes the <em>lowest free slot</em>. Which slots are in use is then a
 * function of the commands applied, and a snapshot that records each entity's slot restores
 * exactly the same layout ({@link #acquireAt(int)}): the free slots need no recording, since
 * they are just the ones not in use. That makes slot order deterministic on every node, after
 * a restart too, so listings may page in slot order ({@link #nextInUse(int)}) without an id
 * index to keep up on every add and remove.
 * <p>
 * In-use slots are bits of {@code inUse}; {@code fullWords} has a bit per word of
 * {@code inUse} that has no free slot left, so finding the lowest free slot reads at most
 * {@code capacity / 4096} summary words and one word of slots. Bits past the capacity are set
 * in both, as if used, so they are never handed out.
 *
 * @param <T> entity type.
 */
final class EntityPool<T extends Entity>
{
    /** Slot value meaning "none". */
    static final int NONE = -1;

    private final Object[] bySlot;
    private final long[] inUse;
    private final long[] fullWords;
    private final IntFunction<T> factory;
    private int count;

    EntityPool(final int capacity, final IntFunction<T> factory)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        bySlot = new Object[capacity];
        inUse = new long[(capacity + 63) >>> 6];
        fullWords = new long[(inUse.length + 63) >>> 6];
        this.factory = factory;
        for (int slot = capacity; slot < inUse.length << 6; slot++)
        {
            inUse[slot >>> 6] |= 1L << slot;
        }
        for (int word = 0; word < fullWords.length << 6; word++)
        {
            if (word >= inUse.length || inUse[word] == -1L)
            {
                fullWords[word >>> 6] |= 1L << word;
            }
        }
    }

    int capacity()
    {
        return bySlot.length;
    }

    int inUse()
    {
        return count;
    }

    boolean isFull()
    {
        return count == bySlot.length;
    }

    /**
     * @return the entity in the lowest free slot, now in use.
     * @throws IllegalStateException when the pool is full.
     */
    T acquire()
    {
        for (int summary = 0; summary < fullWords.length; summary++)
        {
            final long notFull = ~fullWords[summary];
            if (notFull != 0)
            {
                final int word = (summary << 6) + Long.numberOfTrailingZeros(notFull);
                return take((word << 6) + Long.numberOfTrailingZeros(~inUse[word]));
            }
        }
        throw new IllegalStateException("pool full: " + bySlot.length);
    }

    /**
     * Take a given slot, as a snapshot recorded it.
     *
     * @throws IllegalArgumentException when the slot is beyond the capacity or already in use.
     */
    T acquireAt(final int slot)
    {
        if (slot < 0 || slot >= bySlot.length)
        {
            throw new IllegalArgumentException("slot " + slot + " is beyond the capacity " + bySlot.length);
        }
        if (isInUse(slot))
        {
            throw new IllegalArgumentException("slot " + slot + " is already in use");
        }
        return take(slot);
    }

    void release(final int slot)
    {
        final int word = slot >>> 6;
        inUse[word] &= ~(1L << slot);
        fullWords[word >>> 6] &= ~(1L << word);
        count--;
    }

    boolean isInUse(final int slot)
    {
        return (inUse[slot >>> 6] & (1L << slot)) != 0;
    }

    /**
     * @param fromSlot first slot to look at (0 or more; at or past the capacity gives NONE).
     * @return the lowest slot in use at or after {@code fromSlot}, or {@link #NONE}.
     */
    int nextInUse(final int fromSlot)
    {
        if (fromSlot >= bySlot.length)
        {
            return NONE;
        }
        int word = fromSlot >>> 6;
        long bits = inUse[word] & (-1L << fromSlot);
        while (bits == 0)
        {
            if (++word == inUse.length)
            {
                return NONE;
            }
            bits = inUse[word];
        }
        final int slot = (word << 6) + Long.numberOfTrailingZeros(bits);
        return slot < bySlot.length ? slot : NONE;
    }

    /**
     * @return the slots in use, in ascending order of their entities' ids; allocates, for snapshots.
     */
    int[] slotsInIdOrder()
    {
        final long[] ids = new long[count];
        final int[] slots = new int[count];
        int n = 0;
        for (int slot = nextInUse(0); slot != NONE; slot = nextInUse(slot + 1))
        {
            ids[n] = get(slot).id;
            slots[n++] = slot;
        }
        IdOrder.sort(ids, slots, n);
        return slots;
    }

    /**
     * @param hasher an entity hash.
     * @return the sum of it over every entity in use, walked now (wrapping on overflow).
     */
    long sum(final ToLongFunction<T> hasher)
    {
        long sum = 0;
        for (int slot = nextInUse(0); slot != NONE; slot = nextInUse(slot + 1))
        {
            sum += hasher.applyAsLong(get(slot));
        }
        return sum;
    }

    @SuppressWarnings("unchecked")
    T get(final int slot)
    {
        return (T)bySlot[slot];
    }

    @SuppressWarnings("unchecked")
    private T take(final int slot)
    {
        final int word = slot >>> 6;
        inUse[word] |= 1L << slot;
        if (inUse[word] == -1L)
        {
            fullWords[word >>> 6] |= 1L << word;
        }
        count++;
        Object entity = bySlot[slot];
        if (entity == null)
        {
            entity = factory.apply(slot);
            bySlot[slot] = entity;
        }
        return (T)entity;
    }
}
