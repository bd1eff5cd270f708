package io.gamehall.replication;

import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusteredMediaDriver;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.gamehall.aeron.DriverDirectoryCheck;
import io.gamehall.aeron.IdleSettings;
import io.gamehall.aeron.OwnerOnlyDirectory;
import io.gamehall.aeron.StaleDriverDirectories;
import io.gamehall.master.EngineConfig;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.IoUtil;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpLock;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemEpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One master node: an Aeron media driver, archive and consensus module
 * ({@link ClusteredMediaDriver}) plus the {@link MasterService} in its container.
 * <p>
 * Every member listens on seven consecutive UDP ports from its base port: ingress, consensus,
 * log, catch-up, archive control, archive replication and cluster replication. Persistent
 * state (archive and cluster directories) lives under the data directory (mode 0700) and is
 * reused on restart, so a restarted node rejoins and catches up; before Aeron starts, a node
 * releases the mark files a killed predecessor left ({@link AbandonedMarkFiles}) and cuts its
 * log at a frame Aeron could not replay ({@link LogTailRepair}). The Aeron directory is unique
 * per start, owner-only ({@link OwnerOnlyDirectory}) and deleted on a clean shutdown. The
 * archive's control channel admits only clients that know the cluster's archive secret
 * ({@link ArchiveAuthenticator}): the node's own consensus module and service, and the other
 * members' archives.
 */
