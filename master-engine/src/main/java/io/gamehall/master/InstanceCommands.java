package io.gamehall.master;

import io.gamehall.master.directory.Instance;
import io.gamehall.master.directory.InstanceDirectory;
import io.gamehall.master.directory.Server;
import io.gamehall.master.directory.ServerDirectory;
import io.gamehall.master.directory.User;
import io.gamehall.master.directory.UserDirectory;
import io.gamehall.sbe.master.InstanceState;
import io.gamehall.sbe.master.LeaveReason;
import io.gamehall.sbe.master.ResultCode;
import io.gamehall.sbe.master.UserState;

/**
 * The instance commands: {@code CreateInstance}, {@code InstanceReady}, {@code InstanceEnded},
 * {@code JoinInstance}, {@code LeaveInstance}, {@code DestroyInstance}. Each is called by the
 * {@link CommandAdapter} with the decoded values once {@link ExactlyOnce#begin} has let the
 * command through, and ends with exactly one {@link ExactlyOnce#complete}.
 * <p>
 * The next instance id is part of the engine's state ({@code MasterEngine.nextInstanceId}:
 * snapshots and the state hash hold it), so it is kept there.
 */
final class InstanceCommands
{
    private final MasterEngine engine;
    private final EngineConfig config;
    private final ExactlyOnce exactlyOnce;
    private final ServerDirectory servers;
    private final UserDirectory users;
    private final InstanceDirectory instances;
    private final Placement placement;
    private final EgressPublisher egress;

    /**
     * @param engine      whose {@code nextInstanceId} this takes ids from.
     * @param config      the largest instance allowed.
     * @param exactlyOnce the outcome of each command goes through it.
     * @param servers     the server directory (hosts).
     * @param users       the user directory.
     * @param instances   the instance directory.
     * @param placement   places waiting instances on a host that got room back.
     * @param egress      where events go.
     */
    InstanceCommands(
        final MasterEngine engine,
        final EngineConfig config,
        final ExactlyOnce exactlyOnce,
        final ServerDirectory servers,
        final UserDirectory users,
        final InstanceDirectory instances,
        final Placement placement,
        final EgressPublisher egress)
    {
        this.engine = engine;
        this.config = config;
        this.exactlyOnce = exactlyOnce;
        this.servers = servers;
        this.users = users;
        this.instances = instances;
        this.placement = placement;
        this.egress = egress;
    }

    /**
     * Create an instance on the ACTIVE host with the most free capacity that runs the game
     * type; the owner takes seat 0 and the host gets a spawn order.
     *
     * @param now        cluster time.
     * @param ownerId    the user creating it.
     * @param gameType   its game type.
     * @param maxPlayers its seats.
     * @param region     attribute for searches, 0 for none.
     * @param mode       attribute for searches, 0 for none.
     * @param ratingBand attribute for searches, 0 for none.
     */
    void onCreateInstance(
        final long now,
        final long ownerId,
        final int gameType,
        final int maxPlayers,
        final int region,
        final int mode,
        final int ratingBand)
    {
        if (gameType < 1 || gameType > EngineConfig.MAX_GAME_TYPE || maxPlayers < 1 ||
            maxPlayers > config.maxPlayersPerInstance())
        {
            exactlyOnce.complete(ResultCode.INVALID_VALUE);
            return;
        }
        final User owner = knownUser(ownerId);
        if (owner == null)
        {
            return;
        }
        if (owner.state() == UserState.IN_INSTANCE)
        {
            exactlyOnce.complete(ResultCode.USER_IN_INSTANCE, ownerId, owner.instanceId());
            return;
        }
        if (instances.isFull())
        {
            exactlyOnce.complete(ResultCode.DIRECTORY_FULL);
            return;
        }
        final Server host = servers.bestHostFor(gameType);
        if (host == null)
        {
            exactlyOnce.complete(ResultCode.NO_CAPACITY);
            return;
        }

        final Instance instance = instances.add(
            engine.nextInstanceId++, gameType, host.id(), ownerId, maxPlayers, region, mode, ratingBand, now);
        servers.addAssigned(host, 1);
        users.seat(owner, instance.id());
        egress.spawnInstance(instance, owner.gatewayId());
        exactlyOnce.complete(ResultCode.OK, instance.id(), host.id());
    }

    /**
     * Its host has spawned or restored an instance: CREATING becomes OPEN (RUNNING when full), a
     * SUSPENDED instance returns to the state it had.
     *
     * @param hostId     the host saying so.
     * @param instanceId the instance.
     */
    void onInstanceReady(final long hostId, final long instanceId)
    {
        final Instance instance = knownInstance(instanceId);
        if (instance == null)
        {
            return;
        }
        if (instance.hostId() != hostId || hostId == 0)
        {
            exactlyOnce.complete(ResultCode.NOT_INSTANCE_HOST, instanceId, instance.hostId());
            return;
        }
        if (instance.state() != InstanceState.CREATING && instance.state() != InstanceState.SUSPENDED)
        {
            exactlyOnce.complete(ResultCode.ILLEGAL_TRANSITION, instanceId, 0);
            return;
        }
        final InstanceState from =
            instance.state() == InstanceState.SUSPENDED ? instance.resumeState() : instance.state();
        final boolean full = instance.openSeats() == 0;
        final InstanceState to = from == InstanceState.RUNNING || full ? InstanceState.RUNNING : InstanceState.OPEN;
        instances.setState(instance, to);
        exactlyOnce.complete(ResultCode.OK, instanceId, hostId);
    }

