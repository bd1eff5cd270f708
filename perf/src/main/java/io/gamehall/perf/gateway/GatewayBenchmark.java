package io.gamehall.perf.gateway;

import io.aeron.driver.MediaDriver;
import io.gamehall.aeron.IdleSettings;
import io.gamehall.aeron.LocalMediaDriver;
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
import io.gamehall.store.open.Stores;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What one gateway holds and how fast it relays, on this machine: a one-node master, a game
 * host and a gateway in this JVM (the server); idle logged-in sessions opened from a second
 * JVM ({@link IdleClients}); then a few clients in a third JVM ({@link RelayClients}) send game
 * messages at a fixed rate to an echo game and the round trip client → gateway → host →
 * gateway → client is recorded (coordinated omission corrected: latency is measured from when
 * each message was due). Over the measured window (from half a second before it to just after
 * it, so that taking the readings delays no measured message) both the server and the measuring
 * clients report what they allocated per message, by thread family, their collections and their CPU.
 * Both client JVMs are started and ended by this one, on loopback, each step with a deadline.
 */
@Command(name = "gateway-benchmark", mixinStandardHelpOptions = true,
    description = "Concurrent sessions and relay latency of one session gateway.")
public final class GatewayBenchmark implements java.util.concurrent.Callable<Integer>
{
    /** Seconds the relay clients may take to connect, register and create their instances. */
    private static final long SETUP_SECONDS = 120;

    @Option(names = "--sessions", defaultValue = "15000",
        description = "Idle logged-in sessions, opened from a second JVM (default ${DEFAULT-VALUE}; a process may " +
            "hold only `ulimit -n` sockets).")
    int sessions;

    @Option(names = "--gateways", defaultValue = "1",
        description = "Gateway processes sharing the idle sessions: the first in the server's JVM, each other in a JVM " +
            "of its own with a store of its own (default ${DEFAULT-VALUE}). One process may hold only `ulimit -n` " +
            "sockets; more gateways hold more sessions on one machine.")
    int gateways;

    @Option(names = "--udp",
        description = "Host and gateways talk over UDP, as on machines of their own, instead of IPC through the " +
            "media driver they share here (the default, as `gamehall local` runs).")
    boolean udp;

    @Option(names = "--host-runners", defaultValue = "0",
        description = "The game host's runner threads; 0 (default): as `gamehall host`, half the cores, at least 1 " +
            "(with 1, its inbound thread runs the runner too).")
    int hostRunners;

    @Option(names = "--players", defaultValue = "100",
        description = "Clients sending game messages, from a JVM of their own (default ${DEFAULT-VALUE}).")
    int players;

    @Option(names = "--rate", defaultValue = "10000", description = "Game messages per second, all players together (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup", defaultValue = "20", description = "Warm-up seconds (default ${DEFAULT-VALUE}: a " +
        "gateway's ping interval, so that its first round of pings to the idle sessions, and the JIT compiling that " +
        "code, come before the measured window, as in a gateway that has run for a while).")
    int warmup;

    @Option(names = "--clients-in-server-jvm",
        description = "Run the measuring clients on a thread of the server's JVM instead of in a JVM of their " +
            "own, to compare the two layouts.")
    boolean clientsInServerJvm;

    @Option(names = "--master-max-park-us", defaultValue = "1000",
        description = "Longest park of the stand-in master's idle threads (default ${DEFAULT-VALUE}; `gamehall " +
            "master` parks up to 100). The master is not on the relay path and in production runs on machines of " +
            "its own; parking up to 100 us, its idle threads here took ~10% of a core from the two the relay runs on.")
    long masterMaxParkMicros;

    @Option(names = "--gateway-io-threads", defaultValue = "2",
        description = "Netty I/O threads of the server JVM's gateway (default ${DEFAULT-VALUE}, as `gamehall gateway`).")
    int gatewayIoThreads;

    @Option(names = "--ping-interval-ms", defaultValue = "20000",
        description = "How long the server JVM's gateway waits on a quiet connection before pinging it (default " +
            "${DEFAULT-VALUE}, as `gamehall gateway`); its idle timeout is three of these, at least 60 s.")
    long pingIntervalMs;

