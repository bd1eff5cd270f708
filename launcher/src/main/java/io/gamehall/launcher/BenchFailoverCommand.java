package io.gamehall.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code gamehall bench failover}: the failover torture run ({@link FailoverKillLoop}) with its
 * figures as a dated Markdown table ({@link KillLoopReport}).
 */
@Command(
    name = "failover",
    mixinStandardHelpOptions = true,
    description = {
        "Three master processes on loopback under load (admin clients, commands in",
        "flight, check-ins and check-outs), the leader SIGKILLed every --interval-s",
        "and restarted at once on its data directory, snapshots on. Per kill: time",
        "to a new leader, the longest gap each client saw, time for the restarted",
        "node to rejoin (a caught-up follower). Counted: new leaders no kill",
        "explains (spurious elections). At the end: nothing acknowledged",
        "lost or applied twice, equal state hashes. Exit code 0 when every check",
        "passed and every rejoin was within --rejoin-bound-ms, 1 otherwise."})
public final class BenchFailoverCommand implements Callable<Integer>
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--kills", defaultValue = "20", description = "Leader kills (default ${DEFAULT-VALUE}).")
    int kills;

    @Option(names = "--interval-s", defaultValue = "30", description = "Seconds between kills (default ${DEFAULT-VALUE}).")
    long intervalS;

    @Option(names = "--fixed-schedule",
        description = "Kill every --interval-s whether or not the previous node has rejoined (as a torture run " +
            "that does not look does); by default the interval starts when the previous node rejoined.")
    boolean fixedSchedule;

    @Option(names = "--restart-delay-ms", defaultValue = "0",
        description = "Restart the killed node this long after the kill (default ${DEFAULT-VALUE}: at once).")
    long restartDelayMs;

    @Option(names = "--snapshot-interval-s", defaultValue = "15", description = "The nodes' snapshot interval (default ${DEFAULT-VALUE}).")
    long snapshotIntervalS;

    @Option(names = "--clients", defaultValue = "2", description = "Load clients (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--in-flight", defaultValue = "200", description = "Commands in flight per client (default ${DEFAULT-VALUE}).")
    int inFlight;

    @Option(names = "--rejoin-bound-ms", defaultValue = "10000",
        description = "A rejoin slower than this fails the run (default ${DEFAULT-VALUE}).")
    long rejoinBoundMs;

    @Option(names = "--rejoin-timeout-ms", defaultValue = "120000",
        description = "Give up on a node that has not rejoined after this long (default ${DEFAULT-VALUE}).")
    long rejoinTimeoutMs;

    @Option(names = "--node-heap", defaultValue = "256m", description = "-Xmx of each node (default ${DEFAULT-VALUE}).")
    String nodeHeap;

    @Option(names = "--work-dir", description = "Where the nodes' data and logs go (default: a temporary directory).")
    File workDir;

    @Option(names = "--keep", description = "Keep the work directory (data and logs) at the end.")
    boolean keep;

    @Option(names = "--out", description = "Write the Markdown figures to this file (default: print them).")
    File out;

    @Option(names = "--master-arg", description = "An extra option for every node, e.g. --master-arg=--catchup-ingress-limit=5000; repeatable.")
    List<String> masterArgs = new ArrayList<>();

    public Integer call() throws Exception
    {
        final PrintWriter stdout = spec.commandLine().getOut();
        final FailoverKillLoop.Options options = new FailoverKillLoop.Options();
        options.kills = kills;
        options.intervalMs = intervalS * 1_000;
        options.snapshotIntervalS = snapshotIntervalS;
        options.waitForRejoin = !fixedSchedule;
        options.restartDelayMs = restartDelayMs;
        options.clients = clients;
        options.inFlight = inFlight;
        options.rejoinBoundMs = rejoinBoundMs;
        options.rejoinTimeoutMs = rejoinTimeoutMs;
        options.nodeHeap = nodeHeap;
        options.workDir = workDir;
        options.keepWorkDir = keep;
        options.masterArgs = masterArgs;
        options.progress = stdout;
        final FailoverKillLoop.Result result;
        try (FailoverKillLoop loop = new FailoverKillLoop(options))
        {
            stdout.println("work directory " + loop.workDir() + (keep ? " (kept)" : " (removed at the end)"));
            result = loop.run();
        }
        final String command = "bin/gamehall " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        final String markdown = KillLoopReport.markdown(LocalDate.now().toString(), command, options, result);
        if (out != null)
        {
            Files.writeString(out.toPath(), markdown, StandardCharsets.UTF_8);
            stdout.println("figures written to " + out);
        }
        else
        {
            stdout.println(markdown);
        }
        stdout.flush();
        return result.passed() && result.everyRejoinWithin(rejoinBoundMs) ? 0 : 1;
    }
}
