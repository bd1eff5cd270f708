package io.gamehall.master;

import io.gamehall.master.directory.Instance;
import io.gamehall.master.directory.InstanceDirectory;
import io.gamehall.master.directory.Server;
import io.gamehall.master.directory.ServerDirectory;
import io.gamehall.master.directory.User;
import io.gamehall.master.directory.UserDirectory;
import io.gamehall.sbe.master.InstanceState;
import io.gamehall.sbe.master.ServerState;
import org.agrona.collections.LongArrayList;

/**
 * Where suspended instances go: a lost host's instances are suspended and re-placed, each on
 * the best host for its game type (most free capacity, lowest id on a tie), which gets a
 * {@code RestoreInstance} order; every gateway with players in it gets one
 * {@code InstanceMoved}. An instance no host can take waits under host 0 until a host of its
 * game type has room ({@link #placeOrphans(Server)}).
 */
final class Placement
{
    private final ServerDirectory servers;
    private final UserDirectory users;
    private final InstanceDirectory instances;
    private final EgressPublisher egress;
    private final LongArrayList suspended = new LongArrayList(1024, Long.MIN_VALUE);
    private final long[] gatewayScratch;

    /**
     * @param servers               the server directory.
     * @param users                 the user directory.
     * @param instances             the instance directory.
     * @param egress                where restore orders and moves go.
     * @param maxPlayersPerInstance the most players an instance seats (and so gateways it has).
     */
    Placement(
        final ServerDirectory servers,
        final UserDirectory users,
        final InstanceDirectory instances,
        final EgressPublisher egress,
        final int maxPlayersPerInstance)
    {
        this.servers = servers;
        this.users = users;
        this.instances = instances;
        this.egress = egress;
        gatewayScratch = new long[maxPlayersPerInstance];
    }

    /**
     * A host is lost: suspend its instances and take them off its count. They are re-placed by
     * {@link #placeSuspended()}, to be called once the host can no longer be chosen.
     *
     * @param host the host lost.
     */
    void suspendInstancesOf(final Server host)
    {
        instances.idsOnHost(host.id(), suspended);
        for (int k = 0; k < suspended.size(); k++)
        {
            final Instance instance = instances.get(suspended.getLong(k));
            instances.suspend(instance);
            servers.addAssigned(host, -1);
        }
    }

    /**
     * Re-place the instances the last {@link #suspendInstancesOf(Server)} suspended, in
     * ascending id order; those no host can take wait.
     */
    void placeSuspended()
    {
        for (int k = 0; k < suspended.size(); k++)
        {
            tryPlace(instances.get(suspended.getLong(k)));
        }
    }

    /**
     * A host may have room now: re-place suspended instances of the game types it runs that
     * are still waiting for a host, lowest id first, while any host has room.
     *
     * @param host a host whose capacity or state changed.
     */
    void placeOrphans(final Server host)
    {
        if (!instances.hasUnplaced() || host.state() != ServerState.ACTIVE || host.freeCapacity() <= 0)
        {
            return;
        }
        for (int t = 0; t < host.gameTypeCount(); t++)
        {
            Instance instance = instances.firstOfTypeAndState(host.gameType(t), InstanceState.SUSPENDED, 0);
            while (instance != null)
            {
                final Instance next = instances.nextOfTypeAndState(instance);
                if (instance.hostId() == 0 && !tryPlace(instance))
                {
                    break;
                }
                instance = next;
            }
        }
    }

    /**
     * Place a suspended instance on the best host for its game type and order a restore.
     *
     * @return false when no host has room for it.
     */
    private boolean tryPlace(final Instance instance)
    {
        final Server host = servers.bestHostFor(instance.gameType());
        if (host == null)
        {
            return false;
        }
        instances.moveToHost(instance, host.id());
        servers.addAssigned(host, 1);
        egress.restoreInstance(instance, users);

        int gatewayCount = 0;
        for (int seat = 0; seat < instance.playerCount(); seat++)
        {
            final User user = users.get(instance.player(seat));
            final long gatewayId = user.gatewayId();
            if (gatewayId != 0 && !contains(gatewayScratch, gatewayCount, gatewayId))
            {
                gatewayScratch[gatewayCount++] = gatewayId;
                egress.instanceMoved(gatewayId, instance.id(), host);
            }
        }
        return true;
    }

    private static boolean contains(final long[] values, final int count, final long value)
    {
        for (int i = 0; i < count; i++)
        {
            if (values[i] == value)
            {
                return true;
            }
        }
        return false;
    }
}
