package io.gamehall.perf.gateway;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.gamehall.client.GameClient;
import io.gamehall.client.GameClientListener;
import io.gamehall.gateway.SessionGateway;
import io.gamehall.host.GameHost;
import io.gamehall.host.games.SampleGames;
import io.gamehall.master.EngineConfig;
import io.gamehall.replication.ClientRole;
import io.gamehall.replication.LoopbackMembers;
import io.gamehall.replication.MasterNode;
import io.gamehall.store.Store;
import io.gamehall.store.StoreConfig;
import io.gamehall.store.kv.Keyspace;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.BackoffIdleStrategy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What one gateway holds and how fast it relays, on this machine: a one-node master, a game
 * host and a gateway in this JVM; idle logged-in sessions opened from a second JVM; then a
 * few clients in this JVM send game messages at a fixed rate to an echo game and the round
 * trip client → gateway → host → gateway → client is recorded (coordinated omission
 * corrected: latency is measured from when each message was due).
 */
@Command(name = "gateway-benchmark", mixinStandardHelpOptions = true,
    description = "Concurrent sessions and relay latency of one session gateway.")
public final class GatewayBenchmark implements java.util.concurrent.Callable<Integer>
{
    @Option(names = "--sessions", defaultValue = "15000",
        description = "Idle logged-in sessions, opened from a second JVM (default ${DEFAULT-VALUE}; a process may " +
            "hold only `ulimit -n` sockets).")
    int sessions;

    @Option(names = "--players", defaultValue = "100", description = "Clients sending game messages (default ${DEFAULT-VALUE}).")
    int players;

    @Option(names = "--rate", defaultValue = "10000", description = "Game messages per second, all players together (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup", defaultValue = "5", description = "Warm-up seconds (default ${DEFAULT-VALUE}).")
    int warmup;

    private final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    private volatile boolean recording;
    private volatile long received;

    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new GatewayBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception
    {
        final File baseDir = Files.createTempDirectory("gamehall-gateway-bench-").toFile();
        final List<AutoCloseable> closeables = new ArrayList<>();
        Process idle = null;
        try
        {
            final MediaDriver driver = MediaDriver.launch(new MediaDriver.Context()
                .aeronDirectoryName(new File(baseDir, "aeron").getPath())
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new BackoffIdleStrategy(10, 20, 1_000, 100_000))
                .termBufferSparseFile(true)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true));
            closeables.add(driver);
            final MasterNode node = MasterNode.launch(new MasterNode.Context()
                .members(LoopbackMembers.free(1))
                .dataDir(new File(baseDir, "master"))
                .secrets(Map.of(ClientRole.GATEWAY, "g", ClientRole.HOST, "h", ClientRole.ADMIN, "a"))
                .snapshotIntervalMs(0)
                .journalEnabled(false)
                .engineConfig(new EngineConfig().serverTimeoutMs(60_000)));
            closeables.add(node);
            final String endpoints = MasterNode.Context.ingressEndpoints(node.context().members());
            final long accounts = sessions + players + 1_000L;
            final Store store = Store.open(new StoreConfig()
                .chronicleDir(new File(baseDir, "store"))
                .chronicleEntries(Keyspace.ACCOUNT, accounts)
                .chronicleEntries(Keyspace.NAME, accounts)
                .chronicleEntries(Keyspace.PROFILE, accounts));
            closeables.add(store);
            final GameHost host = GameHost.launch(new GameHost.Context()
                .masterEndpoints(endpoints).secret("h")
                .games(SampleGames.catalog().register(EchoGame.TYPE_ID, "echo", EchoGame::new))
                .store(store)
                .aeronDirectoryName(driver.aeronDirectoryName()));
            closeables.add(host);
            final SessionGateway gateway = SessionGateway.launch(new SessionGateway.Context()
                .masterEndpoints(endpoints).gatewaySecret("g").tokenSecret("benchmark-token-secret")
                .port(0).store(store).passwordIterations(1_000).maxSessions(1_000_000)
                .aeronDirectoryName(driver.aeronDirectoryName()));
            closeables.add(gateway);
            System.out.printf("gateway benchmark: %,d idle sessions, then %d players at %,d messages/s for %d s " +
                "(%d s warm-up), %d cores%n", sessions, players, rate, seconds, warmup,
                Runtime.getRuntime().availableProcessors());

            final long heapBefore = usedHeap();
            final long openStart = System.nanoTime();
            idle = startIdleClients(gateway.url());
            final double openSeconds = (System.nanoTime() - openStart) / 1e9;
            final long heapAfter = usedHeap();
            System.out.printf("idle sessions: %,d held by the gateway (opened and logged in in %.1f s: %,.0f/s); " +
                "heap +%,d bytes, %,d per session (gateway, master and store in this JVM)%n",
                gateway.sessions(), openSeconds, sessions / openSeconds, heapAfter - heapBefore,
                (heapAfter - heapBefore) / Math.max(1, gateway.sessions()));

