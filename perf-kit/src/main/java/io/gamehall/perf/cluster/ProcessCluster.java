package io.gamehall.perf.cluster;

import io.gamehall.aeron.IdleKind;
import io.gamehall.replication.ClientRole;
import io.gamehall.replication.LoopbackMembers;
import io.gamehall.replication.MasterNode;
import org.agrona.IoUtil;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The nodes of one cluster, each a JVM of its own ({@link NodeProcess}) on loopback ports found
 * free, as a deployment runs them: the harness's JVM is then only the client. Each node's output
 * goes to {@code node-N.log} in its data directory; its role changes and errors reach the
 * harness (errors count against the run). Closing stops the nodes (their standard input
 * closes; a node that does not stop within 10 s is killed) and deletes the data.
 */
public final class ProcessCluster implements MeasuredCluster
{
    private static final long STOP_TIMEOUT_MS = 10_000;
    private static final long START_TIMEOUT_MS = 60_000;
    private static final String NODE_HEAP = "-Xmx512m";

    private final File baseDir;
    private final List<String> members;
    private final Process[] processes;
    private final AtomicInteger leader = new AtomicInteger(-1);

    private ProcessCluster(final File baseDir, final int size)
    {
        this.baseDir = baseDir;
        members = LoopbackMembers.free(size);
        processes = new Process[size];
    }

    /**
     * Start every node in a JVM of its own and wait until they elected a leader.
     *
     * @param kind          the service the nodes host.
     * @param size          number of nodes.
     * @param baseDir       parent of the nodes' data directories; deleted on close.
     * @param aeronRoot     parent of the nodes' media driver directories.
     * @param settings      idle kind, longest park, journal compression, exactly-once window.
     * @param secrets       the role secrets, given to the nodes in their environment (never on a
     *                      command line).
     * @param archiveSecret the archive secret, likewise.
     * @param errors        counts the nodes' errors.
     * @return the running cluster.
     * @throws IOException when a JVM cannot be started.
     */
    public static ProcessCluster start(
        final ServiceKind kind,
        final int size,
        final File baseDir,
        final File aeronRoot,
        final NodeSettings settings,
        final Map<ClientRole, String> secrets,
        final String archiveSecret,
        final ErrorCounter errors) throws IOException
    {
        final ProcessCluster cluster = new ProcessCluster(baseDir, size);
        try
        {
            IoUtil.ensureDirectoryExists(baseDir, "node data");
            for (int id = 0; id < size; id++)
            {
                final File dataDir = new File(baseDir, "node-" + id);
                final List<String> command = new ChildJvmCommand()
                    .inheritedFlags(ProcessCluster::isChildJvmFlag)
                    .flags(List.of(NODE_HEAP))
                    .main(NodeProcess.class, List.of(
                        kind.name(),
                        Integer.toString(id),
                        String.join(",", cluster.members),
                        dataDir.getPath(),
                        new File(aeronRoot, baseDir.getName() + "-node-" + id).getPath(),
                        settings.idle().name(),
                        Long.toString(settings.maxParkMicros()),
                        Boolean.toString(settings.journalCompression()),
                        Integer.toString(settings.dedupWindow())));
                final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
                NodeProcess.SECRET_VARIABLES.forEach((role, variable) -> builder.environment().put(variable,
                    secrets.get(role)));
                builder.environment().put(NodeProcess.ARCHIVE_SECRET_VARIABLE, archiveSecret);
                cluster.processes[id] = builder.start();
                cluster.follow(id, cluster.processes[id], new File(baseDir, "node-" + id + ".log"), errors);
            }
            // JVMs start in their own time: a client that started now would count failed connects
            cluster.awaitLeader(START_TIMEOUT_MS);
            return cluster;
        }
        catch (final IOException | RuntimeException ex)
        {
            cluster.close();
            throw ex;
        }
    }

    /**
     * Which of this JVM's flags a node's JVM gets: the {@code --add-exports} and {@code --add-opens}
     * Aeron and Chronicle need, and the system properties; not its heap size, agents or debugging.
     */
    static boolean isChildJvmFlag(final String argument)
    {
        return argument.startsWith("--add-") || (argument.startsWith("-D") && !argument.startsWith("-Djava.class.path"));
    }

    private void follow(final int id, final Process process, final File logFile, final ErrorCounter errors)
    {
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
                PrintWriter log = new PrintWriter(Files.newBufferedWriter(logFile.toPath(), StandardCharsets.UTF_8)))
            {
                String line;
                while ((line = lines.readLine()) != null)
                {
                    log.println(line);
                    if (!line.startsWith(NodeProcess.PREFIX))
                    {
                        continue;
                    }
                    final String message = line.substring(NodeProcess.PREFIX.length());
                    if (message.equals("role LEADER"))
                    {
                        leader.set(id);
                    }
                    else if (message.startsWith("role ") && leader.get() == id)
                    {
                        leader.compareAndSet(id, -1);
                    }
                    else if (message.startsWith("error "))
                    {
                        errors.onNodeError("node " + id + ": " + message.substring("error ".length()));
                    }
                    else if (message.startsWith("event "))
                    {
                        errors.onNodeEvent("node " + id + ": " + message.substring("event ".length()));
                    }
                }
            }
            catch (final IOException ex)
            {
                // the node's output closed: it stopped
            }
        }, "node-" + id + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    public String ingressEndpoints()
    {
        return MasterNode.Context.ingressEndpoints(members);
    }

    public int awaitLeader(final long timeoutMs)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() - deadline < 0)
        {
            final int id = leader.get();
            if (id >= 0)
            {
                return id;
            }
            for (int i = 0; i < processes.length; i++)
            {
                if (processes[i] != null && !processes[i].isAlive())
                {
                    throw new IllegalStateException("node " + i + " exited with code " + processes[i].exitValue() +
                        "; its output: " + new File(baseDir, "node-" + i + ".log"));
                }
            }
            sleep(10);
        }
        throw new IllegalStateException("no leader elected within " + timeoutMs + " ms");
    }

    public void close()
    {
        for (final Process process : processes)
        {
            if (process != null)
            {
                try
                {
                    process.getOutputStream().close();
                }
                catch (final IOException ex)
                {
                    process.destroy();
                }
            }
        }
        for (final Process process : processes)
        {
            if (process != null)
            {
                try
                {
                    if (!process.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS))
                    {
                        process.destroyForcibly().waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                    }
                }
                catch (final InterruptedException ex)
                {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }
        IoUtil.delete(baseDir, true);
    }

    private static void sleep(final long ms)
    {
        try
        {
            TimeUnit.MILLISECONDS.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a leader", ex);
        }
    }

    /**
     * What the harness sets on every node.
     *
     * @param idle               the idle strategy kind of the nodes' agents.
     * @param maxParkMicros      the longest park of the back-off.
     * @param journalCompression whether the journal compresses its documents.
     * @param dedupWindow        the exactly-once window.
     */
    public record NodeSettings(IdleKind idle, long maxParkMicros, boolean journalCompression,
        int dedupWindow)
    {
    }
}
