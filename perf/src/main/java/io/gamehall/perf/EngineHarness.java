package io.gamehall.perf;

import io.gamehall.master.EngineConfig;
import io.gamehall.master.MasterEngine;
import io.gamehall.sbe.master.CheckInUserEncoder;
import io.gamehall.sbe.master.CheckOutUserEncoder;
import io.gamehall.sbe.master.CreateInstanceEncoder;
import io.gamehall.sbe.master.GetInstanceEncoder;
import io.gamehall.sbe.master.InstanceEndedEncoder;
import io.gamehall.sbe.master.InstanceReadyEncoder;
import io.gamehall.sbe.master.JoinInstanceEncoder;
import io.gamehall.sbe.master.LeaveInstanceEncoder;
import io.gamehall.sbe.master.MessageHeaderEncoder;
import io.gamehall.sbe.master.RegisterServerEncoder;
import io.gamehall.sbe.master.SearchInstancesEncoder;
import io.gamehall.sbe.master.ServerHeartbeatEncoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * One engine as its clustered service would drive it, minus the cluster: commands arrive
 * from a fixed set of client sessions (one per gateway and game host), each with its own
 * strictly increasing request ids, stamped with a cluster time that advances about one
 * millisecond per thousand commands.
 * <p>
 * The request id (and nothing else) is written into the pre-encoded command just before it
 * is applied, so the exactly-once memory sees every command as new. Every command of the
 * protocol starts its body with {@code clientId} then {@code requestId}, both int64.
 */
final class EngineHarness
{
    /** Offset of clientId from the start of any encoded command (SBE header first). */
    static final int CLIENT_ID_OFFSET = MessageHeaderEncoder.ENCODED_LENGTH + ServerHeartbeatEncoder.clientIdEncodingOffset();
    /** Offset of requestId from the start of any encoded command (SBE header first). */
    static final int REQUEST_ID_OFFSET = MessageHeaderEncoder.ENCODED_LENGTH + ServerHeartbeatEncoder.requestIdEncodingOffset();
    /** Cluster time of the first command: 2026-01-01T00:00:00Z. */
    static final long START_TIME_MS = 1_767_225_600_000L;
    /** Commands per millisecond of cluster time. */
    static final int COMMANDS_PER_MS = 1_000;
    /** Client ids are this plus one plus the client's index. */
    static final long CLIENT_ID_BASE = 10_000;

    static
    {
        final int[][] idOffsets = {
            {RegisterServerEncoder.clientIdEncodingOffset(), RegisterServerEncoder.requestIdEncodingOffset()},
            {ServerHeartbeatEncoder.clientIdEncodingOffset(), ServerHeartbeatEncoder.requestIdEncodingOffset()},
            {CheckInUserEncoder.clientIdEncodingOffset(), CheckInUserEncoder.requestIdEncodingOffset()},
            {CheckOutUserEncoder.clientIdEncodingOffset(), CheckOutUserEncoder.requestIdEncodingOffset()},
            {CreateInstanceEncoder.clientIdEncodingOffset(), CreateInstanceEncoder.requestIdEncodingOffset()},
            {InstanceReadyEncoder.clientIdEncodingOffset(), InstanceReadyEncoder.requestIdEncodingOffset()},
            {InstanceEndedEncoder.clientIdEncodingOffset(), InstanceEndedEncoder.requestIdEncodingOffset()},
            {JoinInstanceEncoder.clientIdEncodingOffset(), JoinInstanceEncoder.requestIdEncodingOffset()},
            {LeaveInstanceEncoder.clientIdEncodingOffset(), LeaveInstanceEncoder.requestIdEncodingOffset()},
            {SearchInstancesEncoder.clientIdEncodingOffset(), SearchInstancesEncoder.requestIdEncodingOffset()},
            {GetInstanceEncoder.clientIdEncodingOffset(), GetInstanceEncoder.requestIdEncodingOffset()},
        };
        for (final int[] offsets : idOffsets)
        {
            if (offsets[0] != 0 || offsets[1] != 8)
            {
                throw new IllegalStateException("a command no longer starts with clientId, requestId");
            }
        }
    }

    private final BenchmarkOutput output = new BenchmarkOutput();
    private final MasterEngine engine;
    private final long[] requestIds;
    private final int[] clientOfServer;
    private long now = START_TIME_MS;
    private Applied applied;

    /** Told of every command applied, after the engine answered. */
    interface Applied
    {
        void onApplied(DirectBuffer buffer, int offset, int length, long timestamp);
    }

    /**
     * @param applied told of every command applied from now on; null for none.
     */
    void onApplied(final Applied applied)
    {
        this.applied = applied;
    }
    private int commandsThisMs;

    /**
     * @param config      engine limits.
     * @param clients     number of client sessions.
     * @param maxServerId largest server id that {@link #bindServer(long, int)} may be given.
     */
    EngineHarness(final EngineConfig config, final int clients, final int maxServerId)
    {
        engine = new MasterEngine(config, output);
        requestIds = new long[clients];
        clientOfServer = new int[maxServerId + 1];
    }

    MasterEngine engine()
    {
        return engine;
    }

    BenchmarkOutput output()
    {
        return output;
    }

    /**
     * @param client a client index.
     * @return the clientId that client puts in its commands.
     */
    static long clientId(final int client)
    {
        return CLIENT_ID_BASE + 1 + client;
    }

    /**
     * Remember which client session speaks for a server.
     */
    void bindServer(final long serverId, final int client)
    {
        clientOfServer[(int)serverId] = client;
    }

    /**
     * @param serverId a server id, or 0.
     * @return the client session of that server; client 0 for an unknown one, whose command the engine then rejects.
     */
    int clientOfServer(final long serverId)
    {
        return serverId > 0 && serverId < clientOfServer.length ? clientOfServer[(int)serverId] : 0;
    }

    /**
     * Give an encoded command the client's next request id and apply it at the current cluster time.
     *
     * @param buffer holding the command, its clientId already that of {@code client}.
     * @param offset where the command starts (its SBE header).
     * @param length its encoded length, header included.
     * @param client index of the client session sending it.
     */
    void apply(final MutableDirectBuffer buffer, final int offset, final int length, final int client)
    {
        buffer.putLong(offset + REQUEST_ID_OFFSET, ++requestIds[client], MessageHeaderEncoder.BYTE_ORDER);
        engine.apply(buffer, offset, length, now);
        if (applied != null)
        {
            applied.onApplied(buffer, offset, length, now);
        }
        if (++commandsThisMs == COMMANDS_PER_MS)
        {
            commandsThisMs = 0;
            now++;
        }
    }
}
