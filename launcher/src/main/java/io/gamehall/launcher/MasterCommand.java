package io.gamehall.launcher;

import io.aeron.cluster.ClusterTool;
import io.gamehall.replay.EngineOptions;
import io.gamehall.replication.ClientRole;
import io.gamehall.replication.MasterNode;
import io.gamehall.replication.NodeStatus;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code gamehall master}: run one node of the replicated master, or inspect one.
 */
@Command(
    name = "master",
    header = "Run one node of the replicated master.",
    mixinStandardHelpOptions = true,
    description = {
        "Run one node of the replicated master (Aeron Cluster). Needs the gateway and host secrets (and the admin",
        "secret for 'gamehall admin'; the archive secret with more than one member): files, GAMEHALL_*_SECRET, or",
        "--dev for the development ones on loopback. Otherwise by default: a single-node master on 127.0.0.1:9010",
        "with its data in ./gamehall-data/master-0.",
        "Three nodes: start each with the same --members, secrets and its own --member-id.",
        "Options can also come from a properties file (--config), keys as the long option names without dashes."},
    subcommands = {MasterCommand.Snapshot.class, MasterCommand.Status.class})
public final class MasterCommand implements java.util.concurrent.Callable<Integer>, ReadsEnvironment
{
    @Option(names = "--config", description = "Properties file with option values (e.g. member-id=1).")
    File config;

    @Option(names = "--member-id", defaultValue = "0", description = "This node's index in --members (default ${DEFAULT-VALUE}).")
    int memberId;

    @Option(names = "--members", split = ",", defaultValue = "127.0.0.1:9010",
        description = "host:basePort of every member, in member-id order; each uses 7 UDP ports from its base " +
            "(default ${DEFAULT-VALUE}).")
    List<String> members;

    @Option(names = "--data-dir", description = "Archive and cluster state, kept across restarts (default gamehall-data/master-<id>).")
    File dataDir;

    @Option(names = "--aeron-dir", description = "Media driver directory (default: a fresh one under /dev/shm, removed on exit).")
    String aeronDir;

    @Option(names = "--leader-heartbeat-timeout-ms",
        defaultValue = "" + MasterNode.Context.DEFAULT_LEADER_HEARTBEAT_TIMEOUT_MS,
        description = "Followers elect a new leader after this long without hearing from it; a node stalled " +
            "this long sets off an election (default ${DEFAULT-VALUE}).")
    long leaderHeartbeatTimeoutMs;

    @Option(names = "--leader-heartbeat-interval-ms",
        defaultValue = "" + MasterNode.Context.DEFAULT_LEADER_HEARTBEAT_INTERVAL_MS,
        description = "The leader's heartbeats when it has nothing else to send (default ${DEFAULT-VALUE}).")
    long leaderHeartbeatIntervalMs;

    @Option(names = "--election-timeout-ms", defaultValue = "" + MasterNode.Context.DEFAULT_ELECTION_TIMEOUT_MS,
        description = "How long a ballot waits for votes (default ${DEFAULT-VALUE}).")
    long electionTimeoutMs;

    @Option(names = "--election-status-interval-ms",
        defaultValue = "" + MasterNode.Context.DEFAULT_ELECTION_STATUS_INTERVAL_MS,
        description = "Members in an election send each other their positions this often; below the election " +
            "timeout (default ${DEFAULT-VALUE}).")
    long electionStatusIntervalMs;

    @Option(names = "--startup-canvass-timeout-ms",
        defaultValue = "" + MasterNode.Context.DEFAULT_STARTUP_CANVASS_TIMEOUT_MS,
        description = "A starting node waits this long for the others before it may lead; at least twice the " +
            "leader heartbeat timeout (default ${DEFAULT-VALUE}).")
    long startupCanvassTimeoutMs;

    @Option(names = "--catchup-stuck-after-s",
        defaultValue = "" + MasterNode.Context.DEFAULT_CATCHUP_STUCK_AFTER_MS / 1000,
        description = "A node behind the cluster for longer than this is reported stuck: a warning in its log " +
            "(at most once per this interval) and a flag in 'master status' (default ${DEFAULT-VALUE}).")
    long catchupStuckAfterSeconds;

    @Option(names = "--session-timeout-ms", defaultValue = "10000",
        description = "A silent client session is closed after this long (default ${DEFAULT-VALUE}).")
    long sessionTimeoutMs;

    @CommandLine.Mixin
    IdleOptions idle;

