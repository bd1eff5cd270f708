package io.gamehall.launcher;

import io.gamehall.bot.Bot;
import io.gamehall.bot.BotFleet;
import io.gamehall.bot.BotStats;
import io.gamehall.games.protocol.ConnectFourProtocol;
import io.gamehall.perf.report.BenchReport;
import io.gamehall.perf.report.LoadSampler;
import io.gamehall.perf.report.ReportException;
import io.gamehall.perf.report.ReportWriter;
import io.gamehall.perf.report.TimeSeries;
import io.gamehall.replay.EngineOptions;
import org.HdrHistogram.Histogram;
import org.agrona.IoUtil;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code gamehall bench load}: a {@link BotFleet} of simulated Connect Four players against one
 * or more gateways ({@code --gateways}) or against the whole system started in this process
 * ({@code --local}, the default), with a progress line each second and a report folder at the
 * end (see {@code io.gamehall.perf.report}).
 * <pre>
 *  bots start over --ramp ──► --duration s measured ──► stop bots ──► report folder
 *       │ every second: BotStats snapshot (progress line, throughput and move round trip series)
 *       └──────────────── LoadSampler: this JVM's CPU / heap / GC; --local: master commands/s,
 *                          gateway sessions, host instances
 * </pre>
 * Exit code 0 when the run had no errors, 1 when it had some (the report is written either way),
 * 2 for bad options.
 */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = {
        "Simulated players (bots) play Connect Four against gateways: check-in,",
        "log in (or register), search or create, join, play to the end, again.",
        "Round trips go to HdrHistograms, errors are counted by code, load is",
        "sampled each second. Without --gateways the whole system runs in this",
        "process (--local) and its load is sampled too. Writes a report folder:",
        "index.html, summary.json, <operation>.hgrm, charts.",
        "Exit code 1 when the run had errors, 2 for bad options."})
public final class BenchLoadCommand implements Callable<Integer>
{
    static final String LOCAL_PREFIX = "bench-";
    static final String PASSWORD = "bench-password";

    @Option(names = "--gateways", split = ",", paramLabel = "URL",
        description = "WebSocket URLs of running gateways (ws://host:port/ws,...); without it: --local.")
    List<String> gateways;

    @Option(names = "--local", description = "Start master, host, gateway and store in this process " +
        "(as gamehall local) and run against them; the default without --gateways.")
    boolean local;

    @Option(names = "--clients", defaultValue = "20", description = "Simulated players (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--ramp", defaultValue = "5",
        description = "Seconds over which the bots start; not part of --duration (default ${DEFAULT-VALUE}).")
    long rampSeconds;

    @Option(names = "--duration", defaultValue = "30",
        description = "Seconds measured after the ramp (default ${DEFAULT-VALUE}).")
    long durationSeconds;

