package io.gamehall.replication;

import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * Which client owns each server, and which of its cluster sessions the events addressed to
 * the server go to. A server is owned by the client that registered it; its session is the one
 * of that registration, and later the one of its owner's last heartbeat, so a server whose
 * client reconnected with a new session is found again at its next heartbeat. When a session
 * closes, its servers keep their owner and wait for a heartbeat from it.
 * <p>
 * Part of the replicated state: it changes only with the log, and it is in the snapshot. An
 * entry of a server the engine no longer holds decides nothing ({@link CommandAuthorizer}
 * looks the server up in the engine first), so such entries are dropped whenever convenient.
 */
final class ServerOwners
{
    /** Session of a server whose owner has none open. */
    static final long NO_SESSION = -1;
    /** Owner of a server not in this table. */
    static final long NO_OWNER = -1;

    private final Long2LongHashMap sessionByServer = new Long2LongHashMap(NO_SESSION);
    private final Long2LongHashMap ownerByServer = new Long2LongHashMap(NO_OWNER);

    /**
     * A server was registered, or its owner heartbeated: it belongs to this client and its
     * events go to this session.
     *
     * @param ownerClientId {@link SessionPrincipal#UNBOUND} when the owner is not known.
     */
    void own(final long serverId, final long ownerClientId, final long sessionId)
    {
        ownerByServer.put(serverId, ownerClientId);
        if (sessionId == NO_SESSION)
        {
            sessionByServer.remove(serverId);
        }
        else
        {
            sessionByServer.put(serverId, sessionId);
        }
    }

    /**
     * @return the client that owns the server; {@link SessionPrincipal#UNBOUND} when not known,
     * {@link #NO_OWNER} when the server is not in this table.
     */
    long ownerOf(final long serverId)
    {
        return ownerByServer.get(serverId);
    }

    /**
     * @return the session the server's events go to, or {@link #NO_SESSION}.
     */
    long sessionOf(final long serverId)
    {
        return sessionByServer.get(serverId);
    }

    /**
     * Forget a server (deregistered).
     */
    void remove(final long serverId)
    {
        ownerByServer.remove(serverId);
        sessionByServer.remove(serverId);
    }

    /**
     * A session closed: its servers keep their owner and have no session until the owner's next
     * heartbeat.
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
        return ownerByServer.size();
    }

    /**
     * @return server ids in ascending order; allocates, for snapshots.
     */
    long[] sortedServerIds()
    {
        final long[] ids = new long[ownerByServer.size()];
        int i = 0;
        final Long2LongHashMap.KeyIterator it = ownerByServer.keySet().iterator();
        while (it.hasNext())
        {
            ids[i++] = it.nextValue();
        }
        Arrays.sort(ids);
        return ids;
    }

    void clear()
    {
        ownerByServer.clear();
        sessionByServer.clear();
    }
}
