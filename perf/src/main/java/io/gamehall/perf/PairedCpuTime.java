package io.gamehall.perf;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Compares the CPU time per command of the realistic mix between two builds of the benchmark
 * jar in one JVM, for a shared machine where separate runs move by ±10–20%. Each build is
 * loaded several times, each copy in its own class loader with its own populated engine,
 * because one copy's JIT-compiled code and heap placement alone can move it by up to ±18% for
 * the whole run (the same jar against itself, one copy each: 0.91–1.18). Copies are created
 * A, B, A, B, ...; every round runs each copy for the same number of commands, in an order
 * rotated each round, reading the thread's CPU clock. Per copy the median of its rounds, per
 * build the mean of its copies, and B/A. Run it in both orders (A B, then B A) in separate JVMs.
 * <p>
 * Each jar only needs {@code EngineWorkload.prepare(Mix)}, {@code step()} and
 * {@code requireNoRejections()}: this class's {@link Copy} is defined anew in each copy's
 * class loader, so older builds can be compared too.
 * <p>
 * {@code java -Xms8g -Xmx8g --add-exports java.base/jdk.internal.misc=ALL-UNNAMED
 * -Dsbe.enable.precedence.checks=false -cp perf/target/benchmarks.jar io.gamehall.perf.PairedCpuTime
 * A.jar B.jar [copies per build] [rounds] [commands per round]}
 */
public final class PairedCpuTime
{
    private static final String COPY_CLASS = Copy.class.getName();

    private PairedCpuTime()
    {
    }

    /**
     * One populated engine of one build, run from a class loader of that build.
     */
    public static final class Copy implements IntConsumer
    {
        private final EngineWorkload workload = EngineWorkload.prepare(Mix.REALISTIC);

        /**
         * @param commands how many commands of the script to apply.
         */
        public void accept(final int commands)
        {
            for (int i = 0; i < commands; i++)
            {
                workload.step();
            }
            workload.requireNoRejections();
        }
    }

    /**
     * @param args jar A, jar B, copies per build (default 3), rounds (default 8), commands per
     *             round (default 1,000,000).
     * @throws Exception when a jar cannot be loaded or its workload fails.
     */
    public static void main(final String[] args) throws Exception
    {
        if (args.length < 2)
        {
            System.err.println("usage: PairedCpuTime A.jar B.jar [copies per build] [rounds] [commands per round]");
            System.exit(2);
        }
        final int copies = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        final int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        final int commands = args.length > 4 ? Integer.parseInt(args[4]) : 1_000_000;
        final byte[] copyClass = copyClassBytes();
        final IntConsumer[] engines = new IntConsumer[2 * copies];
        for (int i = 0; i < engines.length; i++)
        {
            engines[i] = load(Path.of(args[i % 2]), copyClass);
        }

        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final double[][] nanos = new double[engines.length][rounds];
        for (int round = -2; round < rounds; round++)
        {
            for (int k = 0; k < engines.length; k++)
            {
                final int copy = (k + Math.max(round, 0)) % engines.length;
                final long start = threads.getCurrentThreadCpuTime();
                engines[copy].accept(commands);
                final double perCommand = (double)(threads.getCurrentThreadCpuTime() - start) / commands;
                if (round >= 0)
                {
                    nanos[copy][round] = perCommand;
                }
            }
        }

        final double[] sums = new double[2];
        for (int copy = 0; copy < engines.length; copy++)
        {
            final double[] sorted = nanos[copy].clone();
            Arrays.sort(sorted);
            final double median = sorted[rounds / 2];
            sums[copy % 2] += median;
            System.out.printf("%s copy %d: median %.1f ns CPU per command%n", copy % 2 == 0 ? "A" : "B", copy / 2, median);
        }
        System.out.printf("A %.1f ns, B %.1f ns (mean of copy medians), B/A %.3f%n",
            sums[0] / copies, sums[1] / copies, sums[1] / sums[0]);
    }

    private static byte[] copyClassBytes() throws IOException
    {
        try (InputStream in = PairedCpuTime.class.getResourceAsStream("PairedCpuTime$Copy.class"))
        {
            if (in == null)
            {
                throw new IllegalStateException("class file of " + COPY_CLASS + " not found");
            }
            return in.readAllBytes();
        }
    }

    private static IntConsumer load(final Path jar, final byte[] copyClass) throws Exception
    {
        final ClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())
        {
            protected Class<?> findClass(final String name) throws ClassNotFoundException
            {
                return COPY_CLASS.equals(name) ? defineClass(name, copyClass, 0, copyClass.length) : super.findClass(name);
            }
        };
        return (IntConsumer)loader.loadClass(COPY_CLASS).getConstructor().newInstance();
    }
}
