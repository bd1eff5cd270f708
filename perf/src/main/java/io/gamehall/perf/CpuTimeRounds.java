package io.gamehall.perf;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The measurement of the CPU-time mains ({@link EngineCpuTime}, the matchmaker's
 * {@code PartitionCpuTime}): rounds of steps on one thread, timed with the thread's CPU clock
 * instead of the wall clock, so that time the thread spent descheduled by a busy neighbour does
 * not count (neighbours still share the caches); three warm-up rounds, then each round's CPU per
 * step and the median, minimum and maximum over the rounds.
 */
public final class CpuTimeRounds
{
    private static final int WARMUP_ROUNDS = 3;

    /**
     * What one main measures.
     */
    public interface Workload
    {
        /**
         * One command.
         */
        void step();

        /**
         * After each round: throws when the round did not do what it should have.
         */
        void checkRound();

        /**
         * After the last round: the workload's own final checks.
         */
        void finish();
    }

    private CpuTimeRounds()
    {
    }

    /**
     * Parse {@code [rounds] [commands per round]}, prepare the workload and measure it; a bad
     * argument prints the usage and exits with 2.
     *
     * @param name            the main's name, for the usage line.
     * @param args            rounds, commands per round; each optional.
     * @param defaultRounds   rounds when not given.
     * @param defaultCommands commands per round when not given.
     * @param workload        prepares the workload once the arguments are checked.
     */
    public static void run(
        final String name, final String[] args, final int defaultRounds, final int defaultCommands,
        final Supplier<Workload> workload)
    {
        final int rounds = args.length > 0 ? Integer.parseInt(args[0]) : defaultRounds;
        final int commands = args.length > 1 ? Integer.parseInt(args[1]) : defaultCommands;
        if (rounds < WARMUP_ROUNDS || commands < 1_000)
        {
            System.err.println("usage: " + name + " [rounds >= 3] [commands per round >= 1000]");
            System.exit(2);
        }
        measure(workload.get(), rounds, commands);
    }

    private static void measure(final Workload workload, final int rounds, final int commands)
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final double[] nanosPerCommand = new double[rounds];
        for (int round = -WARMUP_ROUNDS; round < rounds; round++)
        {
            final long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < commands; i++)
            {
                workload.step();
            }
            final long cpu = threads.getCurrentThreadCpuTime() - start;
            workload.checkRound();
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
