package io.gamehall.master;

import io.gamehall.master.directory.Instance;
import io.gamehall.master.directory.InstanceDirectory;
import io.gamehall.master.directory.Server;
import io.gamehall.master.directory.ServerDirectory;
import io.gamehall.master.directory.User;
import io.gamehall.master.directory.UserDirectory;
import io.gamehall.sbe.master.KickReason;
import io.gamehall.sbe.master.LeaveReason;
import io.gamehall.sbe.master.ResultCode;
import io.gamehall.sbe.master.ServerRole;
import io.gamehall.sbe.master.ServerState;
import io.gamehall.sbe.master.UserState;

/**
 * The user commands: {@code CheckInUser} and {@code CheckOutUser}. Each is called by the
 * {@link CommandAdapter} with the decoded values once {@link ExactlyOnce#begin} has let the
 * command through, and ends with exactly one {@link ExactlyOnce#complete}.
 */
final class UserCommands
{
    private final ExactlyOnce exactlyOnce;
    private final ServerDirectory servers;
    private final UserDirectory users;
    private final InstanceDirectory instances;
    private final EgressPublisher egress;

    /**
     * @param exactlyOnce the outcome of each command goes through it.
     * @param servers     the server directory (gateways).
     * @param users       the user directory.
     * @param instances   the instance directory (seats).
     * @param egress      where events go.
     */
    UserCommands(
        final ExactlyOnce exactlyOnce,
        final ServerDirectory servers,
        final UserDirectory users,
        final InstanceDirectory instances,
        final EgressPublisher egress)
    {
        this.exactlyOnce = exactlyOnce;
        this.servers = servers;
        this.users = users;
        this.instances = instances;
        this.egress = egress;
    }

    /**
     * A logged-in user attaches to a gateway: new, or moving from another gateway (keeping any
     * seat; the old gateway is told to kick its session, the host that the player is back).
     *
     * @param now        cluster time.
     * @param gatewayId  the gateway.
     * @param userId     the account id.
     * @param name       the user name's bytes; the length is at most {@link User#MAX_NAME_LENGTH}.
     * @param nameLength their count.
     */
    void onCheckInUser(final long now, final long gatewayId, final long userId, final byte[] name, final int nameLength)
    {
        if (userId <= 0)
        {
            exactlyOnce.complete(ResultCode.INVALID_VALUE);
            return;
        }
        if (!NameRules.isValidName(name, nameLength, User.MAX_NAME_LENGTH))
        {
            exactlyOnce.complete(ResultCode.INVALID_NAME);
            return;
        }
        final ResultCode gatewayProblem = checkGateway(gatewayId);
        if (gatewayProblem != null)
        {
            exactlyOnce.complete(gatewayProblem);
            return;
        }

        final User existing = users.get(userId);
        final User holder = users.findByName(name, nameLength);
        if (existing != null)
        {
            if (holder != existing)
            {
                exactlyOnce.complete(ResultCode.USER_ID_MISMATCH, userId, 0);
                return;
            }
            final long oldGatewayId = existing.gatewayId();
            if (oldGatewayId != gatewayId)
            {
                users.attach(existing, gatewayId, now);
                if (oldGatewayId != 0)
                {
                    egress.kickUser(oldGatewayId, userId, gatewayId, KickReason.LOGGED_IN_ELSEWHERE);
                }
                if (existing.state() == UserState.IN_INSTANCE)
                {
                    final Instance instance = instances.get(existing.instanceId());
                    if (instance.hostId() != 0)
                    {
                        egress.playerReattached(instance.hostId(), instance.id(), userId, gatewayId);
                    }
                }
            }
            exactlyOnce.complete(ResultCode.OK, userId, existing.instanceId());
            return;
        }
        if (holder != null)
        {
            exactlyOnce.complete(ResultCode.USER_NAME_TAKEN, holder.id(), 0);
            return;
        }
        if (users.isFull())
        {
            exactlyOnce.complete(ResultCode.DIRECTORY_FULL);
            return;
        }
        users.add(userId, name, nameLength, gatewayId, now);
        exactlyOnce.complete(ResultCode.OK, userId, 0);
    }

    /**
     * A user leaves the system; only the user's current gateway may say so. A seat is freed
     * and its host told.
     *
     * @param gatewayId the gateway that says so.
     * @param userId    the user.
     */
    void onCheckOutUser(final long gatewayId, final long userId)
    {
        final User user = users.get(userId);
        if (user == null)
        {
            exactlyOnce.complete(ResultCode.UNKNOWN_USER);
            return;
        }
        if (user.gatewayId() != gatewayId)
        {
            exactlyOnce.complete(ResultCode.USER_NOT_ON_GATEWAY, userId, user.gatewayId());
            return;
        }
        if (user.state() == UserState.IN_INSTANCE)
        {
            final Instance instance = instances.get(user.instanceId());
            instances.removePlayer(instance, userId);
            if (instance.hostId() != 0)
            {
                egress.playerLeft(instance.hostId(), instance.id(), userId, LeaveReason.CHECKED_OUT);
            }
        }
        users.remove(user);
        exactlyOnce.complete(ResultCode.OK, userId, 0);
    }

    /**
     * @return null when the server is an ACTIVE gateway, else why a user cannot check in there.
     */
    private ResultCode checkGateway(final long gatewayId)
    {
        final Server gateway = servers.get(gatewayId);
        if (gateway == null)
        {
            return ResultCode.UNKNOWN_SERVER;
        }
        if (gateway.role() != ServerRole.GATEWAY)
        {
            return ResultCode.WRONG_SERVER_ROLE;
        }
        if (gateway.state() == ServerState.DEAD)
        {
            return ResultCode.SERVER_DEAD;
        }
        if (gateway.state() != ServerState.ACTIVE)
        {
            return ResultCode.SERVER_NOT_ACTIVE;
        }
        return null;
    }
}
