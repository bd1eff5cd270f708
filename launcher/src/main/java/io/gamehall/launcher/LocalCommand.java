package io.gamehall.launcher;

import io.gamehall.bot.BotFleet;
import io.gamehall.bot.BotStats;
import io.gamehall.games.protocol.ConnectFourProtocol;
import io.gamehall.gateway.SessionGateway;
import io.gamehall.host.GameHost;
import io.gamehall.replay.EngineOptions;
import io.gamehall.replication.MasterNode;
import io.gamehall.store.Store;
import org.agrona.CloseHelper;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.File;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code gamehall local}: the whole system in one process for a local try-out — a single-node
 * master, a game host with the sample games, a gateway and one shared store, with development
 * secrets; optionally a fleet of bots playing Connect Four against it.
 */
@Command(
    name = "local",
    header = "Run the whole system in one process on this machine, to try it out.",
    mixinStandardHelpOptions = true,
    description = {
        "Run everything in one process for a local try-out: a single-node master, a game host with the",
        "sample games, a session gateway (ws://127.0.0.1:8080/ws) and one Chronicle Map store, with",
        "development secrets; data in ./data (master in data/master, store in data/store), kept across runs.",
        "Prints the WebSocket URL, then a status line every few seconds. --bots N adds N bots playing",
        "Connect Four. Stops on Ctrl-C / SIGTERM, or after --duration seconds."})
public final class LocalCommand implements java.util.concurrent.Callable<Integer>
{
    /**
     * The gateway's PBKDF2 iterations for accounts registered through it in a local run: a sixth
     * of the production default (600,000), so a login costs ~0.1 s instead of ~0.6 s on a laptop
     * while hashes stay far from trivially cheap. Bots' accounts are made directly in the store
     * with the minimum (see {@link BotAccounts}).
     */
    static final int LOCAL_PASSWORD_ITERATIONS = 100_000;
    static final String BOT_PREFIX = "bot-";
    static final String BOT_PASSWORD = "bot-password";

    @Option(names = "--data-dir", defaultValue = "data",
        description = "Where the master (<dir>/master) and the store (<dir>/store) keep their data (default ${DEFAULT-VALUE}).")
    File dataDir;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address the gateway and the host listen on, a " +
        "loopback one: the development secrets are public (default ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", defaultValue = "8080", description = "WebSocket port; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int port;

    @CommandLine.Mixin
    EngineOptions engine;

    @CommandLine.Mixin
    IdleOptions idle;

    @Option(names = "--master-port", defaultValue = "" + MasterNode.Context.DEFAULT_BASE_PORT,
        description = "The master's base UDP port (it uses 7 from there); 0 picks a free range (default ${DEFAULT-VALUE}).")
    int masterPort;

    @Option(names = "--bots", defaultValue = "0", description = "Bots playing Connect Four against the gateway (default ${DEFAULT-VALUE}).")
    int bots;

    @Option(names = "--think-ms", defaultValue = "0", description = "Each bot's pause before a move and between games (default ${DEFAULT-VALUE}).")
    long thinkMs;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the bots' choices (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--duration", defaultValue = "0", description = "Stop after this many seconds; 0 runs until Ctrl-C (default ${DEFAULT-VALUE}).")
    long durationSeconds;

    @Option(names = "--status-interval", defaultValue = "5", description = "Seconds between status lines (default ${DEFAULT-VALUE}).")
    long statusIntervalSeconds;

    @Option(names = "--password-iterations", defaultValue = "" + LOCAL_PASSWORD_ITERATIONS,
        description = "PBKDF2 iterations for accounts registered through the gateway (default ${DEFAULT-VALUE}, a sixth of " +
            "gamehall gateway's: quicker logins on a dev machine).")
    int passwordIterations;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final List<AutoCloseable> running = new ArrayList<>();

