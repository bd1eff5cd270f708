package io.gamehall.perf;

/**
 * CPU time per command of the realistic mix on one thread: the same workload as
 * {@link EngineThroughputBenchmark}, measured with the thread's CPU clock instead of the wall
 * clock, so that time the thread spent descheduled by a busy neighbour does not count. Use it
 * to compare two builds on a shared machine (run them alternately, in separate JVMs); use the
 * JMH benchmark for the figure to publish. Neighbours still share the caches, so a loaded
 * machine inflates both sides ({@link CpuTimeRounds}).
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
        CpuTimeRounds.run("EngineCpuTime", args, 15, 2_000_000, () ->
        {
            final EngineWorkload workload = EngineWorkload.prepare(Mix.REALISTIC);
            return new CpuTimeRounds.Workload()
            {
                public void step()
                {
                    workload.step();
                }

                public void checkRound()
                {
                    workload.requireNoRejections();
                }

                public void finish()
                {
                    workload.finish();
                }
            };
        });
    }
}
