package io.gamehall.replication.client;

import io.aeron.Aeron;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.cluster.codecs.AdminRequestType;
import io.aeron.cluster.codecs.AdminResponseCode;
import io.aeron.cluster.codecs.EventCode;
import io.aeron.logbuffer.Header;
import io.aeron.security.AuthenticationException;
import io.gamehall.sbe.master.MessageHeaderDecoder;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The duty cycle of a {@link MasterClient}: connect and reconnect, move queued commands into
 * the in-flight window and send them in request-id order, deliver responses and events, time
 * requests out, and re-send everything unanswered after a leader change or reconnect.
 */
final class MasterClientAgent implements Agent, EgressListener
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int COMMAND_MSG_TYPE = 1;
    private static final int REASK_MSG_TYPE = 2;
    /** Re-asked commands waiting for their answer at most; more are refused at {@link #enqueueReask}. */
    static final int MAX_REASKS = 64;
    private static final int FIRST_RESPONSE_TEMPLATE = 20;
    private static final int FIRST_EVENT_TEMPLATE = 40;
    private static final long KEEP_ALIVE_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long MIN_BACKOFF_MS = 100;

    private final MasterClient.Context ctx;
    private final Aeron aeron;
    private final MasterClientListener listener;
    private final ManyToOneRingBuffer queue;
    private final long requestTimeoutNs;

    private final int mask;
    private final long[] requestIds;
    private final long[] tags;
    private final long[] deadlines;
    private final int[] lengths;
    private final UnsafeBuffer slots;
    private final int slotLength;

    private long lastRequestId;
    private long oldestPendingId;
    private long firstUnsentId;
    private volatile int inFlight;

    private AeronCluster cluster;
    private AeronCluster.AsyncConnect asyncConnect;
    private volatile boolean connected;
    private volatile int leaderMemberId = -1;
    private boolean everConnected;
    private long nextConnectAttemptNs;
    private long backoffMs = MIN_BACKOFF_MS;
    private long lastSendNs;
    private long nowNs;
    private final AtomicBoolean snapshotRequested = new AtomicBoolean();
    private long adminCorrelationId;

    private final ControlledMessageHandler takeCommand = this::takeCommand;
    private final Reasks reasks;

    MasterClientAgent(final MasterClient.Context ctx, final Aeron aeron)
    {
        this.ctx = ctx;
        this.aeron = aeron;
        listener = ctx.listener();
        queue = new ManyToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(ctx.queueCapacity() + RingBufferDescriptor.TRAILER_LENGTH)));
        requestTimeoutNs = TimeUnit.MILLISECONDS.toNanos(ctx.requestTimeoutMs());
        final int capacity = ctx.maxInFlight();
        mask = capacity - 1;
        requestIds = new long[capacity];
        tags = new long[capacity];
        deadlines = new long[capacity];
        lengths = new int[capacity];
        slotLength = ctx.maxCommandLength();
        slots = new UnsafeBuffer(ByteBuffer.allocateDirect(capacity * slotLength));
        reasks = Reasks.of(MAX_REASKS, slotLength);
        lastRequestId = ctx.firstRequestId() - 1;
        oldestPendingId = ctx.firstRequestId();
        firstUnsentId = ctx.firstRequestId();
    }

    public String roleName()
    {
        return "gamehall-master-client";
    }

    boolean isConnected()
    {
        return connected;
    }

    int inFlight()
    {
        return inFlight;
    }

    int leaderMemberId()
    {
        return leaderMemberId;
    }

    boolean enqueue(final long tag, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > slotLength || length < HEADER + 16)
        {
            return false;
        }
        final int index = queue.tryClaim(COMMAND_MSG_TYPE, length + 8);
        if (index <= 0)
        {
            return false;
        }
        final org.agrona.concurrent.AtomicBuffer target = queue.buffer();
        target.putLong(index, tag);
        target.putBytes(index + 8, buffer, offset, length);
        queue.commit(index);
        return true;
    }

    boolean enqueueReask(final long tag, final long requestId, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > slotLength || length < HEADER + 16 || requestId < ctx.firstRequestId())
        {
            return false;
        }
        final int index = queue.tryClaim(REASK_MSG_TYPE, length + 16);
        if (index <= 0)
        {
            return false;
        }
        final org.agrona.concurrent.AtomicBuffer target = queue.buffer();
        target.putLong(index, tag);
        target.putLong(index + 8, requestId);
        target.putBytes(index + 16, buffer, offset, length);
        queue.commit(index);
        return true;
    }

    boolean enqueueSnapshotRequest()
    {
        if (!connected)
        {
            return false;
        }
        snapshotRequested.set(true);
        return true;
    }

    public int doWork()
    {
        nowNs = System.nanoTime();
        int work = 0;
        if (cluster == null)
        {
            work += connect();
        }
        else
        {
            work += cluster.pollEgress();
            if (cluster.isClosed())
            {
                lost("the cluster closed this client's session (leader or quorum lost)");
                return work + 1;
            }
        }

        work += queue.controlledRead(takeCommand, 64);
        if (cluster != null)
        {
            work += reasks.send(cluster);
            work += sendInOrder();
            if (snapshotRequested.compareAndSet(true, false))
            {
                cluster.sendAdminRequestToTakeASnapshot(++adminCorrelationId);
            }
            if (nowNs - lastSendNs > KEEP_ALIVE_NS && cluster.sendKeepAlive())
            {
                lastSendNs = nowNs;
            }
        }
        work += expire();
        work += reasks.expire(nowNs, listener);
        return work;
    }

    public void onClose()
    {
        CloseHelper.quietCloseAll(asyncConnect, cluster);
        connected = false;
    }

    // ------------------------------------------------------------------ EgressListener

    public void onMessage(
        final long clusterSessionId,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        if (length < HEADER)
        {
            return;
        }
        final int templateId = buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        if (templateId >= FIRST_EVENT_TEMPLATE)
        {
            listener.onEvent(buffer, offset, length);
            return;
        }
        if (templateId < FIRST_RESPONSE_TEMPLATE || length < HEADER + 16)
        {
            return;
        }
        final long requestId = buffer.getLong(offset + HEADER + 8, ByteOrder.LITTLE_ENDIAN);
        final int slot = (int)(requestId & mask);
        if (requestId <= 0 || requestIds[slot] != requestId)
        {
            final int reask = reasks.find(requestId);
            if (reask >= 0)
            {
                final long tag = reasks.tag(reask);
                reasks.release(reask);
                listener.onResponse(tag, buffer, offset, length);
            }
            return;
        }
        final long tag = tags[slot];
        release(slot);
        listener.onResponse(tag, buffer, offset, length);
    }

    public void onSessionEvent(
        final long correlationId,
        final long clusterSessionId,
        final long leadershipTermId,
        final int leaderMemberId,
        final EventCode code,
        final String detail)
    {
        if (code == EventCode.ERROR || code == EventCode.AUTHENTICATION_REJECTED)
        {
            listener.onError(new IllegalStateException("cluster session event " + code + ": " + detail));
        }
    }

    public void onNewLeader(
        final long clusterSessionId,
        final long leadershipTermId,
        final int leaderMemberId,
        final String ingressEndpoints)
    {
        this.leaderMemberId = leaderMemberId;
        firstUnsentId = oldestPendingId;
        reasks.resendAll();
        listener.onNewLeader(leaderMemberId);
    }

    public void onAdminResponse(
        final long clusterSessionId,
        final long correlationId,
        final AdminRequestType requestType,
        final AdminResponseCode responseCode,
        final String message,
        final DirectBuffer payload,
        final int payloadOffset,
        final int payloadLength)
    {
        if (responseCode != AdminResponseCode.OK)
        {
            listener.onError(new IllegalStateException("admin request " + requestType + " refused: " + responseCode +
                (message == null || message.isEmpty() ? "" : " (" + message + ")")));
        }
    }

    // ------------------------------------------------------------------ internals

    private int connect()
    {
        if (asyncConnect == null)
        {
            if (nowNs < nextConnectAttemptNs)
            {
                return 0;
            }
            try
            {
                asyncConnect = AeronCluster.asyncConnect(ctx.clusterContext(aeron, this));
            }
            catch (final RuntimeException ex)
            {
                connectFailed(ex);
                return 1;
            }
        }
        try
        {
            final AeronCluster connectedCluster = asyncConnect.poll();
            if (connectedCluster == null)
            {
                return 0;
            }
            asyncConnect = null;
            cluster = connectedCluster;
            connected = true;
            leaderMemberId = cluster.leaderMemberId();
            backoffMs = MIN_BACKOFF_MS;
            firstUnsentId = oldestPendingId;
            reasks.resendAll();
            lastSendNs = nowNs;
            listener.onConnected(everConnected);
            everConnected = true;
            return 1;
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(asyncConnect);
            asyncConnect = null;
            connectFailed(ex);
            return 1;
        }
    }

    private void connectFailed(final RuntimeException ex)
    {
        nextConnectAttemptNs = nowNs + TimeUnit.MILLISECONDS.toNanos(backoffMs);
        backoffMs = Math.min(backoffMs * 2, ctx.maxReconnectBackoffMs());
        if (ex instanceof AuthenticationException)
        {
            listener.onError(new IllegalStateException("the master refused this client's credentials for role " +
                ctx.role().label() + ": check the " + ctx.role().label() + " secret", ex));
        }
        else
        {
            listener.onError(new IllegalStateException("cannot connect to the master at " + ctx.ingressEndpoints() +
                " (retrying): " + ex.getMessage(), ex));
        }
    }

    private void lost(final String reason)
    {
        CloseHelper.quietClose(cluster);
        cluster = null;
        connected = false;
        leaderMemberId = -1;
        nextConnectAttemptNs = nowNs + TimeUnit.MILLISECONDS.toNanos(backoffMs);
        listener.onDisconnected(reason);
    }

    private ControlledMessageHandler.Action takeCommand(
        final int msgTypeId, final org.agrona.MutableDirectBuffer buffer, final int index, final int length)
    {
        if (msgTypeId == REASK_MSG_TYPE)
        {
            final long tag = buffer.getLong(index);
            final long requestId = buffer.getLong(index + 8);
            if (requestId > lastRequestId)
            {
                listener.onError(new IllegalArgumentException("request " + requestId + " was never sent: not asked again"));
                return ControlledMessageHandler.Action.CONTINUE;
            }
            if (!reasks.add(tag, requestId, buffer, index + 16, length - 16, ctx.clientId(), nowNs + requestTimeoutNs))
            {
                listener.onOutcomeUnknown(tag, requestId);
            }
            return ControlledMessageHandler.Action.CONTINUE;
        }
        final long requestId = lastRequestId + 1;
        final int slot = (int)(requestId & mask);
        if (requestIds[slot] != 0)
        {
            return ControlledMessageHandler.Action.ABORT;
        }
        final int commandLength = length - 8;
        final int slotOffset = slot * slotLength;
        slots.putBytes(slotOffset, buffer, index + 8, commandLength);
        slots.putLong(slotOffset + HEADER, ctx.clientId(), ByteOrder.LITTLE_ENDIAN);
        slots.putLong(slotOffset + HEADER + 8, requestId, ByteOrder.LITTLE_ENDIAN);
        requestIds[slot] = requestId;
        tags[slot] = buffer.getLong(index);
        deadlines[slot] = nowNs + requestTimeoutNs;
        lengths[slot] = commandLength;
        lastRequestId = requestId;
        inFlight++;
        return ControlledMessageHandler.Action.CONTINUE;
    }

    private int sendInOrder()
    {
        int sent = 0;
        while (firstUnsentId <= lastRequestId)
        {
            final int slot = (int)(firstUnsentId & mask);
            if (requestIds[slot] == firstUnsentId)
            {
                if (cluster.offer(slots, slot * slotLength, lengths[slot]) <= 0)
                {
                    break;
                }
                lastSendNs = nowNs;
                sent++;
            }
            firstUnsentId++;
        }
        return sent;
    }

    private int expire()
    {
        int expired = 0;
        while (oldestPendingId <= lastRequestId)
        {
            final int slot = (int)(oldestPendingId & mask);
            if (requestIds[slot] == oldestPendingId)
            {
                if (deadlines[slot] - nowNs > 0)
                {
                    break;
                }
                final long tag = tags[slot];
                final long requestId = oldestPendingId;
                release(slot);
                listener.onOutcomeUnknown(tag, requestId);
                expired++;
            }
            else
            {
                oldestPendingId++;
            }
        }
        return expired;
    }

    private void release(final int slot)
    {
        requestIds[slot] = 0;
        inFlight--;
        while (oldestPendingId <= lastRequestId && requestIds[(int)(oldestPendingId & mask)] != oldestPendingId)
        {
            oldestPendingId++;
        }
        if (firstUnsentId < oldestPendingId)
        {
            firstUnsentId = oldestPendingId;
        }
    }
}
