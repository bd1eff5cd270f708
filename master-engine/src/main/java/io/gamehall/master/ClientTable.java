package io.gamehall.master;

import org.agrona.collections.Long2ObjectHashMap;

import java.util.Arrays;

/**
 * Exactly-once memory: for each client, the highest request id applied and the results of its
 * most recent requests, in a ring indexed by request id. A retry of a recorded request is
 * answered from here and never applied twice; a retry older than the ring is refused.
 * <p>
 * Clients are kept in least-recently-used order. When the table is full, a new client takes
 * the place of the least recently used one only if that one has been idle for at least
 * {@link #EVICTABLE_AFTER_MS} of cluster time; otherwise the new client is refused, so that a
 * flood of new client ids can never make the master forget a client that may still retry.
 * Use is ordered by a sequence and timed by the cluster time of the command, both part of the
 * deterministic state.
 */
final class ClientTable
{
    /**
     * Cluster time a client must have been idle before a new client may take its place: far
     * longer than any client keeps retrying a command (a {@code MasterClient} gives up after its
     * request timeout, 10 s by default).
     */
    static final long EVICTABLE_AFTER_MS = 60_000;

    /** One client's memory. */
    static final class Client
    {
        long clientId;
        long highestRequestId;
        long lastUse;
        long lastUseTime;
        Client newer;
        Client older;
        final long[] requestIds;
        final int[] commands;
        final int[] codes;
        final long[] subjectIds;
        final long[] detailIds;

        Client(final int window)
        {
            requestIds = new long[window];
            commands = new int[window];
            codes = new int[window];
            subjectIds = new long[window];
            detailIds = new long[window];
        }

        void reset(final long clientId)
        {
            this.clientId = clientId;
            highestRequestId = 0;
            lastUseTime = 0;
            Arrays.fill(requestIds, 0);
        }
    }

    private final int window;
    private final int mask;
    private final int maxClients;
    private final Long2ObjectHashMap<Client> byId;
    private final Client[] free;
    private int freeCount;
    private Client oldest;
    private Client newest;
    private long useSequence;

    ClientTable(final int window, final int maxClients)
    {
        this.window = window;
        mask = window - 1;
        this.maxClients = maxClients;
        byId = new Long2ObjectHashMap<>(Math.max(8, maxClients * 2), 0.65f);
        free = new Client[maxClients];
    }

    int size()
    {
        return byId.size();
    }

    int window()
    {
        return window;
    }

    long useSequence()
    {
        return useSequence;
    }

    /**
     * @return the least recently used client (follow {@link Client#newer}), or null.
     */
    Client oldest()
    {
        return oldest;
    }

    Client get(final long clientId)
    {
        return byId.get(clientId);
    }

    /**
     * @param now cluster time.
     * @return whether a client not yet in the table can be added now: the table has room, or its
     * least recently used client has been idle for {@link #EVICTABLE_AFTER_MS}.
     */
    boolean hasRoom(final long now)
    {
        return byId.size() < maxClients || now - oldest.lastUseTime >= EVICTABLE_AFTER_MS;
    }

    /**
     * Find or create the client and mark it most recently used, evicting the least recently
     * used client when the table is full; check {@link #hasRoom(long)} first.
     *
     * @param now cluster time of the use.
     */
    Client use(final long clientId, final long now)
    {
        return use(byId.get(clientId), clientId, now);
    }

    /**
     * As {@link #use(long, long)} when the caller has already looked the client up.
     *
     * @param known the result of {@link #get(long)} for this id, possibly null.
     */
    Client use(final Client known, final long clientId, final long now)
    {
        Client client = known;
        if (client == null)
        {
            if (byId.size() == maxClients)
            {
                final Client evicted = oldest;
                unlink(evicted);
                byId.remove(evicted.clientId);
                free[freeCount++] = evicted;
            }
            client = freeCount > 0 ? free[--freeCount] : new Client(window);
            client.reset(clientId);
            byId.put(clientId, client);
        }
        else
        {
            unlink(client);
        }
        client.lastUse = ++useSequence;
        client.lastUseTime = now;
        linkNewest(client);
        return client;
    }

    /**
     * @return the ring index holding this request's result, or -1.
     */
    int find(final Client client, final long requestId)
    {
        final int index = (int)(requestId & mask);
        return client.requestIds[index] == requestId ? index : -1;
    }

    void record(
        final Client client,
        final long requestId,
        final int command,
        final int code,
        final long subjectId,
        final long detailId)
    {
        final int index = (int)(requestId & mask);
        client.requestIds[index] = requestId;
        client.commands[index] = command;
        client.codes[index] = code;
        client.subjectIds[index] = subjectId;
        client.detailIds[index] = detailId;
        if (requestId > client.highestRequestId)
        {
            client.highestRequestId = requestId;
        }
    }

    /**
     * @return the client ids in ascending order; allocates, for snapshots and hashing.
     */
    long[] sortedClientIds()
    {
        final long[] ids = new long[byId.size()];
        int i = 0;
        for (final Long2ObjectHashMap<Client>.KeyIterator it = byId.keySet().iterator(); it.hasNext(); )
        {
            ids[i++] = it.nextLong();
        }
        Arrays.sort(ids);
        return ids;
    }

    /**
     * Snapshot restore: add a client as recorded. Call {@link #finishRestore(long)} after the last one.
     */
    Client restore(final long clientId, final long highestRequestId, final long lastUse, final long lastUseTime)
    {
        final Client client = new Client(window);
        client.reset(clientId);
        client.highestRequestId = highestRequestId;
        client.lastUse = lastUse;
        client.lastUseTime = lastUseTime;
        byId.put(clientId, client);
        return client;
    }

    /**
     * Snapshot restore: rebuild the use order from the recorded use sequence numbers.
     */
    void finishRestore(final long useSequence)
    {
        final Client[] all = new Client[byId.size()];
        int i = 0;
        for (final Client client : byId.values())
        {
            all[i++] = client;
        }
        Arrays.sort(all, (a, b) -> Long.compare(a.lastUse, b.lastUse));
        oldest = null;
        newest = null;
        for (final Client client : all)
        {
            linkNewest(client);
        }
        this.useSequence = useSequence;
    }

    private void unlink(final Client client)
    {
        if (client.older != null)
        {
            client.older.newer = client.newer;
        }
        else
        {
            oldest = client.newer;
        }
        if (client.newer != null)
        {
            client.newer.older = client.older;
        }
        else
        {
            newest = client.older;
        }
        client.newer = null;
        client.older = null;
    }

    private void linkNewest(final Client client)
    {
        client.older = newest;
        client.newer = null;
        if (newest != null)
        {
            newest.newer = client;
        }
        else
        {
            oldest = client;
        }
        newest = client;
    }
}