    @Option(names = "--game", defaultValue = "connect-four",
        description = "The game the bots play; connect-four is the one they know (default ${DEFAULT-VALUE}).")
    String game;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the bots' choices (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--think-ms", defaultValue = "0",
        description = "Each bot's pause before a move and between games (default ${DEFAULT-VALUE}).")
    long thinkMs;

    @Option(names = "--drop-percent", defaultValue = "5",
        description = "Share of games in which a bot drops its connection once after its first move and resumes " +
            "(timed as resume) (default ${DEFAULT-VALUE}).")
    int dropPercent;

    @Option(names = "--wait-ms", defaultValue = "2000",
        description = "How long a bot waits in a game for an opponent before leaving (default ${DEFAULT-VALUE}).")
    long waitForOpponentMs;

    @Option(names = "--client-threads", defaultValue = "1",
        description = "Event loop threads the bots share (default ${DEFAULT-VALUE}).")
    int clientThreads;

    @Option(names = "--report-dir", description = "Report folder (default reports/load-<timestamp>).")
    File reportDir;

    @Option(names = "--name-prefix", description = "Bot i plays as <prefix>i (default " + LOCAL_PREFIX + ").")
    String namePrefix = LOCAL_PREFIX;

    @Option(names = "--data-dir",
        description = "--local: where master and store keep their data (default a new temporary folder, removed after).")
    File dataDir;

    @Option(names = "--port", defaultValue = "0", description = "--local: WebSocket port; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--master-port", defaultValue = "0",
        description = "--local: the master's base UDP port; 0 picks a free range (default ${DEFAULT-VALUE}).")
    int masterPort;

    @CommandLine.Mixin
    IdleOptions idle;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final String refusal = refusal();
        if (refusal != null)
        {
            err.println("error: " + refusal);
            err.flush();
            return 2;
        }
        final boolean runLocal = gateways == null || gateways.isEmpty();
        final File reports = reportDir != null ? reportDir : new File("reports",
            "load-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        final File data = !runLocal ? null : dataDir != null ? dataDir :
            Files.createTempDirectory("gamehall-bench-").toFile();
        final CountDownLatch stop = new CountDownLatch(1);
        LocalStack stack = null;
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier(stop::countDown))
        {
            final LoadSampler sampler = new LoadSampler().jvm();
            final List<String> urls;
            if (runLocal)
            {
                out.println("bench load: master, game host, gateway and store in this process (development secrets), " +
                    "data in " + data.getPath());
                out.flush();
                stack = LocalStack.start(data, "127.0.0.1", port, masterPort, LocalCommand.LOCAL_PASSWORD_ITERATIONS,
                    EngineOptions.defaults(), idle.settings());
                final int created = BotAccounts.ensure(stack.store(), namePrefix, clients, PASSWORD);
                out.printf("gateway %s; %d bot accounts created%n", stack.gateway().url(), created);
                urls = List.of(stack.gateway().url());
                final LocalStack parts = stack;
                sampler.rate("master commands/s", "commands per s", "server", () -> parts.master().service().commandsApplied())
                    .gauge("gateway sessions", "sessions", "server", () -> parts.gateway().sessions())
                    .gauge("host instances", "instances", "server", () -> parts.host().load());
            }
            else
            {
                urls = gateways;
            }
            final Run run = new Run(out, sampler);
            try (BotFleet fleet = BotFleet.start(new BotFleet.Context()
                .bots(clients)
                .rampUpMs(TimeUnit.SECONDS.toMillis(rampSeconds))
                .seed(seed)
                .namePrefix(namePrefix)
                .eventLoopThreads(clientThreads)
                .bot(bot -> bot
                    .gateways(urls)
                    .thinkMs(thinkMs)
                    .dropPercent(dropPercent)
                    .password(PASSWORD)
                    .loginFirst(runLocal)
                    .mode(ConnectFourProtocol.MODE_BLITZ)
                    .waitForOpponentMs(waitForOpponentMs)
                    .stallTimeoutMs(30_000))))
            {
                out.printf("bench load: %d bots against %s, ramp %d s, then %d s measured; think %d ms, drop %d%%, " +
                    "seed %d%n", clients, urls, rampSeconds, durationSeconds, thinkMs, dropPercent, seed);
                out.flush();
                run.drive(fleet, stop);
            }
            final BotStats.Snapshot last = run.fleetStats.snapshot();
            final BenchReport report = run.report(last, runLocal, urls);
            final File index = ReportWriter.write(report, reports);
            out.println(run.summary(last));
            out.println("report: " + index.getPath());
            out.flush();
            return last.errorCount() == 0 ? 0 : 1;
        }
        catch (final ReportException ex)
        {
            err.println("error: " + ex.getMessage());
            return 1;
        }
        finally
        {
            if (stack != null)
            {
                stack.close();
            }
            if (runLocal && dataDir == null && data != null)
            {
                IoUtil.delete(data, true);
            }
        }
    }

    private String refusal()
    {
        if (local && gateways != null && !gateways.isEmpty())
        {
            return "give either --local or --gateways, not both";
        }
        if (gateways != null)
        {
            for (final String url : gateways)
            {
                if (!url.startsWith("ws://") && !url.startsWith("wss://"))
                {
                    return "--gateways takes ws:// or wss:// URLs: " + url;
                }
            }
        }
        if (!game.toLowerCase(Locale.ROOT).equals("connect-four"))
        {
            return "--game: the bots play connect-four only, not " + game;
        }
        if (clients < 1 || clients > 100_000)
        {
            return "--clients must be 1..100000";
        }
        if (rampSeconds < 0 || durationSeconds < 1 || thinkMs < 0 || waitForOpponentMs < 1 || clientThreads < 1)
        {
            return "--ramp and --think-ms must be >= 0, --duration, --wait-ms and --client-threads >= 1";
        }
        if (dropPercent < 0 || dropPercent > 100)
        {
            return "--drop-percent must be 0..100";
        }
        if (port < 0 || port > 65535 || masterPort < 0 || masterPort > 65528)
        {
            return "--port must be 0..65535 and --master-port 0..65528";
        }
        if (!(namePrefix + (clients - 1)).matches("[A-Za-z0-9._-]{3,32}"))
        {
            return "--name-prefix: bot names must have 3..32 characters from [A-Za-z0-9._-]";
        }
        return null;
    }

    /**
     * One run: the once-a-second loop (progress line, series) and the report at its end.
     */
    private final class Run
    {
        private final PrintWriter out;
        private final LoadSampler sampler;
        private final TimeSeries gamesPerSecond = new TimeSeries("games finished/s", "per s", "throughput");
        private final TimeSeries movesPerSecond = new TimeSeries("moves/s", "per s", "throughput");
        private final TimeSeries moveP50 = new TimeSeries("move p50", "ms", "move round trip");
        private final TimeSeries moveP99 = new TimeSeries("move p99", "ms", "move round trip");
        private final TimeSeries botsInPlay = new TimeSeries("bots in play", "bots", "bots and errors");
        private final TimeSeries errorsSoFar = new TimeSeries("errors so far", "errors", "bots and errors");
        private final Instant startTime = Instant.now();
        private final long startNanos = System.nanoTime();
        private BotStats fleetStats;
        private Histogram moveAtRampEnd;
        private long gamesAtRampEnd;
        private long movesAtRampEnd;
        private long gamesAtEnd;
        private long movesAtEnd;
        private double measuredSeconds;

        Run(final PrintWriter out, final LoadSampler sampler)
        {
            this.out = out;
            this.sampler = sampler;
        }

        void drive(final BotFleet fleet, final CountDownLatch stop) throws InterruptedException
        {
            fleetStats = fleet.stats();
            final long rampEnd = startNanos + TimeUnit.SECONDS.toNanos(rampSeconds);
            final long end = rampEnd + TimeUnit.SECONDS.toNanos(durationSeconds);
            long rampEndedAt = rampSeconds == 0 ? startNanos : 0;
            moveAtRampEnd = new Histogram(BotStats.HIGHEST_TRACKABLE_MICROS, 3);
            long lastGames = 0;
            long lastMoves = 0;
            long lastAt = startNanos;
            long tick = startNanos;
            while (true)
            {
                tick += TimeUnit.SECONDS.toNanos(1);
                final long wait = Math.min(tick, end) - System.nanoTime();
                if (stop.await(Math.max(0, wait), TimeUnit.NANOSECONDS))
                {
                    out.println("stopped by a signal");
                    break;
                }
                final long now = System.nanoTime();
                final double at = (now - startNanos) / 1e9;
                final double dt = Math.max(1e-9, (now - lastAt) / 1e9);
                final BotStats.Snapshot s = fleet.snapshot();
                final BotStats.Latency move = s.interval().get(BotStats.Operation.MOVE);
                gamesPerSecond.add(at, (s.gamesFinished() - lastGames) / dt);
                movesPerSecond.add(at, (s.moves() - lastMoves) / dt);
                if (move.count() > 0)
                {
                    moveP50.add(at, move.p50Micros() / 1000.0);
                    moveP99.add(at, move.p99Micros() / 1000.0);
                }
                final int inPlay = inPlay(fleet);
                botsInPlay.add(at, inPlay);
                errorsSoFar.add(at, s.errorCount());
                sampler.sample(at);
                final TimeSeries commands = sampler.series("master commands/s");
                out.printf("[%4.0fs] bots %d/%d in play | games %d (%.1f/s) | moves %.0f/s | move p99 %s, run %s | " +
                        "errors %d%s%n", at, inPlay, clients, s.gamesFinished(), (s.gamesFinished() - lastGames) / dt,
                    (s.moves() - lastMoves) / dt, millis(move.count(), move.p99Micros()),
                    millis(s.total().get(BotStats.Operation.MOVE).count(), s.total().get(BotStats.Operation.MOVE).p99Micros()),
                    s.errorCount(), commands == null || commands.size() == 0 ? "" :
                        String.format(" | master %.0f commands/s", commands.values()[commands.size() - 1]));
                out.flush();
                lastGames = s.gamesFinished();
                lastMoves = s.moves();
                lastAt = now;
                if (rampEndedAt == 0 && now >= rampEnd)
                {
                    rampEndedAt = now;
                    moveAtRampEnd = fleet.stats().totalHistogram(BotStats.Operation.MOVE);
                    gamesAtRampEnd = s.gamesFinished();
                    movesAtRampEnd = s.moves();
                }
                if (now >= end)
                {
                    break;
                }
            }
            final BotStats.Snapshot s = fleet.snapshot();
            final long now = System.nanoTime();
            if (rampEndedAt == 0)
            {
                rampEndedAt = startNanos; // stopped during the ramp: the whole run counts
            }
            gamesAtEnd = s.gamesFinished();
            movesAtEnd = s.moves();
            measuredSeconds = Math.max(1e-9, (now - rampEndedAt) / 1e9);
        }

        BenchReport report(final BotStats.Snapshot last, final boolean runLocal, final List<String> urls)
        {
            final BenchReport report = new BenchReport("load", "gamehall bench load: " + clients + " bots, think " +
                thinkMs + " ms", startTime)
                .durationSeconds(measuredSeconds)
                .parameter("target", runLocal ? "local (in this process)" : String.join(",", urls))
                .parameter("clients", clients)
                .parameter("rampSeconds", rampSeconds)
                .parameter("durationSeconds", durationSeconds)
                .parameter("game", game)
                .parameter("seed", seed)
                .parameter("thinkMs", thinkMs)
                .parameter("dropPercent", dropPercent)
                .parameter("waitForOpponentMs", waitForOpponentMs)
                .parameter("clientThreads", clientThreads)
                .parameter("cores", Runtime.getRuntime().availableProcessors())
                .parameter("maxHeapMB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
            for (final BotStats.Operation operation : BotStats.Operation.values())
            {
                report.operation(operation.name().toLowerCase(Locale.ROOT), fleetStats.totalHistogram(operation), 1_000.0);
            }
            final Histogram steady = fleetStats.totalHistogram(BotStats.Operation.MOVE);
            steady.subtract(moveAtRampEnd);
            report.operation("move-after-ramp", steady, 1_000.0)
                .throughput("gamesFinishedPerSecond", (gamesAtEnd - gamesAtRampEnd) / measuredSeconds)
                .throughput("movesPerSecond", (movesAtEnd - movesAtRampEnd) / measuredSeconds)
                .count("gamesFinished", last.gamesFinished())
                .count("gamesPlayed", last.gamesPlayed())
                .count("moves", last.moves())
                .count("lostJoinRaces", last.lostRaces())
                .count("waitedOut", last.waitedOut())
                .count("stillSeatedAfterAGame", last.stillSeated())
                .count("lateMoves", last.lateMoves())
                .count("disconnects", last.disconnects())
                .count("resumes", last.resumes());
            last.errors().forEach(report::errors);
            List.of(gamesPerSecond, movesPerSecond, moveP50, moveP99, botsInPlay, errorsSoFar).forEach(report::series);
            sampler.series().forEach(report::series);
            report.note("Operations cover the whole run, ramp included; move-after-ramp and the throughput figures " +
                "cover the " + durationSeconds + " s after the ramp. Round trips are from sending a request to its " +
                "answer (a move: to its GameAck, after the host wrote its backup); resume: from the lost connection " +
                "to the resumed session.");
            report.note(runLocal ?
                "Server load: master, host, gateway, store and the bots share this JVM; CPU, heap and GC are this " +
                    "process's (MXBeans); master commands/s, gateway sessions and host instances from the components. " +
                    "The master's commit lag is not sampled (a single node commits what it appends)." :
                "Remote gateways: the servers expose no metrics endpoint or JMX yet, so the load figures are the " +
                    "client JVM's own (CPU, heap, GC), not the servers'.");
            return report;
        }

        String summary(final BotStats.Snapshot s)
        {
            final BotStats.Latency move = s.total().get(BotStats.Operation.MOVE);
            return String.format("done: %.0f s measured; games finished %d (%.1f/s after the ramp), moves %d, " +
                    "move p50 %s p99 %s, errors %d %s, lost join races %d, resumes %d",
                measuredSeconds, s.gamesFinished(), (gamesAtEnd - gamesAtRampEnd) / measuredSeconds, s.moves(),
                millis(move.count(), move.p50Micros()), millis(move.count(), move.p99Micros()), s.errorCount(),
                s.errors(), s.lostRaces(), s.resumes());
        }
    }

    private static int inPlay(final BotFleet fleet)
    {
        int n = 0;
        for (final Bot bot : fleet.bots())
        {
            final Bot.Phase phase = bot.phase();
            if (phase == Bot.Phase.LOBBY || phase == Bot.Phase.WAITING || phase == Bot.Phase.PLAYING)
            {
                n++;
            }
        }
        return n;
    }

    private static String millis(final long count, final long micros)
    {
        return count == 0 ? "-" : String.format("%.1f ms", micros / 1000.0);
    }
}
