package io.gamehall.host.support;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.gamehall.link.GatewayLink;
import io.gamehall.link.GatewayLinkListener;
import io.gamehall.replication.ClientRole;
import io.gamehall.replication.client.PendingRequests;
import io.gamehall.replication.support.MasterCalls;
import io.gamehall.replication.support.TestCluster;
import io.gamehall.sbe.host.GameErrorCode;
import io.gamehall.sbe.host.InstanceCloseReason;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in gateway for host tests: registered with the master (and heartbeating), with a
 * {@link GatewayLink} to game hosts polled on a thread of its own. What hosts send is queued per
 * user, so a test can script players and wait for what they receive.
 */
public final class TestGateway implements AutoCloseable
{
    /**
     * One thing a player received.
     *
     * @param type    EVENT, ACCEPTED, ERROR or CLOSED.
     * @param kind    the game's kind (EVENT), the error code name (ERROR) or the close reason (CLOSED).
     * @param payload EVENT payload bytes; reason or summary bytes otherwise.
     */
    public record Received(long instanceId, String type, String kind, long sequence, byte[] payload)
    {
        public String text()
        {
            return new String(payload, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** The link secret host tests give their hosts and their stand-in gateways. */
    public static final String LINK_SECRET = "link-secret-of-the-host-tests-0123456789";

    private static final long PING_USER = Long.MAX_VALUE - 1;

    private final MediaDriver driver;
    private final Aeron aeron;
    private final GatewayLink link;
    private final MasterCalls master;
    private final long gatewayId;
    private final Map<Long, BlockingQueue<Received>> inbox = new ConcurrentHashMap<>();
    private final List<byte[]> events = new ArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    public TestGateway(final TestCluster cluster, final String name)
    {
        this(cluster, name, null, true);
    }

    /**
     * @param aeronDirectoryName a media driver to use (a host's, say), or null for one of its own.
     * @param sameDriverIpc      whether the link uses IPC to hosts on the same driver.
     */
    public TestGateway(final TestCluster cluster, final String name, final String aeronDirectoryName,
        final boolean sameDriverIpc)
    {
        final PendingRequests requests = new PendingRequests(bytes ->
        {
            synchronized (events)
            {
                events.add(bytes);
            }
        }, null);
        cluster.client(ClientRole.GATEWAY, requests);
        master = new MasterCalls(requests);
        gatewayId = master.ok("RegisterServer role=GATEWAY capacity=100 name=" + name +
            " endpoint=ws://127.0.0.1:1/" + name + " softwareVersion=test");
        driver = aeronDirectoryName != null ? null : MediaDriver.launchEmbedded(new MediaDriver.Context()
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy(10, 20, 1_000, 100_000))
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(
            aeronDirectoryName != null ? aeronDirectoryName : driver.aeronDirectoryName()));
        link = new GatewayLink(aeron, gatewayId, "127.0.0.1",
            LINK_SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8), new Listener(), sameDriverIpc);
        poller = new Thread(this::pollLoop, "test-gateway-" + name);
        poller.setDaemon(true);
        poller.start();
    }

    public long gatewayId()
    {
        return gatewayId;
    }

    public MasterCalls master()
    {
        return master;
    }

    /**
     * @return the endpoint a host registered with, read from the master's server list.
     */
    public String endpointOf(final long hostId)
    {
        final String list = master.call("ListServers maxResults=64");
        final int at = list.indexOf("serverId=" + hostId + " ");
        if (at < 0)
        {
            throw new AssertionError("host " + hostId + " not listed: " + list);
        }
        final int endpointAt = list.indexOf("endpoint=", at) + "endpoint=".length();
        int end = endpointAt;
        while (end < list.length() && !Character.isWhitespace(list.charAt(end)) && list.charAt(end) != ']' &&
            list.charAt(end) != '}' && list.charAt(end) != ',' && list.charAt(end) != ')')
        {
            end++;
        }
        return list.substring(endpointAt, end);
    }

    /**
     * @return whether the link talks to that host over IPC.
     */
    public boolean isIpc(final String hostEndpoint)
    {
        synchronized (link)
        {
            return link.isIpc(hostEndpoint);
        }
    }

    /**
     * @return whether the link to that host is up.
     */
    public boolean isConnected(final String hostEndpoint)
    {
        synchronized (link)
        {
            return link.isConnected(hostEndpoint);
        }
    }

    /**
     * Check a user in on this gateway.
     */
    public void checkIn(final long userId, final String name)
    {
        master.ok("CheckInUser gatewayId=" + gatewayId + " userId=" + userId + " userName=" + name);
    }

