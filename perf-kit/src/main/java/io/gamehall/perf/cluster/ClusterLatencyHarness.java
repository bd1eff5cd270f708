package io.gamehall.perf.cluster;

import io.aeron.CommonContext;
import io.gamehall.aeron.IdleKind;
import io.gamehall.aeron.IdleSettings;
import io.gamehall.perf.report.BenchReport;
import io.gamehall.perf.report.LoadSampler;
import io.gamehall.perf.report.ReportWriter;
import io.gamehall.replication.ClientRole;
import io.gamehall.replication.RandomSecret;
import org.HdrHistogram.Histogram;
import org.agrona.IoUtil;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Round trips to the replicated master through {@code MasterClient}, against the same round
 * trips to an {@link EchoService} on identical nodes, for 1 and 3 nodes in this JVM.
 * <p>
 * Per configuration: start the nodes, connect one client, set the master up
 * ({@link MasterSetUp}), then send the {@link RequestScript}: a warm-up and a measured phase
 * at a fixed rate, each request timed from its intended send time (coordinated omission
 * corrected) into an HdrHistogram, then a pipelined phase that keeps the client's in-flight
 * window full and counts responses per second. Prints a table with the master/echo ratios and
 * writes a perf kit report (index.html, summary.json, .hgrm in ms, charts) and summary.txt to a report directory. Exit code 1 when any master
 * response was not OK, a request timed out, a component logged an error or a configuration
 * failed.
 */
@Command(
    name = "cluster-latency",
    description = {
        "Master round trips through MasterClient vs an echo service on identical nodes:",
        "fixed-rate latency (coordinated omission corrected) and pipelined throughput, 1 and 3 nodes in-process."})
