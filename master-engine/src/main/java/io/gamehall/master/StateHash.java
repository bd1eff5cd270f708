package io.gamehall.master;

import io.gamehall.master.directory.Instance;
import io.gamehall.master.directory.Server;
import io.gamehall.master.directory.User;

/**
 * A 64-bit hash of an engine's whole state: every entity of every directory in id order, the
 * exactly-once memory and the id generators. It depends only on the data, never on memory
 * layout, slot numbers or hash-map order, so two engines that applied the same commands, or
 * an engine and one restored from its snapshot, hash equal.
 */
final class StateHash
{
    private long hash = 0x6761_6D65_6861_6C6CL;

    private StateHash()
    {
    }

    static long of(final MasterEngine engine)
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