    private final List<ClientJvm> extraGateways = new ArrayList<>();

    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new GatewayBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception
    {
        final File baseDir = Files.createTempDirectory("gamehall-gateway-bench-").toFile();
        final List<AutoCloseable> closeables = new ArrayList<>();
        final List<ClientJvm> idle = new ArrayList<>();
        try
        {
            // where the production processes put theirs (tmpfs, /dev/shm on Linux): on a disk file system the log
            // buffers are page cache whose first touch reads ahead and zeroes megabytes at once, on the relay path
            final MediaDriver driver = LocalMediaDriver.launch("gateway-bench");
            closeables.add(driver);
            final MasterNode node = MasterNode.launch(new MasterNode.Context()
                .members(LoopbackMembers.free(1))
                .dataDir(new File(baseDir, "master"))
                .secrets(Map.of(ClientRole.GATEWAY, "g", ClientRole.HOST, "h", ClientRole.ADMIN, "a"))
                .snapshotIntervalMs(0)
                .journalEnabled(false)
                .idle(IdleSettings.DEFAULT.withMaxParkMicros(masterMaxParkMicros))
                .engineConfig(new EngineConfig().serverTimeoutMs(60_000)));
            closeables.add(node);
            final String endpoints = MasterNode.Context.ingressEndpoints(node.context().members());
            final long accounts = sessions + players + 1_000L;
            final Store store = Stores.open(new StoreConfig()
                .chronicleDir(new File(baseDir, "store"))
                .chronicleEntries(Keyspace.ACCOUNT, accounts)
                .chronicleEntries(Keyspace.NAME, accounts)
                .chronicleEntries(Keyspace.PROFILE, accounts));
            closeables.add(store);
            final GameHost host = GameHost.launch(new GameHost.Context()
                .masterEndpoints(endpoints).secret("h").linkSecret("benchmark-link-secret")
                .games(SampleGames.catalog().register(EchoGame.TYPE_ID, "echo", EchoGame::new))
                .store(store)
                .sameDriverIpc(!udp)
                .runners(hostRunners == 0 ? GameHost.Context.defaultRunners() : hostRunners)
                .aeronDirectoryName(driver.aeronDirectoryName()));
            closeables.add(host);
            final SessionGateway gateway = SessionGateway.launch(gatewayContext(endpoints, store,
                driver.aeronDirectoryName(), !udp).ioThreads(gatewayIoThreads)
                .pingIntervalMs(pingIntervalMs).idleTimeoutMs(Math.max(60_000, pingIntervalMs * 3)));
            closeables.add(gateway);
            System.out.printf("gateway benchmark: %,d idle sessions on %d gateway(s), then %d players at %,d " +
                "messages/s for %d s (%d s warm-up), host and gateways over %s, %d cores%n", sessions, gateways,
                players, rate, seconds, warmup, udp ? "UDP" : "IPC", Runtime.getRuntime().availableProcessors());

            final List<String> urls = new ArrayList<>(List.of(gateway.url()));
            for (int g = 1; g < gateways; g++)
            {
                final ClientJvm extra = ClientJvm.start(GatewayJvm.class, "1g", endpoints, driver.aeronDirectoryName(),
                    new File(baseDir, "store-" + g).getPath(), Long.toString(sessions / gateways + 1_000L),
                    Integer.toString(g), Boolean.toString(!udp));
                extraGateways.add(extra);
                urls.add(awaitPrefix(extra, "URL ", TimeUnit.MINUTES.toMillis(2), "gateway " + (g + 1)));
            }

            final long heapBefore = usedHeap();
            final long openStart = System.nanoTime();
            for (int g = 0; g < gateways; g++)
            {
                final int share = sessions / gateways + (g == 0 ? sessions % gateways : 0);
                idle.add(ClientJvm.start(IdleClients.class, "1g", urls.get(g), Integer.toString(share),
                    "idle-" + g + "-"));
            }
            final long idleDeadlineMs = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(11);
            for (final ClientJvm process : idle)
            {
                awaitIdleClients(process, idleDeadlineMs);
            }
            final double openSeconds = (System.nanoTime() - openStart) / 1e9;
            final long heapAfter = usedHeap();
            System.out.printf("idle sessions opened and logged in in %.1f s: %,.0f/s%n", openSeconds,
                sessions / openSeconds);
            System.out.printf("  gateway 1 (this JVM): %,d sessions; heap +%,d bytes, %,d per session " +
                "(gateway, master and store in this JVM)%n", gateway.sessions(), heapAfter - heapBefore,
                (heapAfter - heapBefore) / Math.max(1, gateway.sessions()));
            System.out.printf("idle sessions held: %,d%n", gateway.sessions() + reportExtraGateways(true));

            JvmUsage.take(); // load the management classes now rather than at the start of the measured window
            relay(gateway.url());
            System.out.printf("sessions still held after the relay run: %,d%n",
                gateway.sessions() + reportExtraGateways(false));
            return 0;
        }
        finally
        {
            for (final ClientJvm process : idle)
            {
                process.close();
            }
            for (final ClientJvm process : extraGateways)
            {
                process.close();
            }
            for (int i = closeables.size() - 1; i >= 0; i--)
            {
                CloseHelper.quietClose(closeables.get(i));
            }
            IoUtil.delete(baseDir, true);
        }
    }