public final class ClusterLatencyHarness implements Callable<Integer>
{
    /** The role secrets of the run's nodes: random, new for each run. */
    private static final Map<ClientRole, String> SECRETS = Map.of(
        ClientRole.GATEWAY, RandomSecret.generate(), ClientRole.HOST, RandomSecret.generate(),
        ClientRole.ADMIN, RandomSecret.generate());
    private static final String ARCHIVE_SECRET = RandomSecret.generate();
    private static final long LEADER_TIMEOUT_MS = 30_000;
    private static final long CONNECT_TIMEOUT_MS = 30_000;
    private static final long DRAIN_TIMEOUT_MS = 15_000;
    private static final long THROUGHPUT_RAMP_SECONDS = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--layout", defaultValue = "processes",
        description = "processes: every node in a JVM of its own, this one the client, as deployed; " +
            "in-jvm: every node in this JVM (default ${DEFAULT-VALUE}).")
    String layout;

    @Option(names = "--nodes", defaultValue = "both", description = "1, 3 or both (default ${DEFAULT-VALUE}).")
    String nodes;

    @Option(names = "--rate", defaultValue = "10000",
        description = "Fixed-rate requests per second (default ${DEFAULT-VALUE}).")
    long rate;

    @Option(names = "--seconds", defaultValue = "10",
        description = "Measured fixed-rate seconds per configuration (default ${DEFAULT-VALUE}).")
    long seconds;

    @Option(names = "--warmup", defaultValue = "5",
        description = "Fixed-rate warm-up seconds per configuration; 0 also skips priming the JVM " +
            "(default ${DEFAULT-VALUE}).")
    long warmupSeconds;

    @Option(names = "--throughput-seconds", defaultValue = "5",
        description = "Measured pipelined seconds per configuration, after a 1 s ramp; 0 skips " +
            "(default ${DEFAULT-VALUE}).")
    long throughputSeconds;

    @Option(names = "--window", defaultValue = "256",
        description = "The client's in-flight window, a power of two (default ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--workload", defaultValue = "HEARTBEAT",
        description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    Workload workload;

    @Option(names = "--users", defaultValue = "100",
        description = "Users checked in at set-up (default ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--idle", defaultValue = "BACKOFF",
        description = "Idle strategy of every node, client and driver thread: ${COMPLETION-CANDIDATES} " +
            "(default ${DEFAULT-VALUE}).")
    IdleKind idle;

    @Option(names = "--max-park-us", defaultValue = "100",
        description = "Longest park of BACKOFF (default ${DEFAULT-VALUE}).")
    long maxParkMicros;

    @Option(names = "--journal-compare", description = "Also measure the master with its journal off, and " +
        "print journal on / off ratios (the journal is on in the master runs); journal off runs last in odd " +
        "rounds and first in even ones.")
    boolean journalCompare;

    @Option(names = "--journal-compression", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Journal the master runs compressed (format 4, the default, as nodes do); " +
            "--no-journal-compression journals uncompressed (format 3).")
    boolean journalCompression;

    @Option(names = "--rounds", defaultValue = "1",
        description = "Measure each configuration this many times, master first in odd rounds and echo first in " +
            "even ones, and merge the rounds: 2 cancels a steady drift of the machine (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--report-dir",
        description = "Where the .hgrm files and the summary go (default reports/cluster-latency-<timestamp>).")
    File reportDir;

    /**
     * @param args see {@code --help}.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new ClusterLatencyHarness())
            .setCaseInsensitiveEnumValuesAllowed(true)
            .execute(args));
    }

    public Integer call() throws IOException
    {
        final int[] nodeCounts = switch (nodes)
        {
            case "1" -> new int[]{1};
            case "3" -> new int[]{3};
            case "both" -> new int[]{1, 3};
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "--nodes must be 1, 3 or both");
        };
        if (!layout.equals("processes") && !layout.equals("in-jvm"))
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--layout must be processes or in-jvm");
        }
        if (rate < 1 || rate > 1_000_000 || seconds < 1 || warmupSeconds < 0 || throughputSeconds < 0 ||
            users < 1 || users > 1_000 || Integer.bitCount(window) != 1 || maxParkMicros < 1 || rounds < 1 || rounds > 10)
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "need 1 <= rate <= 1000000, seconds >= 1, warm-up and throughput seconds >= 0, 1 <= users <= 1000, " +
                "window a power of two, max park >= 1 us, 1 <= rounds <= 10");
        }
        final String timestamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        final File reports = reportDir != null ? reportDir : new File("reports", "cluster-latency-" + timestamp);
        final File dataRoot = Files.createTempDirectory("gamehall-latency-").toFile();
        final File aeronRoot = new File(CommonContext.getAeronDirectoryName() + "-gamehall-latency-" +
            ProcessHandle.current().pid());
        final Thread cleanUp = new Thread(() ->
        {
            IoUtil.delete(dataRoot, true);
            IoUtil.delete(aeronRoot, true);
        });
        Runtime.getRuntime().addShutdownHook(cleanUp);

        final List<RunResult> results = new ArrayList<>();
        final String settings;
        final Instant startTime = Instant.now();
        final long startNanos = System.nanoTime();
        final LoadSampler sampler = new LoadSampler().jvm();
        final ScheduledExecutorService sampling = Executors.newSingleThreadScheduledExecutor((r) ->
        {
            final Thread t = new Thread(r, "load-sampler");
            t.setDaemon(true);
            return t;
        });
        sampling.scheduleAtFixedRate(() -> sampler.sample((System.nanoTime() - startNanos) / 1e9), 1, 1, TimeUnit.SECONDS);
        try
        {
            IoUtil.ensureDirectoryExists(aeronRoot, "media driver directories");
            final Pacer pacer = Pacer.calibrate();
            settings = String.format("layout " + (layout.equals("processes") ? "a JVM per node, the client in " +
                "this one" : "every node and the client in one JVM") +
                "; workload %s, %,d requests/s for %d s after a %d s warm-up, pipelined window %d " +
                "for %d s after a %d s ramp, %d round(s), idle %s (max park %d us), %d users, %d cores; " +
                "sender park overshoot %d us",
                workload, rate, seconds, warmupSeconds, window, throughputSeconds, THROUGHPUT_RAMP_SECONDS, rounds,
                idle, maxParkMicros, users, Runtime.getRuntime().availableProcessors(),
                TimeUnit.NANOSECONDS.toMicros(pacer.parkOvershootNs()));
            System.out.println("cluster latency harness: " + settings);
            if (warmupSeconds > 0)
            {
                // prime the JIT for both services, so that the first measured configuration does not
                // pay for compiling the engine, the journal or the cluster's code paths
                run(ServiceKind.ECHO, 1, 0, pacer, dataRoot, aeronRoot, false);
                run(ServiceKind.MASTER, 1, 0, pacer, dataRoot, aeronRoot, false);
            }
            for (final int nodeCount : nodeCounts)
            {
                final List<RunResult> masterRounds = new ArrayList<>();
                final List<RunResult> echoRounds = new ArrayList<>();
                final List<RunResult> unjournaledRounds = new ArrayList<>();
                for (int round = 0; round < rounds; round++)
                {
                    final boolean masterFirst = round % 2 == 0;
                    if (journalCompare && !masterFirst)
                    {
                        unjournaledRounds.add(run(ServiceKind.MASTER_NO_JOURNAL, nodeCount, round, pacer, dataRoot,
                            aeronRoot, true));
                    }
                    final RunResult first = run(masterFirst ? ServiceKind.MASTER : ServiceKind.ECHO,
                        nodeCount, round, pacer, dataRoot, aeronRoot, true);
                    final RunResult second = run(masterFirst ? ServiceKind.ECHO : ServiceKind.MASTER,
                        nodeCount, round, pacer, dataRoot, aeronRoot, true);
                    masterRounds.add(masterFirst ? first : second);
                    echoRounds.add(masterFirst ? second : first);
                    if (journalCompare && masterFirst)
                    {
                        unjournaledRounds.add(run(ServiceKind.MASTER_NO_JOURNAL, nodeCount, round, pacer, dataRoot,
                            aeronRoot, true));
                    }
                }
                results.add(RunResult.combine(masterRounds));
                results.add(RunResult.combine(echoRounds));
                if (journalCompare)
                {
                    results.add(RunResult.combine(unjournaledRounds));
                }
            }
        }
        finally
        {
            sampling.shutdownNow();
            IoUtil.delete(dataRoot, true);
            IoUtil.delete(aeronRoot, true);
        }

        final String report = report(settings, results);
        System.out.println();
        System.out.print(report);
        writeReports(reports, report, benchReport(settings, results, startTime,
            (System.nanoTime() - startNanos) / 1e9, sampler));
        System.out.println("reports in " + reports.getPath());
        if (!results.stream().allMatch(RunResult::passed))
        {
            System.out.println("FAILED: see the checks column above and the errors on stderr");
            System.err.println("FAILED: see the checks column of the report and the errors above");
            return 1;
        }
        return 0;
    }

    /**
     * Measure one configuration. Without {@code measure}, only warm up: a run that compiles the
     * code every configuration shares (driver, consensus, client) before the first measured
     * one, so that the first configuration is not the only one measured on a cold JVM.
     */
    private RunResult run(
        final ServiceKind kind,
        final int nodeCount,
        final int round,
        final Pacer pacer,
        final File dataRoot,
        final File aeronRoot,
        final boolean measure)
    {
        final String name = (measure ? "" : "prime-") + kind.label() + "-" + nodeCount +
            (nodeCount == 1 ? "-node" : "-nodes");
        final ErrorCounter errors = new ErrorCounter(name);
        final ResponseRecorder recorder = new ResponseRecorder(kind.check());
        final Histogram latency = new Histogram(3);
        final Histogram uncorrected = new Histogram(3);
        final Histogram sendLag = new Histogram(3);
        long requests = 0;
        double senderCpu = Double.NaN;
        double throughput = Double.NaN;
        String failure = null;
        progress(name + (rounds > 1 && measure ? " (round " + (round + 1) + ")" : "") + ":");
        try (MeasuredCluster cluster = startCluster(kind, nodeCount, new File(dataRoot, name), aeronRoot, errors);
            BenchmarkClient client = BenchmarkClient.start(
                cluster.ingressEndpoints(), ClientRole.ADMIN, SECRETS.get(ClientRole.ADMIN), window,
                idleSettings(), new File(aeronRoot, name + "-client"), recorder, errors))
        {
            final int leader = cluster.awaitLeader(LEADER_TIMEOUT_MS);
            client.awaitConnected(CONNECT_TIMEOUT_MS);
            progress(" leader " + leader + ", connected");
            final RequestScript script = kind.isMaster() ?
                MasterSetUp.run(client, workload, users) : MasterSetUp.withoutMaster(workload, users);
            recorder.script(script);
            progress(kind.isMaster() ? ", set up" : "");
            final LoadGenerator load = new LoadGenerator(
                client.client(), script, recorder, pacer, idleSettings().newStrategy(), DRAIN_TIMEOUT_MS);
            if (warmupSeconds > 0)
            {
                requests += load.fixedRate(rate, warmupSeconds, false);
                progress(", warmed up");
            }
            if (!measure)
            {
                // the recording paths too: compiled during the first measured phase, they gave
                // whichever configuration came first a p99 of 3-10 ms
                load.fixedRate(rate, Math.min(seconds, warmupSeconds), true);
                load.pipelined(window, 0, THROUGHPUT_RAMP_SECONDS);
            }
            else
            {
                requests += load.fixedRate(rate, seconds, true);
                latency.add(recorder.latency());
                uncorrected.add(recorder.uncorrectedLatency());
                sendLag.add(load.sendLag());
                senderCpu = load.senderCpuShare();
                progress(", latency measured");
            }
            if (measure && throughputSeconds > 0)
            {
                final long before = recorder.completed();
                throughput = load.pipelined(window, THROUGHPUT_RAMP_SECONDS, throughputSeconds);
                requests += recorder.completed() - before;
                progress(String.format(", %,.0f msg/s pipelined", throughput));
            }
        }
        catch (final RuntimeException ex)
        {
            failure = ex.getMessage() == null ? ex.toString() : ex.getMessage();
            progress(" FAILED: " + failure);
            if (!(ex instanceof IllegalStateException))
            {
                ex.printStackTrace(System.err);
            }
        }
        System.out.println();
        return new RunResult(kind, nodeCount, latency, uncorrected, sendLag, senderCpu, throughput, requests,
            recorder.badResponses(), recorder.badCodes(), recorder.timeouts(), recorder.events(),
            errors.errors() + recorder.disconnects(), failure);
    }

    private MeasuredCluster startCluster(
        final ServiceKind kind, final int nodeCount, final File baseDir, final File aeronRoot, final ErrorCounter errors)
    {
        if (layout.equals("in-jvm"))
        {
            return InProcessCluster.start(kind, nodeCount, baseDir, aeronRoot, (ctx) -> ctx
                .secrets(SECRETS)
                .idle(idleSettings())
                .snapshotIntervalMs(0)
                .snapshotLogBytes(0)
                .journalCompression(journalCompression)
                .engineConfig(NodeProcess.engineConfig(window))
                .errorHandler(errors));
        }
        try
        {
            return ProcessCluster.start(kind, nodeCount, baseDir, aeronRoot,
                new ProcessCluster.NodeSettings(idle, maxParkMicros, journalCompression, window), SECRETS,
                ARCHIVE_SECRET, errors);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("could not start the nodes' JVMs: " + ex, ex);
        }
    }

    /**
     * @return the idle settings of every node, client and driver thread.
     */
    private IdleSettings idleSettings()
    {
        return IdleSettings.DEFAULT.withKind(idle).withMaxParkMicros(maxParkMicros);
    }

    private static void progress(final String text)
    {
        System.out.print(text);
        System.out.flush();
    }

    private String report(final String settings, final List<RunResult> results)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("Settings: ").append(settings).append('\n');
        sb.append('\n');
        sb.append("Round trips through MasterClient, microseconds from each request's intended send time ")
            .append("(coordinated omission corrected); throughput pipelined\n");
        sb.append(String.format("%-16s %9s %9s %9s %9s %9s %14s%n",
            "config", "p50", "p90", "p99", "p99.9", "max", "msg/s"));
        for (final RunResult r : results)
        {
            if (r.failure() != null)
            {
                sb.append(String.format("%-16s FAILED: %s%n", r.name(), r.failure()));
                continue;
            }
            final Histogram h = r.latency();
            sb.append(String.format("%-16s %9.1f %9.1f %9.1f %9.1f %9.1f %14s%n", r.name(),
                micros(h, 50), micros(h, 90), micros(h, 99), micros(h, 99.9), h.getMaxValue() / 1_000.0,
                Double.isNaN(r.throughput()) ? "-" : String.format("%,.0f", r.throughput())));
        }

        sb.append('\n');
        sb.append(String.format("%-16s %9s %9s %9s %14s%n", "master / echo", "p50", "p99", "p99.9", "throughput"));
        for (final RunResult master : results)
        {
            if (master.kind() != ServiceKind.MASTER)
            {
                continue;
            }
            for (final RunResult echo : results)
            {
                if (echo.kind() == ServiceKind.ECHO && echo.nodes() == master.nodes())
                {
                    sb.append(ratios(master, echo));
                }
            }
        }
        if (results.stream().anyMatch((r) -> r.kind() == ServiceKind.MASTER_NO_JOURNAL))
        {
            sb.append('\n');
            sb.append(String.format("%-16s %9s %9s %9s %14s%n", "journal on / off", "p50", "p99", "p99.9", "throughput"));
            for (final RunResult master : results)
            {
                for (final RunResult off : results)
                {
                    if (master.kind() == ServiceKind.MASTER && off.kind() == ServiceKind.MASTER_NO_JOURNAL &&
                        off.nodes() == master.nodes())
                    {
                        sb.append(ratios(master, off));
                    }
                }
            }
        }

        sb.append('\n');
        sb.append("Harness detail: latency from the actual hand-over to the client (uncorrected) and how late the\n");
        sb.append("sender handed requests over (send lag), microseconds; the sender's CPU share while measuring;\n");
        sb.append("requests and events in all phases; checks\n");
        sb.append(String.format("%-16s %9s %9s %9s %9s %9s %7s %11s %9s %s%n", "config", "unc p50", "unc p99",
            "unc p99.9", "lag p50", "lag p99", "cpu", "requests", "events", "checks"));
        for (final RunResult r : results)
        {
            sb.append(String.format("%-16s %9.1f %9.1f %9.1f %9.1f %9.1f %6.0f%% %,11d %,9d %s%n", r.name(),
                micros(r.uncorrected(), 50), micros(r.uncorrected(), 99), micros(r.uncorrected(), 99.9),
                micros(r.sendLag(), 50), micros(r.sendLag(), 99), 100 * r.senderCpu(), r.requests(), r.events(),
                checks(r)));
        }
        return sb.toString();
    }

    private static String ratios(final RunResult master, final RunResult echo)
    {
        final String label = master.nodes() + (master.nodes() == 1 ? " node" : " nodes");
        if (master.failure() != null || echo.failure() != null)
        {
            return String.format("%-16s %s%n", label, "n/a (a configuration failed)");
        }
        return String.format("%-16s %9.2f %9.2f %9.2f %14.2f%n", label,
            micros(master.latency(), 50) / micros(echo.latency(), 50),
            micros(master.latency(), 99) / micros(echo.latency(), 99),
            micros(master.latency(), 99.9) / micros(echo.latency(), 99.9),
            master.throughput() / echo.throughput());
    }

    private static String checks(final RunResult r)
    {
        if (r.passed())
        {
            return "ok";
        }
        final StringBuilder sb = new StringBuilder("FAILED:");
        if (r.failure() != null)
        {
            sb.append(" did not finish;");
        }
        if (r.badResponses() > 0)
        {
            sb.append(' ').append(r.badResponses()).append(" bad responses");
            sb.append(r.badCodes().isEmpty() ? "" : " (" + r.badCodes() + ")").append(';');
        }
        if (r.timeouts() > 0)
        {
            sb.append(' ').append(r.timeouts()).append(" timeouts;");
        }
        if (r.errors() > 0)
        {
            sb.append(' ').append(r.errors()).append(" errors or disconnects (see stderr);");
        }
        return sb.toString();
    }

    private static double micros(final Histogram histogram, final double percentile)
    {
        return histogram.getValueAtPercentile(percentile) / 1_000.0;
    }

    /**
     * The run as a perf kit report (see {@code io.gamehall.perf.report}): per configuration its
     * corrected and uncorrected round trips as operations, its pipelined throughput, its failures
     * as errors; this JVM's CPU, heap and GC over the run.
     */
    private BenchReport benchReport(final String settings, final List<RunResult> results, final Instant startTime,
        final double elapsedSeconds, final LoadSampler sampler)
    {
        final BenchReport bench = new BenchReport("master", "gamehall bench master: cluster latency", startTime)
            .durationSeconds(elapsedSeconds)
            .parameter("settings", settings)
            .parameter("nodes", nodes)
            .parameter("rate", rate)
            .parameter("seconds", seconds)
            .parameter("warmup", warmupSeconds)
            .parameter("throughputSeconds", throughputSeconds)
            .parameter("window", window)
            .parameter("workload", workload)
            .parameter("rounds", rounds)
            .note("Round trips through MasterClient from each request's intended send time (coordinated omission " +
                "corrected); *-uncorrected from the hand-over to the client. Nodes, client and this harness share " +
                "one JVM: the load figures are this JVM's.");
        for (final RunResult r : results)
        {
            if (r.failure() == null)
            {
                bench.operation(r.name(), r.latency(), 1_000_000.0);
                bench.operation(r.name() + "-uncorrected", r.uncorrected(), 1_000_000.0);
                if (!Double.isNaN(r.throughput()))
                {
                    bench.throughput(r.name() + " pipelined msg/s", r.throughput());
                }
            }
            else
            {
                bench.errors("FAILED " + r.name(), 1);
            }
            bench.count(r.name() + " requests", r.requests());
            bench.errors("bad responses", r.badResponses());
            bench.errors("timeouts", r.timeouts());
            bench.errors("errors or disconnects", r.errors());
        }
        sampler.series().forEach(bench::series);
        return bench;
    }

    private static void writeReports(final File dir, final String report, final BenchReport bench)
        throws IOException
    {
        Files.createDirectories(dir.toPath());
        Files.writeString(new File(dir, "summary.txt").toPath(), report, StandardCharsets.UTF_8);
        ReportWriter.write(bench, dir);
    }
}
