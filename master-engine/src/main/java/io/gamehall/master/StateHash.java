package io.gamehall.master;

import io.gamehall.master.directory.EntityHash;
import io.gamehall.master.directory.Instance;
import io.gamehall.master.directory.Server;
import io.gamehall.master.directory.User;


/**
 * A 64-bit hash of an engine's whole state: every entity of every directory, the exactly-once
 * memory and the id generators. It depends only on the data, never on memory layout, slot
 * numbers or hash-map order, so two engines that applied the same commands, or an engine and
 * one restored from its snapshot, hash equal.
 * <p>
 * Two versions, both kept because journals and snapshots record which one they hold:
 * <ul>
 *     <li>{@link #VERSION_1} folds every entity into one sequence in id order, which needs the
 *     user, instance and client ids sorted (about 15 ms with 100,000 users). Never change it:
 *     recorded version 1 hashes must still verify.</li>
 *     <li>{@link #VERSION_2} hashes each entity on its own (well mixed), adds the entity hashes
 *     up per directory (addition is commutative, so the walk order does not matter and
 *     nothing is sorted), then folds the directory sums, counts and scalars in a fixed
 *     order. The user and instance directories keep their sums up to date at every change
 *     ({@link EntityHash}), so this version walks only the servers and clients: its cost
 *     does not grow with the number of users or instances.</li>
 * </ul>
 */
final class StateHash
{
    /** Entities folded in id order: sorts the ids. */
    static final int VERSION_1 = 1;
    /** Order-independent: a sum of entity hashes per directory, nothing sorted. */
    static final int VERSION_2 = 2;

    private static final long SEED = 0x6761_6D65_6861_6C6CL;
    private static final long SERVER_SEED = 0x7365_7276_6572_7332L;
    private static final long CLIENT_SEED = 0x636C_6965_6E74_7332L;
    private static final long RESULT_SEED = 0x7265_7375_6C74_7332L;

    private long hash = SEED;

    private StateHash()
    {
    }

    static long of(final MasterEngine engine, final int version)
    {
        switch (version)
        {
            case VERSION_1:
                return version1(engine);
            case VERSION_2:
                return version2(engine);
            default:
                throw new IllegalArgumentException("unknown state hash version " + version);
        }
    }

    static long version1(final MasterEngine engine)
    {
        final StateHash h = new StateHash();
        h.add(engine.nextServerId).add(engine.nextInstanceId).add(engine.livenessDeadline);

        h.add(engine.servers.size());
        for (Server s = engine.servers.first(); s != null; s = engine.servers.next(s))
        {
            h.add(s.id()).add(s.role().value()).add(s.state().value()).add(s.capacity()).add(s.load())
                .add(s.assigned()).add(s.registeredTime()).add(s.lastHeartbeatTime()).add(s.gameTypeCount());
            for (int i = 0; i < s.gameTypeCount(); i++)
            {
                h.add(s.gameType(i));
            }
            h.add(s.nameBytes(), s.nameLength()).add(s.endpointBytes(), s.endpointLength())
                .add(s.softwareVersionBytes(), s.softwareVersionLength());
        }

        h.add(engine.users.size());
        for (final long userId : engine.users.sortedIds())
        {
            final User u = engine.users.get(userId);
            h.add(u.id()).add(u.state().value()).add(u.gatewayId()).add(u.instanceId()).add(u.checkInTime())
                .add(u.nameBytes(), u.nameLength());
        }

        h.add(engine.instances.size());
        for (final long instanceId : engine.instances.sortedIds())
        {
            final Instance i = engine.instances.get(instanceId);
            h.add(i.id()).add(i.gameType()).add(i.state().value()).add(i.resumeState().value()).add(i.hostId())
                .add(i.ownerId()).add(i.maxPlayers()).add(i.region()).add(i.mode()).add(i.ratingBand())
                .add(i.createdTime()).add(i.playerCount());
            for (int seat = 0; seat < i.playerCount(); seat++)
            {
                h.add(i.player(seat));
            }
        }

        final ClientTable clients = engine.clients;
        h.add(clients.size()).add(clients.useSequence());
        for (final long clientId : clients.sortedClientIds())
        {
            final ClientTable.Client c = clients.get(clientId);
            h.add(c.clientId).add(c.highestRequestId).add(c.lastUse);
            for (int k = 0; k < c.requestIds.length; k++)
            {
                if (c.requestIds[k] != 0)
                {
                    h.add(c.requestIds[k]).add(c.commands[k]).add(c.codes[k]).add(c.subjectIds[k]).add(c.detailIds[k]);
                }
            }
        }
        return h.hash;
    }