    private void relay(final String url) throws Exception
    {
        try (ClientLines clients = clientsInServerJvm ? new InProcessClients(url, players, rate, seconds, warmup) :
            ClientJvm.start(RelayClients.class, "512m", url, Integer.toString(players), Integer.toString(rate),
                Integer.toString(seconds), Integer.toString(warmup)))
        {
            final long deadlineMs = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(
                SETUP_SECONDS + warmup + seconds + 30L);
            JvmUsage.Snapshot before = null;
            JvmUsage.Snapshot after = null;
            long measured = 0;
            String line;
            while ((line = clients.nextLine(deadlineMs)) != null)
            {
                if (line.equals("MEASURING"))
                {
                    before = JvmUsage.take();
                }
                else if (line.startsWith("MEASURED "))
                {
                    after = JvmUsage.take();
                    measured = Long.parseLong(line.substring("MEASURED ".length()).trim());
                }
                else if (line.startsWith("RESULT "))
                {
                    System.out.println(line.substring("RESULT ".length()));
                }
                else if (line.startsWith("CLIENT ") && !clientsInServerJvm)
                {
                    System.out.println("  client JVM: " + line.substring("CLIENT ".length()));
                }
                else if (line.startsWith("READY "))
                {
                    System.out.println("  relay clients ready: " + line.substring("READY ".length()) + " players");
                }
                else if (line.contains("Exception") || line.contains("ERROR") || line.startsWith("relay clients failed"))
                {
                    System.out.println("  relay clients: " + line);
                }
            }
            if (before == null || after == null)
            {
                throw new IllegalStateException("the relay clients' JVM ended before the measured window was over");
            }
            final String jvm = clientsInServerJvm ? "  server JVM (clients too): " : "  server JVM: ";
            for (final String usage : JvmUsage.describe(before, after, measured, 12))
            {
                System.out.println(jvm + usage);
            }
        }
    }

    static SessionGateway.Context gatewayContext(final String masterEndpoints, final Store store,
        final String aeronDirectoryName, final boolean sameDriverIpc)
    {
        return new SessionGateway.Context()
            .masterEndpoints(masterEndpoints).gatewaySecret("g").tokenSecret("benchmark-token-secret")
            .linkSecret("benchmark-link-secret")
            .port(0).store(store).passwordIterations(1_000).maxSessions(1_000_000)
            // every client is on 127.0.0.1: no per-address limits
            .maxConnections(1_000_000).maxConnectionsPerAddress(1_000_000).authQueue(100_000)
            .authQueuePerAddress(100_000).registrationsPerAddress(1_000_000).addressFailuresBeforeBackoff(1_000_000)
            .loginTimeoutMs(60_000)
            .aeronDirectoryName(aeronDirectoryName).sameDriverIpc(sameDriverIpc);
    }

    private static void awaitIdleClients(final ClientJvm process, final long deadlineMs) throws Exception
    {
        String line;
        while ((line = process.nextLine(deadlineMs)) != null)
        {
            if (line.startsWith("PROGRESS"))
            {
                System.out.println("  " + line.toLowerCase() + " sessions");
            }
            else if (line.startsWith("READY"))
            {
                System.out.println("  idle clients: " + line);
                return;
            }
            else if (line.startsWith("FAILED"))
            {
                System.out.println("  " + line);
            }
        }
        throw new IllegalStateException("an idle clients' JVM ended early or did not open its sessions in time");
    }

    private static String awaitPrefix(final ClientJvm process, final String prefix, final long waitMs,
        final String what) throws InterruptedException
    {
        final long deadlineMs = System.currentTimeMillis() + waitMs;
        String line;
        while ((line = process.nextLine(deadlineMs)) != null)
        {
            if (line.startsWith(prefix))
            {
                return line.substring(prefix.length()).trim();
            }
            System.out.println("  " + what + ": " + line);
        }
        throw new IllegalStateException(what + " ended or did not answer in time");
    }

    /**
     * Ask each gateway in a JVM of its own what it holds; print it when {@code print}.
     *
     * @return the sessions they hold together.
     */
    private long reportExtraGateways(final boolean print) throws Exception
    {
        long total = 0;
        for (int g = 0; g < extraGateways.size(); g++)
        {
            final ClientJvm extra = extraGateways.get(g);
            extra.send("REPORT");
            final String[] f = awaitPrefix(extra, "SESSIONS ", TimeUnit.SECONDS.toMillis(30), "gateway " + (g + 2))
                .split(" ");
            final long held = Long.parseLong(f[0]);
            final long heap = Long.parseLong(f[2]) - Long.parseLong(f[4]);
            total += held;
            if (print)
            {
                System.out.printf("  gateway %d (a JVM of its own): %,d sessions; heap +%,d bytes, %,d per session " +
                    "(the gateway and its store alone)%n", g + 2, held, heap, heap / Math.max(1, held));
            }
        }
        return total;
    }

    static long usedHeap() throws InterruptedException
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
