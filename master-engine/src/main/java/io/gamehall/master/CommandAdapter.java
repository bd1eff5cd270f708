package io.gamehall.master;

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
import io.gamehall.sbe.master.InstanceState;
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
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Decodes each command and calls its handler with plain values: the one place that reads the
 * master protocol's commands. It checks the header (length, schema id, version 1 up to the
 * next), the template and the block length, and answers what it cannot read with a code of its
 * own (see {@code docs/result-codes.md}); a command that runs past its bytes is answered
 * {@code MALFORMED_MESSAGE}. None of this changes any state.
 * <p>
 * A state-changing command passes {@link ExactlyOnce#begin} on its fixed fields before its
 * variable-length fields are read, so that a retry is answered from memory whatever its body;
 * a variable-length field longer than the engine keeps is then refused through
 * {@link ExactlyOnce#complete} ({@code STRING_TOO_LONG}, or {@code INVALID_VALUE} for too
 * many game types), and remembered like any outcome. Strings reach the handlers as bytes in
 * scratch arrays owned here, valid during the call: nothing is allocated per command.
 */
final class CommandAdapter
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;

    private final ExactlyOnce exactlyOnce;
    private final EgressPublisher egress;
    private final ServerCommands serverCommands;
    private final UserCommands userCommands;
    private final InstanceCommands instanceCommands;
    private final MatchCommands matchCommands;
    private final Queries queries;

    private int command;
    private long clientId;
    private long requestId;
    private long now;

    private final UnsafeBuffer in = new UnsafeBuffer(0, 0);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final RegisterServerDecoder registerServer = new RegisterServerDecoder();
    private final ServerHeartbeatDecoder heartbeat = new ServerHeartbeatDecoder();
    private final DrainServerDecoder drainServer = new DrainServerDecoder();
    private final DeregisterServerDecoder deregisterServer = new DeregisterServerDecoder();
    private final CheckInUserDecoder checkIn = new CheckInUserDecoder();
    private final CheckOutUserDecoder checkOut = new CheckOutUserDecoder();
    private final CreateInstanceDecoder createInstance = new CreateInstanceDecoder();
    private final InstanceReadyDecoder instanceReady = new InstanceReadyDecoder();
    private final InstanceEndedDecoder instanceEnded = new InstanceEndedDecoder();
    private final JoinInstanceDecoder joinInstance = new JoinInstanceDecoder();
    private final LeaveInstanceDecoder leaveInstance = new LeaveInstanceDecoder();
    private final DestroyInstanceDecoder destroyInstance = new DestroyInstanceDecoder();
    private final SearchInstancesDecoder searchInstances = new SearchInstancesDecoder();
    private final GetInstanceDecoder getInstance = new GetInstanceDecoder();
    private final ListServersDecoder listServers = new ListServersDecoder();
    private final GetUserDecoder getUser = new GetUserDecoder();
    private final ListUsersDecoder listUsers = new ListUsersDecoder();
    private final ListInstancesDecoder listInstances = new ListInstancesDecoder();
    private final CreateMatchDecoder createMatch = new CreateMatchDecoder();

    private final byte[] nameScratch = new byte[Server.MAX_NAME_LENGTH];
    private final byte[] endpointScratch = new byte[Server.MAX_ENDPOINT_LENGTH];
    private final byte[] versionScratch = new byte[Server.MAX_VERSION_LENGTH];
    private final int[] gameTypeScratch = new int[Server.MAX_GAME_TYPES];
    private final long[] playerScratch = new long[MatchCommands.MAX_PLAYERS];

    /**
     * @param exactlyOnce      lets state-changing commands through once.
     * @param egress           where refusals go.
     * @param serverCommands   handles the server commands.
     * @param userCommands     handles the user commands.
     * @param instanceCommands handles the instance commands.
     * @param matchCommands    handles the matchmakers' commands.
     * @param queries          handles the read-only commands.
     */
    CommandAdapter(
        final ExactlyOnce exactlyOnce,
        final EgressPublisher egress,
        final ServerCommands serverCommands,
        final UserCommands userCommands,
        final InstanceCommands instanceCommands,
        final MatchCommands matchCommands,
        final Queries queries)
    {
        this.exactlyOnce = exactlyOnce;
        this.egress = egress;
        this.serverCommands = serverCommands;
        this.userCommands = userCommands;
        this.instanceCommands = instanceCommands;
        this.matchCommands = matchCommands;
        this.queries = queries;
    }

    /**
     * Decode one command and hand it to its handler, or refuse it.
     *
     * @param buffer    holding the command, SBE header first.
     * @param offset    where it starts.
     * @param length    its length.
     * @param timestamp cluster time in milliseconds.
     */
    void onCommand(final DirectBuffer buffer, final int offset, final int length, final long timestamp)
    {
        now = timestamp;
        command = 0;
        clientId = 0;
        requestId = 0;

        if (length < HEADER)
        {
            refuse(ResultCode.MALFORMED_MESSAGE);
            return;
        }

        in.wrap(buffer, offset, length);
        header.wrap(in, 0);
        readIds(length);
        if (header.schemaId() != MasterEngine.SCHEMA_ID)
        {
            refuse(ResultCode.UNKNOWN_SCHEMA);
            return;
        }
        final int version = header.version();
        if (version < 1 || version > MasterEngine.SCHEMA_VERSION + 1)
        {
            refuse(ResultCode.UNSUPPORTED_VERSION);
            return;
        }

        command = header.templateId();
        final int blockLength = header.blockLength();
        try
        {
            dispatch(blockLength, version, length);
        }
        catch (final IndexOutOfBoundsException ex)
        {
            refuse(ResultCode.MALFORMED_MESSAGE);
        }
    }

    /**
     * Answer a command with a refusal without decoding it further: the response its kind of
     * command gets, with its client and request ids when they are readable.
     *
     * @param buffer holding the command, SBE header first.
     * @param offset where it starts.
     * @param length its length.
     * @param code   why it is refused.
     */
    void refuse(final DirectBuffer buffer, final int offset, final int length, final ResultCode code)
    {
        command = 0;
        clientId = 0;
        requestId = 0;
        if (length >= HEADER)
        {
            in.wrap(buffer, offset, length);
            header.wrap(in, 0);
            command = header.templateId();
            readIds(length);
        }
        refuse(code);
    }

    /**
     * @param raw a server role as on the wire.
     * @return the role, or null for a value that is none.
     */
    static ServerRole roleOf(final short raw)
    {
        switch (raw)
        {
            case 1:
                return ServerRole.GATEWAY;
            case 2:
                return ServerRole.GAME_HOST;
            case 3:
                return ServerRole.MATCHMAKER;
            default:
                return null;
        }
    }

    /**
     * @param raw an instance state as on the wire.
     * @return the state, or null for a value that is none.
     */
    static InstanceState instanceStateOf(final short raw)
    {
        return raw >= 1 && raw <= 5 ? InstanceState.get(raw) : null;
    }

    /**
     * Every command starts with its client id and request id: read them as they are, so that
     * even a command refused before it is decoded is answered to whoever sent it.
     */
    private void readIds(final int length)
    {
        if (length >= HEADER + 16)
        {
            clientId = in.getLong(HEADER, ByteOrder.LITTLE_ENDIAN);
            requestId = in.getLong(HEADER + 8, ByteOrder.LITTLE_ENDIAN);
        }
    }

    private void refuse(final ResultCode code)
    {
        egress.refusal(command, clientId, requestId, code);
    }

    private void dispatch(final int blockLength, final int version, final int length)
    {
        switch (command)
        {
            case RegisterServerDecoder.TEMPLATE_ID:
                if (block(RegisterServerDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    onRegisterServer(registerServer.wrap(in, HEADER, blockLength, version));
                }
                break;

            case ServerHeartbeatDecoder.TEMPLATE_ID:
                if (block(ServerHeartbeatDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    onServerHeartbeat(heartbeat.wrap(in, HEADER, blockLength, version));
                }
                break;

            case DrainServerDecoder.TEMPLATE_ID:
                if (block(DrainServerDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    onDrainServer(drainServer.wrap(in, HEADER, blockLength, version));
                }
                break;

            case DeregisterServerDecoder.TEMPLATE_ID:
                if (block(DeregisterServerDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    onDeregisterServer(deregisterServer.wrap(in, HEADER, blockLength, version));
                }
                break;

            case CheckInUserDecoder.TEMPLATE_ID:
                if (block(CheckInUserDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    onCheckInUser(checkIn.wrap(in, HEADER, blockLength, version));
                }
                break;

            case CheckOutUserDecoder.TEMPLATE_ID:
                if (block(CheckOutUserDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    onCheckOutUser(checkOut.wrap(in, HEADER, blockLength, version));
                }
                break;

            case CreateInstanceDecoder.TEMPLATE_ID:
                if (block(CreateInstanceDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    onCreateInstance(createInstance.wrap(in, HEADER, blockLength, version));
                }
                break;

            case InstanceReadyDecoder.TEMPLATE_ID:
                if (block(InstanceReadyDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    onInstanceReady(instanceReady.wrap(in, HEADER, blockLength, version));
                }
                break;

            case InstanceEndedDecoder.TEMPLATE_ID:
                if (block(InstanceEndedDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    onInstanceEnded(instanceEnded.wrap(in, HEADER, blockLength, version));
                }
                break;

            case JoinInstanceDecoder.TEMPLATE_ID:
                if (block(JoinInstanceDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    onJoinInstance(joinInstance.wrap(in, HEADER, blockLength, version));
                }
                break;

            case LeaveInstanceDecoder.TEMPLATE_ID:
                if (block(LeaveInstanceDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    onLeaveInstance(leaveInstance.wrap(in, HEADER, blockLength, version));
                }
                break;

            case DestroyInstanceDecoder.TEMPLATE_ID:
                if (block(DestroyInstanceDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    onDestroyInstance(destroyInstance.wrap(in, HEADER, blockLength, version));
                }
                break;

            case SearchInstancesDecoder.TEMPLATE_ID:
                if (block(SearchInstancesDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    onSearchInstances(searchInstances.wrap(in, HEADER, blockLength, version));
                }
                break;

            case GetInstanceDecoder.TEMPLATE_ID:
                if (block(GetInstanceDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    onGetInstance(getInstance.wrap(in, HEADER, blockLength, version));
                }
                break;

            case ListServersDecoder.TEMPLATE_ID:
                if (block(ListServersDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    onListServers(listServers.wrap(in, HEADER, blockLength, version));
                }
                break;

            case GetUserDecoder.TEMPLATE_ID:
                if (block(GetUserDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    onGetUser(getUser.wrap(in, HEADER, blockLength, version));
                }
                break;

            case ListUsersDecoder.TEMPLATE_ID:
                if (block(ListUsersDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    onListUsers(listUsers.wrap(in, HEADER, blockLength, version));
                }
                break;

            case ListInstancesDecoder.TEMPLATE_ID:
                if (block(ListInstancesDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    onListInstances(listInstances.wrap(in, HEADER, blockLength, version));
                }
                break;

            case CreateMatchDecoder.TEMPLATE_ID:
                if (block(CreateMatchDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    onCreateMatch(createMatch.wrap(in, HEADER, blockLength, version));
                }
                break;

            default:
                refuse(ResultCode.UNKNOWN_TEMPLATE);
        }
    }

    /**
     * The block must hold at least the fields this engine reads and fit in the message.
     */
    private boolean block(final int expected, final int actual, final int length)
    {
        if (actual < expected)
        {
            refuse(ResultCode.BAD_BLOCK_LENGTH);
            return false;
        }
        if (HEADER + actual > length)
        {
            refuse(ResultCode.MALFORMED_MESSAGE);
            return false;
        }
        return true;
    }

    private void onRegisterServer(final RegisterServerDecoder decoder)
    {
        if (!exactlyOnce.begin(command, decoder.clientId(), decoder.requestId(), now))
        {
            return;
        }
        final ServerRole role = roleOf(decoder.roleRaw());
        final int capacity = decoder.capacity();
        final RegisterServerDecoder.GameTypesDecoder gameTypes = decoder.gameTypes();
        if (gameTypes.count() > Server.MAX_GAME_TYPES)
        {
            exactlyOnce.complete(ResultCode.INVALID_VALUE);
            return;
        }
        int gameTypeCount = 0;
        while (gameTypes.hasNext())
        {
            gameTypeScratch[gameTypeCount++] = gameTypes.next().gameType();
        }
        final int nameLength = decoder.nameLength();
        if (nameLength > Server.MAX_NAME_LENGTH)
        {
            exactlyOnce.complete(ResultCode.STRING_TOO_LONG);
            return;
        }
        decoder.getName(nameScratch, 0, nameLength);
        final int endpointLength = decoder.endpointLength();
        if (endpointLength > Server.MAX_ENDPOINT_LENGTH)
        {
            exactlyOnce.complete(ResultCode.STRING_TOO_LONG);
            return;
        }
        decoder.getEndpoint(endpointScratch, 0, endpointLength);
        final int versionLength = decoder.softwareVersionLength();
        if (versionLength > Server.MAX_VERSION_LENGTH)
        {
            exactlyOnce.complete(ResultCode.STRING_TOO_LONG);
            return;
        }
        decoder.getSoftwareVersion(versionScratch, 0, versionLength);

        serverCommands.onRegisterServer(
            now,
            role,
            capacity,
            gameTypeScratch,
            gameTypeCount,
            nameScratch,
            nameLength,
            endpointScratch,
            endpointLength,
            versionScratch,
            versionLength);
    }

    private void onServerHeartbeat(final ServerHeartbeatDecoder decoder)
    {
        if (exactlyOnce.begin(command, decoder.clientId(), decoder.requestId(), now))
        {
            serverCommands.onServerHeartbeat(now, decoder.serverId(), decoder.load());
        }
    }

    private void onDrainServer(final DrainServerDecoder decoder)
    {
        if (exactlyOnce.begin(command, decoder.clientId(), decoder.requestId(), now))
        {
            serverCommands.onDrainServer(decoder.serverId());
        }
    }

    private void onDeregisterServer(final DeregisterServerDecoder decoder)
    {
        if (exactlyOnce.begin(command, decoder.clientId(), decoder.requestId(), now))
        {
            serverCommands.onDeregisterServer(decoder.serverId());
        }
    }

    private void onCheckInUser(final CheckInUserDecoder decoder)
    {
        if (!exactlyOnce.begin(command, decoder.clientId(), decoder.requestId(), now))
        {
            return;
        }
        final long gatewayId = decoder.gatewayId();
        final long userId = decoder.userId();
        final int nameLength = decoder.userNameLength();
        if (nameLength > User.MAX_NAME_LENGTH)
        {
            exactlyOnce.complete(ResultCode.STRING_TOO_LONG);
            return;
        }
        decoder.getUserName(nameScratch, 0, nameLength);
        userCommands.onCheckInUser(now, gatewayId, userId, nameScratch, nameLength);
    }

    private void onCheckOutUser(final CheckOutUserDecoder decoder)
    {
        if (exactlyOnce.begin(command, decoder.clientId(), decoder.requestId(), now))
        {
            userCommands.onCheckOutUser(decoder.gatewayId(), decoder.userId());
        }
    }

    private void onCreateInstance(final CreateInstanceDecoder decoder)
    {
        if (exactlyOnce.begin(command, decoder.clientId(), decoder.requestId(), now))
        {
            instanceCommands.onCreateInstance(
                now,
                decoder.ownerId(),
                decoder.gameType(),
                decoder.maxPlayers(),
                decoder.region(),
                decoder.mode(),
                decoder.ratingBand());
        }
    }

    private void onCreateMatch(final CreateMatchDecoder decoder)
    {
        if (!exactlyOnce.begin(command, decoder.clientId(), decoder.requestId(), now))
        {
            return;
        }
        final CreateMatchDecoder.PlayersDecoder players = decoder.players();
        if (players.count() > playerScratch.length)
        {
            exactlyOnce.complete(ResultCode.INVALID_VALUE);
            return;
        }
        int playerCount = 0;
        while (players.hasNext())
        {
            playerScratch[playerCount++] = players.next().userId();
        }
        matchCommands.onCreateMatch(
            now,
            decoder.matchmakerId(),
            decoder.matchId(),
            decoder.gameType(),
            decoder.region(),
            decoder.mode(),
            decoder.ratingBand(),
            playerScratch,
            playerCount);
    }

    private void onInstanceReady(final InstanceReadyDecoder decoder)
    {
        if (exactlyOnce.begin(command, decoder.clientId(), decoder.requestId(), now))
        {
            instanceCommands.onInstanceReady(decoder.hostId(), decoder.instanceId());
        }
    }

    private void onInstanceEnded(final InstanceEndedDecoder decoder)
    {
        if (exactlyOnce.begin(command, decoder.clientId(), decoder.requestId(), now))
        {
            instanceCommands.onInstanceEnded(decoder.hostId(), decoder.instanceId());
        }
    }

    private void onJoinInstance(final JoinInstanceDecoder decoder)
    {
        if (exactlyOnce.begin(command, decoder.clientId(), decoder.requestId(), now))
        {
            instanceCommands.onJoinInstance(decoder.userId(), decoder.instanceId());
        }
    }

    private void onLeaveInstance(final LeaveInstanceDecoder decoder)
    {
        if (exactlyOnce.begin(command, decoder.clientId(), decoder.requestId(), now))
        {
            instanceCommands.onLeaveInstance(decoder.userId(), decoder.instanceId());
        }
    }

    private void onDestroyInstance(final DestroyInstanceDecoder decoder)
    {
        if (exactlyOnce.begin(command, decoder.clientId(), decoder.requestId(), now))
        {
            instanceCommands.onDestroyInstance(decoder.requesterId(), decoder.instanceId());
        }
    }

    private void onSearchInstances(final SearchInstancesDecoder decoder)
    {
        queries.onSearchInstances(
            decoder.clientId(),
            decoder.requestId(),
            decoder.gameType(),
            instanceStateOf(decoder.stateRaw()),
            decoder.region(),
            decoder.mode(),
            decoder.ratingBand(),
            decoder.minOpenSeats(),
            decoder.maxResults(),
            decoder.cursor());
    }

    private void onGetInstance(final GetInstanceDecoder decoder)
    {
        queries.onGetInstance(decoder.clientId(), decoder.requestId(), decoder.instanceId());
    }

    private void onListServers(final ListServersDecoder decoder)
    {
        queries.onListServers(decoder.clientId(), decoder.requestId(), decoder.cursor(), decoder.maxResults());
    }

    private void onGetUser(final GetUserDecoder decoder)
    {
        final long queryClientId = decoder.clientId();
        final long queryRequestId = decoder.requestId();
        final long userId = decoder.userId();
        final int nameLength = decoder.userNameLength();
        if (nameLength > User.MAX_NAME_LENGTH)
        {
            refuse(ResultCode.STRING_TOO_LONG);
            return;
        }
        decoder.getUserName(nameScratch, 0, nameLength);
        queries.onGetUser(queryClientId, queryRequestId, userId, nameScratch, nameLength);
    }

    private void onListUsers(final ListUsersDecoder decoder)
    {
        queries.onListUsers(decoder.clientId(), decoder.requestId(), decoder.cursor(), decoder.maxResults());
    }

    private void onListInstances(final ListInstancesDecoder decoder)
    {
        queries.onListInstances(decoder.clientId(), decoder.requestId(), decoder.cursor(), decoder.maxResults());
    }
}
