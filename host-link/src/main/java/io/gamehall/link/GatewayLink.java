package io.gamehall.link;

import io.aeron.Aeron;
import io.aeron.Counter;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.gamehall.sbe.host.GameErrorDecoder;
import io.gamehall.sbe.host.GameEventDecoder;
import io.gamehall.sbe.host.GatewayHelloEncoder;
import io.gamehall.sbe.host.InstanceClosedDecoder;
import io.gamehall.sbe.host.MessageAcceptedDecoder;
import io.gamehall.sbe.host.MessageHeaderDecoder;
import io.gamehall.sbe.host.MessageHeaderEncoder;
import io.gamehall.sbe.host.PlayerMessageEncoder;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A gateway's side of the game traffic: one publication per game host endpoint, one
 * subscription the hosts answer on. Sends a {@code GatewayHello} to each host as soon as the
 * publication connects and every second after, so a host that restarts or takes over an
 * instance learns where to answer. Each hello is signed with the link secret ({@link LinkHello});
 * a host ignores hellos that do not verify and the player messages of publications without
 * one that did. Not thread-safe, except that {@link #pollReplies()} may run on
 * one thread while another thread does everything else.
 */
public final class GatewayLink implements AutoCloseable
{
    /** Fragments read from a subscription in one duty cycle at most. */
    private static final int FRAGMENT_LIMIT = 64;
    private static final Logger LOG = LoggerFactory.getLogger(GatewayLink.class);
    private static final long HELLO_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);

    private final Aeron aeron;
    private final LinkHello signer;
    private long gatewayId;
    private long lastHelloTimestampMs;
    private final GatewayLinkListener listener;
    private final Subscription replies;
    private final String replyChannel;
    private final boolean sameDriverIpc;
    private final Counter ipcReplyStream;
    private final Subscription ipcReplies;
    private final Map<String, HostPublication> hosts = new HashMap<>();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final GatewayHelloEncoder hello = new GatewayHelloEncoder();
    private final PlayerMessageEncoder playerMessage = new PlayerMessageEncoder();
    private final io.gamehall.sbe.host.PlayerSyncEncoder playerSync = new io.gamehall.sbe.host.PlayerSyncEncoder();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final GameEventDecoder gameEvent = new GameEventDecoder();
    private final MessageAcceptedDecoder accepted = new MessageAcceptedDecoder();
    private final GameErrorDecoder gameError = new GameErrorDecoder();
    private final InstanceClosedDecoder closed = new InstanceClosedDecoder();
    private final io.gamehall.sbe.host.PlayerPresenceDecoder presence = new io.gamehall.sbe.host.PlayerPresenceDecoder();
    private final LongArrayList recipients = new LongArrayList();
    private final UnsafeBuffer payloadView = new UnsafeBuffer(0, 0);
    private final FragmentHandler handler = new FragmentAssembler(this::onFragment);
    private final FragmentHandler ipcHandler = new FragmentAssembler(this::onFragment);

    private static final class HostPublication
    {
        final String endpoint;
        final Publication publication;
        final int ipcStream;
        long lastHelloNs;
        long lastIpcCheckNs;
        boolean helloSent;

        HostPublication(final String endpoint, final Publication publication, final int ipcStream)
        {
            this.endpoint = endpoint;
            this.publication = publication;
            this.ipcStream = ipcStream;
        }
    }

    /**
     * @param aeron       a connected Aeron client (not closed by the link).
     * @param gatewayId   this gateway's server id.
     * @param bindAddress the address hosts answer to, e.g. 127.0.0.1.
     * @param linkSecret  the secret gateways and hosts share, signing the hellos.
     * @param listener    receives what hosts send.
     */
    public GatewayLink(final Aeron aeron, final long gatewayId, final String bindAddress, final byte[] linkSecret,
        final GatewayLinkListener listener)
    {
        this(aeron, gatewayId, bindAddress, linkSecret, listener, true);
    }

    /**
     * @param aeron         a connected Aeron client (not closed by the link).
     * @param gatewayId     this gateway's server id.
     * @param bindAddress   the address hosts answer to, e.g. 127.0.0.1.
     * @param linkSecret    the secret gateways and hosts share, signing the hellos.
     * @param listener      receives what hosts send.
     * @param sameDriverIpc talk over {@code aeron:ipc} to hosts that are clients of the same media
     *                      driver (see {@link SameDriver}); UDP to all hosts when false.
     */
    public GatewayLink(final Aeron aeron, final long gatewayId, final String bindAddress, final byte[] linkSecret,
        final GatewayLinkListener listener, final boolean sameDriverIpc)
    {
        this.aeron = aeron;
        this.signer = new LinkHello(linkSecret);
        this.sameDriverIpc = sameDriverIpc;
        this.gatewayId = gatewayId;
        this.listener = listener;
        this.replies = aeron.addSubscription("aeron:udp?endpoint=" + bindAddress + ":0", LinkChannels.REPLY_STREAM_ID);
        String resolved = null;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (resolved == null && System.nanoTime() < deadline)
        {
            resolved = replies.tryResolveChannelEndpointPort();
            Thread.yield();
        }
        if (resolved == null)
        {
            CloseHelper.quietClose(replies);
            throw new IllegalStateException("the gateway's reply endpoint did not bind on " + bindAddress);
        }
        this.replyChannel = resolved;
        if (sameDriverIpc)
        {
            ipcReplyStream = SameDriver.reserveGatewayStream(aeron, gatewayId);
            ipcReplies = aeron.addSubscription(SameDriver.IPC_CHANNEL, (int)ipcReplyStream.get());
        }
        else
        {
            ipcReplyStream = null;
            ipcReplies = null;
        }
    }

    /**
     * Speak as another gateway id from now on (the master declared this gateway dead and it
     * registered again): the next hellos and messages carry the new id.
     *
     * @param gatewayId the id the master gave this gateway.
     */
    public void gatewayId(final long gatewayId)
    {
        if (this.gatewayId != gatewayId)
        {
            this.gatewayId = gatewayId;
            for (final HostPublication host : hosts.values())
            {
                host.helloSent = false;
            }
        }
    }

    /**
     * @return the channel hosts answer on.
     */
    public String replyChannel()
    {
        return replyChannel;
    }

    /**
     * Start talking to a host (idempotent).
     *
     * @param hostEndpoint the Aeron channel the host registered with the master.
     */
    public void connect(final String hostEndpoint)
    {
        hostFor(hostEndpoint);
    }

    /**
     * @return whether this link talks to that host over IPC (the host is on the same media driver).
     */
    public boolean isIpc(final String hostEndpoint)
    {
        final HostPublication host = hosts.get(hostEndpoint);
        return host != null && host.ipcStream != 0;
    }

    /**
     * @return whether the publication to that host is connected and the hello went out.
     */
    public boolean isConnected(final String hostEndpoint)
    {
        final HostPublication host = hosts.get(hostEndpoint);
        return host != null && host.helloSent && host.publication.isConnected();
    }

    /**
     * Send a player's message to the game of an instance on a host.
     *
     * @return false when it could not be sent now (not connected yet, back-pressure): try again.
     */
    public boolean send(
        final String hostEndpoint,
        final long instanceId,
        final long userId,
        final long sequence,
        final int kind,
        final DirectBuffer payload,
        final int offset,
        final int length)
    {
        final HostPublication host = hostFor(hostEndpoint);
        if (!host.helloSent && !sayHello(host))
        {
            return false;
        }
        playerMessage.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .gatewayId(gatewayId).instanceId(instanceId).userId(userId).sequence(sequence).kind(kind)
            .putPayload(payload, offset, length);
        return host.publication.offer(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + playerMessage.encodedLength()) > 0;
    }

    /**
     * Ask the game of an instance to send a player its whole state again: after the link to the
     * host came up, a resume, or an instance moved to another host.
     *
     * @return false when it could not be sent now: try again.
     */
    public boolean sync(final String hostEndpoint, final long instanceId, final long userId)
    {
        final HostPublication host = hostFor(hostEndpoint);
        if (!host.helloSent && !sayHello(host))
        {
            return false;
        }
        playerSync.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .gatewayId(gatewayId).instanceId(instanceId).userId(userId);
        return host.publication.offer(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + playerSync.encodedLength()) > 0;
    }

    /**
     * Send bytes as they are (tools and tests of a host's input checks).
     */
    public boolean sendRaw(final String hostEndpoint, final DirectBuffer bytes, final int offset, final int length)
    {
        final HostPublication host = hostFor(hostEndpoint);
        if (!host.helloSent && !sayHello(host))
        {
            return false;
        }
        return host.publication.offer(bytes, offset, length) > 0;
    }

    /**
     * Deliver what hosts sent and keep hellos going.
     *
     * @return work done.
     */
    public int poll()
    {
        keepAlive();
        return pollReplies();
    }

    /**
     * Say hello to hosts whose publication (re)connected or whose last hello is a second old.
     * Part of {@link #poll()}; for owners that poll replies and send from different threads,
     * call it under the same lock as the sends.
     */
    public void keepAlive()
    {
        final long nowNs = System.nanoTime();
        List<String> moved = null;
        for (final Map.Entry<String, HostPublication> entry : hosts.entrySet())
        {
            final HostPublication host = entry.getValue();
            if (host.publication.isConnected() && (!host.helloSent || nowNs - host.lastHelloNs > HELLO_INTERVAL_NS))
            {
                sayHello(host);
            }
            else if (!host.publication.isConnected())
            {
                host.helloSent = false;
            }
            if (sameDriverIpc && (host.ipcStream == 0 || !host.publication.isConnected()) &&
                nowNs - host.lastIpcCheckNs > HELLO_INTERVAL_NS)
            {
                // a host that restarted, left this driver or came onto it answers on another stream
                host.lastIpcCheckNs = nowNs;
                if (SameDriver.hostStream(aeron.countersReader(), entry.getKey()) != host.ipcStream)
                {
                    moved = moved == null ? new ArrayList<>() : moved;
                    moved.add(entry.getKey());
                }
            }
        }
        if (moved != null)
        {
            for (final String endpoint : moved)
            {
                CloseHelper.quietClose(hosts.remove(endpoint).publication);
                hostFor(endpoint);
            }
        }
    }

    /**
     * Deliver what hosts sent. Part of {@link #poll()}; touches only the reply subscription, so
     * one thread may call it while another sends (under its own lock).
     *
     * @return fragments read.
     */
    public int pollReplies()
    {
        final int udp = replies.poll(handler, FRAGMENT_LIMIT);
        return ipcReplies == null ? udp : udp + ipcReplies.poll(ipcHandler, FRAGMENT_LIMIT);
    }

    private HostPublication hostFor(final String hostEndpoint)
    {
        HostPublication host = hosts.get(hostEndpoint);
        if (host == null)
        {
            final int ipcStream = sameDriverIpc ? SameDriver.hostStream(aeron.countersReader(), hostEndpoint) : 0;
            final ExclusivePublication publication = ipcStream != 0 ?
                aeron.addExclusivePublication(LinkChannels.publication(SameDriver.IPC_CHANNEL), ipcStream) :
                aeron.addExclusivePublication(LinkChannels.publication(hostEndpoint), LinkChannels.HOST_STREAM_ID);
            host = new HostPublication(hostEndpoint, publication, ipcStream);
            host.lastIpcCheckNs = System.nanoTime();
            hosts.put(hostEndpoint, host);
            LOG.info("host {}: over {}", hostEndpoint, ipcStream != 0 ? "IPC stream " + ipcStream + " (same media driver)" : "UDP");
        }
        return host;
    }

    private boolean sayHello(final HostPublication host)
    {
        final int streamId = host.ipcStream != 0 ? (int)ipcReplyStream.get() : LinkChannels.REPLY_STREAM_ID;
        final String channel = host.ipcStream != 0 ? SameDriver.IPC_CHANNEL : replyChannel;
        // strictly increasing, so that two hellos never carry the same signature
        final long timestampMs = Math.max(System.currentTimeMillis(), lastHelloTimestampMs + 1);
        lastHelloTimestampMs = timestampMs;
        final byte[] signature = signer.sign(host.endpoint, gatewayId, streamId, channel,
            host.publication.sessionId(), timestampMs);
        hello.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .gatewayId(gatewayId).replyStreamId(streamId).timestampMs(timestampMs).replyChannel(channel)
            .putSignature(signature, 0, signature.length);
        final long result = host.publication.offer(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + hello.encodedLength());
        if (result > 0)
        {
            host.helloSent = true;
            host.lastHelloNs = System.nanoTime();
            return true;
        }
        return false;
    }

    private void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header aeronHeader)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return;
        }
        header.wrap(buffer, offset);
        if (header.schemaId() != GameEventDecoder.SCHEMA_ID)
        {
            LOG.warn("ignored a message of schema {} from a host", header.schemaId());
            return;
        }
        switch (header.templateId())
        {
            case GameEventDecoder.TEMPLATE_ID ->
            {
                gameEvent.wrapAndApplyHeader(buffer, offset, header);
                final long instanceId = gameEvent.instanceId();
                final int kind = gameEvent.kind();
                recipients.clear();
                for (final GameEventDecoder.RecipientsDecoder r : gameEvent.recipients())
                {
                    recipients.addLong(r.userId());
                }
                gameEvent.wrapPayload(payloadView);
                listener.onGameEvent(instanceId, kind, recipients, payloadView, 0, payloadView.capacity());
            }
            case MessageAcceptedDecoder.TEMPLATE_ID ->
            {
                accepted.wrapAndApplyHeader(buffer, offset, header);
                listener.onAccepted(accepted.instanceId(), accepted.userId(), accepted.sequence());
            }
            case GameErrorDecoder.TEMPLATE_ID ->
            {
                gameError.wrapAndApplyHeader(buffer, offset, header);
                listener.onError(gameError.instanceId(), gameError.userId(), gameError.sequence(), gameError.code(),
                    gameError.reason());
            }
            case InstanceClosedDecoder.TEMPLATE_ID ->
            {
                closed.wrapAndApplyHeader(buffer, offset, header);
                final long instanceId = closed.instanceId();
                final io.gamehall.sbe.host.InstanceCloseReason reason = closed.reason();
                recipients.clear();
                for (final InstanceClosedDecoder.RecipientsDecoder r : closed.recipients())
                {
                    recipients.addLong(r.userId());
                }
                listener.onClosed(instanceId, reason, recipients, closed.summary());
            }
            case io.gamehall.sbe.host.PlayerPresenceDecoder.TEMPLATE_ID ->
            {
                presence.wrapAndApplyHeader(buffer, offset, header);
                final long instanceId = presence.instanceId();
                final long userId = presence.userId();
                final boolean seated = presence.seated() == 1;
                recipients.clear();
                for (final io.gamehall.sbe.host.PlayerPresenceDecoder.RecipientsDecoder r : presence.recipients())
                {
                    recipients.addLong(r.userId());
                }
                listener.onPresence(instanceId, userId, seated, recipients);
            }
            default -> LOG.warn("ignored host message template {}", header.templateId());
        }
    }

    @Override
    public void close()
    {
        for (final HostPublication host : hosts.values())
        {
            CloseHelper.quietClose(host.publication);
        }
        hosts.clear();
        CloseHelper.quietCloseAll(replies, ipcReplies, ipcReplyStream);
    }
}
