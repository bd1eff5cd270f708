package io.gamehall.master.directory;

import io.gamehall.master.index.KeyedLists;
import io.gamehall.master.index.OrderedIndex;
import io.gamehall.sbe.master.InstanceState;
import org.agrona.collections.LongArrayList;

/**
 * The Instances directory and its indexes: by id (hash); by host (non-unique lists; suspended
 * instances waiting for a host sit under host 0, and are counted); and the two search
 * indexes, ordered so a search can resume from an id: by game type and state, and by game
 * type, state and region. Next to them, the attributes a search filters on (mode, rating band,
 * open seats) are kept by slot in one small array, so a search walk does not read the
 * instances it passes over. {@code ListInstances} pages walk the pool's slots, whose layout is
 * deterministic and recorded in snapshots (see {@link EntityPool}).
 */
public final class InstanceDirectory
{
    private static final int ATTRIBUTES = 3;
    private static final int MODE = 0;
    private static final int RATING_BAND = 1;
    private static final int OPEN_SEATS = 2;

    /** For {@link #restore}: take the lowest free slot. */
    public static final int ANY_SLOT = -1;

    private final EntityPool<Instance> pool;
    private final IdTable<Instance> byId;
    private final KeyedLists byHost;
    private final OrderedIndex byTypeAndState;
    private final OrderedIndex byTypeStateAndRegion;
    private final int[] searchAttributes;
    private int unplaced;
    private long searchCursor;
    private final HashSum<Instance> hashSum = new HashSum<>(EntityHash::instance);

