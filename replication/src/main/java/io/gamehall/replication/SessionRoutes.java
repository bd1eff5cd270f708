package io.gamehall.replication;

import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * Which cluster session the events addressed to a server go to. A server's route is set when
 * its registration succeeds and refreshed by each of its heartbeats, so a server that
 * reconnected with a new session is found again at its next heartbeat. Part of the replicated
 * state: it changes only with the log, and it is in the snapshot.
 */
final class SessionRoutes
{
    static final long NO_SESSION = -1;

    private final Long2LongHashMap sessionByServer = new Long2LongHashMap(NO_SESSION);

    void route(final long serverId, final long sessionId)
    {
        sessionByServer.put(serverId, sessionId);
    }

    long sessionOf(final long serverId)
    {
        return sessionByServer.get(serverId);
    }

    /**
     * Forget every route to a closed session.
     */
    void sessionClosed(final long sessionId)
    {
        final Long2LongHashMap.EntryIterator it = sessionByServer.entrySet().iterator();
        while (it.hasNext())
        {
            it.next();
            if (it.getLongValue() == sessionId)
            {
                it.remove();
            }
        }
    }

    int size()
    {
        return sessionByServer.size();
    }

    /**
     * @return server ids in ascending order; allocates, for snapshots.
     */
    long[] sortedServerIds()
    {
        final long[] ids = new long[sessionByServer.size()];
        int i = 0;
        final Long2LongHashMap.KeyIterator it = sessionByServer.keySet().iterator();
        while (it.hasNext())
        {
            ids[i++] = it.nextValue();
        }
        Arrays.sort(ids);
        return ids;
    }

    void clear()
    {
        sessionByServer.clear();
    }
}
