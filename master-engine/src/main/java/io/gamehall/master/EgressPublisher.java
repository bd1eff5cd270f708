package io.gamehall.master;

import io.gamehall.master.directory.Instance;
import io.gamehall.master.directory.Server;
import io.gamehall.master.directory.ServerDirectory;
import io.gamehall.master.directory.User;
import io.gamehall.master.directory.UserDirectory;
import io.gamehall.sbe.master.CommandResultEncoder;
import io.gamehall.sbe.master.DrainOrderEncoder;
import io.gamehall.sbe.master.GatewayListChangedEncoder;
import io.gamehall.sbe.master.GetInstanceDecoder;
import io.gamehall.sbe.master.GetUserDecoder;
import io.gamehall.sbe.master.InstanceInfoEncoder;
import io.gamehall.sbe.master.InstanceListEncoder;
import io.gamehall.sbe.master.InstanceMovedEncoder;
import io.gamehall.sbe.master.InstanceSearchResultEncoder;
import io.gamehall.sbe.master.InstanceState;
import io.gamehall.sbe.master.KickReason;
import io.gamehall.sbe.master.KickUserEncoder;
import io.gamehall.sbe.master.LeaveReason;
import io.gamehall.sbe.master.ListInstancesDecoder;
import io.gamehall.sbe.master.ListServersDecoder;
import io.gamehall.sbe.master.ListUsersDecoder;
import io.gamehall.sbe.master.MatchFoundEncoder;
import io.gamehall.sbe.master.MessageHeaderEncoder;
import io.gamehall.sbe.master.PlayerJoinedEncoder;
import io.gamehall.sbe.master.PlayerLeftEncoder;
import io.gamehall.sbe.master.PlayerReattachedEncoder;
import io.gamehall.sbe.master.RestoreInstanceEncoder;
import io.gamehall.sbe.master.ServerListEncoder;
import io.gamehall.sbe.master.UserInfoEncoder;
import io.gamehall.sbe.master.UserListEncoder;
import io.gamehall.sbe.master.UserState;
import io.gamehall.sbe.master.ResultCode;
import io.gamehall.sbe.master.SearchInstancesDecoder;
import io.gamehall.sbe.master.SpawnInstanceEncoder;
import io.gamehall.sbe.master.TerminateInstanceEncoder;
import org.agrona.ExpandableArrayBuffer;

/**
 * Encodes the engine's responses and events into one reused buffer and hands each to the
 * {@link EngineOutput} at once. One encoder per message type, created up front.
 */
