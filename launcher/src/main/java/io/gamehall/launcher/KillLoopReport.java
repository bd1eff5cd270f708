package io.gamehall.launcher;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The figures of a {@link FailoverKillLoop} run as a Markdown page: the command that produced
 * them, a table with one row per kill, p50/max of each measure and the correctness checks.
 */
final class KillLoopReport
{
    private KillLoopReport()
    {
    }

    static String markdown(
        final String date, final String command, final FailoverKillLoop.Options options,
        final FailoverKillLoop.Result result)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("# Failover kill loop, ").append(date).append("\n\n");
        sb.append("    ").append(command).append("\n\n");
        sb.append(String.format(Locale.ROOT,
            "Three `gamehall master` processes on this machine, %d clients with %d commands in flight each " +
            "(check-in and check-out, flat out), snapshots every %d s, the leader SIGKILLed %d s after %s and " +
            "restarted %s on its data directory; rejoin (restart to caught-up follower) bound %d ms. " +
            "Run time %d s.%n%n",
            options.clients, options.inFlight, options.snapshotIntervalS, options.intervalMs / 1000,
            options.waitForRejoin ? "the previous node rejoined" : "the previous kill (fixed schedule)",
            options.restartDelayMs > 0 ? options.restartDelayMs + " ms later" : "at once",
            options.rejoinBoundMs, result.durationMs() / 1000));
        sb.append("| kill | member | election ms | client gaps ms | rejoin ms | log at kill MB | missed MB |\n");
        sb.append("|---:|---:|---:|---|---:|---:|---:|\n");
        for (final FailoverKillLoop.Kill kill : result.kills())
        {
            sb.append(String.format(Locale.ROOT, "| %d | %d | %d | %s | %s | %.1f | %.1f |%n",
                kill.number(), kill.member(), kill.electionMs(), Arrays.toString(kill.clientGapsMs()),
                kill.rejoinMs() < 0 ? "never" : Long.toString(kill.rejoinMs()),
                kill.logPosition() / 1048576.0, kill.missedBytes() / 1048576.0));
        }
        final List<FailoverKillLoop.Kill> kills = result.kills();
        sb.append('\n');
        sb.append(summaryLine("election (kill to a new leader)", kills.stream().mapToLong(FailoverKillLoop.Kill::electionMs).toArray()));
        sb.append(summaryLine("client-visible gap (worst client)", kills.stream().mapToLong(FailoverKillLoop.Kill::worstGapMs).toArray()));
        sb.append(summaryLine("rejoin (restart to caught-up follower)", kills.stream().mapToLong(FailoverKillLoop.Kill::rejoinMs).toArray()));
        sb.append(String.format(Locale.ROOT, "%nCommands sent %,d; acknowledged OK %,d; answered with an error %d; " +
            "never answered %d; users left checked in at the end %d (0: nothing acknowledged was lost, nothing " +
            "applied twice); final log position/state hash per member %s (%s).%n",
            result.sent(), result.acknowledged(), result.errors(), result.unknown(), result.usersLeft(),
            result.finalStates(), result.statesEqual() ? "equal" : "NOT EQUAL"));
        sb.append(String.format(Locale.ROOT, "Every rejoin within %d ms: %s. Restarts at which a node found its " +
            "recorded log damaged and cut it: %d. New leaders that no kill explains (spurious elections): %d.%n",
            options.rejoinBoundMs, result.everyRejoinWithin(options.rejoinBoundMs) ? "yes" : "no", result.logTailsCut(),
            result.spuriousElections()));
        if (result.failure() != null)
        {
            sb.append("\nThe run stopped early: ").append(result.failure()).append('\n');
        }
        if (!result.errorSamples().isEmpty())
        {
            sb.append("\nFirst errors:\n\n");
            for (final String sample : result.errorSamples())
            {
                sb.append("* ").append(sample).append('\n');
            }
        }
        return sb.toString();
    }

    private static String summaryLine(final String what, final long[] values)
    {
        final long[] sorted = Arrays.stream(values).filter((v) -> v >= 0).sorted().toArray();
        if (sorted.length == 0)
        {
            return "* " + what + ": no value\n";
        }
        return String.format(Locale.ROOT, "* %s: p50 %d ms, max %d ms, min %d ms (%d kills)%n",
            what, sorted[(sorted.length - 1) / 2], sorted[sorted.length - 1], sorted[0], sorted.length);
    }
}
