package io.gamehall.perf.host;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.gamehall.aeron.LocalMediaDriver;
import io.gamehall.games.protocol.ArenaProtocol;
import io.gamehall.games.protocol.ConnectFourProtocol;
import io.gamehall.host.GameHost;
import io.gamehall.host.games.SampleGames;
import io.gamehall.link.GatewayLink;
import io.gamehall.link.GatewayLinkListener;
import io.gamehall.master.EngineConfig;
import io.gamehall.replication.ClientRole;
import io.gamehall.replication.LoopbackMembers;
import io.gamehall.replication.MasterNode;
import io.gamehall.replication.client.MasterClient;
import io.gamehall.replication.client.PendingRequests;
import io.gamehall.sbe.host.GameErrorCode;
import io.gamehall.sbe.host.InstanceCloseReason;
import io.gamehall.sbe.master.CheckInUserEncoder;
import io.gamehall.sbe.master.CommandResultDecoder;
import io.gamehall.sbe.master.CreateInstanceEncoder;
import io.gamehall.sbe.master.JoinInstanceEncoder;
import io.gamehall.sbe.master.MessageHeaderDecoder;
import io.gamehall.sbe.master.MessageHeaderEncoder;
import io.gamehall.sbe.master.RegisterServerEncoder;
import io.gamehall.sbe.master.ResultCode;
import io.gamehall.sbe.master.ServerHeartbeatEncoder;
import io.gamehall.sbe.master.ServerRole;
import io.gamehall.store.Store;
import io.gamehall.store.StoreConfig;
import io.gamehall.store.kv.Keyspace;
import io.gamehall.store.open.Stores;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.IoUtil;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How much one game host takes on this machine: a one-node master, a host with the sample
 * games and a stand-in gateway, all in this JVM on loopback (the gateway's sending competes
 * with the host for the same cores).
 * <ol>
 * <li>Concurrent turn-based instances: N Connect Four games created through the master, both
 *     seats taken, each with its turn clock running; heap per instance.</li>
 * <li>Turn-based moves: every game plays rounds of legal moves; a move counts when its
 *     acknowledgement (sent after its backup is written) is back.</li>
 * <li>Real-time messages: arena games, inputs sent as fast as the link takes them; the host's
 *     count of messages handled per second, with its 20 Hz ticks and snapshots running.</li>
 * </ol>
 */
@Command(name = "host-benchmark", mixinStandardHelpOptions = true,
    description = "Concurrent instances and game messages per second of one game host.")
public final class HostBenchmark implements java.util.concurrent.Callable<Integer>
{
    @Option(names = "--instances", defaultValue = "10000", description = "Connect Four games at once (default ${DEFAULT-VALUE}).")
    int instances;

    @Option(names = "--move-rounds", defaultValue = "6",
        description = "Moves per game in the turn-based phase, at most 6 (default ${DEFAULT-VALUE}).")
    int moveRounds;

    @Option(names = "--arena-games", defaultValue = "200", description = "Arena games in the real-time phase (default ${DEFAULT-VALUE}).")
    int arenaGames;

