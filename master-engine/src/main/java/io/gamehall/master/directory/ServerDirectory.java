package io.gamehall.master.directory;

import io.gamehall.master.index.NameIndex;
import io.gamehall.master.index.OrderedIndex;
import io.gamehall.sbe.master.ServerRole;
import io.gamehall.sbe.master.ServerState;

/**
 * The Servers directory and its indexes:
 * <ul>
 *     <li>by id (hash, plus ordered for deterministic walks and snapshots);</li>
 *     <li>by name (unique);</li>
 *     <li>liveness: servers that are not DEAD, ordered by last heartbeat, for the timeout sweep;
 *     filed lazily (see {@link #oldestLive()}), so a heartbeat costs no index update;</li>
 *     <li>placement: ACTIVE game hosts ordered by free capacity, most free first;</li>
 *     <li>active gateways, ordered by id, for the check-in list.</li>
 * </ul>
 * Every change to a field an index sorts by goes through this class, which takes the entity
 * out of the affected indexes and puts it back, so the indexes can never drift from the data.
 */
public final class ServerDirectory
{
    private final EntityPool<Server> pool;
    private final IdTable<Server> byId;
    private final OrderedIndex ordered;
    private final NameIndex byName;
    private final OrderedIndex liveness;
    private final OrderedIndex placement;
    private final OrderedIndex activeGateways;

