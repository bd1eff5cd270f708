package io.gamehall.perf.matchmaker;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * CPU time per command of {@link PartitionEngineBenchmark}'s mix on one thread, measured with the
 * thread's CPU clock instead of the wall clock, so that time the thread spent descheduled by a
 * busy neighbour does not count (neighbours still share the caches). For the figure to publish
 * use the JMH benchmark; this one says what one thread does when it has a core.
 * <p>
 * {@code java -Xms2g -Xmx2g --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -Dsbe.enable.precedence.checks=false
 * -cp perf/target/benchmarks.jar io.gamehall.perf.matchmaker.PartitionCpuTime [rounds] [commands per round]}
 */
public final class PartitionCpuTime
{
    private PartitionCpuTime()
    {
    }

    /**
     * @param args rounds (default 10), commands per round (default 5,000,000).
     */
    public static void main(final String[] args)
    {
        final int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        final int commands = args.length > 1 ? Integer.parseInt(args[1]) : 5_000_000;
        if (rounds < 3 || commands < 1_000)
        {
            System.err.println("usage: PartitionCpuTime [rounds >= 3] [commands per round >= 1000]");
            System.exit(2);
        }
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final PartitionWorkload workload = PartitionWorkload.prepare();
        final double[] nanosPerCommand = new double[rounds];
        for (int round = -3; round < rounds; round++)
        {
            final long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < commands; i++)
            {
                workload.step();
            }
            final long cpu = threads.getCurrentThreadCpuTime() - start;
            workload.requireSteady();
            if (round >= 0)
            {
                nanosPerCommand[round] = (double)cpu / commands;
                System.out.printf("round %2d: %.1f ns CPU per command%n", round + 1, nanosPerCommand[round]);
            }
        }
        final double[] sorted = nanosPerCommand.clone();
        Arrays.sort(sorted);
        final double median = sorted[rounds / 2];
        System.out.printf("median %.1f ns CPU per command (%.2fM commands per CPU-second), min %.1f, max %.1f" +
            " over %d rounds of %,d (3 warm-up rounds not counted)%n",
            median, 1_000.0 / median, sorted[0], sorted[rounds - 1], rounds, commands);
    }
}
