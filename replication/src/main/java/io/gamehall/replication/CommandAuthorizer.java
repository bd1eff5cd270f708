package io.gamehall.replication;

import io.gamehall.master.MasterEngine;
import io.gamehall.master.directory.Server;
import io.gamehall.master.directory.User;
import io.gamehall.sbe.master.CheckInUserDecoder;
import io.gamehall.sbe.master.CheckOutUserDecoder;
import io.gamehall.sbe.master.CreateInstanceDecoder;
import io.gamehall.sbe.master.CreateMatchDecoder;
import io.gamehall.sbe.master.DeregisterServerDecoder;
import io.gamehall.sbe.master.DestroyInstanceDecoder;
import io.gamehall.sbe.master.DrainServerDecoder;
import io.gamehall.sbe.master.GetInstanceDecoder;
import io.gamehall.sbe.master.GetUserDecoder;
import io.gamehall.sbe.master.InstanceEndedDecoder;
import io.gamehall.sbe.master.InstanceReadyDecoder;
import io.gamehall.sbe.master.JoinInstanceDecoder;
import io.gamehall.sbe.master.LeaveInstanceDecoder;
import io.gamehall.sbe.master.ListInstancesDecoder;
import io.gamehall.sbe.master.ListServersDecoder;
import io.gamehall.sbe.master.ListUsersDecoder;
import io.gamehall.sbe.master.MessageHeaderDecoder;
import io.gamehall.sbe.master.RegisterServerDecoder;
import io.gamehall.sbe.master.ResultCode;
import io.gamehall.sbe.master.SearchInstancesDecoder;
import io.gamehall.sbe.master.ServerHeartbeatDecoder;
import io.gamehall.sbe.master.ServerRole;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Decides whether a session may send a command, before the engine sees it: the rules of
 * {@code docs/master-engine.md}, "Who may send what".
 * <ul>
 *   <li>The command's client id must be the one the session was admitted with
 *   ({@link ResultCode#CLIENT_ID_MISMATCH}), and not one the engine remembers for a client of
 *   another role (the same code).</li>
 *   <li>Each command is open to some roles only ({@link ResultCode#NOT_AUTHORISED}): servers
 *   register in their own role; only an operator drains, deregisters, destroys an instance as
 *   the operator, looks users up or lists users and instances; hosts and matchmakers send no
 *   lobby queries; only a matchmaker (or an operator) seats a match, for a matchmaker server it owns.
 *   {@link ClientRole#ADMIN} may send every command, so operator tools and benchmarks can act
 *   as servers of their own.</li>
 *   <li>What a command does to a server must come from the client that owns that server
 *   ({@link ResultCode#NOT_SERVER_OWNER}): its heartbeats, instance reports of a host, check-ins
 *   and check-outs at a gateway; and what it does for a user must come from the owner of the
 *   gateway the user is attached to (create, join, leave, destroy).</li>
 * </ul>
 * A command it cannot read (bad header, short block) or that names an unknown server or user
 * passes: the engine refuses it with its own code and changes nothing. Deterministic: it reads
 * only the command, the session's principal, the engine's state and the owners table, all of
 * which every node holds alike.
 */
final class CommandAuthorizer
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;

    private final MasterEngine engine;
    private final ServerOwners owners;
    private final ClientPrincipals clients;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final RegisterServerDecoder registerServer = new RegisterServerDecoder();
    private final ServerHeartbeatDecoder heartbeat = new ServerHeartbeatDecoder();
    private final CheckInUserDecoder checkIn = new CheckInUserDecoder();
    private final CheckOutUserDecoder checkOut = new CheckOutUserDecoder();
    private final CreateInstanceDecoder createInstance = new CreateInstanceDecoder();
    private final InstanceReadyDecoder instanceReady = new InstanceReadyDecoder();
    private final InstanceEndedDecoder instanceEnded = new InstanceEndedDecoder();
    private final JoinInstanceDecoder joinInstance = new JoinInstanceDecoder();
    private final LeaveInstanceDecoder leaveInstance = new LeaveInstanceDecoder();
    private final DestroyInstanceDecoder destroyInstance = new DestroyInstanceDecoder();
    private final CreateMatchDecoder createMatch = new CreateMatchDecoder();

    CommandAuthorizer(final MasterEngine engine, final ServerOwners owners, final ClientPrincipals clients)
    {
        this.engine = engine;
        this.owners = owners;
        this.clients = clients;
    }

    /**
     * @param sender    the session's principal; null for a session without one.
     * @param buffer    holding the command, SBE header first.
     * @param offset    where it starts.
     * @param length    its length.
     * @return null when the engine may apply the command, else the code to refuse it with.
     */
    ResultCode check(final SessionPrincipal sender, final DirectBuffer buffer, final int offset, final int length)
    {
        if (sender == null)
        {
            return ResultCode.NOT_AUTHORISED;
        }
        if (length < HEADER)
        {
            return null;
        }
        header.wrap(buffer, offset);
        if (header.schemaId() != MasterEngine.SCHEMA_ID)
        {
            return null;
        }
        final int templateId = header.templateId();
        final int blockLength = header.blockLength();
        final int version = header.version();
        if (blockLength >= 16 && length >= HEADER + 16 && sender.clientId() != SessionPrincipal.UNBOUND)
        {
            final long clientId = buffer.getLong(offset + HEADER, ByteOrder.LITTLE_ENDIAN);
            if (clientId != sender.clientId() || !clients.mayUse(clientId, sender.role()))
            {
                return ResultCode.CLIENT_ID_MISMATCH;
            }
        }
        final ClientRole role = sender.role();
        final boolean admin = role == ClientRole.ADMIN;
        switch (templateId)
        {
            case RegisterServerDecoder.TEMPLATE_ID:
                if (!admin && fits(RegisterServerDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    final short registered = registerServer.wrap(buffer, offset + HEADER, blockLength, version).roleRaw();
                    if (registered != roleOf(role).value())
                    {
                        return ResultCode.NOT_AUTHORISED;
                    }
                }
                return null;

            case ServerHeartbeatDecoder.TEMPLATE_ID:
                return fits(ServerHeartbeatDecoder.BLOCK_LENGTH, blockLength, length) ?
                    server(sender, heartbeat.wrap(buffer, offset + HEADER, blockLength, version).serverId()) : null;

            case CheckInUserDecoder.TEMPLATE_ID:
                return fits(CheckInUserDecoder.BLOCK_LENGTH, blockLength, length) ?
                    server(sender, checkIn.wrap(buffer, offset + HEADER, blockLength, version).gatewayId()) : null;

            case CheckOutUserDecoder.TEMPLATE_ID:
                return fits(CheckOutUserDecoder.BLOCK_LENGTH, blockLength, length) ?
                    server(sender, checkOut.wrap(buffer, offset + HEADER, blockLength, version).gatewayId()) : null;

            case InstanceReadyDecoder.TEMPLATE_ID:
                return fits(InstanceReadyDecoder.BLOCK_LENGTH, blockLength, length) ?
                    server(sender, instanceReady.wrap(buffer, offset + HEADER, blockLength, version).hostId()) : null;

            case InstanceEndedDecoder.TEMPLATE_ID:
                return fits(InstanceEndedDecoder.BLOCK_LENGTH, blockLength, length) ?
                    server(sender, instanceEnded.wrap(buffer, offset + HEADER, blockLength, version).hostId()) : null;

            case CreateInstanceDecoder.TEMPLATE_ID:
                return fits(CreateInstanceDecoder.BLOCK_LENGTH, blockLength, length) ?
                    user(sender, createInstance.wrap(buffer, offset + HEADER, blockLength, version).ownerId()) : null;

            case JoinInstanceDecoder.TEMPLATE_ID:
                return fits(JoinInstanceDecoder.BLOCK_LENGTH, blockLength, length) ?
                    user(sender, joinInstance.wrap(buffer, offset + HEADER, blockLength, version).userId()) : null;

            case LeaveInstanceDecoder.TEMPLATE_ID:
                return fits(LeaveInstanceDecoder.BLOCK_LENGTH, blockLength, length) ?
                    user(sender, leaveInstance.wrap(buffer, offset + HEADER, blockLength, version).userId()) : null;

            case DestroyInstanceDecoder.TEMPLATE_ID:
                if (fits(DestroyInstanceDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    final long requesterId = destroyInstance.wrap(buffer, offset + HEADER, blockLength, version).requesterId();
                    if (requesterId == 0)
                    {
                        return admin ? null : ResultCode.NOT_AUTHORISED;
                    }
                    return user(sender, requesterId);
                }
                return null;

            case CreateMatchDecoder.TEMPLATE_ID:
                if (!admin && role != ClientRole.MATCHMAKER)
                {
                    return ResultCode.NOT_AUTHORISED;
                }
                return fits(CreateMatchDecoder.BLOCK_LENGTH, blockLength, length) ?
                    server(sender, createMatch.wrap(buffer, offset + HEADER, blockLength, version).matchmakerId()) : null;

            case DrainServerDecoder.TEMPLATE_ID:
            case DeregisterServerDecoder.TEMPLATE_ID:
            case GetUserDecoder.TEMPLATE_ID:
            case ListUsersDecoder.TEMPLATE_ID:
            case ListInstancesDecoder.TEMPLATE_ID:
                return admin ? null : ResultCode.NOT_AUTHORISED;

            case SearchInstancesDecoder.TEMPLATE_ID:
            case GetInstanceDecoder.TEMPLATE_ID:
            case ListServersDecoder.TEMPLATE_ID:
                return role == ClientRole.HOST || role == ClientRole.MATCHMAKER ? ResultCode.NOT_AUTHORISED : null;

            default:
                return null;
        }
    }

    /**
     * @return whether the engine will read the block; when not, it refuses the command itself.
     */
    private static boolean fits(final int expected, final int blockLength, final int length)
    {
        return blockLength >= expected && HEADER + blockLength <= length;
    }

    /**
     * The sender acts on a server: it must own it, or claim a server whose owner is not known
     * in the server's own role.
     */
    private ResultCode server(final SessionPrincipal sender, final long serverId)
    {
        final Server server = engine.servers().get(serverId);
        if (server == null)
        {
            return null;
        }
        final long owner = owners.ownerOf(serverId);
        if (owner == sender.clientId() && owner != SessionPrincipal.UNBOUND)
        {
            return null;
        }
        final boolean ownerUnknown = owner == ServerOwners.NO_OWNER || owner == SessionPrincipal.UNBOUND;
        if (ownerUnknown && (sender.role() == ClientRole.ADMIN || roleOf(sender.role()) == server.role()))
        {
            return null;
        }
        return ResultCode.NOT_SERVER_OWNER;
    }

    /**
     * The sender acts for a user: it must own the gateway the user is attached to.
     */
    private ResultCode user(final SessionPrincipal sender, final long userId)
    {
        final User user = engine.users().get(userId);
        if (user == null)
        {
            return null;
        }
        final long gatewayId = user.gatewayId();
        if (gatewayId == 0)
        {
            return ResultCode.NOT_SERVER_OWNER;
        }
        return server(sender, gatewayId);
    }

    private static ServerRole roleOf(final ClientRole role)
    {
        switch (role)
        {
            case GATEWAY:
                return ServerRole.GATEWAY;
            case HOST:
                return ServerRole.GAME_HOST;
            case MATCHMAKER:
                return ServerRole.MATCHMAKER;
            default:
                return null;
        }
    }
}
