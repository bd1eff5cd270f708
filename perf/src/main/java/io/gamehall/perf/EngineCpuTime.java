package io.gamehall.perf;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * CPU time per command of the realistic mix on one thread: the same workload as
 * {@link EngineThroughputBenchmark}, measured with the thread's CPU clock instead of the wall
 * clock, so that time the thread spent descheduled by a busy neighbour does not count. Use it
 * to compare two builds on a shared machine (run them alternately, in separate JVMs); use the
 * JMH benchmark for the figure to publish. Neighbours still share the caches, so a loaded
 * machine inflates both sides.
 * <p>
 * {@code java -Xms2g -Xmx2g --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -Dsbe.enable.precedence.checks=false
 * -cp perf/target/benchmarks.jar io.gamehall.perf.EngineCpuTime [rounds] [commands per round]}
 * (the flags of the JMH fork: SBE precedence checks off, as in production).
 */
public final class EngineCpuTime
{
    private EngineCpuTime()
    {
    }

    /**
     * @param args rounds (default 15), commands per round (default 2,000,000).
     */
    public static void main(final String[] args)
    {
        final int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        final int commands = args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000;
        if (rounds < 3 || commands < 1_000)
        {
            System.err.println("usage: EngineCpuTime [rounds >= 3] [commands per round >= 1000]");
            System.exit(2);
        }
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final EngineWorkload workload = EngineWorkload.prepare(Mix.REALISTIC);
        final double[] nanosPerCommand = new double[rounds];
        for (int round = -3; round < rounds; round++)
        {
            final long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < commands; i++)
            {
                workload.step();
            }
            final long cpu = threads.getCurrentThreadCpuTime() - start;
            workload.requireNoRejections();
            if (round >= 0)
            {
                nanosPerCommand[round] = (double)cpu / commands;
                System.out.printf("round %2d: %.1f ns CPU per command%n", round + 1, nanosPerCommand[round]);
            }
        }
        workload.finish();
        final double[] sorted = nanosPerCommand.clone();
        Arrays.sort(sorted);
        final double median = sorted[rounds / 2];
        System.out.printf("median %.1f ns CPU per command (%.2fM commands per CPU-second), min %.1f, max %.1f" +
            " over %d rounds of %,d (3 warm-up rounds not counted)%n",
            median, 1_000.0 / median, sorted[0], sorted[rounds - 1], rounds, commands);
    }
}
