package io.gamehall.master.directory;

import io.gamehall.master.index.KeyedLists;
import io.gamehall.master.index.NameIndex;
import io.gamehall.master.index.OrderedIndex;
import io.gamehall.sbe.master.UserState;
import org.agrona.collections.LongArrayList;

/**
 * The Users directory and its indexes: by id (hash, plus ordered for {@code ListUsers} pages),
 * by name (unique) and by gateway (non-unique lists, no order; detached users sit under
 * gateway 0). Walks that produce output sort the ids they collect, or follow the ordered id
 * index, so their order never depends on history.
 */
public final class UserDirectory
{
    private final EntityPool<User> pool;
    private final IdTable<User> byId;
    private final OrderedIndex ordered;
    private final NameIndex byName;
    private final KeyedLists byGateway;

    /**
     * @param capacity max users checked in at once.
     */
    public UserDirectory(final int capacity)
    {
        pool = new EntityPool<>(capacity, User::new);
        byId = new IdTable<>(capacity);
        ordered = new OrderedIndex("users.byId", capacity, new OrderedIndex.Keys()
        {
            public long key(final int slot)
            {
                return 0;
            }

            public long id(final int slot)
            {
                return pool.get(slot).id;
            }
        });
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
     * @param fromId lowest id wanted.
     * @return the user with the lowest id at or above {@code fromId}, or null.
     */
    public User ceiling(final long fromId)
    {
        return at(ordered.ceiling(0, fromId));
    }

    /**
     * @return the user after this one in id order, or null.
     */
    public User next(final User user)
    {
        return at(ordered.next(user.slot));
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
     * @return the restored user, already indexed.
     */
    public User restore(
        final long id,
        final UserState state,
        final long gatewayId,
        final long instanceId,
        final long checkInTime,
        final byte[] name,
        final int nameLength)
    {
        final User user = pool.acquire();
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
    }

    /**
     * Detach a user whose gateway is gone, keeping its seat.
     */
    public void detach(final User user)
    {
        byGateway.remove(user.slot);
        user.gatewayId = 0;
        byGateway.insert(user.slot, 0);
    }

    /**
     * Seat a user in an instance.
     */
    public void seat(final User user, final long instanceId)
    {
        user.state = UserState.IN_INSTANCE;
        user.instanceId = instanceId;
    }

    /**
     * Return a user to the lobby.
     */
    public void unseat(final User user)
    {
        user.state = UserState.ONLINE;
        user.instanceId = 0;
    }

    /**
     * Remove a user from the directory and every index.
     */
    public void remove(final User user)
    {
        byGateway.remove(user.slot);
        byName.remove(user.slot, user.nameHash);
        ordered.remove(user.slot);
        byId.remove(user);
        pool.release(user.slot);
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
        if (problem == null)
        {
            problem = ordered.verify();
        }
        if (problem != null)
        {
            return problem;
        }
        for (final long id : sortedIds())
        {
            final User u = byId.get(id);
            if (u.id != id || findByName(u.name, u.nameLength) != u || !byGateway.contains(u.slot) ||
                !ordered.contains(u.slot))
            {
                return "user " + id + " missing from an index";
            }
        }
        if (byId.size() != size() || ordered.size() != size() || byName.size() != size() ||
            byGateway.size() != size())
        {
            return "user index sizes disagree with the directory";
        }
        return null;
    }

    private User at(final int slot)
    {
        return slot == OrderedIndex.NONE ? null : pool.get(slot);
    }

    private void index(final User user)
    {
        byId.put(user);
        ordered.insert(user.slot);
        user.nameHash = byName.insert(user.slot);
        byGateway.insert(user.slot, user.gatewayId);
    }
}