    @Option(names = "--log-term-length", defaultValue = "4m", converter = SizeConverter.class,
        description = "Term length of the replicated log, power of two (default ${DEFAULT-VALUE}).")
    long logTermLength;

    @Option(names = "--archive-segment-length", defaultValue = "16m", converter = SizeConverter.class,
        description = "Archive file size, power of two >= term length (default ${DEFAULT-VALUE}).")
    long archiveSegmentLength;

    @Option(names = "--snapshot-interval-s", defaultValue = "900",
        description = "Leader snapshots when the last one is this old; 0 = never by time (default ${DEFAULT-VALUE}).")
    long snapshotIntervalSeconds;

    @Option(names = "--snapshot-log-size", defaultValue = "256m", converter = SizeConverter.class,
        description = "Leader snapshots after this much log; 0 = never by size (default ${DEFAULT-VALUE}).")
    long snapshotLogBytes;

    @Option(names = "--catchup-ingress-limit", defaultValue = "10000",
        description = "On the leader, the most client commands applied per second while a member catches up " +
            "(more than --catchup-lag behind); 0 = never capped (default ${DEFAULT-VALUE}).")
    int catchupIngressLimit;

    @Option(names = "--catchup-lag", defaultValue = "8m", converter = SizeConverter.class,
        description = "How far behind the commit position a member must be for the cap to start (default ${DEFAULT-VALUE}).")
    long catchupLagBytes;

    @Option(names = "--journal", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Keep a command journal for 'gamehall replay' (default on; --no-journal turns it off).")
    boolean journal;

    @Option(names = "--journal-dir", description = "Journal directory (default <data-dir>/journal).")
    File journalDir;

    @Option(names = "--journal-roll-cycle", defaultValue = "FAST_HOURLY",
        description = "How often the journal starts a new file, e.g. FAST_HOURLY, FAST_DAILY (default ${DEFAULT-VALUE}).")
    net.openhft.chronicle.queue.RollCycles journalRollCycle;

    @Option(names = "--journal-retain", defaultValue = "0",
        description = "Journal files to keep, oldest removed first; 0 keeps all (default ${DEFAULT-VALUE}).")
    int journalRetain;

    @Option(names = "--journal-compression", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "LZ4-compress the journal (default on: several times smaller, and cheaper for the master " +
            "to write; --no-journal-compression writes it uncompressed).")
    boolean journalCompression;

    @Option(names = "--checkpoint-interval", defaultValue = "100000",
        description = "Commands between state-hash checkpoints in the journal (default ${DEFAULT-VALUE}).")
    long checkpointInterval;

    @CommandLine.Mixin
    SecretOptions.Gateway gatewaySecret;

    @CommandLine.Mixin
    SecretOptions.Host hostSecret;

    @CommandLine.Mixin
    SecretOptions.Admin adminSecret;

    @CommandLine.Mixin
    SecretOptions.Archive archiveSecret;

    @Option(names = "--dev", description = "Development: the public development secrets for those not configured; " +
        "every --members address must be loopback.")
    boolean dev;

    @CommandLine.Mixin
    EngineOptions engine;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private java.util.function.Function<String, String> environment = System::getenv;

    @Override
    public void environment(final java.util.function.Function<String, String> environment)
    {
        this.environment = environment;
    }

    public Integer call() throws Exception
    {
        final MasterNode.Context ctx;
        try
        {
            ctx = context();
        }
        catch (final IllegalArgumentException ex)
        {
            spec.commandLine().getErr().println("error: " + ex.getMessage());
            return 2;
        }
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            MasterNode node = MasterNode.launch(ctx))
        {
            spec.commandLine().getOut().println("gamehall master node " + ctx.memberId() + " running; data in " +
                ctx.dataDir() + "; clients connect with --master " + ctx.ingressEndpoints());
            spec.commandLine().getOut().flush();
            barrier.await();
            spec.commandLine().getOut().println("gamehall master node " + ctx.memberId() + " stopping");
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    MasterNode.Context context()
    {
        final java.io.PrintWriter err = spec.commandLine().getErr();
        final SecretResolver resolver = new SecretResolver(environment, err, dev);
        final Map<ClientRole, String> secrets = new EnumMap<>(ClientRole.class);
        secrets.put(ClientRole.GATEWAY, gatewaySecret.resolve(resolver, true));
        secrets.put(ClientRole.HOST, hostSecret.resolve(resolver, true));
        final String admin = adminSecret.resolve(resolver, false);
        if (admin != null)
        {
            secrets.put(ClientRole.ADMIN, admin);
        }
        else
        {
            err.println("note: no admin secret configured: 'gamehall admin' cannot connect to this node");
        }
        final String archive = archiveSecret.resolve(resolver, members.size() > 1);
        final String membersList = String.join(",", members);
        if (dev)
        {
            Loopback.requireLoopback("--members", membersList);
            err.println("--dev: development secrets (public, not for production), loopback only");
        }
        else
        {
            Loopback.warnIfAeronLeavesTheMachine("--members", membersList, err);
        }
        if (logTermLength > Integer.MAX_VALUE || archiveSegmentLength > Integer.MAX_VALUE)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "term and segment lengths must be below 2 GiB");
        }
        return new MasterNode.Context()
            .memberId(memberId)
            .members(members)
            .dataDir(dataDir)
            .aeronDirectoryName(aeronDir)
            .leaderHeartbeatTimeoutMs(leaderHeartbeatTimeoutMs)
            .leaderHeartbeatIntervalMs(leaderHeartbeatIntervalMs)
            .electionTimeoutMs(electionTimeoutMs)
            .electionStatusIntervalMs(electionStatusIntervalMs)
            .startupCanvassTimeoutMs(startupCanvassTimeoutMs)
            .sessionTimeoutMs(sessionTimeoutMs)
            .catchupStuckAfterMs(catchupStuckAfterSeconds * 1000)
            .idle(idle.settings())
            .logTermLength((int)logTermLength)
            .archiveSegmentLength((int)archiveSegmentLength)
            .snapshotIntervalMs(snapshotIntervalSeconds * 1000)
            .snapshotLogBytes(snapshotLogBytes)
            .catchupIngressLimit(catchupIngressLimit)
            .catchupLagBytes(catchupLagBytes)
            .journalEnabled(journal)
            .journalDir(journalDir)
            .journalRollCycle(journalRollCycle)
            .journalRetainCycles(journalRetain)
            .journalCheckpointInterval(checkpointInterval)
            .journalCompression(journalCompression)
            .secrets(secrets)
            .archiveSecret(archive)
            .engineConfig(engine.toConfig())
            .conclude();
    }

