package io.gamehall.master.directory;

import io.gamehall.master.index.KeyedLists;
import io.gamehall.master.index.NameIndex;
import io.gamehall.master.index.OrderedIndex;
import io.gamehall.sbe.master.UserState;
import org.agrona.collections.LongArrayList;

/**
 * The Users directory and its indexes: by id (hash), by name (unique) and by gateway
 * (non-unique lists, no order; detached users sit under gateway 0). Walks that produce output
 * sort the ids they collect; {@code ListUsers} pages walk the pool's slots, whose layout is
 * deterministic and recorded in snapshots (see {@link EntityPool}).
 */
public final class UserDirectory
{
    /** For {@link #restore}: take the lowest free slot. */
    public static final int ANY_SLOT = -1;

    private final EntityPool<User> pool;
    private final IdTable<User> byId;
    private final NameIndex byName;
    private final KeyedLists byGateway;
    private final HashSum<User> hashSum = new HashSum<>(EntityHash::user);

    /**
     * @param capacity max users checked in at once.
     */
    public UserDirectory(final int capacity)
    {
        pool = new EntityPool<>(capacity, User::new);
        byId = new IdTable<>(capacity);
        byName = new NameIndex(capacity, new NameIndex.Names()
        {
            public byte[] nameBytes(final int slot)
            {
                return pool.get(slot).name;
            }

            public int nameLength(final int slot)
            {
                return pool.get(slot).nameLength;
            }
        });
        byGateway = new KeyedLists("users.byGateway", capacity);
    }

    public int size()
    {
        return pool.inUse();
    }

    public boolean isFull()
    {
        return pool.isFull();
    }

    /**
     * @param id user id.
     * @return the user or null.
     */
    public User get(final long id)
    {
        return byId.get(id);
    }

    /**
     * @return the number of slots, the bound of a listing cursor.
     */
    public int capacity()
    {
        return pool.capacity();
    }

    /**
     * @param fromSlot first slot to look at.
     * @return the user in the lowest occupied slot at or after {@code fromSlot}, or null.
     */
    public User atOrAfterSlot(final int fromSlot)
    {
        return at(pool.nextInUse(fromSlot));
    }

    /**
     * @return the user holding that name, or null.
     */
    public User findByName(final byte[] name, final int length)
    {
        final int slot = byName.find(name, length);
        return slot == OrderedIndex.NONE ? null : pool.get(slot);
    }

    /**
     * Add an ONLINE user. The caller has checked id and name are free and the directory not full.
     *
     * @return the new user.
     */
    public User add(final long id, final byte[] name, final int nameLength, final long gatewayId, final long now)
    {
        final User user = pool.acquire();
        user.id = id;
        user.state = UserState.ONLINE;
        user.gatewayId = gatewayId;
        user.instanceId = 0;
        user.checkInTime = now;
        System.arraycopy(name, 0, user.name, 0, nameLength);
        user.nameLength = nameLength;
        index(user);
        return user;
    }

    /**
     * Restore a user exactly as a snapshot recorded it.
     *
     * @param slot the slot it occupied, or {@link #ANY_SLOT} for the lowest free one (a snapshot
     *             written before slots were recorded).
     * @return the restored user, already indexed.
     * @throws IllegalArgumentException when the slot is beyond the capacity or taken.
     */
    public User restore(
        final int slot,
        final long id,
        final UserState state,
        final long gatewayId,
        final long instanceId,
        final long checkInTime,
        final byte[] name,
        final int nameLength)
    {
        final User user = slot == ANY_SLOT ? pool.acquire() : pool.acquireAt(slot);
        user.id = id;
        user.state = state;
        user.gatewayId = gatewayId;
        user.instanceId = instanceId;
        user.checkInTime = checkInTime;
        System.arraycopy(name, 0, user.name, 0, nameLength);
        user.nameLength = nameLength;
        index(user);
        return user;
    }

    /**
     * Attach a user to another gateway (0 to detach).
     */
    public void attach(final User user, final long gatewayId, final long now)
    {
        byGateway.remove(user.slot);
        user.gatewayId = gatewayId;
        user.checkInTime = now;
        byGateway.insert(user.slot, gatewayId);
        rehash(user);
    }

