package io.gamehall.host.runtime;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.gamehall.host.link.LinkChannels;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The host's publications to gateways, one per gateway, learnt from {@code GatewayHello}.
 * Changed by the inbound thread only (copy on write: hellos are rare); read and offered to from
 * every runner without locks or allocation.
 */
final class GatewayLinks implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(GatewayLinks.class);
    private static final int OFFER_ATTEMPTS = 200;

    private final Aeron aeron;
    private final HostCounters counters;
    private final long connectTimeoutMs;
    private final Map<Long, String> channels = new HashMap<>();
    private volatile Long2ObjectHashMap<Publication> links = new Long2ObjectHashMap<>();

    GatewayLinks(final Aeron aeron, final HostCounters counters, final long connectTimeoutMs)
    {
        this.aeron = aeron;
        this.counters = counters;
        this.connectTimeoutMs = connectTimeoutMs;
    }

    /**
     * A gateway said where to answer it. Waits (bounded) until the publication is connected, so
     * that answers to the messages behind the hello are not lost. Inbound thread only.
     */
    void onHello(final long gatewayId, final String channel, final int streamId)
    {
        final String key = channel + "#" + streamId;
        if (key.equals(channels.get(gatewayId)))
        {
            return;
        }
        final Publication publication;
        try
        {
            publication = aeron.addPublication(LinkChannels.publication(channel), streamId);
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("gateway {}: cannot publish to {} stream {}: {}", gatewayId, channel, streamId, ex.toString());
            return;
        }
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(connectTimeoutMs);
        while (!publication.isConnected() && System.nanoTime() < deadline)
        {
            Thread.onSpinWait();
            Thread.yield();
        }
        final Long2ObjectHashMap<Publication> next = new Long2ObjectHashMap<>(links);
        final Publication old = next.put(gatewayId, publication);
        links = next;
        channels.put(gatewayId, key);
        CloseHelper.quietClose(old);
        LOG.info("gateway {} answered on {} stream {}{}", gatewayId, channel, streamId,
            publication.isConnected() ? "" : " (not connected yet)");
    }

    /**
     * Offer a message to a gateway; retried briefly under back-pressure, dropped (and counted)
     * when the gateway is unknown, gone or stuck: the player recovers the state on resume.
     *
     * @return whether it was published.
     */
    boolean offer(final long gatewayId, final DirectBuffer buffer, final int offset, final int length)
    {
        final Publication publication = links.get(gatewayId);
        if (publication == null)
        {
            counters.sendsDropped.incrementAndGet();
            return false;
        }
        for (int attempt = 0; attempt < OFFER_ATTEMPTS; attempt++)
        {
            final long result = publication.offer(buffer, offset, length);
            if (result > 0)
            {
                return true;
            }
            if (result == Publication.NOT_CONNECTED || result == Publication.CLOSED ||
                result == Publication.MAX_POSITION_EXCEEDED)
            {
                break;
            }
            if (attempt > 10)
            {
                Thread.yield();
            }
        }
        counters.sendsDropped.incrementAndGet();
        return false;
    }

    /**
     * @return gateways the host can answer.
     */
    int size()
    {
        return links.size();
    }

    @Override
    public void close()
    {
        for (final Publication publication : links.values())
        {
            CloseHelper.quietClose(publication);
        }
        links = new Long2ObjectHashMap<>();
    }
}
