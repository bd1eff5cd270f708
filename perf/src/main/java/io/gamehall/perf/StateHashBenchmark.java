package io.gamehall.perf;

import io.gamehall.master.EngineConfig;
import io.gamehall.master.MasterEngine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * What one state-hash checkpoint costs: the engine benchmark's population (200 servers, 100K
 * users, 10K instances) after some of the realistic mix, hashed by each state hash version in
 * turn; reports wall and thread CPU time per hash (median, 90th percentile, min).
 * <p>
 * {@code java -Xmx1g <flags> -cp perf/target/benchmarks.jar io.gamehall.perf.StateHashBenchmark [rounds]}
 */
public final class StateHashBenchmark
{
    private static final int WARM_UP = 30;

    private StateHashBenchmark()
    {
    }

    /**
     * @param args rounds measured per version (default 100).
     */
    public static void main(final String[] args)
    {
        final int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        final EngineConfig config = EngineWorkload.config();
        final EngineHarness harness = new EngineHarness(config, Population.SERVERS, config.maxServers());
        final Population population = Population.populate(harness);
        final ScriptPlayer player = new ScriptPlayer(harness, CommandScript.build(population, Mix.REALISTIC,
            CommandScript.BLOCKS, EngineWorkload.SEED));
        for (int i = 0; i < 200_000; i++)
        {
            player.step();
        }
        final MasterEngine engine = harness.engine();
        System.out.printf("state: %,d servers, %,d users, %,d instances%n", engine.servers().size(),
            engine.users().size(), engine.instances().size());

        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final long[][] wall = new long[3][rounds];
        final long[][] cpu = new long[3][rounds];
        long sink = 0;
        for (int round = -WARM_UP; round < rounds; round++)
        {
            for (int version = 1; version <= 2; version++)
            {
                final long cpuStart = threads.getCurrentThreadCpuTime();
                final long start = System.nanoTime();
                sink += engine.stateHash(version);
                final long took = System.nanoTime() - start;
                final long cpuTook = threads.getCurrentThreadCpuTime() - cpuStart;
                if (round >= 0)
                {
                    wall[version][round] = took;
                    cpu[version][round] = cpuTook;
                }
            }
        }
        for (int version = 1; version <= 2; version++)
        {
            System.out.printf("version %d (%s): wall median %.2f ms, p90 %.2f ms, min %.2f ms; thread CPU median %.2f ms," +
                " p90 %.2f ms%n", version, Long.toHexString(engine.stateHash(version)),
                percentile(wall[version], 0.5), percentile(wall[version], 0.9), percentile(wall[version], 0.0),
                percentile(cpu[version], 0.5), percentile(cpu[version], 0.9));
        }
        if (sink == 42)
        {
            System.out.println();
        }
    }

    private static double percentile(final long[] values, final double fraction)
    {
        final long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int)Math.min(sorted.length - 1, Math.round(fraction * (sorted.length - 1)))] / 1e6;
    }
}
