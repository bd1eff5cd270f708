package io.gamehall.master;

import io.gamehall.master.directory.Instance;
import io.gamehall.master.directory.InstanceDirectory;
import io.gamehall.master.directory.Server;
import io.gamehall.master.directory.ServerDirectory;
import io.gamehall.master.directory.User;
import io.gamehall.master.directory.UserDirectory;
import io.gamehall.sbe.master.CheckInUserDecoder;
import io.gamehall.sbe.master.CheckOutUserDecoder;
import io.gamehall.sbe.master.CreateInstanceDecoder;
import io.gamehall.sbe.master.DeregisterServerDecoder;
import io.gamehall.sbe.master.DestroyInstanceDecoder;
import io.gamehall.sbe.master.DrainServerDecoder;
import io.gamehall.sbe.master.GetInstanceDecoder;
import io.gamehall.sbe.master.InstanceEndedDecoder;
import io.gamehall.sbe.master.InstanceReadyDecoder;
import io.gamehall.sbe.master.InstanceState;
import io.gamehall.sbe.master.JoinInstanceDecoder;
import io.gamehall.sbe.master.KickReason;
import io.gamehall.sbe.master.LeaveInstanceDecoder;
import io.gamehall.sbe.master.LeaveReason;
import io.gamehall.sbe.master.ListInstancesDecoder;
import io.gamehall.sbe.master.ListServersDecoder;
import io.gamehall.sbe.master.ListUsersDecoder;
import io.gamehall.sbe.master.GetUserDecoder;
import io.gamehall.sbe.master.MessageHeaderDecoder;
import io.gamehall.sbe.master.RegisterServerDecoder;
import io.gamehall.sbe.master.ResultCode;
import io.gamehall.sbe.master.SearchInstancesDecoder;
import io.gamehall.sbe.master.ServerHeartbeatDecoder;
import io.gamehall.sbe.master.ServerRole;
import io.gamehall.sbe.master.ServerState;
import io.gamehall.sbe.master.UserState;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The master: a deterministic state machine over the Server, User and Instance directories.
 * <p>
 * Input is {@link #apply(DirectBuffer, int, int, long)} with an SBE-encoded command and the
 * cluster timestamp, and {@link #onTimer(long, long)}; output is the {@link EngineOutput}.
 * Every command gets exactly one response. The engine uses no clock, no randomness, no
 * threads and no I/O, and it never iterates anything whose order the commands did not
 * decide, so two engines fed the same input produce the same output and the same
 * {@link #stateHash()}.
 * <p>
 * State-changing commands carry {@code (clientId, requestId)}; a retry of an applied request
 * is answered with the recorded result and changes nothing (see {@link ClientTable}).
 * Bad input is answered with a result code of its own and changes nothing; nothing throws out
 * of {@code apply}.
 * <p>
 * Not thread safe: one thread drives an engine.
 */
public final class MasterEngine
{
    /** Schema id of the commands this engine reads. */
    public static final int SCHEMA_ID = MessageHeaderDecoder.SCHEMA_ID;
    /** Schema version this engine writes; it reads this one, older ones and the next. */
    public static final int SCHEMA_VERSION = MessageHeaderDecoder.SCHEMA_VERSION;
    /**
     * Version of {@link #stateHash()}: 2, order-independent (no sort). Version 1, which sorts the
     * ids, is still computed by {@link #stateHash(int)} for the hashes old journals and
     * snapshots recorded.
     */
    public static final int STATE_HASH_VERSION = StateHash.VERSION_2;
    /** Correlation id of the one timer the engine uses: the server liveness sweep. */
    public static final long LIVENESS_TIMER_ID = 1;

    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int MAX_GAME_TYPE = 65534;
    private static final int MAX_CAPACITY = 10_000_000;

    private final EngineConfig config;
    private final EngineOutput output;
    private final EgressPublisher egress;
    final ServerDirectory servers;
    final UserDirectory users;
    final InstanceDirectory instances;
    final ClientTable clients;
    long nextServerId = 1;
    long nextInstanceId = 1;
    long livenessDeadline = -1;

    private long now;
    private int command;
    private long clientId;
    private long requestId;
    private ClientTable.Client client;

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

    private final byte[] nameScratch = new byte[Server.MAX_NAME_LENGTH];
    private final byte[] endpointScratch = new byte[Server.MAX_ENDPOINT_LENGTH];
    private final byte[] versionScratch = new byte[Server.MAX_VERSION_LENGTH];
    private final int[] gameTypeScratch = new int[Server.MAX_GAME_TYPES];
    private final LongArrayList idScratch = new LongArrayList(1024, Long.MIN_VALUE);
    private final long[] gatewayScratch;
    private final Instance[] searchScratch = new Instance[EngineConfig.MAX_SEARCH_RESULTS];
    private final Server[] serverScratch = new Server[EngineConfig.MAX_SEARCH_RESULTS];
    private final User[] userScratch = new User[EngineConfig.MAX_SEARCH_RESULTS];

    /**
     * @param config limits and timeouts; concluded here.
     * @param output where responses, events and timer requests go.
     */
    public MasterEngine(final EngineConfig config, final EngineOutput output)
    {
        this.config = config.conclude();
        egress = new EgressPublisher(output);
        this.output = output;
        servers = new ServerDirectory(config.maxServers());
        users = new UserDirectory(config.maxUsers());
        instances = new InstanceDirectory(config.maxInstances());
        clients = new ClientTable(config.dedupWindow(), config.maxClients());
        gatewayScratch = new long[config.maxPlayersPerInstance()];
    }

    public EngineConfig config()
    {
        return config;
    }

    public ServerDirectory servers()
    {
        return servers;
    }

    public UserDirectory users()
    {
        return users;
    }

    public InstanceDirectory instances()
    {
        return instances;
    }

    /**
     * @param clientId a client id.
     * @return whether the exactly-once memory holds this client.
     */
    public boolean remembersClient(final long clientId)
    {
        return clients.get(clientId) != null;
    }

    /**
     * @return the deadline of the pending liveness timer, or -1 when none is pending.
     */
    public long livenessTimerDeadline()
    {
        return livenessDeadline;
    }

    /**
     * Apply one command.
     *
     * @param buffer    holding the command, SBE header first.
     * @param offset    where it starts.
     * @param length    its length.
     * @param timestamp cluster time in milliseconds; the engine's only notion of time.
     */
    public void apply(final DirectBuffer buffer, final int offset, final int length, final long timestamp)
    {
        now = timestamp;
        command = 0;
        clientId = 0;
        requestId = 0;

        if (length < HEADER)
        {
            reject(ResultCode.MALFORMED_MESSAGE);
            return;
        }

        in.wrap(buffer, offset, length);
        header.wrap(in, 0);
        readIds(length);
        if (header.schemaId() != SCHEMA_ID)
        {
            reject(ResultCode.UNKNOWN_SCHEMA);
            return;
        }
        final int version = header.version();
        if (version < 1 || version > SCHEMA_VERSION + 1)
        {
            reject(ResultCode.UNSUPPORTED_VERSION);
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
            reject(ResultCode.MALFORMED_MESSAGE);
        }
    }

    /**
     * Answer a command with a refusal and change nothing: the response its kind of command gets
     * (a page, an info or a command result), carrying this code and, when they are readable,
     * the command's client and request ids. For commands refused before the engine, such as
     * by the master's authorization.
     *
     * @param buffer    holding the command, SBE header first.
     * @param offset    where it starts.
     * @param length    its length.
     * @param timestamp cluster time in milliseconds.
     * @param code      why it is refused.
     */
    public void refuse(
        final DirectBuffer buffer, final int offset, final int length, final long timestamp, final ResultCode code)
    {
        now = timestamp;
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
        reject(code);
    }

    /**
     * Every command starts with its client id and request id: read them as they are, so that
     * even a command refused before it is decoded is answered to whoever sent it.
     */
    private void readIds(final int length)
    {
        if (length >= HEADER + 16)
        {
            clientId = in.getLong(HEADER, java.nio.ByteOrder.LITTLE_ENDIAN);
            requestId = in.getLong(HEADER + 8, java.nio.ByteOrder.LITTLE_ENDIAN);
        }
    }

    /**
     * A timer the engine asked for is due.
     *
     * @param correlationId the timer's id.
     * @param timestamp     cluster time in milliseconds.
     */
    public void onTimer(final long correlationId, final long timestamp)
    {
        if (correlationId != LIVENESS_TIMER_ID)
        {
            return;
        }
        now = timestamp;
        livenessDeadline = -1;
        final long timeout = config.serverTimeoutMs();
        Server oldest;
        while ((oldest = servers.oldestLive()) != null && oldest.lastHeartbeatTime() + timeout <= now)
        {
            loseServer(oldest, false);
        }
        scheduleLiveness();
    }

    /**
     * @return 64-bit hash of the whole state in the {@link #STATE_HASH_VERSION current version};
     *     equal states hash equal on every JVM.
     */
    public long stateHash()
    {
        return StateHash.version2(this);
    }

    /**
     * @param version a state hash version, 1 or 2: what a journal or snapshot recorded.
     * @return 64-bit hash of the whole state in that version.
     * @throws IllegalArgumentException for a version this engine does not know.
     */
    public long stateHash(final int version)
    {
        return StateHash.of(this, version);
    }

    /**
     * @param version a state hash version.
     * @return whether {@link #stateHash(int)} knows it.
     */
    public static boolean knowsStateHashVersion(final int version)
    {
        return version == StateHash.VERSION_1 || version == StateHash.VERSION_2;
    }

    private void dispatch(final int blockLength, final int version, final int length)
    {
        switch (command)
        {
            case RegisterServerDecoder.TEMPLATE_ID:
                if (block(RegisterServerDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    registerServer.wrap(in, HEADER, blockLength, version);
                    onRegisterServer(registerServer);
                }
                break;

            case ServerHeartbeatDecoder.TEMPLATE_ID:
                if (block(ServerHeartbeatDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    heartbeat.wrap(in, HEADER, blockLength, version);
                    onHeartbeat(heartbeat);
                }
                break;

            case DrainServerDecoder.TEMPLATE_ID:
                if (block(DrainServerDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    drainServer.wrap(in, HEADER, blockLength, version);
                    onDrainServer(drainServer);
                }
                break;

            case DeregisterServerDecoder.TEMPLATE_ID:
                if (block(DeregisterServerDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    deregisterServer.wrap(in, HEADER, blockLength, version);
                    onDeregisterServer(deregisterServer);
                }
                break;

            case CheckInUserDecoder.TEMPLATE_ID:
                if (block(CheckInUserDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    checkIn.wrap(in, HEADER, blockLength, version);
                    onCheckIn(checkIn);
                }
                break;

            case CheckOutUserDecoder.TEMPLATE_ID:
                if (block(CheckOutUserDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    checkOut.wrap(in, HEADER, blockLength, version);
                    onCheckOut(checkOut);
                }
                break;

            case CreateInstanceDecoder.TEMPLATE_ID:
                if (block(CreateInstanceDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    createInstance.wrap(in, HEADER, blockLength, version);
                    onCreateInstance(createInstance);
                }
                break;

            case InstanceReadyDecoder.TEMPLATE_ID:
                if (block(InstanceReadyDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    instanceReady.wrap(in, HEADER, blockLength, version);
                    onInstanceReady(instanceReady);
                }
                break;

            case InstanceEndedDecoder.TEMPLATE_ID:
                if (block(InstanceEndedDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    instanceEnded.wrap(in, HEADER, blockLength, version);
                    onInstanceEnded(instanceEnded);
                }
                break;

            case JoinInstanceDecoder.TEMPLATE_ID:
                if (block(JoinInstanceDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    joinInstance.wrap(in, HEADER, blockLength, version);
                    onJoin(joinInstance);
                }
                break;

            case LeaveInstanceDecoder.TEMPLATE_ID:
                if (block(LeaveInstanceDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    leaveInstance.wrap(in, HEADER, blockLength, version);
                    onLeave(leaveInstance);
                }
                break;

            case DestroyInstanceDecoder.TEMPLATE_ID:
                if (block(DestroyInstanceDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    destroyInstance.wrap(in, HEADER, blockLength, version);
                    onDestroy(destroyInstance);
                }
                break;

            case SearchInstancesDecoder.TEMPLATE_ID:
                if (block(SearchInstancesDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    searchInstances.wrap(in, HEADER, blockLength, version);
                    onSearch(searchInstances);
                }
                break;

            case GetInstanceDecoder.TEMPLATE_ID:
                if (block(GetInstanceDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    getInstance.wrap(in, HEADER, blockLength, version);
                    onGetInstance(getInstance);
                }
                break;

            case ListServersDecoder.TEMPLATE_ID:
                if (block(ListServersDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    listServers.wrap(in, HEADER, blockLength, version);
                    onListServers(listServers);
                }
                break;

            case GetUserDecoder.TEMPLATE_ID:
                if (block(GetUserDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    getUser.wrap(in, HEADER, blockLength, version);
                    onGetUser(getUser);
                }
                break;

            case ListUsersDecoder.TEMPLATE_ID:
                if (block(ListUsersDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    listUsers.wrap(in, HEADER, blockLength, version);
                    onListUsers(listUsers);
                }
                break;

            case ListInstancesDecoder.TEMPLATE_ID:
                if (block(ListInstancesDecoder.BLOCK_LENGTH, blockLength, length))
                {
                    listInstances.wrap(in, HEADER, blockLength, version);
                    onListInstances(listInstances);
                }
                break;

            default:
                reject(ResultCode.UNKNOWN_TEMPLATE);
        }
    }

    private boolean block(final int expected, final int actual, final int length)
    {
        if (actual < expected)
        {
            reject(ResultCode.BAD_BLOCK_LENGTH);
            return false;
        }
        if (HEADER + actual > length)
        {
            reject(ResultCode.MALFORMED_MESSAGE);
            return false;
        }
        return true;
    }

    // ------------------------------------------------------------------ exactly-once

    /**
     * Start a state-changing command: check the ids and answer a retry from memory.
     *
     * @return true when the command is new and should be applied.
     */
    private boolean begin(final long clientId, final long requestId)
    {
        this.clientId = clientId;
        this.requestId = requestId;
        if (clientId <= 0 || requestId <= 0)
        {
            reject(ResultCode.INVALID_VALUE);
            return false;
        }
        client = clients.get(clientId);
        if (client == null && !clients.hasRoom(now))
        {
            reject(ResultCode.CLIENT_TABLE_FULL);
            return false;
        }
        if (client != null && requestId <= client.highestRequestId)
        {
            final int index = clients.find(client, requestId);
            if (index < 0)
            {
                reject(ResultCode.REQUEST_TOO_OLD);
            }
            else
            {
                egress.commandResult(
                    clientId,
                    requestId,
                    client.commands[index],
                    ResultCode.get(client.codes[index]),
                    client.subjectIds[index],
                    client.detailIds[index]);
            }
            return false;
        }
        return true;
    }

    /**
     * Finish a state-changing command: remember its outcome and answer.
     */
    private void complete(final ResultCode code, final long subjectId, final long detailId)
    {
        final ClientTable.Client used = clients.use(client, clientId, now);
        clients.record(used, requestId, command, code.value(), subjectId, detailId);
        egress.commandResult(clientId, requestId, command, code, subjectId, detailId);
    }

    private void complete(final ResultCode code)
    {
        complete(code, 0, 0);
    }

    /**
     * Answer without remembering: for input that cannot be trusted as a request.
     */
    private void reject(final ResultCode code)
    {
        if (command == SearchInstancesDecoder.TEMPLATE_ID)
        {
            egress.searchResult(clientId, requestId, code, 0, searchScratch, 0);
        }
        else if (command == GetInstanceDecoder.TEMPLATE_ID)
        {
            egress.instanceInfo(clientId, requestId, code, null);
        }
        else if (command == ListServersDecoder.TEMPLATE_ID)
        {
            egress.serverList(clientId, requestId, code, 0, serverScratch, 0);
        }
        else if (command == GetUserDecoder.TEMPLATE_ID)
        {
            egress.userInfo(clientId, requestId, code, null);
        }
        else if (command == ListUsersDecoder.TEMPLATE_ID)
        {
            egress.userList(clientId, requestId, code, 0, userScratch, 0);
        }
        else if (command == ListInstancesDecoder.TEMPLATE_ID)
        {
            egress.instanceList(clientId, requestId, code, 0, searchScratch, 0);
        }
        else
        {
            egress.commandResult(clientId, requestId, command, code, 0, 0);
        }
    }

    // ------------------------------------------------------------------ servers

    private void onRegisterServer(final RegisterServerDecoder decoder)
    {
        if (!begin(decoder.clientId(), decoder.requestId()))
        {
            return;
        }
        final short roleRaw = decoder.roleRaw();
        final int capacity = decoder.capacity();
        int gameTypeCount = 0;
        boolean gameTypesValid = true;
        final RegisterServerDecoder.GameTypesDecoder gameTypes = decoder.gameTypes();
        if (gameTypes.count() > Server.MAX_GAME_TYPES)
        {
            complete(ResultCode.INVALID_VALUE);
            return;
        }
        while (gameTypes.hasNext())
        {
            final int gameType = gameTypes.next().gameType();
            if (gameType < 1 || gameType > MAX_GAME_TYPE || contains(gameTypeScratch, gameTypeCount, gameType))
            {
                gameTypesValid = false;
            }
            gameTypeScratch[gameTypeCount++] = gameType;
        }
        final int nameLength = decoder.nameLength();
        if (nameLength > Server.MAX_NAME_LENGTH)
        {
            complete(ResultCode.STRING_TOO_LONG);
            return;
        }
        decoder.getName(nameScratch, 0, nameLength);
        final int endpointLength = decoder.endpointLength();
        if (endpointLength > Server.MAX_ENDPOINT_LENGTH)
        {
            complete(ResultCode.STRING_TOO_LONG);
            return;
        }
        decoder.getEndpoint(endpointScratch, 0, endpointLength);
        final int versionLength = decoder.softwareVersionLength();
        if (versionLength > Server.MAX_VERSION_LENGTH)
        {
            complete(ResultCode.STRING_TOO_LONG);
            return;
        }
        decoder.getSoftwareVersion(versionScratch, 0, versionLength);

        final ServerRole role = roleOf(roleRaw);
        if (role == null)
        {
            complete(ResultCode.INVALID_ENUM_VALUE);
            return;
        }
        final boolean typesMatchRole = role == ServerRole.GAME_HOST ? gameTypeCount > 0 : gameTypeCount == 0;
        if (capacity < 1 || capacity > MAX_CAPACITY || !gameTypesValid || !typesMatchRole)
        {
            complete(ResultCode.INVALID_VALUE);
            return;
        }
        if (!NameRules.isValidName(nameScratch, nameLength, Server.MAX_NAME_LENGTH) ||
            !NameRules.isPrintable(endpointScratch, endpointLength, Server.MAX_ENDPOINT_LENGTH) ||
            !NameRules.isPrintable(versionScratch, versionLength, Server.MAX_VERSION_LENGTH))
        {
            complete(ResultCode.INVALID_NAME);
            return;
        }

        final Server holder = servers.findByName(nameScratch, nameLength);
        if (holder != null)
        {
            if (holder.state() != ServerState.DEAD)
            {
                complete(ResultCode.SERVER_NAME_TAKEN, holder.id(), 0);
                return;
            }
            servers.remove(holder);
        }
        if (servers.isFull())
        {
            complete(ResultCode.DIRECTORY_FULL);
            return;
        }

        final Server server = servers.add(
            nextServerId++,
            role,
            capacity,
            gameTypeScratch,
            gameTypeCount,
            nameScratch,
            nameLength,
            endpointScratch,
            endpointLength,
            versionScratch,
            versionLength,
            now);
        scheduleLiveness();
        if (role == ServerRole.GATEWAY)
        {
            egress.gatewayListChanged(servers);
        }
        else
        {
            placeOrphans(server);
        }
        complete(ResultCode.OK, server.id(), 0);
    }

    private void onHeartbeat(final ServerHeartbeatDecoder decoder)
    {
        if (!begin(decoder.clientId(), decoder.requestId()))
        {
            return;
        }
        final long serverId = decoder.serverId();
        final int load = decoder.load();
        final Server server = servers.get(serverId);
        if (server == null)
        {
            complete(ResultCode.UNKNOWN_SERVER);
            return;
        }
        if (server.state() == ServerState.DEAD)
        {
            complete(ResultCode.SERVER_DEAD, serverId, 0);
            return;
        }
        if (load < 0 || load > MAX_CAPACITY)
        {
            complete(ResultCode.INVALID_VALUE);
            return;
        }
        servers.heartbeat(server, load, now);
        if (server.role() == ServerRole.GAME_HOST)
        {
            placeOrphans(server);
        }
        complete(ResultCode.OK, serverId, 0);
    }

    private void onDrainServer(final DrainServerDecoder decoder)
    {
        if (!begin(decoder.clientId(), decoder.requestId()))
        {
            return;
        }
        final long serverId = decoder.serverId();
        final Server server = servers.get(serverId);
        if (server == null)
        {
            complete(ResultCode.UNKNOWN_SERVER);
            return;
        }
        if (server.state() == ServerState.DEAD)
        {
            complete(ResultCode.SERVER_DEAD, serverId, 0);
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
        complete(ResultCode.OK, serverId, 0);
    }

    private void onDeregisterServer(final DeregisterServerDecoder decoder)
    {
        if (!begin(decoder.clientId(), decoder.requestId()))
        {
            return;
        }
        final long serverId = decoder.serverId();
        final Server server = servers.get(serverId);
        if (server == null)
        {
            complete(ResultCode.UNKNOWN_SERVER);
            return;
        }
        loseServer(server, true);
        complete(ResultCode.OK, serverId, 0);
    }

    /**
     * A server is gone, by deregistration or missed heartbeats. A gateway's lobby users are
     * checked out and its seated users detached (they keep their seat to resume elsewhere); a
     * host's instances are suspended and re-placed on other hosts.
     */
    private void loseServer(final Server server, final boolean remove)
    {
        final boolean wasActiveGateway = server.role() == ServerRole.GATEWAY && server.state() == ServerState.ACTIVE;
        final long serverId = server.id();
        final boolean isHost = server.role() == ServerRole.GAME_HOST;
        if (isHost)
        {
            suspendInstancesOf(server);
        }

        if (remove)
        {
            servers.remove(server);
        }
        else if (server.state() != ServerState.DEAD)
        {
            servers.setState(server, ServerState.DEAD);
        }

        if (isHost)
        {
            placeSuspended();
        }
        else
        {
            releaseUsersOf(serverId);
            if (wasActiveGateway)
            {
                egress.gatewayListChanged(servers);
            }
        }
    }

    private void suspendInstancesOf(final Server host)
    {
        instances.idsOnHost(host.id(), idScratch);
        for (int k = 0; k < idScratch.size(); k++)
        {
            final Instance instance = instances.get(idScratch.getLong(k));
            instances.suspend(instance);
            servers.addAssigned(host, -1);
        }
    }

    /**
     * Re-place the instances listed in the id scratch, in that (ascending id) order.
     */
    private void placeSuspended()
    {
        for (int k = 0; k < idScratch.size(); k++)
        {
            tryPlace(instances.get(idScratch.getLong(k)));
        }
    }

    private void releaseUsersOf(final long gatewayId)
    {
        users.idsOnGateway(gatewayId, idScratch);
        for (int k = 0; k < idScratch.size(); k++)
        {
            final User user = users.get(idScratch.getLong(k));
            if (user.state() == UserState.IN_INSTANCE)
            {
                users.detach(user);
            }
            else
            {
                users.remove(user);
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

    /**
     * A host may have room now: re-place suspended instances of the game types it runs that
     * are still waiting for a host, lowest id first, while any host has room.
     */
    private void placeOrphans(final Server host)
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

    private void scheduleLiveness()
    {
        final Server oldest = servers.oldestLive();
        if (oldest == null)
        {
            return;
        }
        final long deadline = oldest.lastHeartbeatTime() + config.serverTimeoutMs();
        if (livenessDeadline == -1 || deadline < livenessDeadline)
        {
            livenessDeadline = deadline;
            output.onScheduleTimer(LIVENESS_TIMER_ID, deadline);
        }
    }

    // ------------------------------------------------------------------ users

    private void onCheckIn(final CheckInUserDecoder decoder)
    {
        if (!begin(decoder.clientId(), decoder.requestId()))
        {
            return;
        }
        final long gatewayId = decoder.gatewayId();
        final long userId = decoder.userId();
        final int nameLength = decoder.userNameLength();
        if (nameLength > User.MAX_NAME_LENGTH)
        {
            complete(ResultCode.STRING_TOO_LONG);
            return;
        }
        decoder.getUserName(nameScratch, 0, nameLength);

        if (userId <= 0)
        {
            complete(ResultCode.INVALID_VALUE);
            return;
        }
        if (!NameRules.isValidName(nameScratch, nameLength, User.MAX_NAME_LENGTH))
        {
            complete(ResultCode.INVALID_NAME);
            return;
        }
        final ResultCode gatewayProblem = checkGateway(gatewayId);
        if (gatewayProblem != null)
        {
            complete(gatewayProblem);
            return;
        }

        final User existing = users.get(userId);
        final User holder = users.findByName(nameScratch, nameLength);
        if (existing != null)
        {
            if (holder != existing)
            {
                complete(ResultCode.USER_ID_MISMATCH, userId, 0);
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
            complete(ResultCode.OK, userId, existing.instanceId());
            return;
        }
        if (holder != null)
        {
            complete(ResultCode.USER_NAME_TAKEN, holder.id(), 0);
            return;
        }
        if (users.isFull())
        {
            complete(ResultCode.DIRECTORY_FULL);
            return;
        }
        users.add(userId, nameScratch, nameLength, gatewayId, now);
        complete(ResultCode.OK, userId, 0);
    }

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

    private void onCheckOut(final CheckOutUserDecoder decoder)
    {
        if (!begin(decoder.clientId(), decoder.requestId()))
        {
            return;
        }
        final long gatewayId = decoder.gatewayId();
        final long userId = decoder.userId();
        final User user = users.get(userId);
        if (user == null)
        {
            complete(ResultCode.UNKNOWN_USER);
            return;
        }
        if (user.gatewayId() != gatewayId)
        {
            complete(ResultCode.USER_NOT_ON_GATEWAY, userId, user.gatewayId());
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
        complete(ResultCode.OK, userId, 0);
    }

    // ------------------------------------------------------------------ instances

    private void onCreateInstance(final CreateInstanceDecoder decoder)
    {
        if (!begin(decoder.clientId(), decoder.requestId()))
        {
            return;
        }
        final long ownerId = decoder.ownerId();
        final int gameType = decoder.gameType();
        final int maxPlayers = decoder.maxPlayers();
        final int region = decoder.region();
        final int mode = decoder.mode();
        final int ratingBand = decoder.ratingBand();

        if (gameType < 1 || gameType > MAX_GAME_TYPE || maxPlayers < 1 || maxPlayers > config.maxPlayersPerInstance())
        {
            complete(ResultCode.INVALID_VALUE);
            return;
        }
        final User owner = users.get(ownerId);
        if (owner == null)
        {
            complete(ResultCode.UNKNOWN_USER);
            return;
        }
        if (owner.state() == UserState.IN_INSTANCE)
        {
            complete(ResultCode.USER_IN_INSTANCE, ownerId, owner.instanceId());
            return;
        }
        if (instances.isFull())
        {
            complete(ResultCode.DIRECTORY_FULL);
            return;
        }
        final Server host = servers.bestHostFor(gameType);
        if (host == null)
        {
            complete(ResultCode.NO_CAPACITY);
            return;
        }

        final Instance instance = instances.add(
            nextInstanceId++, gameType, host.id(), ownerId, maxPlayers, region, mode, ratingBand, now);
        servers.addAssigned(host, 1);
        users.seat(owner, instance.id());
        egress.spawnInstance(instance, owner.gatewayId());
        complete(ResultCode.OK, instance.id(), host.id());
    }

    private void onInstanceReady(final InstanceReadyDecoder decoder)
    {
        if (!begin(decoder.clientId(), decoder.requestId()))
        {
            return;
        }
        final long hostId = decoder.hostId();
        final long instanceId = decoder.instanceId();
        final Instance instance = instances.get(instanceId);
        if (instance == null)
        {
            complete(ResultCode.UNKNOWN_INSTANCE);
            return;
        }
        if (instance.hostId() != hostId || hostId == 0)
        {
            complete(ResultCode.NOT_INSTANCE_HOST, instanceId, instance.hostId());
            return;
        }
        if (instance.state() != InstanceState.CREATING && instance.state() != InstanceState.SUSPENDED)
        {
            complete(ResultCode.ILLEGAL_TRANSITION, instanceId, 0);
            return;
        }
        final InstanceState from = instance.state() == InstanceState.SUSPENDED ? instance.resumeState() : instance.state();
        final boolean full = instance.openSeats() == 0;
        final InstanceState to = from == InstanceState.RUNNING || full ? InstanceState.RUNNING : InstanceState.OPEN;
        instances.setState(instance, to);
        complete(ResultCode.OK, instanceId, hostId);
    }

    private void onInstanceEnded(final InstanceEndedDecoder decoder)
    {
        if (!begin(decoder.clientId(), decoder.requestId()))
        {
            return;
        }
        final long hostId = decoder.hostId();
        final long instanceId = decoder.instanceId();
        final Instance instance = instances.get(instanceId);
        if (instance == null)
        {
            complete(ResultCode.UNKNOWN_INSTANCE);
            return;
        }
        if (instance.hostId() != hostId || hostId == 0)
        {
            complete(ResultCode.NOT_INSTANCE_HOST, instanceId, instance.hostId());
            return;
        }
        endInstance(instance, false);
        complete(ResultCode.OK, instanceId, hostId);
    }

    private void onJoin(final JoinInstanceDecoder decoder)
    {
        if (!begin(decoder.clientId(), decoder.requestId()))
        {
            return;
        }
        final long userId = decoder.userId();
        final long instanceId = decoder.instanceId();
        final User user = users.get(userId);
        if (user == null)
        {
            complete(ResultCode.UNKNOWN_USER);
            return;
        }
        final Instance instance = instances.get(instanceId);
        if (instance == null)
        {
            complete(ResultCode.UNKNOWN_INSTANCE);
            return;
        }
        if (user.state() == UserState.IN_INSTANCE)
        {
            complete(ResultCode.USER_IN_INSTANCE, userId, user.instanceId());
            return;
        }
        if (instance.state() == InstanceState.SUSPENDED)
        {
            complete(ResultCode.INSTANCE_NOT_JOINABLE, instanceId, 0);
            return;
        }
        if (instance.openSeats() == 0)
        {
            complete(ResultCode.INSTANCE_FULL, instanceId, 0);
            return;
        }
        instances.addPlayer(instance, userId);
        users.seat(user, instanceId);
        if (instance.openSeats() == 0 && instance.state() == InstanceState.OPEN)
        {
            instances.setState(instance, InstanceState.RUNNING);
        }
        egress.playerJoined(instance.hostId(), instanceId, userId, user.gatewayId());
        complete(ResultCode.OK, instanceId, instance.hostId());
    }

    private void onLeave(final LeaveInstanceDecoder decoder)
    {
        if (!begin(decoder.clientId(), decoder.requestId()))
        {
            return;
        }
        final long userId = decoder.userId();
        final long instanceId = decoder.instanceId();
        final User user = users.get(userId);
        if (user == null)
        {
            complete(ResultCode.UNKNOWN_USER);
            return;
        }
        final Instance instance = instances.get(instanceId);
        if (instance == null)
        {
            complete(ResultCode.UNKNOWN_INSTANCE);
            return;
        }
        if (user.instanceId() != instanceId)
        {
            complete(ResultCode.USER_NOT_IN_INSTANCE, userId, user.instanceId());
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
        complete(ResultCode.OK, instanceId, instance.hostId());
    }

    private void onDestroy(final DestroyInstanceDecoder decoder)
    {
        if (!begin(decoder.clientId(), decoder.requestId()))
        {
            return;
        }
        final long requesterId = decoder.requesterId();
        final long instanceId = decoder.instanceId();
        final Instance instance = instances.get(instanceId);
        if (instance == null)
        {
            complete(ResultCode.UNKNOWN_INSTANCE);
            return;
        }
        if (requesterId != 0 && requesterId != instance.ownerId())
        {
            complete(ResultCode.NOT_INSTANCE_OWNER, instanceId, instance.ownerId());
            return;
        }
        final long hostId = instance.hostId();
        endInstance(instance, true);
        complete(ResultCode.OK, instanceId, hostId);
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
            placeOrphans(host);
        }
    }

    private void onSearch(final SearchInstancesDecoder decoder)
    {
        clientId = decoder.clientId();
        requestId = decoder.requestId();
        final int gameType = decoder.gameType();
        final short stateRaw = decoder.stateRaw();
        final int region = decoder.region();
        final int mode = decoder.mode();
        final int ratingBand = decoder.ratingBand();
        final int minOpenSeats = decoder.minOpenSeats();
        final int maxResults = decoder.maxResults();
        final long cursor = decoder.cursor();

        final InstanceState state = instanceStateOf(stateRaw);
        if (state == null)
        {
            reject(ResultCode.INVALID_ENUM_VALUE);
            return;
        }
        if (gameType < 1 || gameType > MAX_GAME_TYPE || maxResults < 1 ||
            maxResults > EngineConfig.MAX_SEARCH_RESULTS || cursor < 0)
        {
            reject(ResultCode.INVALID_VALUE);
            return;
        }

        final int found = instances.search(
            gameType, state, region, mode, ratingBand, minOpenSeats, cursor, maxResults, config.maxSearchExamined(),
            searchScratch);
        final long nextCursor = instances.searchCursor();
        egress.searchResult(clientId, requestId, ResultCode.OK, nextCursor, searchScratch, found);
        for (int i = 0; i < found; i++)
        {
            searchScratch[i] = null;
        }
    }

    private void onGetInstance(final GetInstanceDecoder decoder)
    {
        clientId = decoder.clientId();
        requestId = decoder.requestId();
        final Instance instance = instances.get(decoder.instanceId());
        if (instance == null)
        {
            reject(ResultCode.UNKNOWN_INSTANCE);
            return;
        }
        egress.instanceInfo(clientId, requestId, ResultCode.OK, instance);
    }

    private void onListServers(final ListServersDecoder decoder)
    {
        clientId = decoder.clientId();
        requestId = decoder.requestId();
        final long cursor = decoder.cursor();
        final int maxResults = decoder.maxResults();
        if (cursor < 0 || maxResults < 1 || maxResults > EngineConfig.MAX_SEARCH_RESULTS)
        {
            reject(ResultCode.INVALID_VALUE);
            return;
        }
        int found = 0;
        Server server = servers.ceiling(cursor);
        while (server != null && found < maxResults)
        {
            serverScratch[found++] = server;
            server = servers.next(server);
        }
        egress.serverList(clientId, requestId, ResultCode.OK, server == null ? 0 : server.id(), serverScratch, found);
        for (int i = 0; i < found; i++)
        {
            serverScratch[i] = null;
        }
    }

    private void onGetUser(final GetUserDecoder decoder)
    {
        clientId = decoder.clientId();
        requestId = decoder.requestId();
        final long userId = decoder.userId();
        final int nameLength = decoder.userNameLength();
        if (nameLength > User.MAX_NAME_LENGTH)
        {
            reject(ResultCode.STRING_TOO_LONG);
            return;
        }
        decoder.getUserName(nameScratch, 0, nameLength);
        final User user = userId != 0 ? users.get(userId) : users.findByName(nameScratch, nameLength);
        if (user == null)
        {
            reject(ResultCode.UNKNOWN_USER);
            return;
        }
        egress.userInfo(clientId, requestId, ResultCode.OK, user);
    }

    private void onListUsers(final ListUsersDecoder decoder)
    {
        clientId = decoder.clientId();
        requestId = decoder.requestId();
        final long cursor = decoder.cursor();
        final int maxResults = decoder.maxResults();
        if (cursor < 0 || cursor > users.capacity() || maxResults < 1 || maxResults > EngineConfig.MAX_SEARCH_RESULTS)
        {
            reject(ResultCode.INVALID_VALUE);
            return;
        }
        int found = 0;
        User user = users.atOrAfterSlot(slotOfCursor(cursor));
        while (user != null && found < maxResults)
        {
            userScratch[found++] = user;
            user = users.atOrAfterSlot(user.slot() + 1);
        }
        egress.userList(clientId, requestId, ResultCode.OK, user == null ? 0 : cursorOfSlot(user.slot()), userScratch, found);
        for (int i = 0; i < found; i++)
        {
            userScratch[i] = null;
        }
    }

    private void onListInstances(final ListInstancesDecoder decoder)
    {
        clientId = decoder.clientId();
        requestId = decoder.requestId();
        final long cursor = decoder.cursor();
        final int maxResults = decoder.maxResults();
        if (cursor < 0 || cursor > instances.capacity() || maxResults < 1 ||
            maxResults > EngineConfig.MAX_SEARCH_RESULTS)
        {
            reject(ResultCode.INVALID_VALUE);
            return;
        }
        int found = 0;
        Instance instance = instances.atOrAfterSlot(slotOfCursor(cursor));
        while (instance != null && found < maxResults)
        {
            searchScratch[found++] = instance;
            instance = instances.atOrAfterSlot(instance.slot() + 1);
        }
        egress.instanceList(clientId, requestId, ResultCode.OK, instance == null ? 0 : cursorOfSlot(instance.slot()),
            searchScratch, found);
        for (int i = 0; i < found; i++)
        {
            searchScratch[i] = null;
        }
    }

    // ------------------------------------------------------------------ helpers

    /**
     * A listing cursor is the slot to go on from plus one, so that 0 can mean "from the start"
     * in a request and "complete" in a response.
     */
    private static int slotOfCursor(final long cursor)
    {
        return cursor == 0 ? 0 : (int)(cursor - 1);
    }

    private static long cursorOfSlot(final int slot)
    {
        return slot + 1L;
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

    static ServerRole roleOf(final short raw)
    {
        switch (raw)
        {
            case 1:
                return ServerRole.GATEWAY;
            case 2:
                return ServerRole.GAME_HOST;
            default:
                return null;
        }
    }

    static InstanceState instanceStateOf(final short raw)
    {
        return raw >= 1 && raw <= 5 ? InstanceState.get(raw) : null;
    }
}