    /**
     * Loads {@code --config} before the other options get their defaults: picocli calls this
     * provider for every option the command line did not set.
     */
    static final class ConfigDefaults implements CommandLine.IDefaultValueProvider
    {
        private final Properties properties = new Properties();

        ConfigDefaults(final File file) throws IOException
        {
            try (InputStream in = Files.newInputStream(file.toPath()))
            {
                properties.load(in);
            }
        }

        public String defaultValue(final CommandLine.Model.ArgSpec argSpec)
        {
            if (argSpec instanceof CommandLine.Model.OptionSpec option)
            {
                final String key = option.longestName().replaceFirst("^--", "");
                final String value = properties.getProperty(key);
                if (value != null)
                {
                    return value;
                }
            }
            return argSpec.defaultValue();
        }
    }

    /** {@code gamehall master snapshot}. */
    @Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Ask the node running in --data-dir to take a snapshot (it must be the leader).")
    static final class Snapshot implements java.util.concurrent.Callable<Integer>
    {
        @Option(names = "--data-dir", defaultValue = "gamehall-data/master-0",
            description = "The node's data directory (default ${DEFAULT-VALUE}).")
        File dataDir;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        public Integer call()
        {
            final File clusterDir = new File(dataDir, "cluster");
            if (!ClusterTool.markFileExists(clusterDir))
            {
                spec.commandLine().getErr().println("error: no master node found in " + dataDir);
                return 1;
            }
            final boolean ok = ClusterTool.snapshot(clusterDir, System.out);
            if (!ok)
            {
                spec.commandLine().getErr().println("error: snapshot not taken; run this against the leader's " +
                    "data directory (see 'gamehall master status')");
            }
            return ok ? 0 : 1;
        }
    }

    /** {@code gamehall master status}. */
    @Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show role, leader, term, commit position and members of the node running in --data-dir.")
    static final class Status implements java.util.concurrent.Callable<Integer>
    {
        @Option(names = "--data-dir", defaultValue = "gamehall-data/master-0",
            description = "The node's data directory (default ${DEFAULT-VALUE}).")
        File dataDir;

        @Option(names = "--timeout-ms", defaultValue = "3000", description = "Default ${DEFAULT-VALUE}.")
        long timeoutMs;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        public Integer call()
        {
            final NodeStatus status = NodeStatus.read(new File(dataDir, "cluster"), timeoutMs);
            spec.commandLine().getOut().println(status);
            return 0;
        }
    }
}
