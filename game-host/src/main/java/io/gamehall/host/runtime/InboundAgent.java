package io.gamehall.host.runtime;

import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.gamehall.link.LinkHello;
import io.gamehall.sbe.host.GameErrorCode;
import io.gamehall.sbe.host.GatewayHelloDecoder;
import io.gamehall.sbe.host.MessageHeaderDecoder;
import io.gamehall.sbe.host.PlayerMessageDecoder;
import io.gamehall.sbe.host.PlayerSyncDecoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.Agent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's inbound thread: reads gateway traffic from the host's subscriptions (its UDP
 * endpoint and, for gateways on the same media driver, its IPC stream), checks its
 * framing, learns gateways from their signed hellos, and hands each player message to the
 * runner of its instance. Also drives the master link's heartbeat.
 * <p>
 * A hello counts only when its signature verifies ({@link LinkHello}: the link secret, this
 * host's endpoint, the gateway's id and reply channel, the Aeron session it travels on and a
 * recent timestamp); it then binds that session (publication) to the gateway's id. Player
 * messages and syncs are taken only from a bound session and only in the name of the gateway
 * it is bound to; everything else is dropped, counted and logged at powers of two.
 */
final class InboundAgent implements Agent
{
    /** Fragments read from a subscription in one duty cycle at most. */
    private static final int FRAGMENT_LIMIT = 64;
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
    private final String endpoint;
    private final LinkHello verifier;
    private final byte[] signature = new byte[LinkHello.SIGNATURE_LENGTH];
    /** Verified sessions: session key (see {@link #sessionKey}) to the gateway id its hello named. */
    private final Long2LongHashMap gatewayBySession = new Long2LongHashMap(0);
    private final Long2LongHashMap sessionByGateway = new Long2LongHashMap(-1);
    private boolean ipcFragment;

