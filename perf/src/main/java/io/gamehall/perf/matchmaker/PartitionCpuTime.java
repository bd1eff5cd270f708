package io.gamehall.perf.matchmaker;

import io.gamehall.perf.CpuTimeRounds;

/**
 * CPU time per command of {@link PartitionEngineBenchmark}'s mix on one thread, measured with the
 * thread's CPU clock instead of the wall clock, so that time the thread spent descheduled by a
 * busy neighbour does not count (neighbours still share the caches: {@link CpuTimeRounds}). For the figure to publish
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
        CpuTimeRounds.run("PartitionCpuTime", args, 10, 5_000_000, () ->
        {
            final PartitionWorkload workload = PartitionWorkload.prepare();
            return new CpuTimeRounds.Workload()
            {
                public void step()
                {
                    workload.step();
                }

                public void checkRound()
                {
                    workload.requireSteady();
                }

                public void finish()
                {
                }
            };
        });
    }
}
