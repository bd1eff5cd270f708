package io.gamehall.perf;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Commands per second of one kind of command at a time, on the same population as
 * {@link EngineThroughputBenchmark}: tells which kind costs what in the realistic mix. Paired
 * kinds count both halves, so JOIN_LEAVE reports joins and leaves together.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xms2g", "-Xmx2g",
    "-Dsbe.enable.precedence.checks=false"})
@State(Scope.Thread)
public class CommandKindBenchmark
{
    /** The kind of command measured. */
    @Param({"HEARTBEAT", "JOIN_LEAVE", "CHECK_OUT_IN", "CREATE_END", "SEARCH", "GET_INSTANCE"})
    public Mix kind;

    private EngineWorkload workload;

    /**
     * Populate the engine and check the script with a dry run; not measured.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        workload = EngineWorkload.prepare(kind);
    }

    /**
     * Apply one command of the kind.
     */
    @Benchmark
    public void oneKind()
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
