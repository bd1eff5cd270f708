package io.gamehall.perf;

import io.gamehall.master.EngineConfig;
import io.gamehall.perf.cluster.InProcessCluster;
import io.gamehall.perf.cluster.ServiceKind;
import io.gamehall.replication.ClientRole;
import io.gamehall.replication.client.MasterClient;
import io.gamehall.replication.client.MasterClientListener;
import io.gamehall.sbe.master.CheckInUserEncoder;
import io.gamehall.sbe.master.CreateInstanceEncoder;
import io.gamehall.sbe.master.GetInstanceEncoder;
import io.gamehall.sbe.master.MessageHeaderEncoder;
import io.gamehall.sbe.master.RegisterServerEncoder;
import io.gamehall.sbe.master.ServerRole;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * How long a snapshot stops the master, against the size of its directories: one node in
 * this JVM (journal on or off), filled through an operator client with users (a fifth of them
 * owning an instance), then a probe client asks one lookup every millisecond while the node
 * takes a snapshot; the longest wait for an answer is the pause players would feel.
 * <p>
 * {@code java -Xmx4g <flags> -cp perf/target/benchmarks.jar io.gamehall.perf.cluster.SnapshotPauseBenchmark
 * --users 100000,500000}
 */
@Command(name = "snapshot-pause", mixinStandardHelpOptions = true,
    description = "Measure how long a snapshot stops one master node, for directories of several sizes.")
