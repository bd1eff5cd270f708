package io.gamehall.perf;

import io.gamehall.master.EngineConfig;
import io.gamehall.master.MasterEngine;
import io.gamehall.master.SnapshotWriter;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.ExpandableDirectByteBuffer;

/**
 * What writing the master's snapshot costs the engine's thread, against the size of its
 * directories: users checked in on 200 servers, a fifth of them owning an instance. For each
 * size, the snapshot is written (after warm-up rounds) to a sink that only counts, and to one
 * that copies every message into memory, as a publication would; it prints messages, bytes
 * and the wall time of each (median and max of the rounds).
 * <p>
 * {@code java -Xmx4g <flags> -cp perf/target/benchmarks.jar io.gamehall.perf.SnapshotCostBenchmark [users ...]}
 */
public final class SnapshotCostBenchmark
{
    private static final int ROUNDS = 7;

    private SnapshotCostBenchmark()
    {
    }

    /**
     * @param args user counts (default 100000 500000 1000000).
     */
    public static void main(final String[] args)
    {
        final int[] sizes = args.length > 0 ?
            java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray() : new int[]{100_000, 500_000, 1_000_000};
        System.out.printf("%10s %10s %12s %14s %12s %12s %12s%n",
            "users", "instances", "messages", "bytes", "count p50 ms", "copy p50 ms", "copy max ms");
        for (final int users : sizes)
        {
            measure(users);
        }
    }

    private static void measure(final int users)
    {
        final int instances = users / 5;
        final EngineConfig config = new EngineConfig().maxServers(512).maxUsers(users + 1).maxInstances(instances + 1)
            .maxClients(1024);
        final EngineHarness harness = new EngineHarness(config, 200, config.maxServers());
        final CommandWriter writer = new CommandWriter();
        final ExpandableArrayBuffer command = new ExpandableArrayBuffer(256);
        final long[] gateways = new long[40];
        for (int g = 0; g < gateways.length; g++)
        {
            harness.apply(command, 0, writer.registerGateway(command, 0, g, users, "gw-" + g, "ws://gw-" + g), g);
            gateways[g] = g + 1;
            harness.bindServer(gateways[g], g);
        }
        for (int h = 0; h < 160; h++)
        {
            final int client = 40 + h;
            harness.apply(command, 0, writer.registerHost(command, 0, client, instances / 100 + 1,
                new int[]{1, 2, 3, 4}, "host-" + h, "aeron:udp?endpoint=10.0.0.1:" + (40000 + h)), client);
        }
        for (int u = 0; u < users; u++)
        {
            final int g = u % gateways.length;
            final long userId = 1_000_000 + u;
            harness.apply(command, 0, writer.checkIn(command, 0, g, gateways[g], userId, "player" + u), g);
            if (u % 5 == 0)
            {
                harness.apply(command, 0, writer.createInstance(command, 0, g, userId, 1 + u % 4, 8, u % 5, u % 3,
                    u % 10), g);
            }
        }
        final MasterEngine engine = harness.engine();
        final SnapshotWriter snapshot = new SnapshotWriter();
        final long[] counted = new long[2];
        final ExpandableDirectByteBuffer copy = new ExpandableDirectByteBuffer(64 * 1024 * 1024);
        final long[] countMs = new long[ROUNDS];
        final long[] copyMs = new long[ROUNDS];
        for (int round = -3; round < ROUNDS; round++)
        {
            counted[0] = 0;
            counted[1] = 0;
            long start = System.nanoTime();
            snapshot.write(engine, 0, (buffer, offset, length) ->
            {
                counted[0]++;
                counted[1] += length;
            });
            final long count = System.nanoTime() - start;
            final int[] at = new int[1];
            start = System.nanoTime();
            snapshot.write(engine, 0, (buffer, offset, length) ->
            {
                copy.putBytes(at[0], buffer, offset, length);
                at[0] += length;
            });
            final long copied = System.nanoTime() - start;
            if (round >= 0)
            {
                countMs[round] = count / 1_000_000;
                copyMs[round] = copied / 1_000_000;
            }
        }
        java.util.Arrays.sort(countMs);
        java.util.Arrays.sort(copyMs);
        System.out.printf("%,10d %,10d %,12d %,14d %12d %12d %12d%n", engine.users().size(), engine.instances().size(),
            counted[0], counted[1], countMs[ROUNDS / 2], copyMs[ROUNDS / 2], copyMs[ROUNDS - 1]);
    }
}
