package io.gamehall.host.runtime;

import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.gamehall.sbe.host.GameErrorCode;
import io.gamehall.sbe.host.GatewayHelloDecoder;
import io.gamehall.sbe.host.MessageHeaderDecoder;
import io.gamehall.sbe.host.PlayerMessageDecoder;
import io.gamehall.sbe.host.PlayerSyncDecoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's inbound thread: reads gateway traffic from the host's subscriptions (its UDP
 * endpoint and, for gateways on the same media driver, its IPC stream), checks its
 * framing, learns gateways from their hellos, and hands each player message to the runner of
 * its instance. Also drives the master link's heartbeat.
 */
final class InboundAgent implements Agent
{
    private static final Logger LOG = LoggerFactory.getLogger(InboundAgent.class);

    private final Subscription subscription;
    private final Subscription ipcSubscription;
    private final HostRunner[] runners;
    private final GatewayLinks gateways;
    private final HostCounters counters;
    private final int maxPayloadBytes;
    private final Runnable duty;
    private final FragmentHandler assembler = new FragmentAssembler(this::onFragment);
    private final FragmentHandler ipcAssembler = new FragmentAssembler(this::onFragment);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final GatewayHelloDecoder hello = new GatewayHelloDecoder();
    private final PlayerMessageDecoder message = new PlayerMessageDecoder();
    private final PlayerSyncDecoder sync = new PlayerSyncDecoder();
    private final Outbox errors;
    private final Int2ObjectHashMap<Long> gatewayBySession = new Int2ObjectHashMap<>();

    InboundAgent(
        final Subscription subscription,
        final Subscription ipcSubscription,
        final HostRunner[] runners,
        final GatewayLinks gateways,
        final HostCounters counters,
        final int maxPayloadBytes,
        final Runnable duty)
    {
        this.subscription = subscription;
        this.ipcSubscription = ipcSubscription;
        this.runners = runners;
        this.gateways = gateways;
        this.counters = counters;
        this.maxPayloadBytes = maxPayloadBytes;
        this.duty = duty;
        this.errors = new Outbox(gateways, counters);
    }

    @Override
    public String roleName()
    {
        return "game-host-inbound";
    }

    @Override
    public int doWork()
    {
        duty.run();
        final int udp = subscription.poll(assembler, 64);
        return ipcSubscription == null ? udp : udp + ipcSubscription.poll(ipcAssembler, 64);
    }

    /**
     * The runner an instance lives on: fixed by its id, so every thread routes alike.
     */
    static int runnerOf(final long instanceId, final int runners)
    {
        final long mixed = instanceId * 0x9E3779B97F4A7C15L;
        return (int)((mixed >>> 32) % runners);
    }

