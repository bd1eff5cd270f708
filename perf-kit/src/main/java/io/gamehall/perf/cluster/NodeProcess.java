package io.gamehall.perf.cluster;

import io.aeron.exceptions.AeronEvent;
import io.aeron.cluster.service.Cluster;
import io.gamehall.aeron.IdleKind;
import io.gamehall.aeron.IdleSettings;
import io.gamehall.master.EngineConfig;
import io.gamehall.replication.ClientRole;
import io.gamehall.replication.MasterNode;
import org.agrona.CloseHelper;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One node of a measured cluster in a JVM of its own, as {@code gamehall master} runs one in a
 * deployment: started by {@link ProcessCluster} with the node's settings as arguments and its
 * secrets in the environment; it tells its parent on standard output, on lines that start with
 * {@value #PREFIX}, its role whenever it changes and every error; it stops when its standard
 * input closes (the parent is done or gone).
 */
public final class NodeProcess
{
    /** Lines meant for the parent start with this. */
    static final String PREFIX = "gamehall-node: ";
    /** Environment variables that carry the secrets, named as {@code gamehall master} names them. */
    static final Map<ClientRole, String> SECRET_VARIABLES = Map.of(ClientRole.GATEWAY, "GAMEHALL_GATEWAY_SECRET",
        ClientRole.HOST, "GAMEHALL_HOST_SECRET", ClientRole.ADMIN, "GAMEHALL_ADMIN_SECRET");
    /** Environment variable of the archive secret. */
    static final String ARCHIVE_SECRET_VARIABLE = "GAMEHALL_ARCHIVE_SECRET";

    private NodeProcess()
    {
    }

    /**
     * @param args kind, member id, members (comma-separated), data directory, media driver
     *             directory, idle kind, longest park in µs, journal compression (true/false),
     *             exactly-once window.
     */
    public static void main(final String[] args) throws IOException
    {
        if (args.length != 9)
        {
            System.err.println("usage: NodeProcess KIND MEMBER_ID MEMBERS DATA_DIR AERON_DIR IDLE MAX_PARK_US " +
                "COMPRESSION DEDUP_WINDOW (started by the cluster latency harness)");
            System.exit(2);
        }
        final ServiceKind kind = ServiceKind.valueOf(args[0]);
        final Map<ClientRole, String> secrets = new EnumMap<>(ClientRole.class);
        SECRET_VARIABLES.forEach((role, variable) -> secrets.put(role, System.getenv(variable)));
        final MasterNode.Context ctx = new MasterNode.Context()
            .memberId(Integer.parseInt(args[1]))
            .members(List.of(args[2].split(",")))
            .dataDir(new File(args[3]))
            .aeronDirectoryName(args[4])
            .idle(IdleSettings.DEFAULT.withKind(IdleKind.valueOf(args[5])).withMaxParkMicros(Long.parseLong(args[6])))
            .journalCompression(Boolean.parseBoolean(args[7]))
            .secrets(secrets)
            .archiveSecret(System.getenv(ARCHIVE_SECRET_VARIABLE))
            .snapshotIntervalMs(0)
            .snapshotLogBytes(0)
            .engineConfig(engineConfig(Integer.parseInt(args[8])))
            .errorHandler(NodeProcess::report);
        final MasterNode node = kind.launch(ctx);
        final AtomicReference<Cluster.Role> role = new AtomicReference<>();
        final Thread watcher = new Thread(() -> watchRole(node, role), "node-role-watcher");
        watcher.setDaemon(true);
        watcher.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CloseHelper.quietClose(node)));
        final InputStream in = System.in;
        while (in.read() >= 0)
        {
            // the parent never writes; end of input is the signal to stop
        }
        CloseHelper.close(node);
        System.exit(0);
    }

    /**
     * The engine limits every node of a harness run uses.
     *
     * @param dedupWindow the exactly-once window: at least the client's pipelined window.
     * @return the configuration.
     */
    static EngineConfig engineConfig(final int dedupWindow)
    {
        return new EngineConfig()
            .maxServers(64)
            .maxUsers(4 * 1024)
            .maxInstances(1024)
            .maxClients(64)
            .dedupWindow(Math.max(EngineConfig.DEFAULT_DEDUP_WINDOW, dedupWindow));
    }

    private static void report(final Throwable throwable)
    {
        final String text = String.valueOf(throwable).replace('\n', ' ');
        System.out.println(PREFIX + (throwable instanceof AeronEvent ? "event " : "error ") + text);
        if (!(throwable instanceof AeronEvent))
        {
            throwable.printStackTrace(System.out);
        }
    }

    private static void watchRole(final MasterNode node, final AtomicReference<Cluster.Role> last)
    {
        while (!Thread.currentThread().isInterrupted())
        {
            try
            {
                final Cluster.Role now = Cluster.Role.get(node.consensusModuleContext().clusterNodeRoleCounter());
                if (now != last.getAndSet(now))
                {
                    System.out.println(PREFIX + "role " + now);
                }
                TimeUnit.MILLISECONDS.sleep(10);
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            catch (final RuntimeException ex)
            {
                return; // the node is closing: its counters are gone
            }
        }
    }
}