final class EgressPublisher
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final Instance[] NO_INSTANCES = new Instance[0];
    private static final Server[] NO_SERVERS = new Server[0];
    private static final User[] NO_USERS = new User[0];

    private final EngineOutput output;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64 * 1024);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final CommandResultEncoder commandResult = new CommandResultEncoder();
    private final InstanceSearchResultEncoder searchResult = new InstanceSearchResultEncoder();
    private final InstanceInfoEncoder instanceInfo = new InstanceInfoEncoder();
    private final ServerListEncoder serverList = new ServerListEncoder();
    private final UserInfoEncoder userInfo = new UserInfoEncoder();
    private final UserListEncoder userList = new UserListEncoder();
    private final InstanceListEncoder instanceList = new InstanceListEncoder();
    private final SpawnInstanceEncoder spawn = new SpawnInstanceEncoder();
    private final RestoreInstanceEncoder restore = new RestoreInstanceEncoder();
    private final PlayerJoinedEncoder playerJoined = new PlayerJoinedEncoder();
    private final PlayerLeftEncoder playerLeft = new PlayerLeftEncoder();
    private final PlayerReattachedEncoder playerReattached = new PlayerReattachedEncoder();
    private final TerminateInstanceEncoder terminate = new TerminateInstanceEncoder();
    private final KickUserEncoder kick = new KickUserEncoder();
    private final InstanceMovedEncoder instanceMoved = new InstanceMovedEncoder();
    private final GatewayListChangedEncoder gatewayList = new GatewayListChangedEncoder();
    private final DrainOrderEncoder drainOrder = new DrainOrderEncoder();
    private final MatchFoundEncoder matchFound = new MatchFoundEncoder();

    EgressPublisher(final EngineOutput output)
    {
        this.output = output;
    }

    /**
     * Answer a command with a refusal in the kind of response that command gets (a page, an
     * info or a command result), carrying the code and nothing else.
     *
     * @param command   template id of the command refused, or 0 when it could not be read.
     * @param clientId  client id it carries, or 0.
     * @param requestId request id it carries, or 0.
     * @param code      why it is refused.
     */
    void refusal(final int command, final long clientId, final long requestId, final ResultCode code)
    {
        switch (command)
        {
            case SearchInstancesDecoder.TEMPLATE_ID:
                searchResult(clientId, requestId, code, 0, NO_INSTANCES, 0);
                break;

            case GetInstanceDecoder.TEMPLATE_ID:
                instanceInfo(clientId, requestId, code, null);
                break;

            case ListServersDecoder.TEMPLATE_ID:
                serverList(clientId, requestId, code, 0, NO_SERVERS, 0);
                break;

            case GetUserDecoder.TEMPLATE_ID:
                userInfo(clientId, requestId, code, null);
                break;

            case ListUsersDecoder.TEMPLATE_ID:
                userList(clientId, requestId, code, 0, NO_USERS, 0);
                break;

            case ListInstancesDecoder.TEMPLATE_ID:
                instanceList(clientId, requestId, code, 0, NO_INSTANCES, 0);
                break;

            default:
                commandResult(clientId, requestId, command, code, 0, 0);
        }
    }

    void commandResult(
        final long clientId,
        final long requestId,
        final int command,
        final ResultCode code,
        final long subjectId,
        final long detailId)
    {
        commandResult.wrapAndApplyHeader(buffer, 0, header)
            .clientId(clientId)
            .requestId(requestId)
            .command(command)
            .code(code)
            .subjectId(subjectId)
            .detailId(detailId);
        output.onResponse(clientId, buffer, 0, HEADER + commandResult.encodedLength());
    }

    void searchResult(
        final long clientId,
        final long requestId,
        final ResultCode code,
        final long nextCursor,
        final Instance[] found,
        final int count)
    {
        searchResult.wrapAndApplyHeader(buffer, 0, header)
            .clientId(clientId)
            .requestId(requestId)
            .code(code)
            .nextCursor(nextCursor);
        final InstanceSearchResultEncoder.InstancesEncoder group = searchResult.instancesCount(count);
        for (int i = 0; i < count; i++)
        {
            final Instance instance = found[i];
            group.next()
                .instanceId(instance.id())
                .gameType(instance.gameType())
                .state(instance.state())
                .hostId(instance.hostId())
                .ownerId(instance.ownerId())
                .maxPlayers(instance.maxPlayers())
                .playerCount(instance.playerCount())
                .region(instance.region())
                .mode(instance.mode())
                .ratingBand(instance.ratingBand())
                .createdTime(instance.createdTime());
        }
        output.onResponse(clientId, buffer, 0, HEADER + searchResult.encodedLength());
    }

    void instanceInfo(final long clientId, final long requestId, final ResultCode code, final Instance instance)
    {
        instanceInfo.wrapAndApplyHeader(buffer, 0, header)
            .clientId(clientId)
            .requestId(requestId)
            .code(code);
        if (instance == null)
        {
            instanceInfo.instanceId(0)
                .gameType(0)
                .state(InstanceState.NULL_VAL)
                .hostId(0)
                .ownerId(0)
                .maxPlayers(0)
                .region(0)
                .mode(0)
                .ratingBand(0)
                .createdTime(0)
                .playersCount(0);
        }
        else
        {
            instanceInfo.instanceId(instance.id())
                .gameType(instance.gameType())
                .state(instance.state())
                .hostId(instance.hostId())
                .ownerId(instance.ownerId())
                .maxPlayers(instance.maxPlayers())
                .region(instance.region())
                .mode(instance.mode())
                .ratingBand(instance.ratingBand())
                .createdTime(instance.createdTime());
            final InstanceInfoEncoder.PlayersEncoder players = instanceInfo.playersCount(instance.playerCount());
            for (int i = 0; i < instance.playerCount(); i++)
            {
                players.next().userId(instance.player(i));
            }
        }
        output.onResponse(clientId, buffer, 0, HEADER + instanceInfo.encodedLength());
    }

    void serverList(
        final long clientId,
        final long requestId,
        final ResultCode code,
        final long nextCursor,
        final Server[] found,
        final int count)
    {
        serverList.wrapAndApplyHeader(buffer, 0, header)
            .clientId(clientId)
            .requestId(requestId)
            .code(code)
            .nextCursor(nextCursor);
        final ServerListEncoder.ServersEncoder group = serverList.serversCount(count);
        for (int i = 0; i < count; i++)
        {
            final Server server = found[i];
            group.next()
                .serverId(server.id())
                .role(server.role())
                .state(server.state())
                .capacity(server.capacity())
                .load(server.load())
                .assigned(server.assigned())
                .registeredTime(server.registeredTime())
                .lastHeartbeatTime(server.lastHeartbeatTime())
                .putName(server.nameBytes(), 0, server.nameLength())
                .putEndpoint(server.endpointBytes(), 0, server.endpointLength());
        }
        output.onResponse(clientId, buffer, 0, HEADER + serverList.encodedLength());
    }

    void userInfo(final long clientId, final long requestId, final ResultCode code, final User user)
    {
        userInfo.wrapAndApplyHeader(buffer, 0, header)
            .clientId(clientId)
            .requestId(requestId)
            .code(code);
        if (user == null)
        {
            userInfo.userId(0).state(UserState.NULL_VAL).gatewayId(0).instanceId(0).checkInTime(0).userName("");
        }
        else
        {
            userInfo.userId(user.id())
                .state(user.state())
                .gatewayId(user.gatewayId())
                .instanceId(user.instanceId())
                .checkInTime(user.checkInTime())
                .putUserName(user.nameBytes(), 0, user.nameLength());
        }
        output.onResponse(clientId, buffer, 0, HEADER + userInfo.encodedLength());
    }

    void userList(
        final long clientId,
        final long requestId,
        final ResultCode code,
        final long nextCursor,
        final User[] found,
        final int count)
    {
        userList.wrapAndApplyHeader(buffer, 0, header)
            .clientId(clientId)
            .requestId(requestId)
            .code(code)
            .nextCursor(nextCursor);
        final UserListEncoder.UsersEncoder group = userList.usersCount(count);
        for (int i = 0; i < count; i++)
        {
            final User user = found[i];
            group.next()
                .userId(user.id())
                .state(user.state())
                .gatewayId(user.gatewayId())
                .instanceId(user.instanceId())
                .checkInTime(user.checkInTime())
                .putUserName(user.nameBytes(), 0, user.nameLength());
        }
        output.onResponse(clientId, buffer, 0, HEADER + userList.encodedLength());
    }

    void instanceList(
        final long clientId,
        final long requestId,
        final ResultCode code,
        final long nextCursor,
        final Instance[] found,
        final int count)
    {
        instanceList.wrapAndApplyHeader(buffer, 0, header)
            .clientId(clientId)
            .requestId(requestId)
            .code(code)
            .nextCursor(nextCursor);
        final InstanceListEncoder.InstancesEncoder group = instanceList.instancesCount(count);
        for (int i = 0; i < count; i++)
        {
            final Instance instance = found[i];
            group.next()
                .instanceId(instance.id())
                .gameType(instance.gameType())
                .state(instance.state())
                .hostId(instance.hostId())
                .ownerId(instance.ownerId())
                .maxPlayers(instance.maxPlayers())
                .playerCount(instance.playerCount())
                .region(instance.region())
                .mode(instance.mode())
                .ratingBand(instance.ratingBand())
                .createdTime(instance.createdTime());
        }
        output.onResponse(clientId, buffer, 0, HEADER + instanceList.encodedLength());
    }

    void spawnInstance(final Instance instance, final long ownerGatewayId)
    {
        spawn.wrapAndApplyHeader(buffer, 0, header)
            .hostId(instance.hostId())
            .instanceId(instance.id())
            .gameType(instance.gameType())
            .ownerId(instance.ownerId())
            .maxPlayers(instance.maxPlayers())
            .region(instance.region())
            .mode(instance.mode())
            .ratingBand(instance.ratingBand())
            .ownerGatewayId(ownerGatewayId);
        output.onEvent(instance.hostId(), buffer, 0, HEADER + spawn.encodedLength());
    }

    void restoreInstance(final Instance instance, final UserDirectory users)
    {
        restore.wrapAndApplyHeader(buffer, 0, header)
            .hostId(instance.hostId())
            .instanceId(instance.id())
            .gameType(instance.gameType())
            .ownerId(instance.ownerId())
            .maxPlayers(instance.maxPlayers())
            .region(instance.region())
            .mode(instance.mode())
            .ratingBand(instance.ratingBand());
        final RestoreInstanceEncoder.PlayersEncoder players = restore.playersCount(instance.playerCount());
        for (int i = 0; i < instance.playerCount(); i++)
        {
            final User user = users.get(instance.player(i));
            players.next().userId(instance.player(i)).gatewayId(user == null ? 0 : user.gatewayId());
        }
        output.onEvent(instance.hostId(), buffer, 0, HEADER + restore.encodedLength());
    }

    void playerJoined(final long hostId, final long instanceId, final long userId, final long gatewayId)
    {
        playerJoined.wrapAndApplyHeader(buffer, 0, header)
            .hostId(hostId)
            .instanceId(instanceId)
            .userId(userId)
            .gatewayId(gatewayId);
        output.onEvent(hostId, buffer, 0, HEADER + playerJoined.encodedLength());
    }

    void playerLeft(final long hostId, final long instanceId, final long userId, final LeaveReason reason)
    {
        playerLeft.wrapAndApplyHeader(buffer, 0, header)
            .hostId(hostId)
            .instanceId(instanceId)
            .userId(userId)
            .reason(reason);
        output.onEvent(hostId, buffer, 0, HEADER + playerLeft.encodedLength());
    }

    void playerReattached(final long hostId, final long instanceId, final long userId, final long gatewayId)
    {
        playerReattached.wrapAndApplyHeader(buffer, 0, header)
            .hostId(hostId)
            .instanceId(instanceId)
            .userId(userId)
            .gatewayId(gatewayId);
        output.onEvent(hostId, buffer, 0, HEADER + playerReattached.encodedLength());
    }

    void terminateInstance(final long hostId, final long instanceId)
    {
        terminate.wrapAndApplyHeader(buffer, 0, header)
            .hostId(hostId)
            .instanceId(instanceId);
        output.onEvent(hostId, buffer, 0, HEADER + terminate.encodedLength());
    }

    void kickUser(final long gatewayId, final long userId, final long newGatewayId, final KickReason reason)
    {
        kick.wrapAndApplyHeader(buffer, 0, header)
            .gatewayId(gatewayId)
            .userId(userId)
            .newGatewayId(newGatewayId)
            .reason(reason);
        output.onEvent(gatewayId, buffer, 0, HEADER + kick.encodedLength());
    }

    void instanceMoved(final long gatewayId, final long instanceId, final Server host)
    {
        instanceMoved.wrapAndApplyHeader(buffer, 0, header)
            .gatewayId(gatewayId)
            .instanceId(instanceId)
            .hostId(host.id())
            .putHostEndpoint(host.endpointBytes(), 0, host.endpointLength());
        output.onEvent(gatewayId, buffer, 0, HEADER + instanceMoved.encodedLength());
    }

    void gatewayListChanged(final ServerDirectory servers)
    {
        gatewayList.wrapAndApplyHeader(buffer, 0, header);
        final GatewayListChangedEncoder.GatewaysEncoder group = gatewayList.gatewaysCount(servers.activeGatewayCount());
        for (Server gateway = servers.firstActiveGateway(); gateway != null; gateway = servers.nextActiveGateway(gateway))
        {
            group.next()
                .serverId(gateway.id())
                .capacity(gateway.capacity())
                .putEndpoint(gateway.endpointBytes(), 0, gateway.endpointLength());
        }
        output.onEvent(EngineOutput.ALL_SERVERS, buffer, 0, HEADER + gatewayList.encodedLength());
    }

    void matchFound(
        final long gatewayId,
        final long userId,
        final long matchId,
        final Instance instance,
        final int seat)
    {
        matchFound.wrapAndApplyHeader(buffer, 0, header)
            .gatewayId(gatewayId)
            .userId(userId)
            .matchId(matchId)
            .instanceId(instance.id())
            .hostId(instance.hostId())
            .gameType(instance.gameType())
            .seat(seat)
            .players(instance.playerCount());
        output.onEvent(gatewayId, buffer, 0, HEADER + matchFound.encodedLength());
    }

    void drainOrder(final long serverId)
    {
        drainOrder.wrapAndApplyHeader(buffer, 0, header).serverId(serverId);
        output.onEvent(serverId, buffer, 0, HEADER + drainOrder.encodedLength());
    }
}