    @Option(names = "--seconds", defaultValue = "10", description = "Length of the real-time phase (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--runners", defaultValue = "2", description = "Host runner threads (default ${DEFAULT-VALUE}).")
    int runners;

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private PendingRequests master;
    private long gatewayId;

    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new HostBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception
    {
        if (moveRounds < 1 || moveRounds > 6)
        {
            throw new CommandLine.ParameterException(new CommandLine(this), "--move-rounds must be 1..6");
        }
        final File baseDir = Files.createTempDirectory("gamehall-host-bench-").toFile();
        final List<AutoCloseable> closeables = new ArrayList<>();
        try
        {
            // where the production processes put theirs (tmpfs, /dev/shm on Linux): on a disk file system the log
            // buffers are page cache whose first touch reads ahead and zeroes megabytes at once, on the relay path
            final MediaDriver driver = LocalMediaDriver.launch("host-bench");
            closeables.add(driver);
            final Map<ClientRole, String> secrets = Map.of(ClientRole.GATEWAY, "g", ClientRole.HOST, "h", ClientRole.ADMIN, "a");
            final int users = 2 * Math.max(instances, arenaGames) + 16;
            final MasterNode node = MasterNode.launch(new MasterNode.Context()
                .members(LoopbackMembers.free(1))
                .dataDir(new File(baseDir, "master"))
                .secrets(secrets)
                .snapshotIntervalMs(0)
                .journalEnabled(false)
                .engineConfig(new EngineConfig().maxUsers(Integer.highestOneBit(users) * 2)
                    .maxInstances(Integer.highestOneBit(instances + arenaGames) * 2).serverTimeoutMs(60_000)));
            closeables.add(node);
            final String endpoints = MasterNode.Context.ingressEndpoints(node.context().members());

            final Store store = Stores.open(new StoreConfig()
                .chronicleDir(new File(baseDir, "store"))
                .chronicleEntries(Keyspace.BACKUP, (instances + arenaGames) * 2L)
                .chronicleAverageValueBytes(Keyspace.BACKUP, 1_024)
                .chronicleEntries(Keyspace.GAME, 10_000)
                .chronicleEntries(Keyspace.PROFILE, users));
            closeables.add(store);
            final GameHost host = GameHost.launch(new GameHost.Context()
                .name("bench-host")
                .masterEndpoints(endpoints)
                .secret("h")
                .linkSecret("benchmark-link-secret")
                .capacity(instances + arenaGames)
                .runners(runners)
                .games(SampleGames.catalog())
                .store(store)
                .aeronDirectoryName(driver.aeronDirectoryName()));
            closeables.add(host);

            master = new PendingRequests(null, null);
            final MasterClient client = MasterClient.launch(new MasterClient.Context()
                .ingressEndpoints(endpoints).role(ClientRole.GATEWAY).secret("g")
                .aeronDirectoryName(driver.aeronDirectoryName()).maxInFlight(1024).queueCapacity(4096)
                .requestTimeoutMs(30_000).listener(master));
            master.client(client);
            closeables.add(client);
            gatewayId = registerGateway();
            final Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            closeables.add(aeron);
            final Counting listener = new Counting();
            final GatewayLink link = new GatewayLink(aeron, gatewayId, "127.0.0.1",
                "benchmark-link-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8), listener);
            closeables.add(link);
            connect(link, host.endpoint());
            final Thread heartbeats = heartbeats();

            System.out.printf("host benchmark: %d Connect Four games, %d arena games, %d runners, %d cores%n",
                instances, arenaGames, runners, Runtime.getRuntime().availableProcessors());
            final long heapBefore = usedHeap();
            final long[] games = createGames(ConnectFourProtocol.TYPE_ID, instances, 1, host);
            final long heapAfter = usedHeap();
            System.out.printf("concurrent turn-based instances: %,d running on the host (load %d), heap +%,d bytes " +
                "(%,d per instance incl. the master and store in this JVM)%n",
                games.length, host.load(), heapAfter - heapBefore, (heapAfter - heapBefore) / Math.max(1, games.length));

            playMoves(link, host.endpoint(), games, listener);

            final long[] arenas = createGames(ArenaProtocol.TYPE_ID, arenaGames, 2 * instances + 1, host);
            blastInputs(link, host, arenas, listener);
            heartbeats.interrupt();
            System.out.println("host counters: " + host.counters());
            return 0;
        }
        finally
        {
            for (int i = closeables.size() - 1; i >= 0; i--)
            {
                CloseHelper.quietClose(closeables.get(i));
            }
            IoUtil.delete(baseDir, true);
        }
    }

    private void playMoves(final GatewayLink link, final String endpoint, final long[] games, final Counting listener)
    {
        // row 0 filled left to right alternately: no four in a row, nobody wins
        final UnsafeBuffer move = new UnsafeBuffer(new byte[1]);
        final long start = System.nanoTime();
        long sent = 0;
        for (int round = 0; round < moveRounds; round++)
        {
            final long acceptedBefore = listener.accepted.get();
            move.putByte(0, (byte)round);
            for (int g = 0; g < games.length; g++)
            {
                final long player = 2L * g + 1 + (round % 2);
                while (!link.send(endpoint, games[g], player, ++sent, ConnectFourProtocol.MSG_MOVE, move, 0, 1))
                {
                    link.poll();
                }
                link.poll();
            }
            final long deadline = System.currentTimeMillis() + 60_000;
            while (listener.accepted.get() - acceptedBefore < games.length && System.currentTimeMillis() < deadline)
            {
                if (link.poll() == 0)
                {
                    Thread.yield();
                }
            }
        }
        final double secondsTaken = (System.nanoTime() - start) / 1e9;
        System.out.printf("turn-based moves: %,d sent, %,d acknowledged after their backup, %,d errors in %.2f s: " +
            "%,.0f moves/s%n", sent, listener.accepted.get(), listener.errors.get(), secondsTaken,
            listener.accepted.get() / secondsTaken);
    }

    private void blastInputs(final GatewayLink link, final GameHost host, final long[] arenas, final Counting listener)
    {
        final UnsafeBuffer input = new UnsafeBuffer(new byte[]{1, 0, 0});
        final long firstUser = 2L * instances + 1;
        final long errorsBefore = listener.errors.get();
        final long handledBefore = host.counters().playerMessages();
        final long eventsBefore = listener.events.get();
        final long start = System.nanoTime();
        final long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long sent = 0;
        long nextReport = start + TimeUnit.SECONDS.toNanos(1);
        long lastHandled = handledBefore;
        int g = 0;
        while (System.nanoTime() < end)
        {
            final int index = g;
            final long player = firstUser + 2L * index + (sent & 1);
            input.putByte(0, (byte)((sent & 2) == 0 ? 1 : -1));
            if (link.send(host.endpoint(), arenas[index], player, sent, ArenaProtocol.MSG_INPUT, input, 0, 3))
            {
                sent++;
                g = g + 1 == arenas.length ? 0 : g + 1;
            }
            if ((sent & 63) == 0)
            {
                link.poll();
            }
            final long now = System.nanoTime();
            if (now >= nextReport)
            {
                final long handled = host.counters().playerMessages();
                System.out.printf("  real-time: %,d inputs/s handled%n", handled - lastHandled);
                lastHandled = handled;
                nextReport += TimeUnit.SECONDS.toNanos(1);
            }
        }
        final long drainDeadline = System.currentTimeMillis() + 5_000;
        long handled = host.counters().playerMessages() - handledBefore;
        while (handled < sent && System.currentTimeMillis() < drainDeadline)
        {
            link.poll();
            handled = host.counters().playerMessages() - handledBefore;
        }
        final double secondsTaken = (System.nanoTime() - start) / 1e9;
        System.out.printf("real-time inputs: %,d sent, %,d handled by the host in %.2f s: %,.0f messages/s; " +
            "%,d errors; %,d game events received (20 Hz snapshots of %d games)%n",
            sent, handled, secondsTaken, handled / secondsTaken, listener.errors.get() - errorsBefore,
            listener.events.get() - eventsBefore, arenas.length);
    }

    private long[] createGames(final int gameType, final int count, final long firstUser, final GameHost host)
        throws Exception
    {
        final long start = System.nanoTime();
        final List<CompletableFuture<byte[]>> checkIns = new ArrayList<>();
        for (int i = 0; i < 2 * count; i++)
        {
            final long userId = firstUser + i;
            final CheckInUserEncoder e = new CheckInUserEncoder().wrapAndApplyHeader(buffer, 0, header)
                .gatewayId(gatewayId).userId(userId).userName("u" + userId);
            checkIns.add(submit(e.encodedLength()));
            throttle(checkIns);
        }
        awaitOk(checkIns, "check in");
        final long[] games = new long[count];
        final List<CompletableFuture<byte[]>> creates = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final CreateInstanceEncoder e = new CreateInstanceEncoder().wrapAndApplyHeader(buffer, 0, header)
                .ownerId(firstUser + 2L * i).gameType(gameType).maxPlayers(2).region(0).mode(0).ratingBand(0);
            creates.add(submit(e.encodedLength()));
            throttle(creates);
        }
        for (int i = 0; i < count; i++)
        {
            games[i] = result(creates.get(i).get(60, TimeUnit.SECONDS), "create").subjectId();
        }
        final List<CompletableFuture<byte[]>> joins = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final JoinInstanceEncoder e = new JoinInstanceEncoder().wrapAndApplyHeader(buffer, 0, header)
                .userId(firstUser + 2L * i + 1).instanceId(games[i]);
            joins.add(submit(e.encodedLength()));
            throttle(joins);
        }
        awaitOk(joins, "join");
        final long deadline = System.currentTimeMillis() + 60_000;
        while (host.counters().instancesStarted() < games.length + (gameType == ArenaProtocol.TYPE_ID ? instances : 0) &&
            System.currentTimeMillis() < deadline)
        {
            Thread.sleep(10);
        }
        System.out.printf("  %,d games of type %d created and joined through the master in %.2f s%n", count, gameType,
            (System.nanoTime() - start) / 1e9);
        return games;
    }

    private CompletableFuture<byte[]> submit(final int encodedLength)
    {
        final long deadline = System.currentTimeMillis() + 30_000;
        while (true)
        {
            final CompletableFuture<byte[]> sent = master.submit(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encodedLength);
            if (!sent.isCompletedExceptionally() || System.currentTimeMillis() > deadline)
            {
                return sent;
            }
            Thread.onSpinWait(); // the client's queue is full: back-pressure, try again
            Thread.yield();
        }
    }

    private static void throttle(final List<CompletableFuture<byte[]>> futures) throws Exception
    {
        final int size = futures.size();
        if (size > 256)
        {
            futures.get(size - 256).get(60, TimeUnit.SECONDS);
        }
    }

    private static void awaitOk(final List<CompletableFuture<byte[]>> futures, final String what) throws Exception
    {
        for (final CompletableFuture<byte[]> f : futures)
        {
            result(f.get(60, TimeUnit.SECONDS), what);
        }
    }

    private static CommandResultDecoder result(final byte[] response, final String what)
    {
        final UnsafeBuffer view = new UnsafeBuffer(response);
        final CommandResultDecoder result = new CommandResultDecoder()
            .wrapAndApplyHeader(view, 0, new MessageHeaderDecoder().wrap(view, 0));
        if (result.code() != ResultCode.OK)
        {
            throw new IllegalStateException(what + " answered " + result.code());
        }
        return result;
    }

    private long registerGateway() throws Exception
    {
        final RegisterServerEncoder e = new RegisterServerEncoder().wrapAndApplyHeader(buffer, 0, header)
            .role(ServerRole.GATEWAY).capacity(1_000_000);
        e.gameTypesCount(0);
        e.name("bench-gateway").endpoint("ws://127.0.0.1:1/bench").softwareVersion("bench");
        return result(submit(e.encodedLength()).get(30, TimeUnit.SECONDS), "register").subjectId();
    }

    private Thread heartbeats()
    {
        final Thread thread = new Thread(() ->
        {
            final ExpandableArrayBuffer own = new ExpandableArrayBuffer(64);
            final ServerHeartbeatEncoder e = new ServerHeartbeatEncoder();
            while (!Thread.currentThread().isInterrupted())
            {
                e.wrapAndApplyHeader(own, 0, new MessageHeaderEncoder()).serverId(gatewayId).load(1);
                master.submit(own, 0, MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength());
                try
                {
                    Thread.sleep(1_000);
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
            }
        }, "bench-gateway-heartbeat");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void connect(final GatewayLink link, final String endpoint)
    {
        link.connect(endpoint);
        final long deadline = System.currentTimeMillis() + 10_000;
        while (!link.isConnected(endpoint) && System.currentTimeMillis() < deadline)
        {
            link.poll();
            Thread.yield();
        }
        if (!link.isConnected(endpoint))
        {
            throw new IllegalStateException("could not connect to the host at " + endpoint);
        }
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

    private static final class Counting implements GatewayLinkListener
    {
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong events = new AtomicLong();
        volatile String lastError = "";

        public void onGameEvent(final long instanceId, final int kind, final LongArrayList recipients,
            final DirectBuffer payload, final int offset, final int length)
        {
            events.incrementAndGet();
        }

        public void onAccepted(final long instanceId, final long userId, final long sequence)
        {
            accepted.incrementAndGet();
        }

        public void onError(final long instanceId, final long userId, final long sequence, final GameErrorCode code,
            final String reason)
        {
            if (errors.incrementAndGet() <= 5)
            {
                System.out.println("  error: instance " + instanceId + " user " + userId + ": " + code + " " + reason);
            }
        }

        public void onClosed(final long instanceId, final InstanceCloseReason reason, final LongArrayList recipients,
            final String summary)
        {
        }
    }
}