    InboundAgent(
        final Subscription subscription,
        final Subscription ipcSubscription,
        final HostRunner[] runners,
        final GatewayLinks gateways,
        final HostCounters counters,
        final int maxPayloadBytes,
        final String endpoint,
        final byte[] linkSecret,
        final Runnable duty)
    {
        this.subscription = subscription;
        this.ipcSubscription = ipcSubscription;
        this.endpoint = endpoint;
        this.verifier = new LinkHello(linkSecret);
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
        ipcFragment = false;
        final int udp = subscription.poll(assembler, FRAGMENT_LIMIT);
        if (ipcSubscription == null)
        {
            return udp;
        }
        ipcFragment = true;
        return udp + ipcSubscription.poll(ipcAssembler, FRAGMENT_LIMIT);
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
            final long bound = boundGateway(aeronHeader);
            if (bound == 0)
            {
                return;
            }
            if (blockLength != PlayerSyncDecoder.BLOCK_LENGTH ||
                length != MessageHeaderDecoder.ENCODED_LENGTH + PlayerSyncDecoder.BLOCK_LENGTH)
            {
                malformed(aeronHeader, "a player sync of " + length + " bytes");
                return;
            }
            sync.wrapAndApplyHeader(buffer, offset, header);
            if (sync.gatewayId() != bound)
            {
                unverified("a player sync in the name of another gateway", sync.gatewayId(), bound);
                return;
            }
            final HostRunner runner = runners[runnerOf(sync.instanceId(), runners.length)];
            if (!runner.offer(HostRunner.PLAYER_SYNC, buffer, offset, length))
            {
                reply(sync.gatewayId(), sync.instanceId(), sync.userId(), 0, GameErrorCode.OVERLOADED,
                    "the host is overloaded, try again");
            }
        }
        else if (templateId == GatewayHelloDecoder.TEMPLATE_ID)
        {
            onHello(buffer, offset, length, blockLength, aeronHeader);
        }
        else
        {
            malformed(aeronHeader, "template " + templateId);
        }
    }

    private void onHello(
        final DirectBuffer buffer, final int offset, final int length, final int blockLength, final Header aeronHeader)
    {
        final int fixed = MessageHeaderDecoder.ENCODED_LENGTH + blockLength;
        final int varHeader = GatewayHelloDecoder.replyChannelHeaderLength();
        if (header.version() < 2 || blockLength < GatewayHelloDecoder.BLOCK_LENGTH || length < fixed + varHeader)
        {
            refusedHello("an unsigned or short hello (version " + header.version() + ", " + length + " bytes)");
            return;
        }
        hello.wrapAndApplyHeader(buffer, offset, header);
        final long gatewayId = hello.gatewayId();
        final int streamId = hello.replyStreamId();
        final long timestampMs = hello.timestampMs();
        final int channelLength = hello.replyChannelLength();
        if (fixed + varHeader + channelLength + GatewayHelloDecoder.signatureHeaderLength() > length)
        {
            refusedHello("a hello with a truncated channel");
            return;
        }
        final String channel = hello.replyChannel();
        final int signatureLength = hello.signatureLength();
        if (signatureLength != LinkHello.SIGNATURE_LENGTH || fixed + varHeader + channelLength +
            GatewayHelloDecoder.signatureHeaderLength() + signatureLength > length)
        {
            refusedHello("a hello without a whole signature");
            return;
        }
        hello.getSignature(signature, 0, signatureLength);
        final long nowMs = System.currentTimeMillis();
        if (!verifier.verify(endpoint, gatewayId, streamId, channel, aeronHeader.sessionId(), timestampMs, signature,
            nowMs))
        {
            refusedHello("a hello from 'gateway " + gatewayId + "' whose signature does not verify (another link " +
                "secret, another host's endpoint, copied onto another publication, or a clock more than " +
                LinkHello.MAX_SKEW_MS / 1000 + " s off)");
            return;
        }
        final String refusal = gateways.onHello(gatewayId, channel, streamId, nowMs);
        if (refusal != null)
        {
            refusedHello("gateway " + gatewayId + ": " + refusal);
            return;
        }
        bind(sessionKey(aeronHeader), gatewayId);
    }

    private void bind(final long sessionKey, final long gatewayId)
    {
        final long previousSession = sessionByGateway.get(gatewayId);
        if (previousSession == sessionKey)
        {
            return;
        }
        if (previousSession != -1)
        {
            gatewayBySession.remove(previousSession);
        }
        final long previousGateway = gatewayBySession.put(sessionKey, gatewayId);
        if (previousGateway != 0)
        {
            sessionByGateway.remove(previousGateway);
        }
        sessionByGateway.put(gatewayId, sessionKey);
        if (gatewayBySession.size() > 2 * gateways.maxLinks())
        {
            // forget the sessions of gateways the host no longer answers (gone, or evicted for silence)
            final Long2LongHashMap.KeyIterator keys = sessionByGateway.keySet().iterator();
            while (keys.hasNext())
            {
                final long gateway = keys.nextValue();
                if (!gateways.has(gateway))
                {
                    gatewayBySession.remove(sessionByGateway.get(gateway));
                    keys.remove();
                }
            }
        }
    }

    /**
     * @return the gateway the fragment's session is bound to, or 0 (then it was dropped and counted).
     */
    private long boundGateway(final Header aeronHeader)
    {
        final long gatewayId = gatewayBySession.get(sessionKey(aeronHeader));
        if (gatewayId == 0 || !gateways.has(gatewayId))
        {
            unverified("a player message or sync on a link without a verified hello", 0, 0);
            return 0;
        }
        return gatewayId;
    }

    private long sessionKey(final Header aeronHeader)
    {
        final long session = aeronHeader.sessionId() & 0xFFFF_FFFFL;
        return ipcFragment ? session | (1L << 32) : session;
    }

    private void onPlayerMessage(
        final DirectBuffer buffer, final int offset, final int length, final int blockLength, final Header aeronHeader)
    {
        final long bound = boundGateway(aeronHeader);
        if (bound == 0)
        {
            return;
        }
        final int fixed = MessageHeaderDecoder.ENCODED_LENGTH + PlayerMessageDecoder.BLOCK_LENGTH;
        if (blockLength != PlayerMessageDecoder.BLOCK_LENGTH || length < fixed)
        {
            malformed(aeronHeader, "a player message with block length " + blockLength + " in " + length + " bytes");
            return;
        }
        message.wrapAndApplyHeader(buffer, offset, header);
        final long gatewayId = message.gatewayId();
        if (gatewayId != bound)
        {
            unverified("a player message in the name of another gateway", gatewayId, bound);
            return;
        }
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
                gatewayBySession.get(sessionKey(aeronHeader)));
        }
    }

    private void refusedHello(final String what)
    {
        final long count = counters.hellosRefused.incrementAndGet();
        if (Long.bitCount(count) == 1)
        {
            LOG.warn("ignored a gateway hello ({} so far): {}", count, what);
        }
    }

    private void unverified(final String what, final long claimedGatewayId, final long boundGatewayId)
    {
        final long count = counters.unverifiedDropped.incrementAndGet();
        if (Long.bitCount(count) == 1)
        {
            LOG.warn("dropped gateway traffic from an unverified link ({} so far): {} (claimed gateway {}, link of " +
                "gateway {}, {})", count, what, claimedGatewayId, boundGatewayId, ipcFragment ? "IPC" : "UDP");
        }
    }
}
