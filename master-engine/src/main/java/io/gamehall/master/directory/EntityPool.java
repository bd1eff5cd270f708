package io.gamehall.master.directory;

import java.util.function.IntFunction;

/**
 * Fixed-capacity pool of entities addressed by slot. Entities are created the first time
 * their slot is used and reused after release, so a directory in steady state never allocates.
 *
 * @param <T> entity type.
 */
final class EntityPool<T>
{
    private final Object[] bySlot;
    private final int[] freeSlots;
    private final IntFunction<T> factory;
    private int freeCount;
    private int highWater;

    EntityPool(final int capacity, final IntFunction<T> factory)
    {
        bySlot = new Object[capacity];
        freeSlots = new int[capacity];
        this.factory = factory;
    }

    int capacity()
    {
        return bySlot.length;
    }

    int inUse()
    {
        return highWater - freeCount;
    }

    boolean isFull()
    {
        return freeCount == 0 && highWater == bySlot.length;
    }

    @SuppressWarnings("unchecked")
    T acquire()
    {
        if (freeCount > 0)
        {
            return (T)bySlot[freeSlots[--freeCount]];
        }
        if (highWater == bySlot.length)
        {
            throw new IllegalStateException("pool full: " + bySlot.length);
        }
        final int slot = highWater++;
        final T entity = factory.apply(slot);
        bySlot[slot] = entity;
        return entity;
    }

    void release(final int slot)
    {
        freeSlots[freeCount++] = slot;
    }

    @SuppressWarnings("unchecked")
    T get(final int slot)
    {
        return (T)bySlot[slot];
    }
}