    static long version2(final MasterEngine engine)
    {
        // kept up to date by the directories at every change: no pass over users or instances
        return version2(engine, engine.users.hashSum(), engine.instances.hashSum());
    }

    private static long version2(final MasterEngine engine, final long userSum, final long instanceSum)
    {
        long serverSum = 0;
        for (Server s = engine.servers.first(); s != null; s = engine.servers.next(s))
        {
            serverSum += serverHash(s);
        }

        final ClientTable clients = engine.clients;
        long clientSum = 0;
        for (ClientTable.Client c = clients.oldest(); c != null; c = c.newer)
        {
            clientSum += clientHash(c);
        }

        long h = mix(SEED, VERSION_2);
        h = mix(h, engine.nextServerId);
        h = mix(h, engine.nextInstanceId);
        h = mix(h, engine.livenessDeadline);
        h = mix(h, engine.servers.size());
        h = mix(h, serverSum);
        h = mix(h, engine.users.size());
        h = mix(h, userSum);
        h = mix(h, engine.instances.size());
        h = mix(h, instanceSum);
        h = mix(h, clients.size());
        h = mix(h, clients.useSequence());
        h = mix(h, clientSum);
        return finish(h);
    }

    /**
     * Version 2 with the user and instance sums walked over the entities rather than taken
     * from the directories: for tests, which check the directories kept their sums right and
     * that the hash covers every field, even one set behind a directory's back.
     */
    static long version2Walked(final MasterEngine engine)
    {
        return version2(engine, engine.users.recomputeHashSum(), engine.instances.recomputeHashSum());
    }

    private static long serverHash(final Server s)
    {
        long h = mix(SERVER_SEED, s.id());
        h = mix(h, s.role().value());
        h = mix(h, s.state().value());
        h = mix(h, s.capacity());
        h = mix(h, s.load());
        h = mix(h, s.assigned());
        h = mix(h, s.registeredTime());
        h = mix(h, s.lastHeartbeatTime());
        h = mix(h, s.gameTypeCount());
        for (int i = 0; i < s.gameTypeCount(); i++)
        {
            h = mix(h, s.gameType(i));
        }
        h = mix(h, s.nameBytes(), s.nameLength());
        h = mix(h, s.endpointBytes(), s.endpointLength());
        h = mix(h, s.softwareVersionBytes(), s.softwareVersionLength());
        return finish(h);
    }

    /**
     * A client's fields, then the sum of its recorded results' hashes: which ring slot holds a
     * result does not count, only the result.
     */
    private static long clientHash(final ClientTable.Client c)
    {
        long resultSum = 0;
        int results = 0;
        final long[] requestIds = c.requestIds;
        for (int k = 0; k < requestIds.length; k++)
        {
            if (requestIds[k] != 0)
            {
                long r = mix(RESULT_SEED, requestIds[k]);
                r = mix(r, c.commands[k]);
                r = mix(r, c.codes[k]);
                r = mix(r, c.subjectIds[k]);
                r = mix(r, c.detailIds[k]);
                resultSum += finish(r);
                results++;
            }
        }
        long h = mix(CLIENT_SEED, c.clientId);
        h = mix(h, c.highestRequestId);
        h = mix(h, c.lastUse);
        h = mix(h, results);
        h = mix(h, resultSum);
        return finish(h);
    }

    private static long mix(final long hash, final long value)
    {
        return EntityHash.mix(hash, value);
    }

    private static long mix(final long hash, final byte[] bytes, final int length)
    {
        return EntityHash.mix(hash, bytes, length);
    }

    private static long finish(final long hash)
    {
        return EntityHash.finish(hash);
    }

    private StateHash add(final long value)
    {
        long v = value * 0xBF58476D1CE4E5B9L;
        v ^= v >>> 31;
        hash = Long.rotateLeft(hash ^ v, 27) * 0x94D049BB133111EBL + 0x9E3779B97F4A7C15L;
        return this;
    }

    private StateHash add(final byte[] bytes, final int length)
    {
        add(length);
        for (int i = 0; i < length; i++)
        {
            add(bytes[i]);
        }
        return this;
    }
}