    @Override
    public Integer call() throws Exception
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final String refusal = refusal();
        if (refusal != null)
        {
            err.println("error: " + refusal);
            return 2;
        }
        final CountDownLatch stop = new CountDownLatch(1);
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier(stop::countDown))
        {
            out.println("gamehall local: master, game host and gateway in one process with development secrets " +
                "(a local dev setup, not for production); data in " + dataDir.getAbsoluteFile().toPath().normalize());
            out.flush();
            final Parts parts;
            try
            {
                parts = start(out);
            }
            catch (final RuntimeException ex)
            {
                closeAll();
                err.println("error: " + ex.getMessage());
                return 1;
            }
            out.println("WebSocket URL: " + parts.gateway.url() + "   web page: " + parts.gateway.pageUrl());
            out.flush();
            report(parts, stop, out);
            out.println("stopping: bots, gateway, game host, master, store");
            out.flush();
            final BotStats.Snapshot last = parts.fleet == null ? null : parts.fleet.snapshot();
            closeAll();
            out.println(summary(parts, last));
            out.flush();
        }
        return 0;
    }

    private String refusal()
    {
        if (port < 0 || port > 65535 || masterPort < 0 || masterPort > 65535 - MasterNode.PORTS_PER_MEMBER)
        {
            return "--port must be 0..65535 and --master-port 0..65528";
        }
        if (bots < 0 || thinkMs < 0 || durationSeconds < 0 || statusIntervalSeconds < 1)
        {
            return "--bots, --think-ms and --duration must be >= 0, --status-interval >= 1";
        }
        if (bots > 1_000_000)
        {
            return "--bots must be at most 1000000";
        }
        if (!Loopback.isLoopback(bind))
        {
            return "--bind " + bind + " is not a loopback address: gamehall local runs with the public development " +
                "secrets, so it listens on this machine only; to serve other machines run gamehall master, host and " +
                "gateway with secrets of their own (docs/security.md)";
        }
        return null;
    }

    /** What runs, in start order. */
    private record Parts(Store store, MasterNode master, GameHost host, SessionGateway gateway, BotFleet fleet,
        long startNanos)
    {
    }

    private Parts start(final PrintWriter out) throws Exception
    {
        final long startNanos = System.nanoTime();
        final LocalStack stack = LocalStack.start(dataDir, bind, port, masterPort, passwordIterations, engine.toConfig(), idle.settings());
        running.add(stack);
        final Store store = stack.store();
        final MasterNode master = stack.master();
        final GameHost host = stack.host();
        final SessionGateway gateway = stack.gateway();

        BotFleet fleet = null;
        if (bots > 0)
        {
            final int created = BotAccounts.ensure(store, BOT_PREFIX, bots, BOT_PASSWORD);
            out.printf("bots: %d (%s0..%s%d, password %s; %d accounts created), think time %d ms, seed %d%n",
                bots, BOT_PREFIX, BOT_PREFIX, bots - 1, BOT_PASSWORD, created, thinkMs, seed);
            fleet = BotFleet.start(new BotFleet.Context()
                .bots(bots)
                .rampUpMs(Math.min(5_000, bots * 50L))
                .seed(seed)
                .namePrefix(BOT_PREFIX)
                .bot(bot -> bot
                    .gateways(List.of(gateway.url()))
                    .thinkMs(thinkMs)
                    .password(BOT_PASSWORD)
                    .loginFirst(true)
                    .mode(ConnectFourProtocol.MODE_BLITZ)
                    .waitForOpponentMs(2_000)
                    .stallTimeoutMs(30_000)));
            running.add(fleet);
        }
        return new Parts(store, master, host, gateway, fleet, startNanos);
    }

    /**
     * Print a status line every interval until stopped or the duration is over.
     */
    private void report(final Parts parts, final CountDownLatch stop, final PrintWriter out) throws InterruptedException
    {
        final long intervalNanos = TimeUnit.SECONDS.toNanos(statusIntervalSeconds);
        final long endNanos = durationSeconds == 0 ? Long.MAX_VALUE :
            System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds);
        long lastNanos = System.nanoTime();
        long lastCommands = parts.master.service().commandsApplied();
        while (true)
        {
            final long now = System.nanoTime();
            final long waitNanos = Math.min(lastNanos + intervalNanos, endNanos) - now;
            if (stop.await(Math.max(0, waitNanos), TimeUnit.NANOSECONDS) || System.nanoTime() >= endNanos)
            {
                return;
            }
            final long at = System.nanoTime();
            final long commands = parts.master.service().commandsApplied();
            final double perSecond = (commands - lastCommands) * 1e9 / Math.max(1, at - lastNanos);
            lastNanos = at;
            lastCommands = commands;
            final StringBuilder line = new StringBuilder()
                .append(String.format("[%4ds] users %d | instances %d | master %.0f commands/s",
                    TimeUnit.NANOSECONDS.toSeconds(at - parts.startNanos), parts.gateway.sessions(), parts.host.load(),
                    perSecond));
            if (parts.fleet != null)
            {
                final BotStats.Snapshot s = parts.fleet.snapshot();
                final BotStats.Latency moves = s.interval().get(BotStats.Operation.MOVE);
                line.append(String.format(" | bots %d: games finished %d, moves %d, move p50 %s p99 %s, errors %d",
                    parts.fleet.started(), s.gamesFinished(), s.moves(), millis(moves.count(), moves.p50Micros()),
                    millis(moves.count(), moves.p99Micros()), s.errorCount()));
            }
            out.println(line);
            out.flush();
        }
    }

    private static String summary(final Parts parts, final BotStats.Snapshot s)
    {
        final long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - parts.startNanos);
        if (s == null)
        {
            return "stopped after " + seconds + " s";
        }
        final BotStats.Latency moves = s.total().get(BotStats.Operation.MOVE);
        return String.format("stopped after %d s; bots: games finished %d, moves %d, move p50 %s p99 %s, " +
            "errors %d %s, lost join races %d, waited out %d, still seated after a game %d, late moves %d",
            seconds, s.gamesFinished(), s.moves(), millis(moves.count(), moves.p50Micros()),
            millis(moves.count(), moves.p99Micros()), s.errorCount(), s.errors(), s.lostRaces(), s.waitedOut(),
            s.stillSeated(), s.lateMoves());
    }

    private static String millis(final long count, final long micros)
    {
        return count == 0 ? "-" : String.format("%.1f ms", micros / 1000.0);
    }

    /**
     * Stop in the reverse order of the start: bots, gateway, host, master, store.
     */
    private void closeAll()
    {
        for (int i = running.size() - 1; i >= 0; i--)
        {
            CloseHelper.quietClose(running.get(i));
        }
        running.clear();
    }
}
