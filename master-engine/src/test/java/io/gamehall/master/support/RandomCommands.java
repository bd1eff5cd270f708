package io.gamehall.master.support;

import io.gamehall.master.MasterEngine;
import io.gamehall.master.directory.Instance;
import io.gamehall.master.directory.Server;
import io.gamehall.master.directory.User;
import io.gamehall.sbe.master.ServerRole;
import io.gamehall.sbe.master.ServerState;
import io.gamehall.sbe.master.UserState;

import java.util.Random;

/**
 * Generates plausible command texts over a small universe of ids and names, so that random
 * runs hit every state transition and every kind of rejection often: re-used names, unknown
 * ids, full instances, dead servers.
 */
public final class RandomCommands
{
    private static final String[] STATES = {"CREATING", "OPEN", "RUNNING", "SUSPENDED", "ENDED"};
    private static final String[] LISTINGS = {"ListServers", "ListUsers", "ListInstances"};

    private final Random random;
    private final int users;
    private final MasterEngine engine;

    /**
     * @param random source of choices.
     * @param users  size of the user id universe.
     * @param engine the engine the commands go to, read to pick mostly ids that exist.
     */
    public RandomCommands(final Random random, final int users, final MasterEngine engine)
    {
        this.random = random;
        this.users = users;
        this.engine = engine;
    }

    /**
     * @return a command without clientId/requestId, which the caller adds.
     */
    public String next()
    {
        final int roll = random.nextInt(100);
        if (roll < 3)
        {
            final int role = random.nextInt(5);
            final boolean host = role < 2;
            final boolean matchmaker = role == 4;
            final int n = random.nextInt(host ? 6 : 4);
            return "RegisterServer role=" + (host ? "GAME_HOST" : matchmaker ? "MATCHMAKER" : "GATEWAY") +
                " capacity=" + (1 + random.nextInt(6)) + (host ? " gameTypes=" + gameTypes() : "") +
                " name=" + (host ? "host-" : matchmaker ? "mm-" : "gw-") + n +
                " endpoint=udp://127.0.0.1:" + (40000 + n) + " softwareVersion=0.1." + random.nextInt(3);
        }
        if (roll < 25)
        {
            return "ServerHeartbeat serverId=" + liveServerId() + " load=" + random.nextInt(4);
        }
        if (roll < 26)
        {
            return "DrainServer serverId=" + serverId();
        }
        if (roll < 27)
        {
            return "DeregisterServer serverId=" + serverId();
        }
        if (roll < 40)
        {
            final int user = userId();
            final String name = random.nextInt(20) == 0 ? "u" + userId() : "u" + user;
            return "CheckInUser gatewayId=" + liveServerId() + " userId=" + user + " userName=" + name;
        }
        if (roll < 46)
        {
            final long user = knownUserId();
            final User known = engine.users().get(user);
            final long gateway = known != null && random.nextInt(5) != 0 ? known.gatewayId() : serverId();
            return "CheckOutUser gatewayId=" + gateway + " userId=" + user;
        }
        if (roll < 56)
        {
            return "CreateInstance ownerId=" + knownUserId() + " gameType=" + (1 + random.nextInt(3)) + " maxPlayers=" +
                (random.nextInt(30) == 0 ? 0 : 1 + random.nextInt(4)) + " region=" + random.nextInt(3) +
                " mode=" + random.nextInt(2) + " ratingBand=" + random.nextInt(2);
        }
        if (roll < 62)
        {
            return "InstanceReady " + hostAndInstance();
        }
        if (roll < 66)
        {
            return "InstanceEnded " + hostAndInstance();
        }
        if (roll < 78)
        {
            return "JoinInstance userId=" + knownUserId() + " instanceId=" + instanceId();
        }
        if (roll < 84)
        {
            final long user = knownUserId();
            final User known = engine.users().get(user);
            final long instance = known != null && random.nextInt(4) != 0 ? known.instanceId() : instanceId();
            return "LeaveInstance userId=" + user + " instanceId=" + instance;
        }
        if (roll < 86)
        {
            return "DestroyInstance requesterId=" + (random.nextBoolean() ? 0 : userId()) + " instanceId=" + instanceId();
        }
        if (roll < 90)
        {
            return "CreateMatch matchmakerId=" + matchmakerId() + " matchId=" + (random.nextInt(20) == 0 ? 0 : 1 + random.nextInt(1000)) +
                " gameType=" + (1 + random.nextInt(3)) + " players=" + matchPlayers();
        }
        if (roll < 94)
        {
            return "SearchInstances gameType=" + (1 + random.nextInt(3)) + " state=" + STATES[random.nextInt(5)] +
                " region=" + random.nextInt(3) + " minOpenSeats=" + random.nextInt(3) + " maxResults=" +
                (1 + random.nextInt(8)) + " cursor=" + (random.nextBoolean() ? 0 : instanceId());
        }
        if (roll < 97)
        {
            return "GetInstance instanceId=" + instanceId();
        }
        if (roll < 99)
        {
            return "GetUser userId=" + userId();
        }
        final String list = LISTINGS[random.nextInt(LISTINGS.length)];
        return list + " cursor=" + (random.nextBoolean() ? random.nextInt(5) : instanceId()) + " maxResults=" +
            (1 + random.nextInt(5));
    }

