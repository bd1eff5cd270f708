package io.gamehall.perf;

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
 * Commands per second one thread gets through the master engine on a production-like mix
 * ({@link Mix#REALISTIC}) over 100,000 users, 10,000 instances and 200 servers. One operation
 * is one SBE-encoded command applied, its response and events encoded.
 * <p>
 * Run with {@code -prof gc} to see the bytes allocated per command, which must be 0.
 * <p>
 * The fork runs with the production JVM's flags that matter here (those of {@code bin/gamehall}):
 * SBE precedence checks off, {@code -Dsbe.enable.precedence.checks=false}. The checks are a
 * run-time switch of the generated codecs (a {@code static final} read from that property when
 * a codec class loads); the tests keep them on.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xms2g", "-Xmx2g",
    "-Dsbe.enable.precedence.checks=false"})
@State(Scope.Thread)
public class EngineThroughputBenchmark
{
    private EngineWorkload workload;

    /**
     * Populate the engine and check the script with a dry run; not measured.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        workload = EngineWorkload.prepare(Mix.REALISTIC);
    }

    /**
     * Apply one command of the realistic mix.
     */
    @Benchmark
    public void realisticMix()
    {
        workload.step();
    }

    /**
     * Void the iteration if any command was rejected.
     */
    @TearDown(Level.Iteration)
    public void checkIteration()
    {
        workload.requireNoRejections();
    }

    /**
     * Finish the cycle and check the directories kept their size.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        workload.finish();
    }
}
