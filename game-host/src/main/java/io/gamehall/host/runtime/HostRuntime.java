package io.gamehall.host.runtime;

import io.aeron.Aeron;
import io.aeron.Counter;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.gamehall.aeron.DriverDirectoryCheck;
import io.gamehall.aeron.LocalMediaDriver;
import io.gamehall.link.LinkChannels;
import io.gamehall.link.SameDriver;
import io.gamehall.replication.client.MasterClient;
import io.gamehall.store.Store;
import io.gamehall.store.open.Stores;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.SystemEpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The parts of a running game host wired together: media driver, store, runners, the
 * inbound thread and the master link. {@code io.gamehall.host.GameHost} is its public face.
 */
public final class HostRuntime implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(HostRuntime.class);

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final HostCounters counters = new HostCounters();
    private final AtomicInteger load = new AtomicInteger();
    private final CountDownLatch drained = new CountDownLatch(1);
    private volatile boolean draining;
    private MasterLink master;
    private String endpoint;

    private HostRuntime()
    {
    }

    /**
     * Start everything and register with the master.
     */
    public static HostRuntime start(final HostSettings ctx)
    {
        final HostRuntime runtime = new HostRuntime();
        try
        {
            runtime.startParts(ctx);
            return runtime;
        }
        catch (final RuntimeException ex)
        {
            runtime.close();
            throw ex;
        }
    }

    private void startParts(final HostSettings ctx)
    {
        String aeronDir = ctx.aeronDirectoryName();
        if (aeronDir == null)
        {
            final MediaDriver driver = LocalMediaDriver.launch("host", ctx.idle());
            closeables.add(0, driver);
            aeronDir = driver.aeronDirectoryName();
        }
        else
        {
            DriverDirectoryCheck.warnIfNotInMemory(aeronDir);
        }
        final Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
        closeables.add(0, aeron);

        final Store store;
        if (ctx.store() != null)
        {
            store = ctx.store();
        }
        else
        {
            store = Stores.open(ctx.storeConfig());
            closeables.add(0, store);
        }

        final Subscription subscription = aeron.addSubscription(
            "aeron:udp?endpoint=" + ctx.bindAddress() + ":" + ctx.port(), LinkChannels.HOST_STREAM_ID);
        closeables.add(0, subscription);
        endpoint = "aeron:udp?endpoint=" + ctx.bindAddress() + ":" + resolvePort(subscription);
        if (!isLoopback(ctx.bindAddress()))
        {
            LOG.warn("game traffic from gateways arrives on {}, not a loopback address: Aeron UDP is neither " +
                "encrypted nor authenticated per message, so keep it on a private network or an encrypted overlay " +
                "(WireGuard, IPsec)", endpoint);
        }
        final String name = ctx.name() != null ? ctx.name() : "host-" + endpoint.substring(endpoint.lastIndexOf(':') + 1);
        Subscription ipcSubscription = null;
        if (ctx.sameDriverIpc())
        {
            final Counter advertised = SameDriver.advertiseHost(aeron, endpoint);
            closeables.add(0, advertised);
            ipcSubscription = aeron.addSubscription(SameDriver.IPC_CHANNEL, (int)advertised.get());
            closeables.add(0, ipcSubscription);
        }

        final GatewayLinks gateways = new GatewayLinks(aeron, counters, 1_000, ctx.maxGatewayLinks());
        closeables.add(0, gateways);
        final HostRunner[] runners = new HostRunner[ctx.runners()];
        final int[] gameTypes = ctx.gameTypes().stream().mapToInt(Integer::intValue).toArray();
        master = new MasterLink(runners, load, name, endpoint, ctx.capacity(), gameTypes, ctx.softwareVersion(),
            ctx.heartbeatIntervalMs(), () -> draining = true);
        for (int i = 0; i < runners.length; i++)
        {
            runners[i] = new HostRunner(i, ctx.inboxBytes(), ctx.games(), store, master, gateways, counters, load,
                SystemEpochClock.INSTANCE);
        }
        // with one runner, the inbound thread runs it too: one thread, no hand-off between two
        final boolean oneThread = runners.length == 1;
        for (int i = oneThread ? 1 : 0; i < runners.length; i++)
        {
            final AgentRunner thread = new AgentRunner(ctx.idle().newStrategy(), this::onError, null, runners[i]);
            AgentRunner.startOnThread(thread);
            closeables.add(0, thread);
        }

        final MasterClient client = MasterClient.launch(new MasterClient.Context()
            .ingressEndpoints(ctx.masterEndpoints())
            .egressHost(ctx.masterEgressHost())
            .role(ctx.role())
            .secret(ctx.secret())
            .clientId(ctx.clientId())
            .aeronDirectoryName(aeronDir)
            .idle(ctx.idle())
            .listener(master.listener()));
        master.client(client);
        closeables.add(0, client);

        final InboundAgent inbound = new InboundAgent(subscription, ipcSubscription, runners, gateways, counters,
            ctx.maxPayloadBytes(), endpoint, ctx.linkSecret().getBytes(java.nio.charset.StandardCharsets.UTF_8),
            this::onDuty);
        final AgentRunner inboundThread = new AgentRunner(ctx.idle().newStrategy(), this::onError, null,
            oneThread ? new CompositeAgent(inbound, runners[0]) : inbound);
        master.register(ctx.registerTimeoutMs());
        AgentRunner.startOnThread(inboundThread);
        closeables.add(0, inboundThread);
        LOG.info("game host {} ready: endpoint {} stream {}, {} runners, capacity {}, games {}, store {}",
            name, endpoint, LinkChannels.HOST_STREAM_ID, runners.length, ctx.capacity(), ctx.gameTypes(), store.describe());
    }

    private void onDuty()
    {
        master.onDuty(System.currentTimeMillis());
        if (draining && load.get() == 0 && drained.getCount() > 0)
        {
            LOG.info("drained: the last instance ended");
            drained.countDown();
        }
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

    private static int resolvePort(final Subscription subscription)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline)
        {
            final String resolved = subscription.tryResolveChannelEndpointPort();
            if (resolved != null)
            {
                final String endpoint = resolved.substring(resolved.indexOf("endpoint=") + "endpoint=".length());
                final int end = endpoint.indexOf('|');
                final String hostPort = end < 0 ? endpoint : endpoint.substring(0, end);
                final int port = Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
                if (port != 0)
                {
                    return port;
                }
            }
            Thread.yield();
        }
        throw new IllegalStateException("the host's endpoint did not bind: " + subscription.channel());
    }

    private void onError(final Throwable ex)
    {
        LOG.error("game host thread error", ex);
    }

    public long serverId()
    {
        return master.serverId();
    }

    public String endpoint()
    {
        return endpoint;
    }

    public int load()
    {
        return load.get();
    }

    public HostCounters counters()
    {
        return counters;
    }

    public boolean isDraining()
    {
        return draining;
    }

    public boolean awaitDrained(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return drained.await(timeout, unit);
    }

    @Override
    public void close()
    {
        for (final AutoCloseable closeable : closeables)
        {
            CloseHelper.quietClose(closeable);
        }
        closeables.clear();
    }
}