    /**
     * @return true when the command changes state and so is remembered for retries.
     */
    public static boolean isStateChanging(final String command)
    {
        return !(command.startsWith("SearchInstances") || command.startsWith("GetInstance") ||
            command.startsWith("GetUser") || command.startsWith("ListServers") || command.startsWith("ListUsers") ||
            command.startsWith("ListInstances"));
    }

    private String hostAndInstance()
    {
        final long instanceId = instanceId();
        final Instance instance = engine.instances().get(instanceId);
        final long hostId = instance != null && random.nextInt(5) != 0 ? instance.hostId() : serverId();
        return "hostId=" + hostId + " instanceId=" + instanceId;
    }

    /**
     * @return mostly a live matchmaker when there is one, else any server id.
     */
    private long matchmakerId()
    {
        if (random.nextInt(4) != 0)
        {
            for (Server server = engine.servers().first(); server != null; server = engine.servers().next(server))
            {
                if (server.role() == ServerRole.MATCHMAKER && server.state() == ServerState.ACTIVE)
                {
                    return server.id();
                }
            }
        }
        return liveServerId();
    }

    /**
     * @return mostly a user in the lobby, else any known or unknown user.
     */
    private long lobbyUserId()
    {
        for (int attempt = 0; attempt < 4; attempt++)
        {
            final long id = knownUserId();
            final User user = engine.users().get(id);
            if (user != null && user.state() == UserState.ONLINE)
            {
                return id;
            }
        }
        return knownUserId();
    }

    private String matchPlayers()
    {
        final int count = random.nextInt(15) == 0 ? 1 : 2 + random.nextInt(3);
        final StringBuilder players = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            players.append(i == 0 ? "" : ",").append(lobbyUserId());
        }
        return players.toString();
    }

    private String gameTypes()
    {
        final int first = 1 + random.nextInt(3);
        final int second = 1 + random.nextInt(3);
        return first == second ? Integer.toString(first) : first + "," + second;
    }

    private long serverId()
    {
        final int size = engine.servers().size();
        if (size == 0 || random.nextInt(10) == 0)
        {
            return random.nextInt(30);
        }
        Server server = engine.servers().first();
        for (int skip = random.nextInt(size); skip > 0; skip--)
        {
            server = engine.servers().next(server);
        }
        return server.id();
    }

    private int userId()
    {
        return 1 + random.nextInt(users);
    }

    private long liveServerId()
    {
        for (int attempt = 0; attempt < 4; attempt++)
        {
            final long id = serverId();
            final Server server = engine.servers().get(id);
            if (server != null && server.state() != ServerState.DEAD)
            {
                return id;
            }
        }
        return serverId();
    }

    private long knownUserId()
    {
        final int size = engine.users().size();
        if (size == 0 || random.nextInt(8) == 0)
        {
            return userId();
        }
        return engine.users().sortedIds()[random.nextInt(size)];
    }

    private long instanceId()
    {
        final int size = engine.instances().size();
        if (size == 0 || random.nextInt(10) == 0)
        {
            return random.nextInt(200);
        }
        return engine.instances().sortedIds()[random.nextInt(size)];
    }
}
