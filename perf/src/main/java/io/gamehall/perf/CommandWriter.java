package io.gamehall.perf;

import io.gamehall.sbe.master.CheckInUserEncoder;
import io.gamehall.sbe.master.CheckOutUserEncoder;
import io.gamehall.sbe.master.CreateInstanceEncoder;
import io.gamehall.sbe.master.GetInstanceEncoder;
import io.gamehall.sbe.master.InstanceEndedEncoder;
import io.gamehall.sbe.master.InstanceReadyEncoder;
import io.gamehall.sbe.master.InstanceState;
import io.gamehall.sbe.master.JoinInstanceEncoder;
import io.gamehall.sbe.master.LeaveInstanceEncoder;
import io.gamehall.sbe.master.MessageHeaderEncoder;
import io.gamehall.sbe.master.RegisterServerEncoder;
import io.gamehall.sbe.master.SearchInstancesEncoder;
import io.gamehall.sbe.master.ServerHeartbeatEncoder;
import io.gamehall.sbe.master.ServerRole;
import org.agrona.MutableDirectBuffer;

/**
 * SBE-encodes the commands of the workload, for the population and for the script alike.
 * Each method writes one command, SBE header first, with the clientId of the given client
 * session and request id 0 (the {@link EngineHarness} fills it in), and returns its length.
 * Used at set-up only.
 */
