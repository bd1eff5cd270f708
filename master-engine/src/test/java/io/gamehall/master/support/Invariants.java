package io.gamehall.master.support;

import io.gamehall.master.MasterEngine;
import io.gamehall.master.directory.Instance;
import io.gamehall.master.directory.Server;
import io.gamehall.master.directory.User;
import io.gamehall.sbe.master.InstanceState;
import io.gamehall.sbe.master.ServerRole;
import io.gamehall.sbe.master.ServerState;
import io.gamehall.sbe.master.UserState;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The rules the engine's state must satisfy after every command, checked the slow, obvious way.
 */
public final class Invariants
{
    private Invariants()
    {
    }

    /**
     * @return null when every rule holds, else a description of the first broken one.
     */
    public static String check(final MasterEngine engine)
    {
        String problem = engine.servers().verifyIndexes();
        if (problem == null)
        {
            problem = engine.users().verifyIndexes();
        }
        if (problem == null)
        {
            problem = engine.instances().verifyIndexes();
        }
        if (problem != null)
        {
            return problem;
        }
        if (engine.users().hashSum() != engine.users().recomputeHashSum())
        {
            return "the users' hash sum disagrees with a walk over the users: a change missed its rehash";
        }
        if (engine.instances().hashSum() != engine.instances().recomputeHashSum())
        {
            return "the instances' hash sum disagrees with a walk over the instances: a change missed its rehash";
        }

        final Map<Long, Integer> assignedByHost = new HashMap<>();
        final Set<Long> seated = new HashSet<>();
        for (final long instanceId : engine.instances().sortedIds())
        {
            final Instance i = engine.instances().get(instanceId);
            if (i.playerCount() > i.maxPlayers())
            {
                return "instance " + i.id() + " has more players than seats";
            }
            if (i.state() == InstanceState.ENDED)
            {
                return "instance " + i.id() + " ENDED but still in the directory";
            }
            if (i.hostId() == 0 && i.state() != InstanceState.SUSPENDED)
            {
                return "instance " + i.id() + " has no host but is " + i.state();
            }
            if (i.hostId() != 0)
            {
                final Server host = engine.servers().get(i.hostId());
                if (host == null || host.role() != ServerRole.GAME_HOST || host.state() == ServerState.DEAD)
                {
                    return "instance " + i.id() + " is on host " + i.hostId() + " which is missing, dead or not a host";
                }
                assignedByHost.merge(i.hostId(), 1, Integer::sum);
            }
            for (int seat = 0; seat < i.playerCount(); seat++)
            {
                final long userId = i.player(seat);
                if (!seated.add(userId))
                {
                    return "user " + userId + " has more than one seat";
                }
                final User user = engine.users().get(userId);
                if (user == null || user.state() != UserState.IN_INSTANCE || user.instanceId() != i.id())
                {
                    return "player " + userId + " of instance " + i.id() + " is not a user seated there";
                }
            }
        }

        for (final long userId : engine.users().sortedIds())
        {
            final User u = engine.users().get(userId);
            if (u.state() == UserState.IN_INSTANCE)
            {
                if (!seated.contains(u.id()))
                {
                    return "user " + u.id() + " IN_INSTANCE without a seat";
                }
            }
            else if (u.instanceId() != 0 || u.gatewayId() == 0)
            {
                return "lobby user " + u.id() + " has an instance or no gateway";
            }
            if (u.gatewayId() != 0)
            {
                final Server gateway = engine.servers().get(u.gatewayId());
                if (gateway == null || gateway.role() != ServerRole.GATEWAY || gateway.state() == ServerState.DEAD)
                {
                    return "user " + u.id() + " is on gateway " + u.gatewayId() + " which is missing, dead or not a gateway";
                }
            }
        }

        long oldestDeadline = Long.MAX_VALUE;
        for (Server s = engine.servers().first(); s != null; s = engine.servers().next(s))
        {
            final int expected = assignedByHost.getOrDefault(s.id(), 0);
            if (s.role() == ServerRole.GAME_HOST && s.assigned() != expected)
            {
                return "host " + s.id() + " counts " + s.assigned() + " assigned instances but runs " + expected;
            }
            if (s.state() != ServerState.DEAD)
            {
                oldestDeadline = Math.min(oldestDeadline, s.lastHeartbeatTime() + engine.config().serverTimeoutMs());
            }
        }
        if (oldestDeadline != Long.MAX_VALUE)
        {
            final long timer = engine.livenessTimerDeadline();
            if (timer == -1 || timer > oldestDeadline)
            {
                return "liveness timer " + timer + " would miss the deadline " + oldestDeadline;
            }
        }
        return null;
    }
}
