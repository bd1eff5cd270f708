package io.gamehall.master;

import io.gamehall.master.directory.Server;
import io.gamehall.master.directory.ServerDirectory;
import io.gamehall.sbe.master.ResultCode;
import io.gamehall.sbe.master.ServerRole;
import io.gamehall.sbe.master.ServerState;

/**
 * The server commands: {@code RegisterServer}, {@code ServerHeartbeat}, {@code DrainServer},
 * {@code DeregisterServer}. Each is called by the {@link CommandAdapter} with the decoded
 * values once {@link ExactlyOnce#begin} has let the command through, and ends with exactly one
 * {@link ExactlyOnce#complete}.
 * <p>
 * The next server id is part of the engine's state ({@code MasterEngine.nextServerId}:
 * snapshots and the state hash hold it), so it is kept there.
 */
final class ServerCommands
{
    private final MasterEngine engine;
    private final ExactlyOnce exactlyOnce;
    private final ServerDirectory servers;
    private final Liveness liveness;
    private final Placement placement;
    private final EgressPublisher egress;

    /**
     * @param engine      whose {@code nextServerId} this takes ids from.
     * @param exactlyOnce the outcome of each command goes through it.
     * @param servers     the server directory.
     * @param liveness    the liveness timer and the loss of a server.
     * @param placement   places waiting instances on a host with room.
     * @param egress      where events go.
     */
    ServerCommands(
        final MasterEngine engine,
        final ExactlyOnce exactlyOnce,
        final ServerDirectory servers,
        final Liveness liveness,
        final Placement placement,
        final EgressPublisher egress)
    {
        this.engine = engine;
        this.exactlyOnce = exactlyOnce;
        this.servers = servers;
        this.liveness = liveness;
        this.placement = placement;
        this.egress = egress;
    }

    /**
     * A gateway or game host joins. Values are as decoded; lengths are within the scratch
     * arrays' limits ({@link Server#MAX_NAME_LENGTH} and the like), the rest is checked here.
     *
     * @param now            cluster time.
     * @param role           the role, or null when the wire value is none of them.
     * @param capacity       users (gateway) or instances (host) it takes.
     * @param gameTypes      game types it runs, {@code gameTypeCount} of them.
     * @param gameTypeCount  how many.
     * @param name           its name's bytes.
     * @param nameLength     their count.
     * @param endpoint       its endpoint's bytes.
     * @param endpointLength their count.
     * @param version        its software version's bytes.
     * @param versionLength  their count.
     */
    void onRegisterServer(
        final long now,
        final ServerRole role,
        final int capacity,
        final int[] gameTypes,
        final int gameTypeCount,
        final byte[] name,
        final int nameLength,
        final byte[] endpoint,
        final int endpointLength,
        final byte[] version,
        final int versionLength)
    {
        if (role == null)
        {
            exactlyOnce.complete(ResultCode.INVALID_ENUM_VALUE);
            return;
        }
        final boolean typesMatchRole = role == ServerRole.GAME_HOST ? gameTypeCount > 0 : gameTypeCount == 0;
        if (capacity < 1 || capacity > EngineConfig.MAX_CAPACITY || !validGameTypes(gameTypes, gameTypeCount) ||
            !typesMatchRole)
        {
            exactlyOnce.complete(ResultCode.INVALID_VALUE);
            return;
        }
        if (!NameRules.isValidName(name, nameLength, Server.MAX_NAME_LENGTH) ||
            !NameRules.isPrintable(endpoint, endpointLength, Server.MAX_ENDPOINT_LENGTH) ||
            !NameRules.isPrintable(version, versionLength, Server.MAX_VERSION_LENGTH))
        {
            exactlyOnce.complete(ResultCode.INVALID_NAME);
            return;
        }

        final Server holder = servers.findByName(name, nameLength);
        if (holder != null)
        {
            if (holder.state() != ServerState.DEAD)
            {
                exactlyOnce.complete(ResultCode.SERVER_NAME_TAKEN, holder.id(), 0);
                return;
            }
            servers.remove(holder);
        }
        if (servers.isFull())
        {
            exactlyOnce.complete(ResultCode.DIRECTORY_FULL);
            return;
        }

        final Server server = servers.add(
            engine.nextServerId++,
            role,
            capacity,
            gameTypes,
            gameTypeCount,
            name,
            nameLength,
            endpoint,
            endpointLength,
            version,
            versionLength,
            now);
        liveness.schedule();
        if (role == ServerRole.GATEWAY)
        {
            egress.gatewayListChanged(servers);
        }
        else if (role == ServerRole.GAME_HOST)
        {
            placement.placeOrphans(server);
        }
        exactlyOnce.complete(ResultCode.OK, server.id(), 0);
    }

    /**
     * A server reports its load and that it is alive.
     *
     * @param now      cluster time.
     * @param serverId the server.
     * @param load     users connected (gateway) or instances running (host).
     */
    void onServerHeartbeat(final long now, final long serverId, final int load)
    {
        final Server server = servers.get(serverId);
        if (server == null)
        {
            exactlyOnce.complete(ResultCode.UNKNOWN_SERVER);
            return;
        }
        if (server.state() == ServerState.DEAD)
        {
            exactlyOnce.complete(ResultCode.SERVER_DEAD, serverId, 0);
            return;
        }
        if (load < 0 || load > EngineConfig.MAX_CAPACITY)
        {
            exactlyOnce.complete(ResultCode.INVALID_VALUE);
            return;
        }
        servers.heartbeat(server, load, now);
        if (server.role() == ServerRole.GAME_HOST)
        {
            placement.placeOrphans(server);
        }
        exactlyOnce.complete(ResultCode.OK, serverId, 0);
    }

    /**
     * Stop placing new work on a server; idempotent.
     *
     * @param serverId the server.
     */
    void onDrainServer(final long serverId)
    {
        final Server server = servers.get(serverId);
        if (server == null)
        {
            exactlyOnce.complete(ResultCode.UNKNOWN_SERVER);
            return;
        }
        if (server.state() == ServerState.DEAD)
        {
            exactlyOnce.complete(ResultCode.SERVER_DEAD, serverId, 0);
            return;
        }
        if (server.state() == ServerState.ACTIVE)
        {
            servers.setState(server, ServerState.DRAINING);
            if (server.role() == ServerRole.GATEWAY)
            {
                egress.gatewayListChanged(servers);
            }
        }
        egress.drainOrder(serverId);
        exactlyOnce.complete(ResultCode.OK, serverId, 0);
    }

    /**
     * Remove a server; its work is handled as for a dead server.
     *
     * @param serverId the server.
     */
    void onDeregisterServer(final long serverId)
    {
        final Server server = servers.get(serverId);
        if (server == null)
        {
            exactlyOnce.complete(ResultCode.UNKNOWN_SERVER);
            return;
        }
        liveness.lose(server, true);
        exactlyOnce.complete(ResultCode.OK, serverId, 0);
    }

    /**
     * Each game type in 1..{@link EngineConfig#MAX_GAME_TYPE}, none twice.
     */
    private static boolean validGameTypes(final int[] gameTypes, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final int gameType = gameTypes[i];
            if (gameType < 1 || gameType > EngineConfig.MAX_GAME_TYPE || contains(gameTypes, i, gameType))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(final int[] values, final int count, final int value)
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