final class CommandWriter
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final String SOFTWARE_VERSION = "0.1.0";

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final RegisterServerEncoder registerServer = new RegisterServerEncoder();
    private final ServerHeartbeatEncoder heartbeat = new ServerHeartbeatEncoder();
    private final CheckInUserEncoder checkIn = new CheckInUserEncoder();
    private final CheckOutUserEncoder checkOut = new CheckOutUserEncoder();
    private final CreateInstanceEncoder create = new CreateInstanceEncoder();
    private final InstanceReadyEncoder ready = new InstanceReadyEncoder();
    private final InstanceEndedEncoder ended = new InstanceEndedEncoder();
    private final JoinInstanceEncoder join = new JoinInstanceEncoder();
    private final LeaveInstanceEncoder leave = new LeaveInstanceEncoder();
    private final SearchInstancesEncoder search = new SearchInstancesEncoder();
    private final GetInstanceEncoder getInstance = new GetInstanceEncoder();

    int registerGateway(
        final MutableDirectBuffer buffer,
        final int offset,
        final int client,
        final int capacity,
        final String name,
        final String endpoint)
    {
        registerServer.wrapAndApplyHeader(buffer, offset, header)
            .clientId(EngineHarness.clientId(client))
            .requestId(0)
            .role(ServerRole.GATEWAY)
            .capacity(capacity)
            .gameTypesCount(0);
        registerServer.name(name).endpoint(endpoint).softwareVersion(SOFTWARE_VERSION);
        return HEADER + registerServer.encodedLength();
    }

    int registerHost(
        final MutableDirectBuffer buffer,
        final int offset,
        final int client,
        final int capacity,
        final int[] gameTypes,
        final String name,
        final String endpoint)
    {
        final RegisterServerEncoder.GameTypesEncoder types = registerServer.wrapAndApplyHeader(buffer, offset, header)
            .clientId(EngineHarness.clientId(client))
            .requestId(0)
            .role(ServerRole.GAME_HOST)
            .capacity(capacity)
            .gameTypesCount(gameTypes.length);
        for (final int gameType : gameTypes)
        {
            types.next().gameType(gameType);
        }
        registerServer.name(name).endpoint(endpoint).softwareVersion(SOFTWARE_VERSION);
        return HEADER + registerServer.encodedLength();
    }

    int heartbeat(final MutableDirectBuffer buffer, final int offset, final int client, final long serverId, final int load)
    {
        return HEADER + heartbeat.wrapAndApplyHeader(buffer, offset, header)
            .clientId(EngineHarness.clientId(client))
            .requestId(0)
            .serverId(serverId)
            .load(load)
            .encodedLength();
    }

    int checkIn(
        final MutableDirectBuffer buffer,
        final int offset,
        final int client,
        final long gatewayId,
        final long userId,
        final String userName)
    {
        return HEADER + checkIn.wrapAndApplyHeader(buffer, offset, header)
            .clientId(EngineHarness.clientId(client))
            .requestId(0)
            .gatewayId(gatewayId)
            .userId(userId)
            .userName(userName)
            .encodedLength();
    }

    int checkOut(final MutableDirectBuffer buffer, final int offset, final int client, final long gatewayId, final long userId)
    {
        return HEADER + checkOut.wrapAndApplyHeader(buffer, offset, header)
            .clientId(EngineHarness.clientId(client))
            .requestId(0)
            .gatewayId(gatewayId)
            .userId(userId)
            .encodedLength();
    }

    int createInstance(
        final MutableDirectBuffer buffer,
        final int offset,
        final int client,
        final long ownerId,
        final int gameType,
        final int maxPlayers,
        final int region,
        final int mode,
        final int ratingBand)
    {
        return HEADER + create.wrapAndApplyHeader(buffer, offset, header)
            .clientId(EngineHarness.clientId(client))
            .requestId(0)
            .ownerId(ownerId)
            .gameType(gameType)
            .maxPlayers(maxPlayers)
            .region(region)
            .mode(mode)
            .ratingBand(ratingBand)
            .encodedLength();
    }

    int instanceReady(final MutableDirectBuffer buffer, final int offset, final int client, final long hostId, final long instanceId)
    {
        return HEADER + ready.wrapAndApplyHeader(buffer, offset, header)
            .clientId(EngineHarness.clientId(client))
            .requestId(0)
            .hostId(hostId)
            .instanceId(instanceId)
            .encodedLength();
    }

    int instanceEnded(final MutableDirectBuffer buffer, final int offset, final int client, final long hostId, final long instanceId)
    {
        return HEADER + ended.wrapAndApplyHeader(buffer, offset, header)
            .clientId(EngineHarness.clientId(client))
            .requestId(0)
            .hostId(hostId)
            .instanceId(instanceId)
            .encodedLength();
    }

    int join(final MutableDirectBuffer buffer, final int offset, final int client, final long userId, final long instanceId)
    {
        return HEADER + join.wrapAndApplyHeader(buffer, offset, header)
            .clientId(EngineHarness.clientId(client))
            .requestId(0)
            .userId(userId)
            .instanceId(instanceId)
            .encodedLength();
    }

    int leave(final MutableDirectBuffer buffer, final int offset, final int client, final long userId, final long instanceId)
    {
        return HEADER + leave.wrapAndApplyHeader(buffer, offset, header)
            .clientId(EngineHarness.clientId(client))
            .requestId(0)
            .userId(userId)
            .instanceId(instanceId)
            .encodedLength();
    }

    int search(
        final MutableDirectBuffer buffer,
        final int offset,
        final int client,
        final int gameType,
        final InstanceState state,
        final int region,
        final int ratingBand,
        final int minOpenSeats,
        final int maxResults,
        final long cursor)
    {
        return HEADER + search.wrapAndApplyHeader(buffer, offset, header)
            .clientId(EngineHarness.clientId(client))
            .requestId(0)
            .gameType(gameType)
            .state(state)
            .region(region)
            .mode(0)
            .ratingBand(ratingBand)
            .minOpenSeats(minOpenSeats)
            .maxResults(maxResults)
            .cursor(cursor)
            .encodedLength();
    }

    int getInstance(final MutableDirectBuffer buffer, final int offset, final int client, final long instanceId)
    {
        return HEADER + getInstance.wrapAndApplyHeader(buffer, offset, header)
            .clientId(EngineHarness.clientId(client))
            .requestId(0)
            .instanceId(instanceId)
            .encodedLength();
    }
}