    private void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header aeronHeader)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            malformed(aeronHeader, "a fragment of " + length + " bytes");
            return;
        }
        header.wrap(buffer, offset);
        if (header.schemaId() != PlayerMessageDecoder.SCHEMA_ID)
        {
            malformed(aeronHeader, "schema " + header.schemaId());
            return;
        }
        final int templateId = header.templateId();
        final int blockLength = header.blockLength();
        if (templateId == PlayerMessageDecoder.TEMPLATE_ID)
        {
            onPlayerMessage(buffer, offset, length, blockLength, aeronHeader);
        }
        else if (templateId == PlayerSyncDecoder.TEMPLATE_ID)
        {
            if (blockLength != PlayerSyncDecoder.BLOCK_LENGTH ||
                length != MessageHeaderDecoder.ENCODED_LENGTH + PlayerSyncDecoder.BLOCK_LENGTH)
            {
                malformed(aeronHeader, "a player sync of " + length + " bytes");
                return;
            }
            sync.wrapAndApplyHeader(buffer, offset, header);
            final HostRunner runner = runners[runnerOf(sync.instanceId(), runners.length)];
            if (!runner.offer(HostRunner.PLAYER_SYNC, buffer, offset, length))
            {
                reply(sync.gatewayId(), sync.instanceId(), sync.userId(), 0, GameErrorCode.OVERLOADED,
                    "the host is overloaded, try again");
            }
        }
        else if (templateId == GatewayHelloDecoder.TEMPLATE_ID)
        {
            if (blockLength < GatewayHelloDecoder.BLOCK_LENGTH ||
                length < MessageHeaderDecoder.ENCODED_LENGTH + blockLength + GatewayHelloDecoder.replyChannelHeaderLength())
            {
                malformed(aeronHeader, "a short hello");
                return;
            }
            hello.wrapAndApplyHeader(buffer, offset, header);
            final long gatewayId = hello.gatewayId();
            final int streamId = hello.replyStreamId();
            final int channelLength = hello.replyChannelLength();
            if (MessageHeaderDecoder.ENCODED_LENGTH + blockLength + GatewayHelloDecoder.replyChannelHeaderLength() +
                channelLength > length)
            {
                malformed(aeronHeader, "a hello with a truncated channel");
                return;
            }
            final String channel = hello.replyChannel();
            gatewayBySession.put(aeronHeader.sessionId(), Long.valueOf(gatewayId));
            gateways.onHello(gatewayId, channel, streamId);
        }
        else
        {
            malformed(aeronHeader, "template " + templateId);
        }
    }

    private void onPlayerMessage(
        final DirectBuffer buffer, final int offset, final int length, final int blockLength, final Header aeronHeader)
    {
        final int fixed = MessageHeaderDecoder.ENCODED_LENGTH + PlayerMessageDecoder.BLOCK_LENGTH;
        if (blockLength != PlayerMessageDecoder.BLOCK_LENGTH || length < fixed)
        {
            malformed(aeronHeader, "a player message with block length " + blockLength + " in " + length + " bytes");
            return;
        }
        message.wrapAndApplyHeader(buffer, offset, header);
        final long gatewayId = message.gatewayId();
        final long instanceId = message.instanceId();
        final long userId = message.userId();
        final long sequence = message.sequence();
        if (length < fixed + PlayerMessageDecoder.payloadHeaderLength())
        {
            reply(gatewayId, instanceId, userId, sequence, GameErrorCode.MALFORMED_MESSAGE, "no payload length");
            return;
        }
        final int payloadLength = buffer.getShort(offset + fixed, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        if (payloadLength > maxPayloadBytes)
        {
            reply(gatewayId, instanceId, userId, sequence, GameErrorCode.MESSAGE_TOO_LARGE,
                "payload of " + payloadLength + " bytes, at most " + maxPayloadBytes);
            return;
        }
        if (fixed + PlayerMessageDecoder.payloadHeaderLength() + payloadLength != length)
        {
            reply(gatewayId, instanceId, userId, sequence, GameErrorCode.MALFORMED_MESSAGE,
                "payload length " + payloadLength + " does not match the message");
            return;
        }
        final HostRunner runner = runners[runnerOf(instanceId, runners.length)];
        if (!runner.offer(HostRunner.PLAYER_MESSAGE, buffer, offset, length))
        {
            reply(gatewayId, instanceId, userId, sequence, GameErrorCode.OVERLOADED, "the host is overloaded, try again");
        }
    }

    private void reply(
        final long gatewayId,
        final long instanceId,
        final long userId,
        final long sequence,
        final GameErrorCode code,
        final String reason)
    {
        errors.error(gatewayId, instanceId, userId, sequence, code, reason);
        errors.flush();
    }

    private void malformed(final Header aeronHeader, final String what)
    {
        final long count = counters.malformedDropped.incrementAndGet();
        if (Long.bitCount(count) == 1)
        {
            LOG.warn("dropped undecodable gateway traffic ({} so far): {} from gateway {}", count, what,
                gatewayBySession.get(aeronHeader.sessionId()));
        }
    }
}