    /**
     * Send a player's message, retrying (bounded) while the link connects.
     */
    public void send(final String hostEndpoint, final long instanceId, final long userId, final long sequence,
        final int kind, final byte[] payload)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(payload);
        final long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline)
        {
            synchronized (link)
            {
                if (link.send(hostEndpoint, instanceId, userId, sequence, kind, buffer, 0, payload.length))
                {
                    return;
                }
            }
            TestCluster.sleep(5);
        }
        throw new AssertionError("could not send to " + hostEndpoint);
    }

    /**
     * Connect to a host and wait until it answers (a message to an instance that does not exist
     * comes back as UNKNOWN_INSTANCE), so that events the host sends next reach this gateway.
     * The ping is sent again each second: one sent before the host verified this gateway's hello
     * (a host that has just started, or restarted on the same endpoint) is dropped by the host.
     */
    public void connect(final String hostEndpoint)
    {
        final long deadline = System.currentTimeMillis() + 10_000;
        while (true)
        {
            queue(PING_USER).clear();
            send(hostEndpoint, Long.MAX_VALUE, PING_USER, 0, 0, new byte[0]);
            final Received pong;
            try
            {
                pong = queue(PING_USER).poll(1_000, TimeUnit.MILLISECONDS);
            }
            catch (final InterruptedException ex)
            {
                throw new AssertionError(ex);
            }
            if (pong != null)
            {
                if (!"UNKNOWN_INSTANCE".equals(pong.kind()))
                {
                    throw new AssertionError("unexpected answer to the ping: " + pong);
                }
                return;
            }
            if (System.currentTimeMillis() > deadline)
            {
                throw new AssertionError(hostEndpoint + " answered no ping within 10000 ms");
            }
        }
    }

    /**
     * Ask the game to send a player the whole state again.
     */
    public void sync(final String hostEndpoint, final long instanceId, final long userId)
    {
        final long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline)
        {
            synchronized (link)
            {
                if (link.sync(hostEndpoint, instanceId, userId))
                {
                    return;
                }
            }
            TestCluster.sleep(5);
        }
        throw new AssertionError("could not sync with " + hostEndpoint);
    }

    /**
     * Send raw bytes to a host (bad input tests).
     */
    public void sendRaw(final String hostEndpoint, final byte[] bytes)
    {
        final long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline)
        {
            synchronized (link)
            {
                if (link.sendRaw(hostEndpoint, new UnsafeBuffer(bytes), 0, bytes.length))
                {
                    return;
                }
            }
            TestCluster.sleep(5);
        }
        throw new AssertionError("could not send to " + hostEndpoint);
    }

    /**
     * Wait for the next thing a user receives.
     */
    public Received next(final long userId, final long timeoutMs)
    {
        try
        {
            final Received received = queue(userId).poll(timeoutMs, TimeUnit.MILLISECONDS);
            if (received == null)
            {
                throw new AssertionError("user " + userId + " received nothing within " + timeoutMs + " ms");
            }
            return received;
        }
        catch (final InterruptedException ex)
        {
            throw new AssertionError(ex);
        }
    }

    /**
     * Wait for the next thing of a type a user receives, skipping others.
     */
    public Received nextOf(final long userId, final String type, final long timeoutMs)
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (true)
        {
            final long left = deadline - System.currentTimeMillis();
            if (left <= 0)
            {
                throw new AssertionError("user " + userId + " received no " + type + " within " + timeoutMs + " ms");
            }
            final Received received = next(userId, left);
            if (received.type().equals(type))
            {
                return received;
            }
        }
    }

    /**
     * @return what a user received and nobody took yet, without waiting.
     */
    public List<Received> drain(final long userId)
    {
        final List<Received> all = new ArrayList<>();
        queue(userId).drainTo(all);
        return all;
    }

    /**
     * @return master events this gateway received so far.
     */
    public List<byte[]> masterEvents()
    {
        synchronized (events)
        {
            return new ArrayList<>(events);
        }
    }

    private BlockingQueue<Received> queue(final long userId)
    {
        return inbox.computeIfAbsent(userId, id -> new LinkedBlockingQueue<>());
    }

    private void pollLoop()
    {
        long nextHeartbeat = 0;
        while (running)
        {
            final int work;
            synchronized (link)
            {
                work = link.poll();
            }
            final long now = System.currentTimeMillis();
            if (now >= nextHeartbeat)
            {
                nextHeartbeat = now + 500;
                try
                {
                    master.call("ServerHeartbeat serverId=" + gatewayId + " load=1");
                }
                catch (final RuntimeException ex)
                {
                    // the cluster may be closing
                }
            }
            if (work == 0)
            {
                TestCluster.sleep(1);
            }
        }
    }

    private final class Listener implements GatewayLinkListener
    {
        public void onGameEvent(final long instanceId, final int kind, final LongArrayList recipients,
            final DirectBuffer payload, final int offset, final int length)
        {
            final byte[] bytes = new byte[length];
            payload.getBytes(offset, bytes);
            for (int i = 0; i < recipients.size(); i++)
            {
                queue(recipients.getLong(i)).add(new Received(instanceId, "EVENT", Integer.toString(kind), 0, bytes));
            }
        }

        public void onAccepted(final long instanceId, final long userId, final long sequence)
        {
            queue(userId).add(new Received(instanceId, "ACCEPTED", "", sequence, new byte[0]));
        }

        public void onError(final long instanceId, final long userId, final long sequence, final GameErrorCode code,
            final String reason)
        {
            queue(userId).add(new Received(instanceId, "ERROR", code.name(), sequence,
                reason.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }

        public void onPresence(final long instanceId, final long userId, final boolean seated,
            final LongArrayList recipients)
        {
            for (int i = 0; i < recipients.size(); i++)
            {
                queue(recipients.getLong(i)).add(new Received(instanceId, "PRESENCE", seated ? "SEATED" : "LEFT", userId,
                    new byte[0]));
            }
        }

        public void onClosed(final long instanceId, final InstanceCloseReason reason, final LongArrayList recipients,
            final String summary)
        {
            for (int i = 0; i < recipients.size(); i++)
            {
                queue(recipients.getLong(i)).add(new Received(instanceId, "CLOSED", reason.name(), 0,
                    summary.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
        }
    }

    @Override
    public void close()
    {
        running = false;
        try
        {
            poller.join(5_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        CloseHelper.quietCloseAll(link, aeron, driver);
    }
}
