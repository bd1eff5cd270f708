package io.gamehall.replication.client;

import io.aeron.cluster.client.AeronCluster;
import io.gamehall.sbe.master.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Commands asked again with the request id they had, after their outcome was reported
 * unknown: the master answers from its exactly-once memory if it applied them, and applies
 * them otherwise. A few slots, searched linearly; agent thread only.
 */
final class Reasks
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;

    private final long[] requestIds;
    private final long[] tags;
    private final long[] deadlines;
    private final int[] lengths;
    private final boolean[] sent;
    private final UnsafeBuffer commands;
    private final int slotLength;

    private Reasks(final int capacity, final int slotLength)
    {
        requestIds = new long[capacity];
        tags = new long[capacity];
        deadlines = new long[capacity];
        lengths = new int[capacity];
        sent = new boolean[capacity];
        this.slotLength = slotLength;
        commands = new UnsafeBuffer(ByteBuffer.allocateDirect(capacity * slotLength));
    }

    /**
     * @return a table for commands of at most this length.
     */
    static Reasks of(final int capacity, final int slotLength)
    {
        return new Reasks(capacity, slotLength);
    }

    /**
     * Take a command to ask again, stamped with the client id and its old request id.
     *
     * @return false when every slot is taken or the request id is already being asked again.
     */
    boolean add(
        final long tag,
        final long requestId,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long clientId,
        final long deadlineNs)
    {
        if (find(requestId) >= 0 || length > slotLength)
        {
            return false;
        }
        for (int i = 0; i < requestIds.length; i++)
        {
            if (requestIds[i] == 0)
            {
                final int at = i * slotLength;
                commands.putBytes(at, buffer, offset, length);
                commands.putLong(at + HEADER, clientId, ByteOrder.LITTLE_ENDIAN);
                commands.putLong(at + HEADER + 8, requestId, ByteOrder.LITTLE_ENDIAN);
                requestIds[i] = requestId;
                tags[i] = tag;
                deadlines[i] = deadlineNs;
                lengths[i] = length;
                sent[i] = false;
                return true;
            }
        }
        return false;
    }

    /**
     * @return the slot asking this request id again, or -1.
     */
    int find(final long requestId)
    {
        for (int i = 0; i < requestIds.length; i++)
        {
            if (requestIds[i] == requestId && requestId != 0)
            {
                return i;
            }
        }
        return -1;
    }

    long tag(final int slot)
    {
        return tags[slot];
    }

    void release(final int slot)
    {
        requestIds[slot] = 0;
    }

    /**
     * Send what has not been sent (to a new leader or after a reconnect: everything again).
     *
     * @return commands sent.
     */
    int send(final AeronCluster cluster)
    {
        int count = 0;
        for (int i = 0; i < requestIds.length; i++)
        {
            if (requestIds[i] != 0 && !sent[i] && cluster.offer(commands, i * slotLength, lengths[i]) > 0)
            {
                sent[i] = true;
                count++;
            }
        }
        return count;
    }

    void resendAll()
    {
        java.util.Arrays.fill(sent, false);
    }

    /**
     * Report again as unknown what got no answer in time.
     *
     * @return how many.
     */
    int expire(final long nowNs, final MasterClientListener listener)
    {
        int count = 0;
        for (int i = 0; i < requestIds.length; i++)
        {
            if (requestIds[i] != 0 && deadlines[i] - nowNs <= 0)
            {
                final long requestId = requestIds[i];
                requestIds[i] = 0;
                listener.onOutcomeUnknown(tags[i], requestId);
                count++;
            }
        }
        return count;
    }
}