public final class MasterNode implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(MasterNode.class);
    /** How long the housekeeping thread sleeps between looks at its chores (each keeps its own period). */
    private static final long HOUSEKEEPING_SLEEP_MS = 50;

    /** Ports a member uses from its base port. */
    public static final int PORTS_PER_MEMBER = 7;

    private final Context ctx;
    private final ClusteredService service;
    private final ClusteredMediaDriver clusteredMediaDriver;
    private final ClusteredServiceContainer container;
    private final AgentRunner housekeeping;
    private final io.gamehall.replication.journal.CommandJournal journal;

    private volatile boolean closing;

    private MasterNode(
        final Context ctx,
        final java.util.function.Function<io.gamehall.replication.journal.CommandJournal, ClusteredService> serviceFactory,
        final boolean hostsMaster)
    {
        final ErrorHandler userHandler = ctx.errorHandler();
        ctx.errorHandler((throwable) ->
        {
            if (closing && (throwable instanceof io.aeron.cluster.service.ClusterTerminationException ||
                throwable instanceof io.aeron.cluster.client.ClusterEvent))
            {
                LOG.debug("during shutdown: {}", throwable.getMessage());
                return;
            }
            userHandler.onError(throwable);
        });
        this.ctx = ctx;
        if (hostsMaster)
        {
            // what a copy of this directory must be replayed with (import-archive): the log holds no configuration
            EngineConfigFile.write(ctx.dataDir(), ctx.engineConfig());
        }
        journal = hostsMaster && ctx.journalEnabled() ? new io.gamehall.replication.journal.CommandJournal(
            new io.gamehall.replication.journal.CommandJournal.Context()
                .directory(ctx.journalDir())
                .rollCycle(ctx.journalRollCycle())
                .retainCycles(ctx.journalRetainCycles())
                .checkpointInterval(ctx.journalCheckpointInterval())
                .compression(ctx.journalCompression())
                .idle(ctx.idle())) : null;
        this.service = serviceFactory.apply(journal);
        ClusteredMediaDriver driver = null;
        ClusteredServiceContainer serviceContainer = null;
        DriverDirectoryCheck.warnIfNotInMemory(ctx.aeronDirectoryName());
        try
        {
            driver = ClusteredMediaDriver.launch(ctx.driverContext(), ctx.archiveContext(), ctx.consensusContext());
            // a directory given with --aeron-dir is made with the process's umask; the default one is inside an
            // owner-only parent already
            OwnerOnlyDirectory.ensure(new File(ctx.aeronDirectoryName()));
            serviceContainer = ClusteredServiceContainer.launch(ctx.serviceContext(service));
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(serviceContainer, driver, journal);
            ctx.errorHandler(userHandler);
            throw ex;
        }
        clusteredMediaDriver = driver;
        container = serviceContainer;
        housekeeping = startHousekeeping(ctx, driver.consensusModule().context(), service);
        LOG.info("master node {} started: members {}, data {}, aeron {}",
            ctx.memberId(), ctx.membersString(), ctx.dataDir(), ctx.aeronDirectoryName());
    }

    /**
     * The node's periodic chores on one thread that sleeps between them: the snapshot schedule,
     * the catch-up monitor and, on a cluster, the catch-up governor.
     *
     * @return the running thread's runner; null when there is nothing to run.
     */
    private static AgentRunner startHousekeeping(
        final Context ctx, final ConsensusModule.Context consensusModule, final ClusteredService service)
    {
        final EpochClock clock = SystemEpochClock.INSTANCE;
        final List<Agent> chores = new ArrayList<>();
        if (ctx.snapshotIntervalMs() > 0 || ctx.snapshotLogBytes() > 0)
        {
            chores.add(new SnapshotScheduler(consensusModule, ctx.snapshotIntervalMs(), ctx.snapshotLogBytes(), clock));
        }
        if (ctx.catchupIngressLimit() > 0 && ctx.members().size() > 1 && service instanceof MasterService master)
        {
            chores.add(new CatchupGovernor(consensusModule, master.ingressPacer(), ctx.catchupLagBytes(),
                ctx.catchupIngressLimit(), ctx.aeronDirectoryName(), ctx.errorHandler(), clock));
        }
        try
        {
            chores.add(new CatchupMonitor(consensusModule, service instanceof MasterService master ?
                master::appliedLogPosition : null, ctx, clock));
        }
        catch (final RuntimeException ex)
        {
            LOG.error("catch-up monitor not started: 'gamehall master status' will not say how far this node is behind",
                ex);
        }
        if (chores.isEmpty())
        {
            return null;
        }
        final AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(HOUSEKEEPING_SLEEP_MS),
            ctx.errorHandler(), null, new CompositeAgent(chores));
        AgentRunner.startOnThread(runner);
        return runner;
    }

    /**
     * Start a node.
     *
     * @param ctx its configuration; concluded here.
     * @return the running node.
     */
    public static MasterNode launch(final Context ctx)
    {
        return launch(ctx, (journal) -> new MasterService(ctx.engineConfig(), journal, ctx.memberId()), true);
    }

    /**
     * Start a node that hosts another clustered service in place of the {@link MasterService},
     * with everything else exactly as {@link #launch(Context)} sets it up: media driver,
     * archive, consensus module, idle strategies, authentication. For benchmarks and
     * comparisons, e.g. measuring the cost of the master against a trivial service on identical
     * nodes; {@link #service()} is not available on such a node.
     *
     * @param ctx     its configuration; concluded here.
     * @param service the service to host; not shared with another node.
     * @return the running node.
     */
    public static MasterNode launchWith(final Context ctx, final ClusteredService service)
    {
        return launch(ctx, (journal) -> service, false);
    }

    private static MasterNode launch(
        final Context ctx,
        final java.util.function.Function<io.gamehall.replication.journal.CommandJournal, ClusteredService> serviceFactory,
        final boolean hostsMaster)
    {
        ctx.conclude();
        OwnerOnlyDirectory.ensure(ctx.dataDir());
        if (ctx.journalEnabled())
        {
            OwnerOnlyDirectory.ensure(ctx.journalDir());
        }
        removeStaleAeronDirectory(new File(ctx.dataDir(), "cluster"));
        // a node killed moments ago left mark files Aeron would make us wait 10 s for
        AbandonedMarkFiles.release(new File(ctx.dataDir(), "cluster"), new File(ctx.dataDir(), "archive"));
        // a log the consensus module could not replay would fail every election of this node
        LogTailRepair.checkAndRepair(ctx);
        final long deadline = System.currentTimeMillis() + ctx.markFileWaitMs();
        while (true)
        {
            try
            {
                return new MasterNode(ctx, serviceFactory, hostsMaster);
            }
            catch (final IllegalStateException ex)
            {
                if (ex.getMessage() == null || !ex.getMessage().contains("active mark file detected"))
                {
                    throw ex;
                }
                if (System.currentTimeMillis() > deadline)
                {
                    throw new IllegalStateException("another master node seems to be running in " + ctx.dataDir() +
                        " (" + ex.getMessage() + ")", ex);
                }
                LOG.warn("{}: waiting for it to expire (a node stopped abruptly less than 10 s ago?)", ex.getMessage());
                sleepQuietly(1_000);
            }
        }
    }

    /**
     * A node that was killed leaves its media driver directory behind; the next start uses a
     * fresh one, so remove the old one if its driver is no longer alive.
     */
    private static void removeStaleAeronDirectory(final File clusterDir)
    {
        if (!new File(clusterDir, io.aeron.cluster.service.ClusterMarkFile.FILENAME).exists())
        {
            return;
        }
        try (io.aeron.cluster.service.ClusterMarkFile markFile = new io.aeron.cluster.service.ClusterMarkFile(
            clusterDir, io.aeron.cluster.service.ClusterMarkFile.FILENAME, System::currentTimeMillis, 0, null))
        {
            final String previous = markFile.decoder().aeronDirectory();
            final File dir = previous == null || previous.isEmpty() ? null : new File(previous);
            if (dir != null && dir.isDirectory() && !io.aeron.CommonContext.isDriverActive(dir, 10_000, (msg) -> {}))
            {
                LOG.info("removing the media driver directory {} left by a previous run", dir);
                IoUtil.delete(dir, true);
            }
        }
        catch (final RuntimeException ex)
        {
            LOG.debug("could not inspect the previous run's mark file: {}", ex.toString());
        }
    }

    private static void sleepQuietly(final long millis)
    {
        try
        {
            Thread.sleep(millis);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", ex);
        }
    }

    public Context context()
    {
        return ctx;
    }

    /**
     * @return the service; read its engine only from its thread, or after {@link #close()}.
     * @throws IllegalStateException when the node was started with {@link #launchWith(Context, ClusteredService)}.
     */
    public MasterService service()
    {
        if (!(service instanceof MasterService))
        {
            throw new IllegalStateException("this node hosts " + service.getClass().getName() +
                ", not the master service");
        }
        return (MasterService)service;
    }

    /**
     * @return the cluster directory (consensus module and service state, mark files).
     */
    public File clusterDir()
    {
        return new File(ctx.dataDir(), "cluster");
    }

    public ConsensusModule.Context consensusModuleContext()
    {
        return clusteredMediaDriver.consensusModule().context();
    }

    /**
     * Stop the node and delete its Aeron directory; the data directory stays for a restart.
     */
    public void close()
    {
        closing = true;
        CloseHelper.closeAll(housekeeping, container, clusteredMediaDriver, journal);
        IoUtil.delete(new File(ctx.aeronDirectoryName()), true);
        LOG.info("master node {} stopped", ctx.memberId());
    }

    private static void logError(final Throwable throwable)
    {
        if (throwable instanceof io.aeron.cluster.client.ClusterEvent)
        {
            LOG.warn("cluster event: {}", throwable.getMessage());
        }
        else if (throwable instanceof io.aeron.exceptions.AeronEvent)
        {
            // e.g. an ArchiveEvent: a client of this node's archive went away (another member's catch-up
            // monitor, a replication that ended); a warning, not a failure of this node
            LOG.warn("aeron event: {}", throwable.getMessage());
        }
        else
        {
            LOG.error("master node error", throwable);
        }
    }

    /**
     * Configuration of a node: fluent setters and {@link #conclude()}, which validates and fills defaults.
     */
    public static final class Context
    {
        /** Default base port of a single-node master. */
        public static final int DEFAULT_BASE_PORT = 9010;
        /**
         * Default time followers wait without hearing from the leader before they elect another:
         * with the other election defaults, a dead leader is replaced in about 0.8 s (at most about
         * 0.9 s on a healthy network: this timeout, a status interval, up to half the election
         * timeout of random nomination delay, the election timeout for the ballot). A node whose
         * threads stall longer than this (a long GC pause, a machine starved of CPU) sets off an
         * election: see docs/replication.md, "Failover and its timeouts".
         */
        public static final long DEFAULT_LEADER_HEARTBEAT_TIMEOUT_MS = 500;
        /** Default interval of the leader's heartbeats when it has nothing else to send. */
        public static final long DEFAULT_LEADER_HEARTBEAT_INTERVAL_MS = 50;
        /** Default time a ballot waits for votes (a candidate waits all of it unless every member voted). */
        public static final long DEFAULT_ELECTION_TIMEOUT_MS = 200;
        /** Default interval at which members in an election tell each other their log positions. */
        public static final long DEFAULT_ELECTION_STATUS_INTERVAL_MS = 20;
        /** Default time a starting node waits for the others before it may lead: twice the heartbeat timeout. */
        public static final long DEFAULT_STARTUP_CANVASS_TIMEOUT_MS = 2 * DEFAULT_LEADER_HEARTBEAT_TIMEOUT_MS;
        /** Default time after which a node still behind the cluster is reported stuck. */
        public static final long DEFAULT_CATCHUP_STUCK_AFTER_MS = 30_000;

        private int memberId = 0;
        private List<String> members = List.of("127.0.0.1:" + DEFAULT_BASE_PORT);
        private File dataDir;
        private String aeronDirectoryName;
        private long leaderHeartbeatTimeoutMs = DEFAULT_LEADER_HEARTBEAT_TIMEOUT_MS;
        private long leaderHeartbeatIntervalMs = DEFAULT_LEADER_HEARTBEAT_INTERVAL_MS;
        private long electionTimeoutMs = DEFAULT_ELECTION_TIMEOUT_MS;
        private long electionStatusIntervalMs = DEFAULT_ELECTION_STATUS_INTERVAL_MS;
        private long startupCanvassTimeoutMs = DEFAULT_STARTUP_CANVASS_TIMEOUT_MS;
        private long sessionTimeoutMs = 10_000;
        private IdleSettings idle = IdleSettings.DEFAULT;
        private int logTermLength = 4 * 1024 * 1024;
        private int archiveSegmentLength = 16 * 1024 * 1024;
        private long snapshotIntervalMs = 15 * 60 * 1_000;
        private long markFileWaitMs = 15_000;
        private long catchupStuckAfterMs = DEFAULT_CATCHUP_STUCK_AFTER_MS;
        private String archiveSecret;
        private boolean journalEnabled = true;
        private File journalDir;
        private net.openhft.chronicle.queue.RollCycles journalRollCycle = net.openhft.chronicle.queue.RollCycles.FAST_HOURLY;
        private int journalRetainCycles = 0;
        private long journalCheckpointInterval = 100_000;
        private boolean journalCompression = true;
        private long snapshotLogBytes = 256L * 1024 * 1024;
        private int catchupIngressLimit = 10_000;
        private long catchupLagBytes = 8L * 1024 * 1024;
        private Map<ClientRole, String> secrets = new EnumMap<>(ClientRole.class);
        private EngineConfig engineConfig = new EngineConfig();
        private ErrorHandler errorHandler = MasterNode::logError;
        private boolean concluded;

        /**
         * @param memberId this node's index in {@link #members(List)}.
         * @return this.
         */
        public Context memberId(final int memberId)
        {
            this.memberId = memberId;
            return this;
        }

        public int memberId()
        {
            return memberId;
        }

        /**
         * @param members {@code host:basePort} of every member, member id = index.
         * @return this.
         */
        public Context members(final List<String> members)
        {
            this.members = List.copyOf(members);
            return this;
        }

        public List<String> members()
        {
            return members;
        }

        /**
         * @param dataDir where the archive and cluster state live; kept across restarts.
         * @return this.
         */
        public Context dataDir(final File dataDir)
        {
            this.dataDir = dataDir;
            return this;
        }

        public File dataDir()
        {
            return dataDir;
        }

        /**
         * @param aeronDirectoryName the media driver's directory; by default a fresh one under
         *                           the platform's Aeron location (/dev/shm on Linux).
         * @return this.
         */
        public Context aeronDirectoryName(final String aeronDirectoryName)
        {
            this.aeronDirectoryName = aeronDirectoryName;
            return this;
        }

        public String aeronDirectoryName()
        {
            return aeronDirectoryName;
        }

        public Context leaderHeartbeatTimeoutMs(final long value)
        {
            leaderHeartbeatTimeoutMs = value;
            return this;
        }

        public long leaderHeartbeatTimeoutMs()
        {
            return leaderHeartbeatTimeoutMs;
        }

        public Context leaderHeartbeatIntervalMs(final long value)
        {
            leaderHeartbeatIntervalMs = value;
            return this;
        }

        public long leaderHeartbeatIntervalMs()
        {
            return leaderHeartbeatIntervalMs;
        }

        public Context electionTimeoutMs(final long value)
        {
            electionTimeoutMs = value;
            return this;
        }

        public long electionTimeoutMs()
        {
            return electionTimeoutMs;
        }

        /**
         * @param value how often members in an election send each other their positions; below
         *              the election timeout.
         * @return this.
         */
        public Context electionStatusIntervalMs(final long value)
        {
            electionStatusIntervalMs = value;
            return this;
        }

        public long electionStatusIntervalMs()
        {
            return electionStatusIntervalMs;
        }

        /**
         * @param value how long a starting node waits to hear from the others; at least twice
         *              the leader heartbeat timeout.
         * @return this.
         */
        public Context startupCanvassTimeoutMs(final long value)
        {
            startupCanvassTimeoutMs = value;
            return this;
        }

        public long startupCanvassTimeoutMs()
        {
            return startupCanvassTimeoutMs;
        }

        /**
         * @param value a client session that sends nothing (not even keep-alives) for this long is closed.
         * @return this.
         */
        public Context sessionTimeoutMs(final long value)
        {
            sessionTimeoutMs = value;
            return this;
        }

        public long sessionTimeoutMs()
        {
            return sessionTimeoutMs;
        }

        /**
         * @param idle how the node's threads wait when they find no work (media driver, archive, consensus
         *             module, service; the journal's writer takes its quiet wake-ups); default
         *             {@link IdleSettings#DEFAULT}, the back-off.
         * @return this.
         */
        public Context idle(final IdleSettings idle)
        {
            this.idle = idle;
            return this;
        }

        public IdleSettings idle()
        {
            return idle;
        }

        /**
         * @param logTermLength term length of the replicated log, a power of two, 64 KiB to 1 GiB.
         * @return this.
         */
        public Context logTermLength(final int logTermLength)
        {
            this.logTermLength = logTermLength;
            return this;
        }

        public int logTermLength()
        {
            return logTermLength;
        }

        /**
         * @param archiveSegmentLength archive file size, a power of two multiple of the term length.
         * @return this.
         */
        public Context archiveSegmentLength(final int archiveSegmentLength)
        {
            this.archiveSegmentLength = archiveSegmentLength;
            return this;
        }

        public int archiveSegmentLength()
        {
            return archiveSegmentLength;
        }

        /**
         * @param journalEnabled whether this node keeps a command journal (on by default).
         * @return this.
         */
        public Context journalEnabled(final boolean journalEnabled)
        {
            this.journalEnabled = journalEnabled;
            return this;
        }

        public boolean journalEnabled()
        {
            return journalEnabled;
        }

        /**
         * @param journalDir where the journal lives; {@code <data-dir>/journal} by default.
         * @return this.
         */
        public Context journalDir(final File journalDir)
        {
            this.journalDir = journalDir;
            return this;
        }

        public File journalDir()
        {
            return journalDir;
        }

        /**
         * @param rollCycle how often the journal starts a new file.
         * @return this.
         */
        public Context journalRollCycle(final net.openhft.chronicle.queue.RollCycles rollCycle)
        {
            this.journalRollCycle = rollCycle;
            return this;
        }

        public net.openhft.chronicle.queue.RollCycles journalRollCycle()
        {
            return journalRollCycle;
        }

        /**
         * @param retainCycles journal files kept, oldest removed first; 0 keeps all.
         * @return this.
         */
        public Context journalRetainCycles(final int retainCycles)
        {
            this.journalRetainCycles = retainCycles;
            return this;
        }

        public int journalRetainCycles()
        {
            return journalRetainCycles;
        }

        /**
         * @param interval commands and timers between state-hash checkpoints in the journal.
         * @return this.
         */
        public Context journalCheckpointInterval(final long interval)
        {
            this.journalCheckpointInterval = interval;
            return this;
        }

        public long journalCheckpointInterval()
        {
            return journalCheckpointInterval;
        }

        /**
         * @param compression LZ4-compress the journal's documents (default on; see CommandJournal.Context).
         * @return this.
         */
        public Context journalCompression(final boolean compression)
        {
            this.journalCompression = compression;
            return this;
        }

        public boolean journalCompression()
        {
            return journalCompression;
        }

        /**
         * @param markFileWaitMs how long a starting node waits for the mark files of a previous,
         *                       abruptly stopped instance to expire (Aeron considers them live for 10 s).
         * @return this.
         */
        public Context markFileWaitMs(final long markFileWaitMs)
        {
            this.markFileWaitMs = markFileWaitMs;
            return this;
        }

        public long markFileWaitMs()
        {
            return markFileWaitMs;
        }

        /**
         * @param catchupStuckAfterMs a node behind the cluster (catching up, or in an election) for
         *                            longer than this is reported stuck: a warning in its log, at most
         *                            once per this interval, and a flag in {@code gamehall master status}.
         * @return this.
         */
        public Context catchupStuckAfterMs(final long catchupStuckAfterMs)
        {
            this.catchupStuckAfterMs = catchupStuckAfterMs;
            return this;
        }

        public long catchupStuckAfterMs()
        {
            return catchupStuckAfterMs;
        }

        /**
         * @param archiveSecret the secret that admits a client to this node's archive control
         *                      channel, the same on every member (the members' archives replicate
         *                      from each other with it). Required with more than one member; a
         *                      single node without one makes a random one per start.
         * @return this.
         */
        public Context archiveSecret(final String archiveSecret)
        {
            this.archiveSecret = archiveSecret;
            return this;
        }

        /**
         * @return credentials for an {@code AeronArchive.Context} that connects to this node's archive.
         */
        public io.aeron.security.CredentialsSupplier archiveCredentials()
        {
            return ArchiveAuthenticator.credentials(archiveSecretBytes());
        }

        private byte[] archiveSecretBytes()
        {
            if (archiveSecret == null)
            {
                throw new IllegalStateException("conclude() first: no archive secret yet");
            }
            return archiveSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        /**
         * @param snapshotIntervalMs the leader takes a snapshot when the last one is this old; 0: never by time.
         * @return this.
         */
        public Context snapshotIntervalMs(final long snapshotIntervalMs)
        {
            this.snapshotIntervalMs = snapshotIntervalMs;
            return this;
        }

        public long snapshotIntervalMs()
        {
            return snapshotIntervalMs;
        }

        /**
         * @param snapshotLogBytes the leader takes a snapshot when this much log was written since the last; 0: never by size.
         * @return this.
         */
        public Context snapshotLogBytes(final long snapshotLogBytes)
        {
            this.snapshotLogBytes = snapshotLogBytes;
            return this;
        }

        public long snapshotLogBytes()
        {
            return snapshotLogBytes;
        }

        /**
         * @param commandsPerSecond on the leader, the most client commands applied per second while a
         *                          member catches up ({@link CatchupGovernor}); 0: never capped.
         * @return this.
         */
        public Context catchupIngressLimit(final int commandsPerSecond)
        {
            this.catchupIngressLimit = commandsPerSecond;
            return this;
        }

        public int catchupIngressLimit()
        {
            return catchupIngressLimit;
        }

        /**
         * @param lagBytes how far behind the commit position a member must be for the cap to start.
         * @return this.
         */
        public Context catchupLagBytes(final long lagBytes)
        {
            this.catchupLagBytes = lagBytes;
            return this;
        }

        public long catchupLagBytes()
        {
            return catchupLagBytes;
        }

        /**
         * @param secrets the secret each client role must present; a role without one cannot connect.
         * @return this.
         */
        public Context secrets(final Map<ClientRole, String> secrets)
        {
            this.secrets = new EnumMap<>(ClientRole.class);
            this.secrets.putAll(secrets);
            return this;
        }

        public Map<ClientRole, String> secrets()
        {
            return secrets;
        }

        public Context engineConfig(final EngineConfig engineConfig)
        {
            this.engineConfig = engineConfig;
            return this;
        }

        public EngineConfig engineConfig()
        {
            return engineConfig;
        }

        public Context errorHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
            return this;
        }

        public ErrorHandler errorHandler()
        {
            return errorHandler;
        }

        /**
         * Validate and fill defaults.
         *
         * @return this.
         * @throws IllegalArgumentException naming the first bad value.
         */
        public Context conclude()
        {
            if (concluded)
            {
                return this;
            }
            if (members.isEmpty())
            {
                throw new IllegalArgumentException("members must name at least one host:port");
            }
            if (memberId < 0 || memberId >= members.size())
            {
                throw new IllegalArgumentException("memberId " + memberId + " is not an index of the " +
                    members.size() + " members");
            }
            for (final String member : members)
            {
                MemberAddress.parse(member);
            }
            if (dataDir == null)
            {
                dataDir = new File("gamehall-data", "master-" + memberId);
            }
            if (journalDir == null)
            {
                journalDir = new File(dataDir, "journal");
            }
            if (archiveSecret == null || archiveSecret.isEmpty())
            {
                if (members.size() > 1)
                {
                    throw new IllegalArgumentException("a cluster of " + members.size() + " members needs an " +
                        "archive secret, the same on every member");
                }
                archiveSecret = RandomSecret.generate();
            }
            if (journalRetainCycles < 0 || journalCheckpointInterval < 1)
            {
                throw new IllegalArgumentException("journal retention must be >= 0 and the checkpoint interval >= 1");
            }
            if (aeronDirectoryName == null)
            {
                StaleDriverDirectories.remove();
                aeronDirectoryName = OwnerOnlyDirectory.driverDirectory("master-" + memberId);
            }
            if (leaderHeartbeatIntervalMs <= 0 || leaderHeartbeatTimeoutMs <= leaderHeartbeatIntervalMs)
            {
                throw new IllegalArgumentException("leader heartbeat interval (" + leaderHeartbeatIntervalMs +
                    " ms) must be positive and below the timeout (" + leaderHeartbeatTimeoutMs + " ms)");
            }
            if (startupCanvassTimeoutMs < 2 * leaderHeartbeatTimeoutMs)
            {
                throw new IllegalArgumentException("startup canvass timeout (" + startupCanvassTimeoutMs +
                    " ms) must be at least twice the leader heartbeat timeout (" + leaderHeartbeatTimeoutMs + " ms)");
            }
            if (electionTimeoutMs <= 0 || sessionTimeoutMs <= 0)
            {
                throw new IllegalArgumentException("election and session timeouts must be positive");
            }
            if (electionStatusIntervalMs <= 0 || electionStatusIntervalMs >= electionTimeoutMs)
            {
                throw new IllegalArgumentException("election status interval (" + electionStatusIntervalMs +
                    " ms) must be positive and below the election timeout (" + electionTimeoutMs + " ms)");
            }
            if (Integer.bitCount(logTermLength) != 1 || logTermLength < 64 * 1024 || logTermLength > 1 << 30)
            {
                throw new IllegalArgumentException("log term length must be a power of two, 64 KiB..1 GiB: " +
                    logTermLength);
            }
            if (Integer.bitCount(archiveSegmentLength) != 1 || archiveSegmentLength < logTermLength)
            {
                throw new IllegalArgumentException("archive segment length must be a power of two and at least " +
                    "the log term length: " + archiveSegmentLength);
            }
            if (snapshotIntervalMs < 0 || snapshotLogBytes < 0)
            {
                throw new IllegalArgumentException("snapshot interval and log bytes must be 0 (off) or positive");
            }
            if (catchupStuckAfterMs < 1_000)
            {
                throw new IllegalArgumentException("the catch-up stuck time must be at least 1 s: " + catchupStuckAfterMs);
            }
            if (catchupIngressLimit < 0 || catchupLagBytes < 1)
            {
                throw new IllegalArgumentException("catch-up ingress limit must be 0 (off) or positive, and the " +
                    "catch-up lag positive");
            }
            if (idle == null)
            {
                throw new IllegalArgumentException("idle settings missing");
            }
            if (secrets.isEmpty())
            {
                throw new IllegalArgumentException("no client secrets configured: no client could connect");
            }
            engineConfig.conclude();
            concluded = true;
            return this;
        }

        /**
         * @return the Aeron cluster members string for these members.
         */
        public String membersString()
        {
            final StringBuilder sb = new StringBuilder();
            for (int id = 0; id < members.size(); id++)
            {
                final MemberAddress a = MemberAddress.parse(members.get(id));
                if (id > 0)
                {
                    sb.append('|');
                }
                sb.append(id).append(',')
                    .append(a.endpoint(0)).append(',')
                    .append(a.endpoint(1)).append(',')
                    .append(a.endpoint(2)).append(',')
                    .append(a.endpoint(3)).append(',')
                    .append(a.endpoint(4));
            }
            return sb.toString();
        }

        /**
         * @return the ingress endpoints string clients use: {@code id=host:port,...}.
         */
        public String ingressEndpoints()
        {
            return ingressEndpoints(members);
        }

        /**
         * @param members {@code host:basePort} of every member.
         * @return the ingress endpoints string clients use: {@code id=host:port,...}.
         */
        public static String ingressEndpoints(final List<String> members)
        {
            final List<String> endpoints = new ArrayList<>();
            for (int id = 0; id < members.size(); id++)
            {
                endpoints.add(id + "=" + MemberAddress.parse(members.get(id)).endpoint(0));
            }
            return String.join(",", endpoints);
        }

        Supplier<IdleStrategy> idleStrategySupplier()
        {
            final IdleSettings settings = idle;
            return settings::newStrategy;
        }

        MediaDriver.Context driverContext()
        {
            return new MediaDriver.Context()
                .aeronDirectoryName(aeronDirectoryName)
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(idleStrategySupplier().get())
                .termBufferSparseFile(true)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true)
                .errorHandler(errorHandler);
        }

        Archive.Context archiveContext()
        {
            final MemberAddress self = MemberAddress.parse(members.get(memberId));
            return new Archive.Context()
                .aeronDirectoryName(aeronDirectoryName)
                .archiveId(memberId)
                .archiveDir(new File(dataDir, "archive"))
                .controlChannel("aeron:udp?endpoint=" + self.endpoint(4))
                .localControlChannel("aeron:ipc?term-length=64k")
                .replicationChannel("aeron:udp?endpoint=" + self.endpoint(5))
                .authenticatorSupplier(ArchiveAuthenticator.supplier(archiveSecretBytes()))
                .archiveClientContext(new AeronArchive.Context()
                    .credentialsSupplier(archiveCredentials())
                    .controlResponseChannel("aeron:udp?endpoint=" + self.host() + ":0"))
                .recordingEventsEnabled(false)
                .threadingMode(ArchiveThreadingMode.SHARED)
                .idleStrategySupplier(idleStrategySupplier())
                .segmentFileLength(archiveSegmentLength)
                .errorHandler(errorHandler);
        }

        AeronArchive.Context localArchiveClient()
        {
            return new AeronArchive.Context()
                .lock(NoOpLock.INSTANCE)
                .aeronDirectoryName(aeronDirectoryName)
                .controlRequestChannel("aeron:ipc?term-length=64k")
                .controlRequestStreamId(io.aeron.archive.client.AeronArchive.Configuration.localControlStreamId())
                .controlResponseChannel("aeron:ipc?term-length=64k")
                .credentialsSupplier(archiveCredentials());
        }

        ConsensusModule.Context consensusContext()
        {
            final MemberAddress self = MemberAddress.parse(members.get(memberId));
            return new ConsensusModule.Context()
                .aeronDirectoryName(aeronDirectoryName)
                .clusterMemberId(memberId)
                .clusterMembers(membersString())
                .clusterDir(new File(dataDir, "cluster"))
                .ingressChannel("aeron:udp?term-length=4m")
                .logChannel("aeron:udp?term-length=" + logTermLength)
                .replicationChannel("aeron:udp?endpoint=" + self.endpoint(6))
                .archiveContext(localArchiveClient())
                .serviceCount(1)
                .leaderHeartbeatTimeoutNs(TimeUnit.MILLISECONDS.toNanos(leaderHeartbeatTimeoutMs))
                .leaderHeartbeatIntervalNs(TimeUnit.MILLISECONDS.toNanos(leaderHeartbeatIntervalMs))
                .electionTimeoutNs(TimeUnit.MILLISECONDS.toNanos(electionTimeoutMs))
                .electionStatusIntervalNs(TimeUnit.MILLISECONDS.toNanos(electionStatusIntervalMs))
                .startupCanvassTimeoutNs(TimeUnit.MILLISECONDS.toNanos(startupCanvassTimeoutMs))
                .sessionTimeoutNs(TimeUnit.MILLISECONDS.toNanos(sessionTimeoutMs))
                .idleStrategySupplier(idleStrategySupplier())
                .authenticatorSupplier(MasterAuthenticator.supplier(secrets))
                .authorisationServiceSupplier(() ->
                    (protocolId, actionId, type, encodedPrincipal) -> ClientRole.of(encodedPrincipal) == ClientRole.ADMIN)
                .errorHandler(errorHandler);
        }

        ClusteredServiceContainer.Context serviceContext(final ClusteredService service)
        {
            return new ClusteredServiceContainer.Context()
                .aeronDirectoryName(aeronDirectoryName)
                .archiveContext(localArchiveClient())
                .clusterDir(new File(dataDir, "cluster"))
                .clusteredService(service)
                .idleStrategySupplier(idleStrategySupplier())
                .errorHandler(errorHandler);
        }
    }
}
