package io.gamehall.perf.matchmaker;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Ticket operations per second one thread gets through a matchmaker partition engine holding
 * 100,000 waiting tickets, on the add / match / cancel mix of {@link PartitionWorkload}: per
 * cycle an add matched at once, an add that waits in its place, an add that waits and its
 * cancel; a tick every 16 cycles. One operation is one SBE command encoded and applied, with
 * what the engine says encoded (a MatchFound per cycle, a TicketCancelled).
 * <p>
 * Run with {@code -prof gc} to see the bytes allocated per operation, which must be 0. The fork
 * runs as {@code EngineThroughputBenchmark}'s does: 2 GB heap, SBE precedence checks off.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xms2g", "-Xmx2g",
    "-Dsbe.enable.precedence.checks=false"})
@State(Scope.Thread)
public class PartitionEngineBenchmark
{
    private PartitionWorkload workload;

    /**
     * Fill the partition and check a few cycles; not measured.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        workload = PartitionWorkload.prepare();
    }

    /**
     * Apply one command of the mix.
     */
    @Benchmark
    public void addMatchCancel()
    {
        workload.step();
    }

    /**
     * Void the run if a command was refused, a cycle made no match or the partition's size moved.
     */
    @TearDown(Level.Iteration)
    public void checkIteration()
    {
        workload.requireSteady();
    }
}
