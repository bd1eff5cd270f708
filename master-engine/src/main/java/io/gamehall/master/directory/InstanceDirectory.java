package io.gamehall.master.directory;

import io.gamehall.master.index.OrderedIndex;
import io.gamehall.sbe.master.InstanceState;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * The Instances directory and its indexes: by id (hash and ordered), by host (non-unique;
 * suspended instances waiting for a host sit under host 0) and by game type and state
 * (non-unique, in id order: the search index).
 */
public final class InstanceDirectory
{
    private final EntityPool<Instance> pool;
    private final Long2ObjectHashMap<Instance> byId;
    private final OrderedIndex ordered;
    private final OrderedIndex byHost;
    private final OrderedIndex byTypeAndState;

    /**
     * @param capacity max live instances.
     */
    public InstanceDirectory(final int capacity)
    {
        pool = new EntityPool<>(capacity, Instance::new);
        byId = new Long2ObjectHashMap<>(Math.max(8, capacity * 2), 0.65f);
        ordered = new OrderedIndex("instances.byId", capacity, new OrderedIndex.Keys()
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
        byHost = new OrderedIndex("instances.byHost", capacity, new OrderedIndex.Keys()
        {
            public long key(final int slot)
            {
                return pool.get(slot).hostId;
            }

            public long id(final int slot)
            {
                return pool.get(slot).id;
            }
        });
        byTypeAndState = new OrderedIndex("instances.byTypeAndState", capacity, new OrderedIndex.Keys()
        {
            public long key(final int slot)
            {
                final Instance instance = pool.get(slot);
                return typeStateKey(instance.gameType, instance.state);
            }

            public long id(final int slot)
            {
                return pool.get(slot).id;
            }
        });
    }

    /**
     * @return the search-index key of a game type and state.
     */
    public static long typeStateKey(final int gameType, final InstanceState state)
    {
        return ((long)gameType << 8) | state.value();
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
     * @return the instance or null.
     */
    public Instance get(final long id)
    {
        return byId.get(id);
    }

    /**
     * Add an instance in state CREATING with its owner in seat 0.
     *
     * @return the new instance.
     */
    public Instance add(
        final long id,
        final int gameType,
        final long hostId,
        final long ownerId,
        final int maxPlayers,
        final int region,
        final int mode,
        final int ratingBand,
        final long now)
    {
        final Instance instance = pool.acquire();
        instance.id = id;
        instance.gameType = gameType;
        instance.state = InstanceState.CREATING;
        instance.resumeState = InstanceState.CREATING;
        instance.hostId = hostId;
        instance.ownerId = ownerId;
        instance.maxPlayers = maxPlayers;
        instance.region = region;
        instance.mode = mode;
        instance.ratingBand = ratingBand;
        instance.createdTime = now;
        instance.playerCount = 0;
        ensureSeats(instance, maxPlayers);
        instance.players[instance.playerCount++] = ownerId;
        index(instance);
        return instance;
    }

    /**
     * Restore an instance exactly as a snapshot recorded it; add players with
     * {@link #restorePlayer(Instance, long)} and then call {@link #indexRestored(Instance)}.
     *
     * @return the restored, not yet indexed, instance.
     */
    public Instance restore(
        final long id,
        final int gameType,
        final InstanceState state,
        final InstanceState resumeState,
        final long hostId,
        final long ownerId,
        final int maxPlayers,
        final int region,
        final int mode,
        final int ratingBand,
        final long createdTime)
    {
        final Instance instance = pool.acquire();
        instance.id = id;
        instance.gameType = gameType;
        instance.state = state;
        instance.resumeState = resumeState;
        instance.hostId = hostId;
        instance.ownerId = ownerId;
        instance.maxPlayers = maxPlayers;
        instance.region = region;
        instance.mode = mode;
        instance.ratingBand = ratingBand;
        instance.createdTime = createdTime;
        instance.playerCount = 0;
        ensureSeats(instance, maxPlayers);
        return instance;
    }

    /**
     * Restore helper: add a player in the next seat.
     */
    public void restorePlayer(final Instance instance, final long userId)
    {
        instance.players[instance.playerCount++] = userId;
    }

    /**
     * Restore helper: index a fully restored instance.
     */
    public void indexRestored(final Instance instance)
    {
        index(instance);
    }

    /**
     * Change the state of an instance.
     */
    public void setState(final Instance instance, final InstanceState state)
    {
        byTypeAndState.remove(instance.slot);
        instance.state = state;
        byTypeAndState.insert(instance.slot);
    }

    /**
     * Suspend an instance: it leaves its host and remembers the state to return to.
     */
    public void suspend(final Instance instance)
    {
        if (instance.state != InstanceState.SUSPENDED)
        {
            instance.resumeState = instance.state;
        }
        setState(instance, InstanceState.SUSPENDED);
        moveToHost(instance, 0);
    }

    /**
     * Place an instance on a host (0: none).
     */
    public void moveToHost(final Instance instance, final long hostId)
    {
        byHost.remove(instance.slot);
        instance.hostId = hostId;
        byHost.insert(instance.slot);
    }

    /**
     * Seat a player in the next free seat; the caller has checked there is one.
     */
    public void addPlayer(final Instance instance, final long userId)
    {
        instance.players[instance.playerCount++] = userId;
    }

    /**
     * Free a player's seat; later seats move up one so seat order stays join order.
     *
     * @return true when the user had a seat.
     */
    public boolean removePlayer(final Instance instance, final long userId)
    {
        final long[] players = instance.players;
        for (int i = 0; i < instance.playerCount; i++)
        {
            if (players[i] == userId)
            {
                System.arraycopy(players, i + 1, players, i, instance.playerCount - i - 1);
                instance.playerCount--;
                return true;
            }
        }
        return false;
    }

    /**
     * Remove an instance from the directory and every index.
     */
    public void remove(final Instance instance)
    {
        byTypeAndState.remove(instance.slot);
        byHost.remove(instance.slot);
        ordered.remove(instance.slot);
        byId.remove(instance.id);
        pool.release(instance.slot);
    }

    /**
     * @return the first instance (lowest id) on the host, or null.
     */
    public Instance firstOnHost(final long hostId)
    {
        return at(byHost.firstWithKey(hostId));
    }

    /**
     * @return the next instance on the same host in id order, or null.
     */
    public Instance nextOnHost(final Instance instance)
    {
        final Instance next = at(byHost.next(instance.slot));
        return next != null && next.hostId == instance.hostId ? next : null;
    }

    /**
     * Search-index seek.
     *
     * @return the first instance with this game type and state and an id at or above {@code fromId}, or null.
     */
    public Instance firstOfTypeAndState(final int gameType, final InstanceState state, final long fromId)
    {
        final Instance instance = at(byTypeAndState.ceiling(typeStateKey(gameType, state), fromId));
        return instance != null && instance.gameType == gameType && instance.state == state ? instance : null;
    }

    /**
     * @return the next instance with the same game type and state, or null.
     */
    public Instance nextOfTypeAndState(final Instance instance)
    {
        final Instance next = at(byTypeAndState.next(instance.slot));
        return next != null && next.gameType == instance.gameType && next.state == instance.state ? next : null;
    }

    public Instance first()
    {
        return at(ordered.first());
    }

    public Instance next(final Instance instance)
    {
        return at(ordered.next(instance.slot));
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
            problem = byHost.verify();
        }
        if (problem == null)
        {
            problem = byTypeAndState.verify();
        }
        if (problem != null)
        {
            return problem;
        }
        for (Instance i = first(); i != null; i = next(i))
        {
            if (byId.get(i.id) != i || !byHost.contains(i.slot) || !byTypeAndState.contains(i.slot))
            {
                return "instance " + i.id + " missing from an index";
            }
        }
        if (byId.size() != size() || byHost.size() != size() || byTypeAndState.size() != size())
        {
            return "instance index sizes disagree with the directory";
        }
        return null;
    }

    private static void ensureSeats(final Instance instance, final int maxPlayers)
    {
        if (instance.players.length < maxPlayers)
        {
            instance.players = new long[maxPlayers];
        }
    }

    private void index(final Instance instance)
    {
        byId.put(instance.id, instance);
        ordered.insert(instance.slot);
        byHost.insert(instance.slot);
        byTypeAndState.insert(instance.slot);
    }

    private Instance at(final int slot)
    {
        return slot == OrderedIndex.NONE ? null : pool.get(slot);
    }
}