    /**
     * @param capacity max live instances.
     */
    public InstanceDirectory(final int capacity)
    {
        pool = new EntityPool<>(capacity, Instance::new);
        byId = new IdTable<>(capacity);
        byHost = new KeyedLists("instances.byHost", capacity);
        searchAttributes = new int[capacity * ATTRIBUTES];
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
        }, true);
        byTypeStateAndRegion = new OrderedIndex("instances.byTypeStateAndRegion", capacity, new OrderedIndex.Keys()
        {
            public long key(final int slot)
            {
                final Instance instance = pool.get(slot);
                return typeStateRegionKey(instance.gameType, instance.state, instance.region);
            }

            public long id(final int slot)
            {
                return pool.get(slot).id;
            }
        }, true);
    }

    /**
     * @return the search-index key of a game type, state and region.
     */
    public static long typeStateRegionKey(final int gameType, final InstanceState state, final int region)
    {
        return ((long)gameType << 40) | ((long)state.value() << 32) | (region & 0xFFFF_FFFFL);
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
     * @return the number of slots, the bound of a listing cursor.
     */
    public int capacity()
    {
        return pool.capacity();
    }

    /**
     * @param fromSlot first slot to look at.
     * @return the instance in the lowest occupied slot at or after {@code fromSlot}, or null.
     */
    public Instance atOrAfterSlot(final int fromSlot)
    {
        final int slot = pool.nextInUse(fromSlot);
        return slot == EntityPool.NONE ? null : pool.get(slot);
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
        setSearchAttributes(instance);
        seatPlayer(instance, ownerId);
        index(instance);
        return instance;
    }

    /**
     * Restore an instance exactly as a snapshot recorded it; add players with
     * {@link #restorePlayer(Instance, long)} and then call {@link #indexRestored(Instance)}.
     *
     * @param slot the slot it occupied, or {@link #ANY_SLOT} for the lowest free one (a snapshot
     *             written before slots were recorded).
     * @return the restored, not yet indexed, instance.
     * @throws IllegalArgumentException when the slot is beyond the capacity or taken.
     */
    public Instance restore(
        final int slot,
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
        final Instance instance = slot == ANY_SLOT ? pool.acquire() : pool.acquireAt(slot);
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
        setSearchAttributes(instance);
        return instance;
    }

    /**
     * Restore helper: add a player in the next seat.
     */
    public void restorePlayer(final Instance instance, final long userId)
    {
        seatPlayer(instance, userId);
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
        if (instance.state == state)
        {
            return;
        }
        byTypeAndState.remove(instance.slot);
        byTypeStateAndRegion.remove(instance.slot);
        instance.state = state;
        byTypeAndState.insert(instance.slot);
        byTypeStateAndRegion.insert(instance.slot);
        rehash(instance);
    }

    /**
     * Suspend an instance: it leaves its host and remembers the state to return to.
     */
    public void suspend(final Instance instance)
    {
        if (instance.state != InstanceState.SUSPENDED)
        {
            instance.resumeState = instance.state;
            rehash(instance);
        }
        setState(instance, InstanceState.SUSPENDED);
        moveToHost(instance, 0);
    }

    /**
     * Place an instance on a host (0: none).
     */
    public void moveToHost(final Instance instance, final long hostId)
    {
        unindexHost(instance);
        instance.hostId = hostId;
        indexHost(instance);
        rehash(instance);
    }

    /**
     * @return true when a suspended instance waits for a host.
     */
    public boolean hasUnplaced()
    {
        return unplaced > 0;
    }

    /**
     * Seat a player in the next free seat; the caller has checked there is one.
     */
    public void addPlayer(final Instance instance, final long userId)
    {
        seatPlayer(instance, userId);
        rehash(instance);
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
                searchAttributes[instance.slot * ATTRIBUTES + OPEN_SEATS]++;
                rehash(instance);
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
        byTypeStateAndRegion.remove(instance.slot);
        unindexHost(instance);
        byId.remove(instance);
        pool.release(instance.slot);
        hashSum.removed(instance);
    }

    /**
     * Collect the ids of the instances on a host (0: waiting for a host), ascending.
     *
     * @param hostId the host.
     * @param out    cleared, then filled.
     */
    public void idsOnHost(final long hostId, final LongArrayList out)
    {
        out.clear();
        for (int slot = byHost.head(hostId); slot != OrderedIndex.NONE; slot = byHost.next(slot))
        {
            out.addLong(pool.get(slot).id);
        }
        out.sort(null);
    }

    /**
     * Search-index seek.
     *
     * @return the first instance with this game type and state and an id at or above {@code fromId}, or null.
     */
    public Instance firstOfTypeAndState(final int gameType, final InstanceState state, final long fromId)
    {
        final int slot = byTypeAndState.ceilingWithKey(typeStateKey(gameType, state), fromId);
        return slot != OrderedIndex.NONE ? pool.get(slot) : null;
    }

    /**
     * @return the next instance with the same game type and state, or null.
     */
    public Instance nextOfTypeAndState(final Instance instance)
    {
        final int slot = byTypeAndState.next(instance.slot);
        return slot != OrderedIndex.NONE && byTypeAndState.keyOf(slot) == byTypeAndState.keyOf(instance.slot) ?
            pool.get(slot) : null;
    }

    /**
     * One page of {@code SearchInstances}: walk the search index of a game type and state (and
     * region, unless it is 0) in id order from {@code fromId}, and collect the instances whose
     * mode and rating band match (0 matches any) and that have at least {@code minOpenSeats}
     * open seats. Those tests read compact attributes kept by slot, so an entry that does not
     * match costs no read of its instance. {@link #searchCursor()} then tells where to resume.
     *
     * @param out         receives the matches.
     * @param maxResults  most matches to collect, at most {@code out.length}.
     * @param maxExamined most index entries to examine.
     * @return the number of matches written to {@code out}.
     */
    public int search(
        final int gameType,
        final InstanceState state,
        final int region,
        final int mode,
        final int ratingBand,
        final int minOpenSeats,
        final long fromId,
        final int maxResults,
        final int maxExamined,
        final Instance[] out)
    {
        final OrderedIndex index = region != 0 ? byTypeStateAndRegion : byTypeAndState;
        final long key = region != 0 ? typeStateRegionKey(gameType, state, region) : typeStateKey(gameType, state);
        final int[] attributes = searchAttributes;
        int found = 0;
        int examined = 0;
        int slot = index.ceilingWithKey(key, fromId);
        while (slot != OrderedIndex.NONE && found < maxResults && examined < maxExamined)
        {
            examined++;
            final int at = slot * ATTRIBUTES;
            if ((mode == 0 || attributes[at + MODE] == mode) &&
                (ratingBand == 0 || attributes[at + RATING_BAND] == ratingBand) &&
                attributes[at + OPEN_SEATS] >= minOpenSeats)
            {
                out[found++] = pool.get(slot);
            }
            slot = index.next(slot);
            if (slot != OrderedIndex.NONE && index.keyOf(slot) != key)
            {
                slot = OrderedIndex.NONE;
            }
        }
        searchCursor = slot == OrderedIndex.NONE ? 0 : index.idOf(slot);
        return found;
    }

    /**
     * @return after {@link #search}, the id of the first entry the page did not examine, to
     *     resume from; 0 when the walk reached the end of the key.
     */
    public long searchCursor()
    {
        return searchCursor;
    }

    /**
     * @return the sum of every indexed instance's {@link EntityHash#instance(Instance)} (wrapping on
     * overflow): every method that adds, changes or removes one marks it, and the instances changed
     * since the last call are hashed now, once each.
     */
    public long hashSum()
    {
        return hashSum.sum();
    }

    /**
     * @return the sum of {@link EntityHash#instance(Instance)} over every instance, walked now;
     * for tests, which compare it with {@link #hashSum()}.
     */
    public long recomputeHashSum()
    {
        return pool.sum(EntityHash::instance);
    }

    /**
     * @return the slots of every instance, in ascending id order (read each with
     * {@link #atSlot(int)}); allocates, for snapshots.
     */
    public int[] slotsInIdOrder()
    {
        return pool.slotsInIdOrder();
    }

    /**
     * @param slot a slot in use, e.g. from {@link #slotsInIdOrder()}.
     * @return the instance occupying it.
     */
    public Instance atSlot(final int slot)
    {
        return pool.get(slot);
    }

    /**
     * @return every instance id, ascending; allocates, for snapshots, hashing and tools.
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
        String problem = byHost.verify((slot) -> pool.get(slot).hostId);
        if (problem == null)
        {
            problem = byTypeAndState.verify();
        }
        if (problem == null)
        {
            problem = byTypeStateAndRegion.verify();
        }
        if (problem != null)
        {
            return problem;
        }
        int waiting = 0;
        for (final long id : sortedIds())
        {
            final Instance i = byId.get(id);
            waiting += i.hostId == 0 ? 1 : 0;
            if (i.id != id || !pool.isInUse(i.slot) || pool.get(i.slot) != i || !byHost.contains(i.slot) || !byTypeAndState.contains(i.slot) ||
                !byTypeStateAndRegion.contains(i.slot))
            {
                return "instance " + id + " missing from an index";
            }
            final int at = i.slot * ATTRIBUTES;
            if (searchAttributes[at + MODE] != i.mode || searchAttributes[at + RATING_BAND] != i.ratingBand ||
                searchAttributes[at + OPEN_SEATS] != i.openSeats())
            {
                return "instance " + id + " search attributes disagree with the instance";
            }
        }
        if (byId.size() != size() || byHost.size() != size() || byTypeAndState.size() != size() ||
            byTypeStateAndRegion.size() != size())
        {
            return "instance index sizes disagree with the directory";
        }
        return waiting == unplaced ? null : "unplaced count " + unplaced + " but " + waiting + " instances have no host";
    }

    private void setSearchAttributes(final Instance instance)
    {
        final int at = instance.slot * ATTRIBUTES;
        searchAttributes[at + MODE] = instance.mode;
        searchAttributes[at + RATING_BAND] = instance.ratingBand;
        searchAttributes[at + OPEN_SEATS] = instance.maxPlayers - instance.playerCount;
    }

    private static void ensureSeats(final Instance instance, final int maxPlayers)
    {
        if (instance.players.length < maxPlayers)
        {
            instance.players = new long[maxPlayers];
        }
    }

    private void seatPlayer(final Instance instance, final long userId)
    {
        instance.players[instance.playerCount++] = userId;
        searchAttributes[instance.slot * ATTRIBUTES + OPEN_SEATS]--;
    }

    /**
     * Replace an indexed instance's hash in the sum after a change.
     */
    private void rehash(final Instance instance)
    {
        hashSum.changed(instance);
    }

    private void index(final Instance instance)
    {
        hashSum.changed(instance);
        byId.put(instance);
        indexHost(instance);
        byTypeAndState.insert(instance.slot);
        byTypeStateAndRegion.insert(instance.slot);
    }

    private void indexHost(final Instance instance)
    {
        byHost.insert(instance.slot, instance.hostId);
        unplaced += instance.hostId == 0 ? 1 : 0;
    }

    private void unindexHost(final Instance instance)
    {
        byHost.remove(instance.slot);
        unplaced -= instance.hostId == 0 ? 1 : 0;
    }
}