    /**
     * Its host reports the end of a game: the instance is removed.
     *
     * @param hostId     the host saying so.
     * @param instanceId the instance.
     */
    void onInstanceEnded(final long hostId, final long instanceId)
    {
        final Instance instance = knownInstance(instanceId);
        if (instance == null)
        {
            return;
        }
        if (instance.hostId() != hostId || hostId == 0)
        {
            exactlyOnce.complete(ResultCode.NOT_INSTANCE_HOST, instanceId, instance.hostId());
            return;
        }
        endInstance(instance, false);
        exactlyOnce.complete(ResultCode.OK, instanceId, hostId);
    }

    /**
     * A user takes a seat; filling the last seat of an OPEN instance makes it RUNNING.
     *
     * @param userId     the user.
     * @param instanceId the instance.
     */
    void onJoinInstance(final long userId, final long instanceId)
    {
        final User user = knownUser(userId);
        if (user == null)
        {
            return;
        }
        final Instance instance = knownInstance(instanceId);
        if (instance == null)
        {
            return;
        }
        if (user.state() == UserState.IN_INSTANCE)
        {
            exactlyOnce.complete(ResultCode.USER_IN_INSTANCE, userId, user.instanceId());
            return;
        }
        if (instance.state() == InstanceState.SUSPENDED)
        {
            exactlyOnce.complete(ResultCode.INSTANCE_NOT_JOINABLE, instanceId, 0);
            return;
        }
        if (instance.openSeats() == 0)
        {
            exactlyOnce.complete(ResultCode.INSTANCE_FULL, instanceId, 0);
            return;
        }
        instances.addPlayer(instance, userId);
        users.seat(user, instanceId);
        if (instance.openSeats() == 0 && instance.state() == InstanceState.OPEN)
        {
            instances.setState(instance, InstanceState.RUNNING);
        }
        egress.playerJoined(instance.hostId(), instanceId, userId, user.gatewayId());
        exactlyOnce.complete(ResultCode.OK, instanceId, instance.hostId());
    }

    /**
     * A user frees a seat; a detached user is checked out.
     *
     * @param userId     the user.
     * @param instanceId the instance.
     */
    void onLeaveInstance(final long userId, final long instanceId)
    {
        final User user = knownUser(userId);
        if (user == null)
        {
            return;
        }
        final Instance instance = knownInstance(instanceId);
        if (instance == null)
        {
            return;
        }
        if (user.instanceId() != instanceId)
        {
            exactlyOnce.complete(ResultCode.USER_NOT_IN_INSTANCE, userId, user.instanceId());
            return;
        }
        instances.removePlayer(instance, userId);
        if (user.gatewayId() == 0)
        {
            users.remove(user);
        }
        else
        {
            users.unseat(user);
        }
        if (instance.hostId() != 0)
        {
            egress.playerLeft(instance.hostId(), instanceId, userId, LeaveReason.LEFT);
        }
        exactlyOnce.complete(ResultCode.OK, instanceId, instance.hostId());
    }

    /**
     * The owner or an operator ends an instance; its host gets a terminate order.
     *
     * @param requesterId the owner, or 0 for an operator.
     * @param instanceId  the instance.
     */
    void onDestroyInstance(final long requesterId, final long instanceId)
    {
        final Instance instance = knownInstance(instanceId);
        if (instance == null)
        {
            return;
        }
        if (requesterId != 0 && requesterId != instance.ownerId())
        {
            exactlyOnce.complete(ResultCode.NOT_INSTANCE_OWNER, instanceId, instance.ownerId());
            return;
        }
        final long hostId = instance.hostId();
        endInstance(instance, true);
        exactlyOnce.complete(ResultCode.OK, instanceId, hostId);
    }

    /**
     * @return the user, or null when there is none: the command is then answered {@code UNKNOWN_USER}.
     */
    private User knownUser(final long userId)
    {
        final User user = users.get(userId);
        if (user == null)
        {
            exactlyOnce.complete(ResultCode.UNKNOWN_USER);
        }
        return user;
    }

    /**
     * @return the instance, or null when there is none: the command is then answered {@code UNKNOWN_INSTANCE}.
     */
    private Instance knownInstance(final long instanceId)
    {
        final Instance instance = instances.get(instanceId);
        if (instance == null)
        {
            exactlyOnce.complete(ResultCode.UNKNOWN_INSTANCE);
        }
        return instance;
    }

    /**
     * Remove an instance: seated users go back to the lobby (detached ones are checked out),
     * the host gets its capacity back and, when destroyed by request, a terminate order.
     */
    private void endInstance(final Instance instance, final boolean terminate)
    {
        for (int seat = 0; seat < instance.playerCount(); seat++)
        {
            final User user = users.get(instance.player(seat));
            if (user.gatewayId() == 0)
            {
                users.remove(user);
            }
            else
            {
                users.unseat(user);
            }
        }
        final long hostId = instance.hostId();
        final Server host = hostId == 0 ? null : servers.get(hostId);
        if (terminate && hostId != 0)
        {
            egress.terminateInstance(hostId, instance.id());
        }
        instances.remove(instance);
        if (host != null)
        {
            servers.addAssigned(host, -1);
            placement.placeOrphans(host);
        }
    }
}
