package io.gamehall.replication;

import io.gamehall.master.MasterEngine;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.Arrays;

/**
 * The role each client id of the engine's exactly-once memory belongs to, so that the memory
 * is in effect keyed by role and client id: a session of one role is refused a client id that
 * the memory holds for a client of another role.
 * <p>
 * A client id is bound to the role of the first session that used it while the engine
 * remembered it; once the engine has forgotten the client, the next session that uses the id
 * binds it anew. Entries of clients the engine forgot decide nothing and are dropped when the
 * table grows past twice the engine's client limit. Part of the replicated state, in the
 * snapshot.
 */
final class ClientPrincipals
{
    private final MasterEngine engine;
    private final Long2ObjectHashMap<ClientRole> roleByClient = new Long2ObjectHashMap<>();

    ClientPrincipals(final MasterEngine engine)
    {
        this.engine = engine;
    }

    /**
     * @return whether a session of this role may use this client id.
     */
    boolean mayUse(final long clientId, final ClientRole role)
    {
        final ClientRole bound = roleByClient.get(clientId);
        return bound == null || bound == role || !engine.remembersClient(clientId);
    }

    /**
     * A session of this role used this client id (call after {@link #mayUse} allowed it).
     */
    void used(final long clientId, final ClientRole role)
    {
        if (roleByClient.get(clientId) != role)
        {
            if (roleByClient.size() >= 2 * engine.config().maxClients())
            {
                dropForgotten();
            }
            roleByClient.put(clientId, role);
        }
    }

    /**
     * Restore an entry from a snapshot.
     */
    void restore(final long clientId, final ClientRole role)
    {
        roleByClient.put(clientId, role);
    }

    /**
     * @return the role of a client id, or null.
     */
    ClientRole roleOf(final long clientId)
    {
        return roleByClient.get(clientId);
    }

    int size()
    {
        return roleByClient.size();
    }

    /**
     * @return the client ids the engine remembers, in ascending order; allocates, for snapshots.
     */
    long[] sortedRememberedClientIds()
    {
        final long[] ids = new long[roleByClient.size()];
        int count = 0;
        for (final Long2ObjectHashMap<ClientRole>.KeyIterator it = roleByClient.keySet().iterator(); it.hasNext(); )
        {
            final long clientId = it.nextLong();
            if (engine.remembersClient(clientId))
            {
                ids[count++] = clientId;
            }
        }
        final long[] remembered = Arrays.copyOf(ids, count);
        Arrays.sort(remembered);
        return remembered;
    }

    void clear()
    {
        roleByClient.clear();
    }

    private void dropForgotten()
    {
        roleByClient.keySet().removeIf(clientId -> !engine.remembersClient(clientId));
    }
}
