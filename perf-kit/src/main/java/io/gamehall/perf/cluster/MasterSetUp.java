package io.gamehall.perf.cluster;

import io.gamehall.sbe.master.CheckInUserEncoder;
import io.gamehall.sbe.master.CommandResultDecoder;
import io.gamehall.sbe.master.CreateInstanceEncoder;
import io.gamehall.sbe.master.InstanceReadyEncoder;
import io.gamehall.sbe.master.MessageHeaderDecoder;
import io.gamehall.sbe.master.MessageHeaderEncoder;
import io.gamehall.sbe.master.RegisterServerEncoder;
import io.gamehall.sbe.master.ResultCode;
import io.gamehall.sbe.master.ServerRole;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Puts the master in the state the measured requests need, through real commands sent one at
 * a time by the measuring client: a game host and a gateway registered, a pool of users
 * checked in and, for {@link Workload#MIXED}, one open instance on the host that the pool
 * takes turns to join. Every command must be answered OK.
 */
final class MasterSetUp
{
    /** Game type the host runs and the instance has. */
    static final int GAME_TYPE = 1;
    /** Seats of the instance: its owner plus one joining user at a time. */
    static final int MAX_PLAYERS = 4;

    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final long CALL_TIMEOUT_MS = 15_000;
    private static final long FIRST_USER_ID = 1_000;

    private final BenchmarkClient client;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final MessageHeaderDecoder responseHeader = new MessageHeaderDecoder();
    private final CommandResultDecoder result = new CommandResultDecoder();

    private MasterSetUp(final BenchmarkClient client)
    {
        this.client = client;
    }

    /**
     * Set the master up and encode the requests to measure.
     *
     * @param client   a connected client.
     * @param workload the requests to measure.
     * @param users    size of the user pool.
     * @return the script of measured requests, with the ids the master gave.
     */
    static RequestScript run(final BenchmarkClient client, final Workload workload, final int users)
    {
        return new MasterSetUp(client).run(workload, users);
    }

    /**
     * The same script with made-up ids, for a service that does not read them: requests of
     * the same sizes as against the master.
     */
    static RequestScript withoutMaster(final Workload workload, final int users)
    {
        final long[] userIds = new long[users];
        for (int i = 0; i < users; i++)
        {
            userIds[i] = FIRST_USER_ID + 1 + i;
        }
        return RequestScript.of(workload, 1, 2, 1, userIds);
    }

    private RequestScript run(final Workload workload, final int users)
    {
        final RegisterServerEncoder register = new RegisterServerEncoder();
        register.wrapAndApplyHeader(buffer, 0, header).clientId(0).requestId(0)
            .role(ServerRole.GAME_HOST).capacity(100).gameTypesCount(1).next().gameType(GAME_TYPE);
        register.name("latency-host").endpoint("aeron:udp?endpoint=127.0.0.1:40001").softwareVersion("0.1.0");
        final long hostId = ok("RegisterServer host", HEADER + register.encodedLength());

        register.wrapAndApplyHeader(buffer, 0, header).clientId(0).requestId(0)
            .role(ServerRole.GATEWAY).capacity(users + 1).gameTypesCount(0);
        register.name("latency-gateway").endpoint("ws://127.0.0.1:8080/game").softwareVersion("0.1.0");
        final long gatewayId = ok("RegisterServer gateway", HEADER + register.encodedLength());

        final CheckInUserEncoder checkIn = new CheckInUserEncoder();
        final long ownerId = FIRST_USER_ID;
        final long[] userIds = new long[users];
        for (int i = -1; i < users; i++)
        {
            final long userId = FIRST_USER_ID + 1 + i;
            checkIn.wrapAndApplyHeader(buffer, 0, header).clientId(0).requestId(0)
                .gatewayId(gatewayId).userId(userId).userName("user-" + userId);
            ok("CheckInUser", HEADER + checkIn.encodedLength());
            if (i >= 0)
            {
                userIds[i] = userId;
            }
        }

        long instanceId = 0;
        if (workload == Workload.MIXED)
        {
            instanceId = ok("CreateInstance", HEADER + new CreateInstanceEncoder()
                .wrapAndApplyHeader(buffer, 0, header).clientId(0).requestId(0)
                .ownerId(ownerId).gameType(GAME_TYPE).maxPlayers(MAX_PLAYERS).region(0).mode(0).ratingBand(0)
                .encodedLength());
            ok("InstanceReady", HEADER + new InstanceReadyEncoder()
                .wrapAndApplyHeader(buffer, 0, header).clientId(0).requestId(0)
                .hostId(hostId).instanceId(instanceId)
                .encodedLength());
        }
        return RequestScript.of(workload, hostId, gatewayId, instanceId, userIds);
    }

    /**
     * @return the subject id of the OK result.
     */
    private long ok(final String what, final int length)
    {
        final UnsafeBuffer response = new UnsafeBuffer(client.call(buffer, 0, length, CALL_TIMEOUT_MS));
        responseHeader.wrap(response, 0);
        if (responseHeader.templateId() != CommandResultDecoder.TEMPLATE_ID)
        {
            throw new IllegalStateException(what + " was answered with template " + responseHeader.templateId());
        }
        result.wrap(response, HEADER, responseHeader.blockLength(), responseHeader.version());
        if (result.codeRaw() != ResultCode.OK.value())
        {
            throw new IllegalStateException(what + " was answered " + result.code());
        }
        return result.subjectId();
    }
}
