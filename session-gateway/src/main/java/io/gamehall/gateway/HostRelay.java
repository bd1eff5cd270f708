package io.gamehall.gateway;

import io.aeron.Aeron;
import io.gamehall.aeron.IdleSettings;
import io.gamehall.link.GatewayLink;
import io.gamehall.link.GatewayLinkListener;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's side of game traffic: a {@link GatewayLink} to every game host, polled on a
 * thread of its own (which delivers what hosts send to the listener and writes it to the
 * clients); sends from any thread.
 */
final class HostRelay implements HostLink, AutoCloseable
{
    private static final long SEND_RETRY_NS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long KEEP_ALIVE_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Aeron aeron;
    private final GatewayLink link;
    private final AgentRunner poller;
    private final Map<Long, String> endpoints = new ConcurrentHashMap<>();

    /**
     * @param afterBatch run on the poll thread after every batch of host traffic delivered to
     *                   {@code listener} (which writes to clients without flushing; this flushes).
     * @param idle       how the poll thread waits when it finds no work.
     */
    HostRelay(final String aeronDirectoryName, final long gatewayId, final String bindAddress, final byte[] linkSecret,
        final boolean sameDriverIpc, final GatewayLinkListener listener, final Runnable afterBatch,
        final IdleSettings idle)
    {
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDirectoryName));
        link = new GatewayLink(aeron, gatewayId, bindAddress, linkSecret, listener, sameDriverIpc);
        if (!isLoopback(bindAddress))
        {
            LoggerFactory.getLogger(HostRelay.class).warn("game hosts answer this gateway on {}, not a loopback " +
                "address: Aeron UDP is neither encrypted nor authenticated per message, so keep it on a private " +
                "network or an encrypted overlay (WireGuard, IPsec)", link.replyChannel());
        }
        poller = new AgentRunner(idle.newStrategy(),
            error -> LoggerFactory.getLogger(HostRelay.class).error("the host relay failed; it goes on", error),
            null, new Agent()
            {
                private long nextKeepAliveNs;

                public int doWork()
                {
                    final long now = System.nanoTime();
                    if (now >= nextKeepAliveNs)
                    {
                        nextKeepAliveNs = now + KEEP_ALIVE_NS;
                        synchronized (link)
                        {
                            link.keepAlive();
                        }
                    }
                    // replies are read without the lock, so sends from the WebSocket threads never wait for it
                    final int fragments = link.pollReplies();
                    if (fragments > 0)
                    {
                        afterBatch.run();
                    }
                    return fragments;
                }

                public String roleName()
                {
                    return "gateway-host-relay";
                }
            });
        // a Netty thread (FastThreadLocalThread): the pooled buffers and write tasks it takes to send game
        // events to clients come from caches of its own and go back to them, instead of being new objects
        AgentRunner.startOnThread(poller, new DefaultThreadFactory("gateway-host-relay", true));
    }

    private static boolean isLoopback(final String address)
    {
        try
        {
            return java.net.InetAddress.getByName(address).isLoopbackAddress();
        }
        catch (final java.io.IOException ex)
        {
            return false;
        }
    }

    /**
     * Speak as another gateway id from now on (the gateway registered again).
     */
    void gatewayId(final long gatewayId)
    {
        synchronized (link)
        {
            link.gatewayId(gatewayId);
        }
    }

    /**
     * Remember (and start talking to) a host.
     */
    @Override
    public void host(final long hostId, final String endpoint)
    {
        if (!endpoint.equals(endpoints.put(hostId, endpoint)))
        {
            synchronized (link)
            {
                link.connect(endpoint);
            }
        }
    }

    /**
     * @return the endpoint of a known host, or null.
     */
    @Override
    public String endpointOf(final long hostId)
    {
        return endpoints.get(hostId);
    }

    /**
     * @return whether the link to that host is over IPC (the host is on this gateway's media driver).
     */
    boolean isIpc(final String endpoint)
    {
        synchronized (link)
        {
            return link.isIpc(endpoint);
        }
    }

    /**
     * @return whether the link to that host is up.
     */
    @Override
    public boolean isConnected(final String endpoint)
    {
        synchronized (link)
        {
            return link.isConnected(endpoint);
        }
    }

    /**
     * Relay a player's message, retrying for a moment under back-pressure.
     *
     * @return false when the host could not be reached.
     */
    @Override
    public boolean send(final String endpoint, final long instanceId, final long userId, final long sequence, final int kind,
        final DirectBuffer payload, final int offset, final int length)
    {
        final long deadline = System.nanoTime() + SEND_RETRY_NS;
        do
        {
            synchronized (link)
            {
                if (link.send(endpoint, instanceId, userId, sequence, kind, payload, offset, length))
                {
                    return true;
                }
            }
            Thread.onSpinWait();
        }
        while (System.nanoTime() < deadline);
        return false;
    }

    /**
     * Ask the game to send the player its whole state; retried in the background for a while
     * when the link to the host is not up yet.
     */
    @Override
    public void sync(final String endpoint, final long instanceId, final long userId)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        final Runnable attempt = new Runnable()
        {
            public void run()
            {
                final boolean sent;
                synchronized (link)
                {
                    sent = link.sync(endpoint, instanceId, userId);
                }
                if (!sent && System.nanoTime() < deadline)
                {
                    java.util.concurrent.CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS).execute(this);
                }
            }
        };
        attempt.run();
    }

    @Override
    public void close()
    {
        CloseHelper.quietCloseAll(poller, link, aeron);
    }
}
