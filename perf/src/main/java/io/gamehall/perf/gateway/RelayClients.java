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

    private final Consumer<String> report;
    /** A rehearsal in the warm-up, then the measured window: set when sending starts. */
    private volatile Recording[] recordings = new Recording[0];
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
                    final long hostNs = length >= EchoGame.STAMPED_LENGTH ?
                        payload.getLong(offset + Long.BYTES, java.nio.ByteOrder.BIG_ENDIAN) : 0;
                    received++;
                    for (final Recording recording : recordings)
                    {
                        recording.received(dueNs, hostNs, now);
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
        final long warmupNs = TimeUnit.SECONDS.toNanos(warmup);
        final long recordFrom = start + warmupNs;
        final long end = recordFrom + TimeUnit.SECONDS.toNanos(seconds);
        final Recording window = new Recording(start, recordFrom, end);
        final Recording[] both = {new Recording(start, start + warmupNs / 4, start + warmupNs / 2), window};
        recordings = both;
        // the readings at the window's edges (~3-6 ms of CPU each here) are taken on a thread of their own: on the
        // sender's thread they held back every message due meanwhile, a stall at the start of every window
        final long usageFrom = recordFrom - USAGE_LEAD_NS;
        final Thread usageReader = new Thread(() -> readUsage(usageFrom, end + USAGE_TAIL_NS), "relay-usage");
        usageReader.setDaemon(true);
        usageReader.start();
        long due = start;
        long sent = 0;
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
            for (final Recording recording : both)
            {
                recording.sent(due, now);
            }
            due += intervalNs;
        }
        // every message due is sent, so those due from usageFrom on are all but the first ones
        final long usageSent = sent - Math.max(0, (usageFrom - start + intervalNs - 1) / intervalNs);
        final long recordedSent = window.sent();
        usageReader.join(TimeUnit.SECONDS.toMillis(5));
        final JvmUsage.Snapshot before = usageBefore;
        final JvmUsage.Snapshot after = usageAfter;
        report.accept("MEASURED " + usageSent);
        final long drainUntil = System.currentTimeMillis() + 2_000;
        while (received < sent && System.currentTimeMillis() < drainUntil)
        {
            Thread.sleep(10);
        }
        final Recording.Figures figures = window.figures();
        final Histogram h = figures.roundTrip();
        report.accept(String.format("RESULT relay round trip (client -> gateway -> host -> gateway -> client) at %,d " +
            "messages/s, %d players: %,d of %,d measured messages back; p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, " +
            "p99.9 %.3f ms, max %.3f ms", rate, players, h.getTotalCount(), recordedSent,
            h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(90) / 1e6, h.getValueAtPercentile(99) / 1e6,
            h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6));
        report.accept("RESULT   legs: " + leg("due -> host", figures.there()) + "; " + leg("host -> client",
            figures.back()) + "; " + leg("sender lag (due -> handed to the SDK)", figures.senderLag()));
        final StringBuilder stalls = new StringBuilder();
        final long[] worstPerTenth = figures.worstPerTenth();
        for (int tenth = 0; tenth < worstPerTenth.length; tenth++)
        {
            if (worstPerTenth[tenth] >= 5_000_000L)
            {
                stalls.append(String.format(" %.1fs:%.0fms", tenth / 10.0, worstPerTenth[tenth] / 1e6));
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

    /**
     * The figures of the messages due in one stretch of the run. The measured window is one; a rehearsal in the
     * middle of the warm-up is another, recorded and thrown away, so that the recording code has run with both of
     * its branches taken before the window opens. Compiled after a warm-up that recorded nothing, the first message
     * recorded took a branch the JIT had never seen taken: the compiled code was thrown away (deoptimised) and
     * compiled again inside the window, 100 ms or more of one core for the compiler in every run.
     */
    private static final class Recording
    {
        private static final long HIGHEST_NS = TimeUnit.SECONDS.toNanos(10);

        private final long startNs;
        private final long fromNs;
        private final long toNs;
        private final Histogram roundTrip = new Histogram(HIGHEST_NS, 3);
        // the legs of the round trip, split where the echo game stamps the message (same machine, same clock)
        private final Histogram there = new Histogram(HIGHEST_NS, 3);
        private final Histogram back = new Histogram(HIGHEST_NS, 3);
        // how late the sender handed each message over (sender's thread only)
        private final Histogram senderLag = new Histogram(HIGHEST_NS, 3);
        // the worst round trip of the messages due in each tenth of a second from the start of sending
        private final long[] worstPerTenth = new long[10 * 600];
        private long sent;

        /**
         * @param startNs when sending started (tenths of a second are counted from there).
         * @param fromNs  messages due from here...
         * @param toNs    ...to here (exclusive) are recorded.
         */
        Recording(final long startNs, final long fromNs, final long toNs)
        {
            this.startNs = startNs;
            this.fromNs = fromNs;
            this.toNs = toNs;
        }

        /**
         * A message came back (I/O thread).
         *
         * @param hostNs when the host had it, 0 if not stamped.
         */
        synchronized void received(final long dueNs, final long hostNs, final long now)
        {
            if (dueNs < fromNs || dueNs >= toNs)
            {
                return;
            }
            final long latency = now - dueNs;
            roundTrip.recordValue(Math.min(latency, HIGHEST_NS));
            if (hostNs != 0)
            {
                there.recordValue(Math.max(0, Math.min(hostNs - dueNs, HIGHEST_NS)));
                back.recordValue(Math.max(0, Math.min(now - hostNs, HIGHEST_NS)));
            }
            final int tenth = (int)((dueNs - startNs) / 100_000_000L);
            if (tenth >= 0 && tenth < worstPerTenth.length && latency > worstPerTenth[tenth])
            {
                worstPerTenth[tenth] = latency;
            }
        }

        /**
         * A message was handed to the SDK (sender's thread only).
         */
        void sent(final long dueNs, final long now)
        {
            if (dueNs < fromNs || dueNs >= toNs)
            {
                return;
            }
            sent++;
            senderLag.recordValue(Math.min(now - dueNs, HIGHEST_NS));
        }

        /**
         * @return messages sent in the stretch (sender's thread only).
         */
        long sent()
        {
            return sent;
        }

        record Figures(Histogram roundTrip, Histogram there, Histogram back, Histogram senderLag, long[] worstPerTenth)
        {
        }

        /**
         * @return copies of the figures so far (the sender lag's only from the sender's thread).
         */
        synchronized Figures figures()
        {
            return new Figures(roundTrip.copy(), there.copy(), back.copy(), senderLag.copy(), worstPerTenth.clone());
        }
    }
}
