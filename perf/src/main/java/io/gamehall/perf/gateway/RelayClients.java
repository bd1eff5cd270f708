package io.gamehall.perf.gateway;

import io.gamehall.client.GameClient;
import io.gamehall.client.GameClientListener;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The measuring clients of {@link GatewayBenchmark}, in a JVM of their own (or, to compare, in
 * the server's): each player
 * connects, registers and creates a one-seat {@link EchoGame}; then all of them together send
 * game messages at a fixed rate and each round trip is recorded from when its message was due
 * (coordinated omission corrected; the sender parks between messages, so its own late wake-ups
 * count in the figures too). Reports in lines (to its parent through its standard
 * streams): {@code READY}; {@code MEASURING} half a second before the measured window opens and
 * {@code MEASURED <sent>} just after it closes, the span over which both JVMs read their CPU and
 * allocation ({@code <sent>}: messages sent in that span), so that taking those readings never
 * delays a measured message; then {@code RESULT} and {@code CLIENT} lines; ends by
 * itself, and at once when its input closes (the parent is gone).
 * Arguments: url players rate seconds warmup.
 */
public final class RelayClients
{
    private static final long SETUP_TIMEOUT_S = 30;
    /**
     * The CPU and allocation readings are taken this long before the latency window opens and {@link #USAGE_TAIL_NS}
     * after it closes: each takes 3-6 ms of CPU in each JVM, which at the window's edge delayed the messages due
     * then (a 6-12 ms stall at the window's first tenth of a second in most runs).
     */
    private static final long USAGE_LEAD_NS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long USAGE_TAIL_NS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    // the legs of the round trip, split where the echo game stamps the message (same machine, same clock)
    private final Histogram there = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    private final Histogram back = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    // how late the sender handed each message over (sender's thread only)
    private final Histogram senderLag = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    private final Consumer<String> report;
    private final long[] worstPerTenth = new long[10 * 600];
    private volatile long startNs;
    private volatile long recordFromNs = Long.MAX_VALUE;
    private volatile long recordToNs = Long.MIN_VALUE;
    private volatile long received;
    private volatile JvmUsage.Snapshot usageBefore;
    private volatile JvmUsage.Snapshot usageAfter;

    /**
     * @param report where the protocol lines go (standard output in a JVM of their own).
     */
    RelayClients(final Consumer<String> report)
    {
        this.report = report;
    }

    public static void main(final String[] args) throws Exception
    {
        final Thread watchdog = new Thread(() ->
        {
            try
            {
                while (System.in.read() >= 0)
                {
                    // the parent closes our input when it wants us gone
                }
            }
            catch (final java.io.IOException ignore)
            {
                // same
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watch");
        watchdog.setDaemon(true);
        watchdog.start();
        new RelayClients(line ->
        {
            System.out.println(line);
            System.out.flush();
        }).run(args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
            Integer.parseInt(args[4]));
        System.exit(0);
    }

    /**
     * Set the players up, send for warm-up and measured seconds, report; bounded in time.
     */
    void run(final String url, final int players, final int rate, final int seconds, final int warmup)
        throws Exception
    {
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("relay-clients"),
            NioIoHandler.newFactory());
        final GameClient[] clients = new GameClient[players];
        try
        {
            final long[] instances = new long[players];
            final GameClientListener listener = new GameClientListener()
            {
                public void onGameEvent(final long instanceId, final int kind, final DirectBuffer payload,
                    final int offset, final int length)
                {
                    final long now = System.nanoTime();
                    final long dueNs = payload.getLong(offset, java.nio.ByteOrder.BIG_ENDIAN);
                    final long latency = now - dueNs;
                    received++;
                    if (dueNs >= recordFromNs && dueNs < recordToNs)
                    {
                        final long hostNs = length >= EchoGame.STAMPED_LENGTH ?
                            payload.getLong(offset + Long.BYTES, java.nio.ByteOrder.BIG_ENDIAN) : 0;
                        synchronized (histogram)
                        {
                            histogram.recordValue(Math.min(latency, histogram.getHighestTrackableValue()));
                            if (hostNs != 0)
                            {
                                there.recordValue(Math.max(0, Math.min(hostNs - dueNs, there.getHighestTrackableValue())));
                                back.recordValue(Math.max(0, Math.min(now - hostNs, back.getHighestTrackableValue())));
                            }
                            final int tenth = (int)((dueNs - startNs) / 100_000_000L);
                            if (tenth >= 0 && tenth < worstPerTenth.length && latency > worstPerTenth[tenth])
                            {
                                worstPerTenth[tenth] = latency;
                            }
                        }
                    }
                }
            };
            for (int i = 0; i < players; i++)
            {
                clients[i] = GameClient.connect(new GameClient.Context().gateways(List.of(url)).eventLoopGroup(group)
                    .listener(listener).seed(i)).get(SETUP_TIMEOUT_S, TimeUnit.SECONDS);
                clients[i].register("player-" + i, "player-password").get(SETUP_TIMEOUT_S, TimeUnit.SECONDS);
                instances[i] = clients[i].create(EchoGame.TYPE_ID, 1).get(SETUP_TIMEOUT_S, TimeUnit.SECONDS)
                    .instanceId();
            }
            // the first reading loads the JVM's management classes (~50 ms): not on the sender's thread at the
            // start of the measured window, where it held every message due meanwhile back (a stall in the figures)
            JvmUsage.take();
            report.accept("READY " + players);
            send(clients, instances, rate, seconds, warmup);
        }
        finally
        {
            for (final GameClient client : clients)
            {
                if (client != null)
                {
                    client.close();
                }
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static String leg(final String name, final Histogram h)
    {
        return String.format("%s p50 %.3f ms, p99 %.3f ms, max %.3f ms", name, h.getValueAtPercentile(50) / 1e6,
            h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6);
    }

    /**
     * Takes the JVM readings (telling the server's JVM to take its own) at {@code fromNs} and {@code toNs}: just
     * outside the measured window.
     */
    private void readUsage(final long fromNs, final long toNs)
    {
        sleepUntil(fromNs);
        report.accept("MEASURING");
        usageBefore = JvmUsage.take();
        sleepUntil(toNs);
        usageAfter = JvmUsage.take();
    }

    private static void sleepUntil(final long nanoTime)
    {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime())
        {
            LockSupport.parkNanos(left);
        }
    }

    private void send(final GameClient[] clients, final long[] instances, final int rate, final int seconds,
        final int warmup) throws InterruptedException
    {
        final int players = clients.length;
        final long intervalNs = TimeUnit.SECONDS.toNanos(1) / rate;
        final long start = System.nanoTime();
        final Instant startedAt = Instant.now();
        startNs = start;
        final long recordFrom = start + TimeUnit.SECONDS.toNanos(warmup);
        final long end = recordFrom + TimeUnit.SECONDS.toNanos(seconds);
        recordFromNs = recordFrom;
        recordToNs = end;
        // the readings at the window's edges (~3-6 ms of CPU each here) are taken on a thread of their own: on the
        // sender's thread they held back every message due meanwhile, a stall at the start of every window
        final long usageFrom = recordFrom - USAGE_LEAD_NS;
        final Thread usageReader = new Thread(() -> readUsage(usageFrom, end + USAGE_TAIL_NS), "relay-usage");
        usageReader.setDaemon(true);
        usageReader.start();
        long due = start;
        long sent = 0;
        long recordedSent = 0;
        long usageSent = 0;
        final byte[] payload = new byte[EchoGame.STAMPED_LENGTH];
        final ByteBuffer payloadView = ByteBuffer.wrap(payload);
        while (due < end)
        {
            final long now = System.nanoTime();
            if (now < due)
            {
                // park, never spin: on two cores a sender yielding in a loop took 13-35% of a core from the system
                // it measures; a late wake-up (the kernel's timer slack, ~50 us) counts in the round trip, which is
                // measured from when the message was due, and whatever is due by then goes out at once
                LockSupport.parkNanos(due - now);
                continue;
            }
            final int p = (int)(sent % players);
            payloadView.putLong(0, due);
            clients[p].post(instances[p], 1, payload);
            sent++;
            if (due >= usageFrom)
            {
                usageSent++;
            }
            if (due >= recordFrom)
            {
                recordedSent++;
                senderLag.recordValue(Math.min(now - due, senderLag.getHighestTrackableValue()));
            }
            due += intervalNs;
        }
        usageReader.join(TimeUnit.SECONDS.toMillis(5));
        final JvmUsage.Snapshot before = usageBefore;
        final JvmUsage.Snapshot after = usageAfter;
        report.accept("MEASURED " + usageSent);
        final long drainUntil = System.currentTimeMillis() + 2_000;
        while (received < sent && System.currentTimeMillis() < drainUntil)
        {
            Thread.sleep(10);
        }
        final Histogram h;
        final Histogram hostBound;
        final Histogram clientBound;
        synchronized (histogram)
        {
            recordToNs = Long.MIN_VALUE;
            h = histogram.copy();
            hostBound = there.copy();
            clientBound = back.copy();
        }
        report.accept(String.format("RESULT relay round trip (client -> gateway -> host -> gateway -> client) at %,d " +
            "messages/s, %d players: %,d of %,d measured messages back; p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, " +
            "p99.9 %.3f ms, max %.3f ms", rate, players, h.getTotalCount(), recordedSent,
            h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(90) / 1e6, h.getValueAtPercentile(99) / 1e6,
            h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6));
        report.accept("RESULT   legs: " + leg("due -> host", hostBound) + "; " + leg("host -> client", clientBound) +
            "; " + leg("sender lag (due -> handed to the SDK)", senderLag));
        final StringBuilder stalls = new StringBuilder();
        synchronized (histogram)
        {
            for (int tenth = 0; tenth < worstPerTenth.length; tenth++)
            {
                if (worstPerTenth[tenth] >= 5_000_000L)
                {
                    stalls.append(String.format(" %.1fs:%.0fms", tenth / 10.0, worstPerTenth[tenth] / 1e6));
                }
            }
        }
        report.accept("RESULT   tenths of a second (from the start of warm-up, " + startedAt +
            ") whose worst round trip was 5 ms or more:" +
            (stalls.length() == 0 ? " none" : stalls.toString()));
        if (before != null && after != null)
        {
            for (final String line : JvmUsage.describe(before, after, usageSent, 4))
            {
                report.accept("CLIENT " + line);
            }
        }
    }
}
