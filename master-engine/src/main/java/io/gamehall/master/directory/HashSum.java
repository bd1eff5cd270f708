package io.gamehall.master.directory;

import java.util.ArrayList;
import java.util.function.ToLongFunction;

/**
 * The sum of the entity hashes of one directory, brought up to date only when it is read.
 * A change marks its entity dirty (a flag and, the first time, a place in a list: no hashing on
 * the command path); {@link #sum()} hashes each dirty entity once, whatever number of changes
 * it had, takes its previous hash out of the sum and puts the new one in. An entity removed
 * takes its last folded hash out at once; a slot used again is folded as its new entity.
 * Not thread safe: the engine's thread only.
 *
 * @param <E> the entity type.
 */
final class HashSum<E extends Entity>
{
    private final ToLongFunction<E> hasher;
    private final ArrayList<E> dirty = new ArrayList<>();
    private long sum;

    /**
     * @param hasher the entity hash ({@link EntityHash#user}, {@link EntityHash#instance}).
     */
    HashSum(final ToLongFunction<E> hasher)
    {
        this.hasher = hasher;
    }

    /**
     * An entity was added or changed: its hash is due at the next {@link #sum()}.
     */
    void changed(final E entity)
    {
        entity.live = true;
        if (!entity.dirty)
        {
            entity.dirty = true;
            dirty.add(entity);
        }
    }

    /**
     * An entity was removed: its last folded hash leaves the sum now.
     */
    void removed(final E entity)
    {
        entity.live = false;
        if (entity.folded)
        {
            sum -= entity.hash;
            entity.folded = false;
            entity.hash = 0;
        }
    }

    /**
     * @return the sum of the hashes of every live entity (wrapping on overflow).
     */
    long sum()
    {
        for (int i = 0, size = dirty.size(); i < size; i++)
        {
            final E entity = dirty.get(i);
            entity.dirty = false;
            if (entity.live)
            {
                if (entity.folded)
                {
                    sum -= entity.hash;
                }
                entity.hash = hasher.applyAsLong(entity);
                entity.folded = true;
                sum += entity.hash;
            }
        }
        dirty.clear();
        return sum;
    }
}