    /**
     * @param capacity max servers, DEAD ones included.
     */
    public ServerDirectory(final int capacity)
    {
        pool = new EntityPool<>(capacity, Server::new);
        byId = new IdTable<>(capacity);
        ordered = new OrderedIndex("servers.byId", capacity, new OrderedIndex.Keys()
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
        liveness = new OrderedIndex("servers.byLastHeartbeat", capacity, new OrderedIndex.Keys()
        {
            public long key(final int slot)
            {
                return pool.get(slot).livenessKey;
            }

            public long id(final int slot)
            {
                return pool.get(slot).id;
            }
        });
        placement = new OrderedIndex("hosts.byFreeCapacity", capacity, new OrderedIndex.Keys()
        {
            public long key(final int slot)
            {
                return -pool.get(slot).freeCapacity();
            }

            public long id(final int slot)
            {
                return pool.get(slot).id;
            }
        });
        activeGateways = new OrderedIndex("gateways.active", capacity, new OrderedIndex.Keys()
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
    }

    /**
     * @return number of servers, DEAD ones included.
     */
    public int size()
    {
        return pool.inUse();
    }

    public boolean isFull()
    {
        return pool.isFull();
    }

    /**
     * @param id server id.
     * @return the server or null.
     */
    public Server get(final long id)
    {
        return byId.get(id);
    }

    /**
     * @param name   name bytes.
     * @param length name length.
     * @return the server holding that name, or null.
     */
    public Server findByName(final byte[] name, final int length)
    {
        final int slot = byName.find(name, length);
        return slot == OrderedIndex.NONE ? null : pool.get(slot);
    }

    /**
     * Add an ACTIVE server. The caller has checked the name is free and the directory not full.
     *
     * @return the new server.
     */
    public Server add(
        final long id,
        final ServerRole role,
        final int capacity,
        final int[] gameTypes,
        final int gameTypeCount,
        final byte[] name,
        final int nameLength,
        final byte[] endpoint,
        final int endpointLength,
        final byte[] softwareVersion,
        final int softwareVersionLength,
        final long now)
    {
        final Server server = pool.acquire();
        server.id = id;
        server.role = role;
        server.state = ServerState.ACTIVE;
        server.capacity = capacity;
        server.load = 0;
        server.assigned = 0;
        server.registeredTime = now;
        server.lastHeartbeatTime = now;
        System.arraycopy(gameTypes, 0, server.gameTypes, 0, gameTypeCount);
        server.gameTypeCount = gameTypeCount;
        System.arraycopy(name, 0, server.name, 0, nameLength);
        server.nameLength = nameLength;
        System.arraycopy(endpoint, 0, server.endpoint, 0, endpointLength);
        server.endpointLength = endpointLength;
        System.arraycopy(softwareVersion, 0, server.softwareVersion, 0, softwareVersionLength);
        server.softwareVersionLength = softwareVersionLength;

        byId.put(server);
        ordered.insert(server.slot);
        server.nameHash = byName.insert(server.slot);
        indexMutable(server);
        return server;
    }

    /**
     * Restore a server exactly as a snapshot recorded it.
     *
     * @return the restored server, to be filled by the caller before {@link #indexRestored(Server)}.
     */
    public Server restore(final long id)
    {
        final Server server = pool.acquire();
        server.id = id;
        return server;
    }

    /**
     * Restore helper: fill name, endpoint and version bytes of a restored server.
     */
    public void restoreStrings(
        final Server server,
        final byte[] name,
        final int nameLength,
        final byte[] endpoint,
        final int endpointLength,
        final byte[] version,
        final int versionLength)
    {
        System.arraycopy(name, 0, server.name, 0, nameLength);
        server.nameLength = nameLength;
        System.arraycopy(endpoint, 0, server.endpoint, 0, endpointLength);
        server.endpointLength = endpointLength;
        System.arraycopy(version, 0, server.softwareVersion, 0, versionLength);
        server.softwareVersionLength = versionLength;
    }

    /**
     * Restore helper: set the scalar fields of a restored server.
     */
    public void restoreFields(
        final Server server,
        final ServerRole role,
        final ServerState state,
        final int capacity,
        final int load,
        final int assigned,
        final long registeredTime,
        final long lastHeartbeatTime)
    {
        server.role = role;
        server.state = state;
        server.capacity = capacity;
        server.load = load;
        server.assigned = assigned;
        server.registeredTime = registeredTime;
        server.lastHeartbeatTime = lastHeartbeatTime;
    }

    /**
     * Restore helper: add a game type to a restored server.
     */
    public void restoreGameType(final Server server, final int gameType)
    {
        server.gameTypes[server.gameTypeCount++] = gameType;
    }

    /**
     * Put a fully restored server into every index.
     */
    public void indexRestored(final Server server)
    {
        byId.put(server);
        ordered.insert(server.slot);
        server.nameHash = byName.insert(server.slot);
        indexMutable(server);
    }

    /**
     * Record a heartbeat.
     */
    public void heartbeat(final Server server, final int load, final long now)
    {
        server.lastHeartbeatTime = Math.max(server.lastHeartbeatTime, now);
        if (load != server.load)
        {
            final int free = server.freeCapacity();
            server.load = load;
            if (free != server.freeCapacity())
            {
                reindexPlacement(server);
            }
        }
    }

    /**
     * Change a server's state.
     */
    public void setState(final Server server, final ServerState state)
    {
        unindexMutable(server);
        server.state = state;
        indexMutable(server);
    }

    /**
     * Count instances placed on (positive delta) or gone from (negative delta) a host.
     */
    public void addAssigned(final Server server, final int delta)
    {
        final int free = server.freeCapacity();
        server.assigned += delta;
        if (free != server.freeCapacity())
        {
            reindexPlacement(server);
        }
    }

    /**
     * Move a host to its new place after its free capacity changed. The index keeps the key it
     * was filed under, so removal works after the fields changed.
     */
    private void reindexPlacement(final Server server)
    {
        if (placement.contains(server.slot))
        {
            placement.remove(server.slot);
            placement.insert(server.slot);
        }
    }

    /**
     * Remove a server from the directory and every index.
     */
    public void remove(final Server server)
    {
        unindexMutable(server);
        byName.remove(server.slot, server.nameHash);
        ordered.remove(server.slot);
        byId.remove(server);
        pool.release(server.slot);
    }

    /**
     * The liveness index files a server under the heartbeat time it had when it was filed, and
     * a heartbeat only moves that time forward without touching the index. So, before
     * answering, entries at the front whose time moved on are filed again under their current
     * time; the first entry filed under its current time is then the true oldest, because
     * every other entry's current time is at least the time it is filed under. A server that
     * heartbeated is re-filed once, when it reaches the front and someone asks (the liveness
     * timer, a registration), instead of on every heartbeat.
     *
     * @return the live (not DEAD) server with the oldest heartbeat, or null.
     */
    public Server oldestLive()
    {
        int slot;
        while ((slot = liveness.first()) != OrderedIndex.NONE)
        {
            final Server server = pool.get(slot);
            if (server.livenessKey == server.lastHeartbeatTime)
            {
                return server;
            }
            liveness.remove(slot);
            server.livenessKey = server.lastHeartbeatTime;
            liveness.insert(slot);
        }
        return null;
    }

    /**
     * Placement: the ACTIVE host with the most free capacity that runs the game type; ties go
     * to the lowest id.
     *
     * @param gameType game type to place.
     * @return the chosen host, or null when none has room.
     */
    public Server bestHostFor(final int gameType)
    {
        for (int slot = placement.first(); slot != OrderedIndex.NONE; slot = placement.next(slot))
        {
            final Server host = pool.get(slot);
            if (host.freeCapacity() <= 0)
            {
                return null;
            }
            if (host.supports(gameType))
            {
                return host;
            }
        }
        return null;
    }

    /**
     * @return first server in id order, or null.
     */
    public Server first()
    {
        return at(ordered.first());
    }

    /**
     * @return the first server with an id at or above {@code fromId}, or null.
     */
    public Server ceiling(final long fromId)
    {
        return at(ordered.ceiling(0, fromId));
    }

    /**
     * @return the server after this one in id order, or null.
     */
    public Server next(final Server server)
    {
        return at(ordered.next(server.slot));
    }

    /**
     * @return first ACTIVE gateway in id order, or null.
     */
    public Server firstActiveGateway()
    {
        return at(activeGateways.first());
    }

    /**
     * @return next ACTIVE gateway in id order, or null.
     */
    public Server nextActiveGateway(final Server gateway)
    {
        return at(activeGateways.next(gateway.slot));
    }

    /**
     * @return number of ACTIVE gateways.
     */
    public int activeGatewayCount()
    {
        return activeGateways.size();
    }

    /**
     * Check every index against the data; for tests.
     *
     * @return the first problem found, or null.
     */
    public String verifyIndexes()
    {
        String problem = firstProblem(ordered.verify(), byName.size() == size() ? null : "servers.byName size");
        problem = firstProblem(problem, liveness.verify());
        problem = firstProblem(problem, placement.verify());
        problem = firstProblem(problem, activeGateways.verify());
        int live = 0;
        int hosts = 0;
        int gateways = 0;
        for (Server s = first(); s != null; s = next(s))
        {
            if (byId.get(s.id) != s || findByName(s.name, s.nameLength) != s)
            {
                return "server " + s.id + " not found by id or name";
            }
            live += inLiveness(s) ? 1 : 0;
            hosts += inPlacement(s) ? 1 : 0;
            gateways += inActiveGateways(s) ? 1 : 0;
            if (inLiveness(s) && s.livenessKey > s.lastHeartbeatTime)
            {
                return "server " + s.id + " filed for liveness under a time after its last heartbeat";
            }
            if (liveness.contains(s.slot) != inLiveness(s) || placement.contains(s.slot) != inPlacement(s) ||
                activeGateways.contains(s.slot) != inActiveGateways(s))
            {
                return "server " + s.id + " index membership disagrees with its state";
            }
        }
        if (byId.size() != size() || live != liveness.size() || hosts != placement.size() ||
            gateways != activeGateways.size())
        {
            return firstProblem(problem, "server index sizes disagree with the directory");
        }
        return problem;
    }

    private static String firstProblem(final String a, final String b)
    {
        return a != null ? a : b;
    }

    private Server at(final int slot)
    {
        return slot == OrderedIndex.NONE ? null : pool.get(slot);
    }

    private static boolean inLiveness(final Server s)
    {
        return s.state != ServerState.DEAD;
    }

    private static boolean inPlacement(final Server s)
    {
        return s.state == ServerState.ACTIVE && s.role == ServerRole.GAME_HOST;
    }

    private static boolean inActiveGateways(final Server s)
    {
        return s.state == ServerState.ACTIVE && s.role == ServerRole.GATEWAY;
    }

    private void indexMutable(final Server server)
    {
        if (inLiveness(server))
        {
            server.livenessKey = server.lastHeartbeatTime;
            liveness.insert(server.slot);
        }
        if (inPlacement(server))
        {
            placement.insert(server.slot);
        }
        if (inActiveGateways(server))
        {
            activeGateways.insert(server.slot);
        }
    }

    private void unindexMutable(final Server server)
    {
        if (liveness.contains(server.slot))
        {
            liveness.remove(server.slot);
        }
        if (placement.contains(server.slot))
        {
            placement.remove(server.slot);
        }
        if (activeGateways.contains(server.slot))
        {
            activeGateways.remove(server.slot);
        }
    }
}