    /**
     * Detach a user whose gateway is gone, keeping its seat.
     */
    public void detach(final User user)
    {
        byGateway.remove(user.slot);
        user.gatewayId = 0;
        byGateway.insert(user.slot, 0);
        rehash(user);
    }

    /**
     * Seat a user in an instance.
     */
    public void seat(final User user, final long instanceId)
    {
        user.state = UserState.IN_INSTANCE;
        user.instanceId = instanceId;
        rehash(user);
    }

    /**
     * Return a user to the lobby.
     */
    public void unseat(final User user)
    {
        user.state = UserState.ONLINE;
        user.instanceId = 0;
        rehash(user);
    }

    /**
     * Remove a user from the directory and every index.
     */
    public void remove(final User user)
    {
        byGateway.remove(user.slot);
        byName.remove(user.slot, user.nameHash);
        byId.remove(user);
        pool.release(user.slot);
        hashSum.removed(user);
    }

    /**
     * Collect the ids of the users attached to a gateway (0: detached users), ascending.
     *
     * @param gatewayId the gateway.
     * @param out       cleared, then filled.
     */
    public void idsOnGateway(final long gatewayId, final LongArrayList out)
    {
        out.clear();
        for (int slot = byGateway.head(gatewayId); slot != OrderedIndex.NONE; slot = byGateway.next(slot))
        {
            out.addLong(pool.get(slot).id);
        }
        out.sort(null);
    }

    /**
     * @return true when at least one user is attached to the gateway.
     */
    public boolean anyOnGateway(final long gatewayId)
    {
        return byGateway.head(gatewayId) != OrderedIndex.NONE;
    }

    /**
     * @return every user id, ascending; allocates, for snapshots, hashing and tools.
     */
    /**
     * @return the sum of every user's {@link EntityHash#user(User)} (wrapping on overflow): every
     * method that adds, changes or removes a user marks it, and the users changed since the last
     * call are hashed now, once each.
     */
    public long hashSum()
    {
        return hashSum.sum();
    }

    /**
     * @return the sum of {@link EntityHash#user(User)} over every user, walked now; for tests,
     * which compare it with {@link #hashSum()}.
     */
    public long recomputeHashSum()
    {
        return pool.sum(EntityHash::user);
    }

    /**
     * @return the slots of every user, in ascending id order (read each with
     * {@link #atSlot(int)}); allocates, for snapshots.
     */
    public int[] slotsInIdOrder()
    {
        return pool.slotsInIdOrder();
    }

    /**
     * @param slot a slot in use, e.g. from {@link #slotsInIdOrder()}.
     * @return the user occupying it.
     */
    public User atSlot(final int slot)
    {
        return pool.get(slot);
    }

    public long[] sortedIds()
    {
        return byId.sortedIds();
    }

    /**
     * Check every index against the data; for tests.
     *
     * @return the first problem found, or null.
     */
    public String verifyIndexes()
    {
        String problem = byGateway.verify((slot) -> pool.get(slot).gatewayId);
        if (problem != null)
        {
            return problem;
        }
        for (final long id : sortedIds())
        {
            final User u = byId.get(id);
            if (u.id != id || findByName(u.name, u.nameLength) != u || !byGateway.contains(u.slot) ||
                !pool.isInUse(u.slot) || pool.get(u.slot) != u)
            {
                return "user " + id + " missing from an index";
            }
        }
        if (byId.size() != size() || byName.size() != size() ||
            byGateway.size() != size())
        {
            return "user index sizes disagree with the directory";
        }
        return null;
    }

    private void rehash(final User user)
    {
        hashSum.changed(user);
    }

    private User at(final int slot)
    {
        return slot == EntityPool.NONE ? null : pool.get(slot);
    }

    private void index(final User user)
    {
        hashSum.changed(user);
        byId.put(user);
        user.nameHash = byName.insert(user.slot);
        byGateway.insert(user.slot, user.gatewayId);
    }
}