            relay(gateway.url(), closeables);
            System.out.printf("sessions still held after the relay run: %,d%n", gateway.sessions());
            return 0;
        }
        finally
        {
            if (idle != null)
            {
                idle.getOutputStream().close();
                if (!idle.waitFor(20, TimeUnit.SECONDS))
                {
                    idle.destroyForcibly();
                }
            }
            for (int i = closeables.size() - 1; i >= 0; i--)
            {
                CloseHelper.quietClose(closeables.get(i));
            }
            IoUtil.delete(baseDir, true);
        }
    }

    private void relay(final String url, final List<AutoCloseable> closeables) throws Exception
    {
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        closeables.add(() -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly());
        final GameClient[] clients = new GameClient[players];
        final long[] instances = new long[players];
        final GameClientListener listener = new GameClientListener()
        {
            public void onGameEvent(final long instanceId, final int kind, final DirectBuffer payload, final int offset,
                final int length)
            {
                final long dueNs = payload.getLong(offset, java.nio.ByteOrder.BIG_ENDIAN);
                final long latency = System.nanoTime() - dueNs;
                received++;
                if (recording)
                {
                    synchronized (histogram)
                    {
                        histogram.recordValue(Math.min(latency, histogram.getHighestTrackableValue()));
                    }
                }
            }
        };
        for (int i = 0; i < players; i++)
        {
            clients[i] = GameClient.connect(new GameClient.Context().gateways(List.of(url)).eventLoopGroup(group)
                .listener(listener).seed(i)).join();
            closeables.add(clients[i]);
            clients[i].register("player-" + i, "player-password").join();
            instances[i] = clients[i].create(EchoGame.TYPE_ID, 1).join().instanceId();
        }
        final long intervalNs = TimeUnit.SECONDS.toNanos(1) / rate;
        final long start = System.nanoTime();
        final long recordFrom = start + TimeUnit.SECONDS.toNanos(warmup);
        final long end = recordFrom + TimeUnit.SECONDS.toNanos(seconds);
        long due = start;
        long sent = 0;
        long recordedSent = 0;
        final byte[] payload = new byte[8];
        while (due < end)
        {
            final long now = System.nanoTime();
            if (now < due)
            {
                final long wait = due - now;
                if (wait > 80_000)
                {
                    LockSupport.parkNanos(wait - 70_000);
                }
                else
                {
                    Thread.yield();
                }
                continue;
            }
            if (!recording && due >= recordFrom)
            {
                recording = true;
            }
            final int p = (int)(sent % players);
            ByteBuffer.wrap(payload).putLong(due);
            clients[p].post(instances[p], 1, payload);
            sent++;
            if (recording)
            {
                recordedSent++;
            }
            due += intervalNs;
        }
        final long drainUntil = System.currentTimeMillis() + 2_000;
        while (received < sent && System.currentTimeMillis() < drainUntil)
        {
            Thread.sleep(10);
        }
        recording = false;
        final Histogram h;
        synchronized (histogram)
        {
            h = histogram.copy();
        }
        System.out.printf("relay round trip (client -> gateway -> host -> gateway -> client) at %,d messages/s, %d players: " +
            "%,d of %,d measured messages back; p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms%n",
            rate, players, h.getTotalCount(), recordedSent, h.getValueAtPercentile(50) / 1e6,
            h.getValueAtPercentile(90) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getValueAtPercentile(99.9) / 1e6,
            h.getMaxValue() / 1e6);
    }

    private Process startIdleClients(final String url) throws Exception
    {
        final String javaCommand = ProcessHandle.current().info().command().orElse("java");
        final List<String> command = new ArrayList<>(List.of(javaCommand, "-Xmx1g", "-XX:+UseSerialGC"));
        for (final String argument : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-") || argument.startsWith("-D"))
            {
                command.add(argument);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), IdleClients.class.getName(), url,
            Integer.toString(sessions), "idle-"));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null)
        {
            if (line.startsWith("PROGRESS"))
            {
                System.out.println("  " + line.toLowerCase() + " sessions");
            }
            else if (line.startsWith("READY"))
            {
                System.out.println("  idle clients: " + line);
                return process;
            }
            else if (line.startsWith("FAILED"))
            {
                System.out.println("  " + line);
            }
        }
        throw new IllegalStateException("the idle clients' JVM ended early");
    }

    private static long usedHeap() throws InterruptedException
    {
        for (int i = 0; i < 3; i++)
        {
            System.gc();
            Thread.sleep(100);
        }
        final Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
