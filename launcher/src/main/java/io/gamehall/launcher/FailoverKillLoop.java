package io.gamehall.launcher;

import io.aeron.driver.MediaDriver;
import io.gamehall.aeron.LocalMediaDriver;
import io.gamehall.aeron.OwnerOnlyDirectory;
import io.gamehall.perf.cluster.ChildJvmCommand;
import io.gamehall.replication.LoopbackMembers;
import io.gamehall.replication.MasterNode;
import io.gamehall.replication.RandomSecret;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The failover torture run: three {@code gamehall master} processes on this machine (loopback,
 * free ports, a temporary directory), {@link KillLoopLoad} clients with commands in flight, the
 * leader SIGKILLed again and again and restarted at once on its data directory, with periodic
 * snapshots on. For each kill it measures the election (leader killed to a new leader with its
 * election closed), what each client saw (longest gap between two answers) and the rejoin
 * (restarted process to a follower whose election is closed, i.e. caught up and on the live
 * log). At the end it checks that nothing acknowledged was lost or applied twice (every answer
 * OK, no user left behind) and that every node stops with the same state hash.
 * <pre>
 *  start 3 nodes ─► load ─► [ wait interval ─► SIGKILL leader ─► restart it ─► time election,
 *                              client gaps, rejoin ] × kills ─► drain ─► SIGTERM all ─► hashes
 * </pre>
 * Every wait is bounded; the child processes are killed and the directories removed in
 * {@link #close()}.
 */
final class FailoverKillLoop implements AutoCloseable
{
    private static final Pattern TERMINATION = Pattern.compile("terminating at log position (\\d+), state hash ([0-9a-f]+)");
    private static final int NODES = 3;

    /**
     * What to run.
     */
    static final class Options
    {
        int kills = 20;
        long intervalMs = 30_000;
        long snapshotIntervalS = 15;
        int clients = 2;
        int inFlight = 200;
        long rejoinBoundMs = 10_000;
        long rejoinTimeoutMs = 120_000;
        boolean waitForRejoin = true;
        long restartDelayMs;
        String nodeHeap = "256m";
        File workDir;
        boolean keepWorkDir;
        List<String> masterArgs = List.of();
        PrintWriter progress = new PrintWriter(System.out, true);
    }

    /**
     * One kill.
     *
     * @param number       1-based.
     * @param member       the leader killed.
     * @param electionMs   kill to a new leader with its election closed.
     * @param clientGapsMs per client, the longest time between two answers around the kill.
     * @param rejoinMs     restart to the killed node being a follower with its election closed; -1 if it never was.
     * @param logPosition  the leader's commit position at the kill: the length of the log so far.
     * @param missedBytes  log committed between the kill and the rejoin, which the node had to catch up.
     */
    record Kill(int number, int member, long electionMs, long[] clientGapsMs, long rejoinMs, long logPosition,
        long missedBytes)
    {
        long worstGapMs()
        {
            long worst = 0;
            for (final long gap : clientGapsMs)
            {
                worst = Math.max(worst, gap);
            }
            return worst;
        }
    }

    /**
     * What a run found.
     *
     * @param kills          every kill done.
     * @param sent           commands sent by the load clients.
     * @param acknowledged   answered OK.
     * @param errors         answered with another code.
     * @param unknown        never answered.
     * @param usersLeft      users still checked in at the end (0: nothing lost or applied twice).
     * @param finalStates    per member, "log position/state hash" from its clean stop; null when not seen.
     * @param errorSamples   the first errors.
     * @param failure        why the run stopped early; null when it did not.
     * @param durationMs     the whole run.
     * @param logTailsCut    restarts at which a node found its recorded log damaged and cut it.
     * @param spuriousElections new leadership terms that no kill explains (a node that stalled
     *                          longer than the heartbeat timeout).
     */
    record Result(
        List<Kill> kills,
        long sent,
        long acknowledged,
        long errors,
        long unknown,
        int usersLeft,
        Map<Integer, String> finalStates,
        List<String> errorSamples,
        String failure,
        long durationMs,
        int logTailsCut,
        int spuriousElections)
    {
        boolean statesEqual()
        {
            final String first = finalStates.get(0);
            return first != null && finalStates.size() == NODES &&
                finalStates.values().stream().allMatch(first::equals);
        }

        boolean everyRejoinWithin(final long boundMs)
        {
            return kills.stream().allMatch((kill) -> kill.rejoinMs() >= 0 && kill.rejoinMs() <= boundMs);
        }

        boolean passed()
        {
            return failure == null && errors == 0 && unknown == 0 && usersLeft == 0 && statesEqual();
        }
    }

    private final Options options;
    private final File workDir;
    private final List<String> members;
    private final Map<String, String> secrets = new TreeMap<>();
    private final Process[] processes = new Process[NODES];
    private final File[] aeronDirs = new File[NODES];
    private final NodeCounters[] counters = new NodeCounters[NODES];
    private final int[] starts = new int[NODES];
    private final boolean[] awaitingRestart = new boolean[NODES];
    private final List<File> allAeronDirs = new ArrayList<>();
    private final List<KillLoopLoad> loads = new ArrayList<>();
    private final Thread killChildrenOnExit = new Thread(this::killChildrenAndRemoveDrivers, "kill-loop-children");
    private MediaDriver clientDriver;
    private long lastTerm = -1;
    private int electionsExpected;
    private int spuriousElections;

    FailoverKillLoop(final Options options) throws IOException
    {
        this.options = options;
        workDir = options.workDir != null ? OwnerOnlyDirectory.ensure(options.workDir) :
            Files.createTempDirectory("gamehall-killloop-").toFile();
        members = LoopbackMembers.free(NODES);
        for (final SecretKind kind : new SecretKind[]{SecretKind.GATEWAY, SecretKind.HOST, SecretKind.ADMIN, SecretKind.ARCHIVE})
        {
            secrets.put(kind.environmentVariable(), RandomSecret.generate());
        }
        Runtime.getRuntime().addShutdownHook(killChildrenOnExit);
    }

    /**
     * @return the run's directory: node data and logs.
     */
    File workDir()
    {
        return workDir;
    }

    Result run() throws Exception
    {
        final long startMs = System.currentTimeMillis();
        final List<Kill> kills = new ArrayList<>();
        String failure = null;
        int usersLeft = -1;
        for (int i = 0; i < NODES; i++)
        {
            startNode(i);
        }
        final int leader = awaitLeader(Math.max(60_000, options.rejoinTimeoutMs));
        options.progress.printf("3 nodes up, leader %d; starting %d clients with %d commands in flight each%n",
            leader, options.clients, options.inFlight);
        clientDriver = LocalMediaDriver.launch("kill-loop-client");
        for (int c = 0; c < options.clients; c++)
        {
            final KillLoopLoad load = new KillLoopLoad(c, MasterNode.Context.ingressEndpoints(members),
                secrets.get(SecretKind.ADMIN.environmentVariable()), clientDriver.aeronDirectoryName(), options.inFlight);
            loads.add(load);
            load.start(30_000);
        }
        try
        {
            failure = killLoop(kills);
            usersLeft = 0;
            for (final KillLoopLoad load : loads)
            {
                usersLeft += load.drainAndCountUsers(120_000);
            }
        }
        catch (final RuntimeException ex)
        {
            failure = ex.toString();
        }
        long sent = 0;
        long unknown = 0;
        final List<String> samples = new ArrayList<>();
        for (final KillLoopLoad load : loads)
        {
            sent += load.sent();
            unknown += load.unknownOutcomes();
            load.errorSamples().forEach(samples::add);
        }
        final long acknowledged = acknowledged();
        final long errors = errors();
        CloseHelper.closeAll(loads);
        loads.clear();
        final Map<Integer, String> finalStates = stopAll();
        return new Result(kills, sent, acknowledged, errors, unknown, usersLeft, finalStates, samples, failure,
            System.currentTimeMillis() - startMs, countInLogs("is damaged at position"), spuriousElections);
    }

    /**
     * Kill the leader every interval and restart it at once; measure every kill until its node
     * rejoined. With {@link Options#waitForRejoin} the interval starts when the previous node
     * rejoined; without, kills follow a fixed schedule and may come while a node still catches up.
     *
     * @return why the loop stopped early, or null.
     */
    private String killLoop(final List<Kill> kills) throws IOException, InterruptedException
    {
        final List<PendingKill> pending = new ArrayList<>();
        long nextKillNs = System.nanoTime() + options.intervalMs * 1_000_000L;
        int started = 0;
        final long loopDeadlineNs = System.nanoTime() +
            (options.kills + 1L) * (options.intervalMs + options.rejoinTimeoutMs) * 1_000_000L;
        while (started < options.kills || !pending.isEmpty())
        {
            final long now = System.nanoTime();
            if (now > loopDeadlineNs)
            {
                return "the kill loop ran past its time bound";
            }
            final String exited = exitedChild();
            if (exited != null)
            {
                return exited;
            }
            observeTerm();
            for (int i = pending.size() - 1; i >= 0; i--)
            {
                final PendingKill kill = pending.get(i);
                final String problem = kill.update(now);
                if (problem != null)
                {
                    return problem;
                }
                if (kill.isDone())
                {
                    pending.remove(i);
                    final Kill done = kill.result();
                    kills.add(done);
                    report(done);
                    if (options.waitForRejoin)
                    {
                        nextKillNs = now + options.intervalMs * 1_000_000L;
                    }
                }
            }
            if (started < options.kills && now >= nextKillNs && (!options.waitForRejoin || pending.isEmpty()))
            {
                final int leader = settledLeader();
                if (leader >= 0)
                {
                    for (final PendingKill kill : pending)
                    {
                        kill.finishGaps();
                    }
                    pending.add(killAndRestart(++started, leader));
                    nextKillNs = now + options.intervalMs * 1_000_000L;
                }
            }
            sleep(5);
        }
        kills.sort(java.util.Comparator.comparingInt(Kill::number));
        return null;
    }

    private void report(final Kill kill)
    {
        options.progress.printf("kill %2d: member %d, election %5d ms, client gaps %s ms, rejoin %d ms, " +
            "log %d MB, %d MB missed; acknowledged %d, errors %d%n",
            kill.number(), kill.member(), kill.electionMs(), java.util.Arrays.toString(kill.clientGapsMs()),
            kill.rejoinMs(), kill.logPosition() >> 20, kill.missedBytes() >> 20, acknowledged(), errors());
    }

    /**
     * Count a new leadership term of a settled leader: each kill explains one, any other is a
     * spurious election (a node whose threads stalled longer than the heartbeat timeout).
     */
    private void observeTerm()
    {
        final int leader = settledLeader();
        final long term = leader < 0 ? -1 : counters[leader].leadershipTermId();
        if (term <= lastTerm)
        {
            return;
        }
        if (lastTerm >= 0)
        {
            if (electionsExpected > 0)
            {
                electionsExpected--;
            }
            else
            {
                spuriousElections++;
                options.progress.printf("new leader %d in term %d with no kill: a spurious election (%d so far)%n",
                    leader, term, spuriousElections);
            }
        }
        lastTerm = term;
    }

    private int settledLeader()
    {
        for (int i = 0; i < NODES; i++)
        {
            if (processes[i].isAlive() && counters[i].role() == io.aeron.cluster.service.Cluster.Role.LEADER &&
                counters[i].isSettled())
            {
                return i;
            }
        }
        return -1;
    }

    private PendingKill killAndRestart(final int number, final int leader) throws IOException, InterruptedException
    {
        for (final KillLoopLoad load : loads)
        {
            load.resetGap();
        }
        observeTerm();
        electionsExpected = 1;
        final long positionAtKill = counters[leader].commitPosition();
        processes[leader].destroyForcibly();
        final long killNs = System.nanoTime();
        processes[leader].waitFor();
        counters[leader].close();
        awaitingRestart[leader] = true;
        final PendingKill kill = new PendingKill(number, leader, killNs, positionAtKill);
        if (options.restartDelayMs <= 0)
        {
            kill.restart(System.nanoTime());
        }
        return kill;
    }

    /**
     * A kill being measured: the election, what the clients saw, the rejoin.
     */
    private final class PendingKill
    {
        private final int number;
        private final int member;
        private final long killNs;
        private final long positionAtKill;
        private long restartNs;
        private int start = -1;
        private final boolean[] answered = new boolean[loads.size()];
        private long[] gapsMs;
        private long electionMs = -1;
        private long rejoinMs = -1;
        private long missed = -1;

        PendingKill(final int number, final int member, final long killNs, final long positionAtKill)
        {
            this.number = number;
            this.member = member;
            this.killNs = killNs;
            this.positionAtKill = positionAtKill;
        }

        void restart(final long now) throws IOException
        {
            startNode(member);
            awaitingRestart[member] = false;
            restartNs = now;
            start = starts[member];
        }

        String update(final long now) throws IOException
        {
            if (electionMs < 0)
            {
                for (int i = 0; i < NODES; i++)
                {
                    if (i != member && processes[i].isAlive() &&
                        counters[i].role() == io.aeron.cluster.service.Cluster.Role.LEADER && counters[i].isSettled())
                    {
                        electionMs = (now - killNs) / 1_000_000;
                    }
                }
            }
            if (gapsMs == null)
            {
                boolean all = true;
                for (int c = 0; c < answered.length; c++)
                {
                    answered[c] |= loads.get(c).lastAnswerNs() > killNs + 1_000_000_000L;
                    all &= answered[c];
                }
                if (all)
                {
                    finishGaps();
                }
            }
            if (start < 0)
            {
                if (now - killNs < options.restartDelayMs * 1_000_000L)
                {
                    return null;
                }
                restart(now);
            }
            if (rejoinMs < 0 && starts[member] == start && counters[member].isSettled())
            {
                rejoinMs = (now - restartNs) / 1_000_000;
                missed = Math.max(0, maxCommitPosition(member) - positionAtKill);
            }
            if (rejoinMs < 0 && (starts[member] != start || !processes[member].isAlive()))
            {
                return "member " + member + " exited by itself after kill " + number + "; its log: " + logFile(member);
            }
            if (rejoinMs < 0 && now - restartNs > options.rejoinTimeoutMs * 1_000_000L)
            {
                return "member " + member + " did not rejoin within " + options.rejoinTimeoutMs + " ms after kill " +
                    number + " (role " + counters[member].role() + ", election " + counters[member].electionState() +
                    "); its log: " + logFile(member);
            }
            return null;
        }

        void finishGaps()
        {
            if (gapsMs == null)
            {
                gapsMs = new long[loads.size()];
                for (int c = 0; c < gapsMs.length; c++)
                {
                    gapsMs[c] = loads.get(c).longestGapNs() / 1_000_000;
                }
            }
        }

        boolean isDone()
        {
            return electionMs >= 0 && rejoinMs >= 0 && gapsMs != null;
        }

        Kill result()
        {
            return new Kill(number, member, electionMs, gapsMs, rejoinMs, positionAtKill, missed);
        }
    }

    private long maxCommitPosition(final int except)
    {
        long max = -1;
        for (int i = 0; i < NODES; i++)
        {
            if (i != except && processes[i] != null && processes[i].isAlive())
            {
                max = Math.max(max, counters[i].commitPosition());
            }
        }
        return max;
    }

    private long acknowledged()
    {
        return loads.stream().mapToLong(KillLoopLoad::acknowledged).sum();
    }

    private long errors()
    {
        return loads.stream().mapToLong(KillLoopLoad::errors).sum();
    }

    private String exitedChild()
    {
        for (int i = 0; i < NODES; i++)
        {
            if (!processes[i].isAlive() && !awaitingRestart[i])
            {
                return "member " + i + " exited by itself with code " + processes[i].exitValue() + "; its log: " +
                    logFile(i);
            }
        }
        return null;
    }

    private int awaitLeader(final long timeoutMs)
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline)
        {
            for (int i = 0; i < NODES; i++)
            {
                if (processes[i].isAlive() &&
                    counters[i].role() == io.aeron.cluster.service.Cluster.Role.LEADER && counters[i].isSettled())
                {
                    return i;
                }
            }
            sleep(10);
        }
        throw new IllegalStateException("no leader within " + timeoutMs + " ms");
    }

    private void startNode(final int member) throws IOException
    {
        starts[member]++;
        final File aeronDir = new File(OwnerOnlyDirectory.driverDirectory("kill-loop-node-" + member + "-" + starts[member]));
        aeronDirs[member] = aeronDir;
        allAeronDirs.add(aeronDir);
        counters[member] = new NodeCounters(aeronDir);
        final List<String> masterArgs = new ArrayList<>(List.of(
            "master",
            "--member-id", Integer.toString(member),
            "--members", String.join(",", members),
            "--data-dir", new File(workDir, "node-" + member).getPath(),
            "--aeron-dir", aeronDir.getPath(),
            "--snapshot-interval-s", Long.toString(options.snapshotIntervalS),
            "--server-timeout-ms", "3600000"));
        masterArgs.addAll(options.masterArgs);
        final List<String> command = new ChildJvmCommand()
            .flags(List.of("-Xmx" + options.nodeHeap, "-XX:+UseSerialGC"))
            .inheritedFlags((arg) -> arg.startsWith("--add-") || arg.startsWith("-Dchronicle.") || arg.startsWith("-Dsbe.") ||
                arg.startsWith("--enable-native-access") || arg.startsWith("--sun-misc"))
            .main(Gamehall.class, masterArgs);
        final ProcessBuilder builder = new ProcessBuilder(command);
        // secrets through the environment: never on a command line
        builder.environment().putAll(secrets);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(member)));
        processes[member] = builder.start();
    }

    private File logFile(final int member)
    {
        return new File(workDir, "node-" + member + "-" + starts[member] + ".log");
    }

    private Map<Integer, String> stopAll() throws InterruptedException, IOException
    {
        // stop where every node has applied the same log, so that their state hashes compare
        final long deadline = System.currentTimeMillis() + 15_000;
        long previous = -1;
        while (System.currentTimeMillis() < deadline)
        {
            long position = counters[0].commitPosition();
            for (int i = 1; i < NODES; i++)
            {
                if (counters[i].commitPosition() != position)
                {
                    position = -1;
                }
            }
            if (position >= 0 && position == previous)
            {
                break;
            }
            previous = position;
            sleep(1_000);
        }
        for (final Process process : processes)
        {
            if (process != null && process.isAlive())
            {
                process.destroy();
            }
        }
        final Map<Integer, String> states = new TreeMap<>();
        for (int i = 0; i < NODES; i++)
        {
            if (processes[i] == null)
            {
                continue;
            }
            if (!processes[i].waitFor(30, java.util.concurrent.TimeUnit.SECONDS))
            {
                processes[i].destroyForcibly().waitFor();
            }
            final Matcher m = TERMINATION.matcher(Files.readString(logFile(i).toPath(), StandardCharsets.UTF_8));
            String last = null;
            while (m.find())
            {
                last = m.group(1) + "/" + m.group(2);
            }
            if (last != null)
            {
                states.put(i, last);
            }
        }
        return states;
    }

    private int countInLogs(final String text) throws IOException
    {
        int count = 0;
        final File[] logs = workDir.listFiles((dir, name) -> name.startsWith("node-") && name.endsWith(".log"));
        for (final File log : logs == null ? new File[0] : logs)
        {
            final String content = Files.readString(log.toPath(), StandardCharsets.UTF_8);
            for (int i = content.indexOf(text); i >= 0; i = content.indexOf(text, i + 1))
            {
                count++;
            }
        }
        return count;
    }

    public void close()
    {
        CloseHelper.closeAll(loads);
        killChildren();
        try
        {
            Runtime.getRuntime().removeShutdownHook(killChildrenOnExit);
        }
        catch (final IllegalStateException ignore)
        {
            // already shutting down: the hook runs
        }
        CloseHelper.closeAll(counters);
        CloseHelper.close(clientDriver);
        for (final File dir : allAeronDirs)
        {
            IoUtil.delete(dir, true);
        }
        if (!options.keepWorkDir)
        {
            IoUtil.delete(workDir, true);
        }
    }

    private void killChildrenAndRemoveDrivers()
    {
        killChildren();
        for (final File dir : allAeronDirs)
        {
            IoUtil.delete(dir, true);
        }
        if (clientDriver != null)
        {
            IoUtil.delete(new File(clientDriver.aeronDirectoryName()), true);
        }
    }

    private void killChildren()
    {
        for (final Process process : processes)
        {
            if (process != null && process.isAlive())
            {
                process.destroyForcibly();
                try
                {
                    process.waitFor();
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }
}
