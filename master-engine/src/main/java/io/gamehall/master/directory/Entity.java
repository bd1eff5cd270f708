package io.gamehall.master.directory;

/**
 * What every pooled entity has: the slot it occupies in its directory's pool, which the
 * indexes use to address it, and its id. Both sit at the start of the object, so the id
 * table compares ids on the same cache line the caller reads next.
 */
abstract class Entity
{
    final int slot;
    long id;
    /** The entity hash its directory's {@link HashSum} holds for it, when {@link #folded}. */
    long hash;
    /** Whether the directory's hash sum holds {@link #hash}. */
    boolean folded;
    /** Whether it changed since its hash was last folded into the sum. */
    boolean dirty;
    /** Whether it is in its directory (not a released slot). */
    boolean live;

    Entity(final int slot)
    {
        this.slot = slot;
    }

    /**
     * @return the slot this entity occupies in its directory; a listing's cursor is built on it.
     */
    public int slot()
    {
        return slot;
    }
}
