package io.gamehall.master.directory;

import io.gamehall.master.index.NameIndex;
import io.gamehall.master.index.OrderedIndex;
import io.gamehall.sbe.master.UserState;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * The Users directory and its indexes: by id (hash and ordered), by name (unique) and by
 * gateway (non-unique, users of one gateway in id order; detached users sit under gateway 0).
 */
public final class UserDirectory
{
    private final EntityPool<User> pool;
    private final Long2ObjectHashMap<User> byId;
    private final OrderedIndex ordered;
    private final NameIndex byName;
    private final OrderedIndex byGateway;

    /**
     * @param capacity max users checked in at once.
     */
    public UserDirectory(final int capacity)
    {
        pool = new EntityPool<>(capacity, User::new);
        byId = new Long2ObjectHashMap<>(Math.max(8, capacity * 2), 0.65f);
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
        byGateway = new OrderedIndex("users.byGateway", capacity, new OrderedIndex.Keys()
        {
            public long key(final int slot)
            {
                return pool.get(slot).gatewayId;
            }

            public long id(final int slot)
            {
                return pool.get(slot).id;
            }
        });
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
        byGateway.insert(user.slot);
    }

    /**
     * Detach a user whose gateway is gone, keeping its seat.
     */
    public void detach(final User user)
    {
        byGateway.remove(user.slot);
        user.gatewayId = 0;
        byGateway.insert(user.slot);
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
        byName.remove(user.slot);
        ordered.remove(user.slot);
        byId.remove(user.id);
        pool.release(user.slot);
    }

    /**
     * @return the first user (lowest id) attached to the gateway, or null.
     */
    public User firstOnGateway(final long gatewayId)
    {
        return at(byGateway.firstWithKey(gatewayId));
    }

    /**
     * @return the next user of the same gateway in id order, or null.
     */
    public User nextOnGateway(final User user)
    {
        final User next = at(byGateway.next(user.slot));
        return next != null && next.gatewayId == user.gatewayId ? next : null;
    }

    public User first()
    {
        return at(ordered.first());
    }

    public User next(final User user)
    {
        return at(ordered.next(user.slot));
    }

    /**
     * Check every index against the data; for tests.
     *
     * @return the first problem found, or null.
     */
    public String verifyIndexes()
    {
        String problem = ordered.verify();
        if (problem == null)
        {
            problem = byGateway.verify();
        }
        if (problem != null)
        {
            return problem;
        }
        for (User u = first(); u != null; u = next(u))
        {
            if (byId.get(u.id) != u || findByName(u.name, u.nameLength) != u || !byGateway.contains(u.slot))
            {
                return "user " + u.id + " missing from an index";
            }
        }
        if (byId.size() != size() || byName.size() != size() || byGateway.size() != size() || ordered.size() != size())
        {
            return "user index sizes disagree with the directory";
        }
        return null;
    }

    private void index(final User user)
    {
        byId.put(user.id, user);
        ordered.insert(user.slot);
        byName.insert(user.slot);
        byGateway.insert(user.slot);
    }

    private User at(final int slot)
    {
        return slot == OrderedIndex.NONE ? null : pool.get(slot);
    }
}