public final class SnapshotPauseBenchmark implements Callable<Integer>
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final Map<ClientRole, String> SECRETS = Map.of(
        ClientRole.GATEWAY, "pause-gateway", ClientRole.HOST, "pause-host", ClientRole.ADMIN, "pause-admin");

    @Option(names = "--users", split = ",", defaultValue = "100000,500000",
        description = "Users checked in before each snapshot (default ${DEFAULT-VALUE}).")
    int[] users;

    @Option(names = "--snapshots", defaultValue = "3", description = "Snapshots taken at each size (default ${DEFAULT-VALUE}).")
    int snapshots;

    @Option(names = "--journal", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Run the node with its command journal, which copies the snapshot too (default on).")
    boolean journal;

    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new SnapshotPauseBenchmark()).execute(args));
    }

    public Integer call() throws Exception
    {
        System.out.printf("%10s %10s %8s %8s %14s %14s %14s%n", "users", "instances", "journal", "#", "snapshot ms",
            "probe max ms", "probe p50 ms");
        for (final int count : users)
        {
            measure(count);
        }
        return 0;
    }

    private void measure(final int userCount) throws Exception
    {
        final File base = Files.createTempDirectory("snapshot-pause").toFile();
        final EngineConfig config = new EngineConfig().maxServers(64).maxUsers(userCount + 16)
            .maxInstances(userCount / 5 + 16).maxClients(64).dedupWindow(1024)
            // the fill sends no heartbeats: on a loaded machine it outlasts the default timeout
            .serverTimeoutMs(3_600_000);
        try (InProcessCluster cluster = InProcessCluster.start(journal ? ServiceKind.MASTER : ServiceKind.MASTER_NO_JOURNAL,
            1, new File(base, "nodes"), new File("/dev/shm"), ctx -> ctx.secrets(SECRETS).snapshotIntervalMs(0)
                .snapshotLogBytes(0).archiveSegmentLength(256 * 1024 * 1024).engineConfig(config)))
        {
            cluster.awaitLeader(30_000);
            final Load load = new Load();
            final MasterClient admin = MasterClient.launch(new MasterClient.Context()
                .ingressEndpoints(cluster.ingressEndpoints()).role(ClientRole.ADMIN).secret(SECRETS.get(ClientRole.ADMIN))
                .maxInFlight(1024).queueCapacity(1 << 22).requestTimeoutMs(60_000).listener(load));
            final Probe probe = new Probe();
            final MasterClient prober = MasterClient.launch(new MasterClient.Context()
                .ingressEndpoints(cluster.ingressEndpoints()).role(ClientRole.ADMIN).secret(SECRETS.get(ClientRole.ADMIN))
                .requestTimeoutMs(60_000).listener(probe));
            try
            {
                fill(admin, load, userCount);
                final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
                final int length = HEADER + new GetInstanceEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
                    .instanceId(1).encodedLength();
                for (int i = 0; i < 2_000; i++)
                {
                    probe.ask(prober, buffer, length);
                }
                for (int snapshot = 1; snapshot <= snapshots; snapshot++)
                {
                    final long snapshotsBefore = cluster.node(0).consensusModuleContext().snapshotCounter().get();
                    probe.reset();
                    final long snapshotStart = System.nanoTime();
                    boolean asked = false;
                    while (cluster.node(0).consensusModuleContext().snapshotCounter().get() == snapshotsBefore)
                    {
                        if (!asked)
                        {
                            asked = admin.requestSnapshot();
                        }
                        probe.ask(prober, buffer, length);
                        if (System.nanoTime() - snapshotStart > TimeUnit.MINUTES.toNanos(5))
                        {
                            throw new IllegalStateException("no snapshot within 5 minutes");
                        }
                    }
                    final long snapshotNs = System.nanoTime() - snapshotStart;
                    for (int i = 0; i < 500; i++)
                    {
                        probe.ask(prober, buffer, length);
                    }
                    System.out.printf("%,10d %,10d %8s %8d %,14.1f %,14.1f %,14.2f%n", userCount, userCount / 5,
                        journal ? "on" : "off", snapshot, snapshotNs / 1e6, probe.maxMs(), probe.medianMs());
                }
            }
            finally
            {
                prober.close();
                admin.close();
            }
        }
    }

    private static void fill(final MasterClient admin, final Load load, final int userCount)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final RegisterServerEncoder register = new RegisterServerEncoder();
        register.wrapAndApplyHeader(buffer, 0, header).role(ServerRole.GAME_HOST).capacity(userCount / 5 + 1)
            .gameTypesCount(1).next().gameType(1);
        register.name("host-a").endpoint("aeron:udp?endpoint=127.0.0.1:40001").softwareVersion("1");
        load.send(admin, buffer, HEADER + register.encodedLength());
        register.wrapAndApplyHeader(buffer, 0, header).role(ServerRole.GATEWAY).capacity(userCount + 1).gameTypesCount(0);
        register.name("gw-a").endpoint("ws://127.0.0.1:8080/ws").softwareVersion("1");
        load.send(admin, buffer, HEADER + register.encodedLength());
        load.await(2);
        final CheckInUserEncoder checkIn = new CheckInUserEncoder();
        final CreateInstanceEncoder create = new CreateInstanceEncoder();
        long sent = 2;
        for (int u = 0; u < userCount; u++)
        {
            final long userId = 1_000_000 + u;
            load.send(admin, buffer, HEADER + checkIn.wrapAndApplyHeader(buffer, 0, header).gatewayId(2).userId(userId)
                .userName("player" + u).encodedLength());
            sent++;
            if (u % 5 == 0)
            {
                load.send(admin, buffer, HEADER + create.wrapAndApplyHeader(buffer, 0, header).ownerId(userId).gameType(1)
                    .maxPlayers(8).encodedLength());
                sent++;
            }
        }
        load.await(sent);
        if (load.notOk.get() > 0)
        {
            throw new IllegalStateException(load.notOk.get() + " commands of the fill were refused");
        }
    }

    /** Counts answers to the fill and their codes. */
    private static final class Load implements MasterClientListener
    {
        final AtomicLong answered = new AtomicLong();
        final AtomicLong notOk = new AtomicLong();

        void send(final MasterClient client, final DirectBuffer buffer, final int length)
        {
            final BackoffIdleStrategy idle = new BackoffIdleStrategy();
            while (!client.offer(0, buffer, 0, length))
            {
                idle.idle();
            }
        }

        void await(final long count)
        {
            final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (answered.get() < count)
            {
                if (System.nanoTime() > deadline)
                {
                    throw new IllegalStateException("the fill was not answered in time: " + answered.get() + "/" + count);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }

        public void onResponse(final long tag, final DirectBuffer buffer, final int offset, final int length)
        {
            // CommandResult: code after clientId, requestId and command (uint16)
            final int code = buffer.getShort(offset + HEADER + 18, java.nio.ByteOrder.LITTLE_ENDIAN);
            if (code != 0)
            {
                if (notOk.incrementAndGet() == 1)
                {
                    System.err.println("first refusal in the fill: code " + code);
                }
            }
            answered.incrementAndGet();
        }

        public void onTimeout(final long tag)
        {
            if (notOk.incrementAndGet() == 1)
            {
                System.err.println("first refusal in the fill: no answer in time");
            }
            answered.incrementAndGet();
        }

        public void onEvent(final DirectBuffer buffer, final int offset, final int length)
        {
        }
    }

    /** One lookup a millisecond, one at a time; keeps the round trips. */
    private static final class Probe implements MasterClientListener
    {
        private volatile boolean waiting;
        private long sentNs;
        private final org.HdrHistogram.Histogram histogram = new org.HdrHistogram.Histogram(3);

        void ask(final MasterClient client, final DirectBuffer buffer, final int length)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            waiting = true;
            sentNs = System.nanoTime();
            while (!client.offer(0, buffer, 0, length))
            {
                LockSupport.parkNanos(10_000);
            }
            while (waiting)
            {
                LockSupport.parkNanos(10_000);
            }
        }

        void reset()
        {
            histogram.reset();
        }

        double maxMs()
        {
            return histogram.getMaxValue() / 1e6;
        }

        double medianMs()
        {
            return histogram.getValueAtPercentile(50) / 1e6;
        }

        public void onResponse(final long tag, final DirectBuffer buffer, final int offset, final int length)
        {
            histogram.recordValue(System.nanoTime() - sentNs);
            waiting = false;
        }

        public void onTimeout(final long tag)
        {
            waiting = false;
        }

        public void onEvent(final DirectBuffer buffer, final int offset, final int length)
        {
        }
    }
}
