package io.gamehall.host.runtime;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.gamehall.link.LinkChannels;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The host's publications to gateways, one per gateway, learnt from verified {@code GatewayHello}s.
 * Changed by the inbound thread only (copy on write: hellos are rare); read and offered to from
 * every runner without locks or allocation. The host publishes on a channel of its own making
 * ({@link LinkChannels#reply(String, int)}: the endpoint the gateway named, the host's term length)
 * and answers at most {@code maxLinks} gateways: a new one takes the place of one not heard from
 * for {@link #SILENCE_MS} (gateways say hello every second), or is refused.
 */
final class GatewayLinks implements GatewaySink, AutoCloseable
{
    /** A gateway not heard from for this long may give its place to a new one. */
    static final long SILENCE_MS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(GatewayLinks.class);
    private static final int OFFER_ATTEMPTS = 200;

    private final Aeron aeron;
    private final HostCounters counters;
    private final long connectTimeoutMs;
    private final int maxLinks;
    private final Long2ObjectHashMap<Known> known = new Long2ObjectHashMap<>();
    private volatile Long2ObjectHashMap<Publication> links = new Long2ObjectHashMap<>();

    private static final class Known
    {
        final String key;
        long lastHelloMs;

        Known(final String key, final long lastHelloMs)
        {
            this.key = key;
            this.lastHelloMs = lastHelloMs;
        }
    }

    GatewayLinks(final Aeron aeron, final HostCounters counters, final long connectTimeoutMs, final int maxLinks)
    {
        this.aeron = aeron;
        this.counters = counters;
        this.connectTimeoutMs = connectTimeoutMs;
        this.maxLinks = maxLinks;
    }

    /**
     * A gateway whose hello verified said where to answer it. Waits (bounded) until a new
     * publication is connected, so that answers to the messages behind the hello are not lost.
     * Inbound thread only.
     *
     * @return null when the host answers the gateway there, else why not.
     */
    String onHello(final long gatewayId, final String channel, final int streamId, final long nowMs)
    {
        final String own;
        try
        {
            own = LinkChannels.reply(channel, streamId);
        }
        catch (final IllegalArgumentException ex)
        {
            return "reply channel refused: " + ex.getMessage();
        }
        final String key = own + "#" + streamId;
        final Known existing = known.get(gatewayId);
        if (existing != null && key.equals(existing.key))
        {
            existing.lastHelloMs = nowMs;
            return null;
        }
        if (existing == null && known.size() >= maxLinks && !evictSilent(nowMs))
        {
            return "the host answers " + maxLinks + " gateways already, all heard from in the last " +
                SILENCE_MS / 1000 + " s";
        }
        final Publication publication;
        try
        {
            publication = aeron.addPublication(own, streamId);
        }
        catch (final RuntimeException ex)
        {
            return "cannot publish to " + own + " stream " + streamId + ": " + ex;
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
        known.put(gatewayId, new Known(key, nowMs));
        CloseHelper.quietClose(old);
        LOG.info("gateway {} answered on {} stream {}{}", gatewayId, own, streamId,
            publication.isConnected() ? "" : " (not connected yet)");
        return null;
    }

    private boolean evictSilent(final long nowMs)
    {
        long oldestId = 0;
        long oldestMs = Long.MAX_VALUE;
        for (final Long2ObjectHashMap<Known>.EntryIterator it = known.entrySet().iterator(); it.hasNext(); )
        {
            it.next();
            if (it.getValue().lastHelloMs < oldestMs)
            {
                oldestMs = it.getValue().lastHelloMs;
                oldestId = it.getLongKey();
            }
        }
        if (oldestMs == Long.MAX_VALUE || nowMs - oldestMs <= SILENCE_MS)
        {
            return false;
        }
        known.remove(oldestId);
        final Long2ObjectHashMap<Publication> next = new Long2ObjectHashMap<>(links);
        final Publication old = next.remove(oldestId);
        links = next;
        CloseHelper.quietClose(old);
        LOG.info("gateway {}: not heard from for {} ms, its link closed to make room", oldestId, nowMs - oldestMs);
        return true;
    }

    /**
     * @return whether the host answers this gateway (its hello verified and it was not evicted).
     */
    boolean has(final long gatewayId)
    {
        return links.containsKey(gatewayId);
    }

    /**
     * @return the most gateways the host answers at once.
     */
    int maxLinks()
    {
        return maxLinks;
    }

    /**
     * Offer a message to a gateway; retried briefly under back-pressure, dropped (and counted)
     * when the gateway is unknown, gone or stuck: the player recovers the state on resume.
     *
     * @return whether it was published.
     */
    public boolean offer(final long gatewayId, final DirectBuffer buffer, final int offset, final int length)
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
