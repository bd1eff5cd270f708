package io.gamehall.perf.cluster;

import io.gamehall.sbe.master.JoinInstanceEncoder;
import io.gamehall.sbe.master.LeaveInstanceEncoder;
import io.gamehall.sbe.master.MessageHeaderEncoder;
import io.gamehall.sbe.master.ServerHeartbeatEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The measured requests, SBE-encoded once and sent in a loop: request {@code seq} is entry
 * {@code seq % size()}. Client and request ids are left 0; the {@code MasterClient} writes its
 * own into its copy of each command.
 */
final class RequestScript
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final int SLOT = 64;
    private static final int LOAD = 10;

    private final Workload workload;
    private final UnsafeBuffer buffer;
    private final int[] lengths;

    private RequestScript(final Workload workload, final int size)
    {
        this.workload = workload;
        buffer = new UnsafeBuffer(new byte[size * SLOT]);
        lengths = new int[size];
    }

    /**
     * @param workload   which requests.
     * @param hostId     the game host to heartbeat.
     * @param gatewayId  the gateway to heartbeat.
     * @param instanceId the open instance users join and leave ({@link Workload#MIXED}).
     * @param userIds    the users who take turns to join and leave ({@link Workload#MIXED}).
     * @return the script.
     */
    static RequestScript of(
        final Workload workload,
        final long hostId,
        final long gatewayId,
        final long instanceId,
        final long[] userIds)
    {
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final ServerHeartbeatEncoder heartbeat = new ServerHeartbeatEncoder();
        if (workload == Workload.HEARTBEAT)
        {
            final RequestScript script = new RequestScript(workload, 2);
            script.lengths[0] = HEADER + heartbeat.wrapAndApplyHeader(script.buffer, 0, header)
                .clientId(0).requestId(0).serverId(hostId).load(LOAD).encodedLength();
            script.lengths[1] = HEADER + heartbeat.wrapAndApplyHeader(script.buffer, SLOT, header)
                .clientId(0).requestId(0).serverId(gatewayId).load(LOAD).encodedLength();
            return script;
        }

        final JoinInstanceEncoder join = new JoinInstanceEncoder();
        final LeaveInstanceEncoder leave = new LeaveInstanceEncoder();
        final RequestScript script = new RequestScript(workload, 4 * userIds.length);
        for (int i = 0; i < userIds.length; i++)
        {
            final int entry = 4 * i;
            script.lengths[entry] = HEADER + heartbeat.wrapAndApplyHeader(script.buffer, entry * SLOT, header)
                .clientId(0).requestId(0).serverId(hostId).load(LOAD).encodedLength();
            script.lengths[entry + 1] = HEADER + join.wrapAndApplyHeader(script.buffer, (entry + 1) * SLOT, header)
                .clientId(0).requestId(0).userId(userIds[i]).instanceId(instanceId).encodedLength();
            script.lengths[entry + 2] = HEADER + heartbeat.wrapAndApplyHeader(script.buffer, (entry + 2) * SLOT, header)
                .clientId(0).requestId(0).serverId(gatewayId).load(LOAD).encodedLength();
            script.lengths[entry + 3] = HEADER + leave.wrapAndApplyHeader(script.buffer, (entry + 3) * SLOT, header)
                .clientId(0).requestId(0).userId(userIds[i]).instanceId(instanceId).encodedLength();
        }
        return script;
    }

    Workload workload()
    {
        return workload;
    }

    int size()
    {
        return lengths.length;
    }

    /**
     * @param seq a request's sequence number in its phase, from 0.
     * @return its entry in the script.
     */
    int index(final long seq)
    {
        return (int)(seq % lengths.length);
    }

    DirectBuffer buffer()
    {
        return buffer;
    }

    int offset(final int index)
    {
        return index * SLOT;
    }

    int length(final int index)
    {
        return lengths[index];
    }
}
