package io.gamehall.replication;

import io.aeron.Aeron;
import io.aeron.AeronCounters;
import io.aeron.ConcurrentPublication;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.CommonContext;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.codecs.ClusterMembersExtendedResponseDecoder;
import io.aeron.cluster.codecs.MessageHeaderDecoder;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusterMarkFile;
import io.aeron.cluster.service.ClusterNodeControlProperties;
import io.aeron.cluster.service.ConsensusModuleProxy;

import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * What an operator wants to know about a running node, read from its cluster directory on
 * the same machine: its role, who leads, the term, the commit position, the members, and how
 * far it is behind the cluster ({@link Catchup}).
 * <p>
 * {@link #read} answers within its timeout or says why not. It first reads the node's files
 * without waiting on the node: no mark file (no node ever ran there), the process that wrote
 * the mark file gone (killed, crashed or stopped: the files are stale), a mark file not
 * updated for {@link #STALE_MS} (the process hangs), no media driver directory, or a driver that
 * no longer beats. Only then does it read the node's counters and, when the node runs without
 * an election, ask its consensus module for the leader and members, on a thread of its own that
 * it waits for until the deadline at most. A node that starts or is in an election is not asked
 * (an unanswered question would stop or restart it): its leader is then -1 and its members say
 * why.
 *
 * @param memberId         this node.
 * @param role             LEADER, FOLLOWER or CANDIDATE.
 * @param leaderMemberId   the leader it knows of; -1 when the node was not asked (starting, in an election).
 * @param leadershipTermId current term.
 * @param commitPosition   log position committed by a quorum.
 * @param electionState    election state (CLOSED when no election runs).
 * @param snapshots        snapshots taken since the node started.
 * @param elections        elections on this node since it started.
 * @param activeMembers    the active members as the consensus module describes them.
 * @param catchup          how far behind the node is; null when the node publishes nothing about it.
 */
public record NodeStatus(
    int memberId,
    String role,
    int leaderMemberId,
    long leadershipTermId,
    long commitPosition,
    String electionState,
    long snapshots,
    long elections,
    String activeMembers,
    Catchup catchup)
{
    /** A node updates its mark file every second: one not updated for this long is not running. */
    public static final long STALE_MS = 5_000;
    /** How long a question that went unanswered by its deadline still waits for its answer, off the caller's time. */
    private static final long LINGER_MS = 2_000;

    /**
     * What the node's catch-up monitor concluded at its latest sample (see {@link CatchupTracker}).
     *
     * @param nodePosition    the log position the node has applied.
     * @param clusterPosition the furthest log position it knows the cluster holds, -1 unknown.
     * @param bytesBehind     the difference, -1 unknown.
     * @param etaMs           estimated time to catch up, -1 unknown (not behind, or not gaining).
     * @param behindSinceMs   epoch ms since when it is behind, 0 when it is not.
     * @param stuck           behind for longer than {@code stuckAfterMs}.
     * @param stuckAfterMs    the node's stuck time ({@code --catchup-stuck-after-s}).
     * @param sampledAtMs     epoch ms of the sample.
     */
    public record Catchup(
        long nodePosition,
        long clusterPosition,
        long bytesBehind,
        long etaMs,
        long behindSinceMs,
        boolean stuck,
        long stuckAfterMs,
        long sampledAtMs)
    {
        /**
         * @return whether the node was behind at the sample.
         */
        public boolean behind()
        {
            return behindSinceMs != 0;
        }

        /**
         * @param nowMs the time now.
         * @return one line: in sync, or catching up with bytes behind and ETA, flagged STUCK past its stuck time.
         */
        public String describe(final long nowMs)
        {
            if (nowMs - sampledAtMs > STALE_MS)
            {
                return String.format(Locale.ROOT, "unknown (the node's catch-up monitor last sampled %.0f s ago)",
                    (nowMs - sampledAtMs) / 1e3);
            }
            if (!behind())
            {
                return String.format(Locale.ROOT, "in sync (log position %,d)", nodePosition);
            }
            final StringBuilder sb = new StringBuilder(160);
            if (stuck)
            {
                sb.append("STUCK, ");
            }
            sb.append("catching up, ");
            sb.append(bytesBehind < 0 ? "bytes behind unknown" : String.format(Locale.ROOT, "%,d bytes behind", bytesBehind));
            sb.append(etaMs < 0 ? ", ETA unknown (not gaining)" :
                String.format(Locale.ROOT, ", ETA %.0f s", Math.ceil(etaMs / 1e3)));
            sb.append(String.format(Locale.ROOT, " (this node at %,d, the cluster at %s), behind for %.0f s",
                nodePosition, clusterPosition < 0 ? "?" : String.format(Locale.ROOT, "%,d", clusterPosition),
                (nowMs - behindSinceMs) / 1e3));
            if (stuck)
            {
                sb.append(String.format(Locale.ROOT, " (stuck after %.0f s)", stuckAfterMs / 1e3));
            }
            return sb.toString();
        }
    }

    /**
     * @param clusterDir the node's cluster directory ({@code <data-dir>/cluster}).
     * @param timeoutMs  how long to wait for the node to answer.
     * @return the status.
     * @throws IllegalStateException saying why there is none: no node ran there, it is not
     *                               running (stale files), or it did not answer in time.
     */
    public static NodeStatus read(final File clusterDir, final long timeoutMs)
    {
        final long deadlineMs = System.currentTimeMillis() + timeoutMs;
        if (!new File(clusterDir, ClusterMarkFile.FILENAME).exists())
        {
            throw new IllegalStateException("no master node has run in " + clusterDir + " (no " +
                ClusterMarkFile.FILENAME + ")");
        }
        final ClusterMarkFile markFile = openMarkFile(clusterDir, Math.max(1, Math.min(timeoutMs, 1_000)));
        try
        {
            final String aeronDir = checkRunning(clusterDir, markFile);
            final ClusterNodeControlProperties control = markFile.loadControlProperties();
            final int memberId = markFile.memberId();
            final FutureTask<NodeStatus> ask = new FutureTask<>(() ->
                ask(clusterDir, memberId, control, aeronDir, deadlineMs));
            final Thread asking = new Thread(ask, "node-status");
            asking.setDaemon(true);
            asking.start();
            try
            {
                return ask.get(Math.max(0, deadlineMs - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            }
            catch (final TimeoutException ex)
            {
                throw new IllegalStateException("the master node of " + clusterDir + " (process " +
                    markFile.decoder().pid() + ") did not answer within " + timeoutMs + " ms: its process and media " +
                    "driver run, but its consensus module does not respond (busy, or stopping?)");
            }
            catch (final ExecutionException ex)
            {
                final Throwable cause = ex.getCause();
                throw cause instanceof IllegalStateException illegalState ? illegalState :
                    new IllegalStateException("could not read the status of the node in " + clusterDir + ": " + cause,
                    cause);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the status of the node in " + clusterDir, ex);
            }
        }
        finally
        {
            // the asking thread, which may outlive this call, does not touch the mark file
            markFile.close();
        }
    }

    private static ClusterMarkFile openMarkFile(final File clusterDir, final long timeoutMs)
    {
        try
        {
            return new ClusterMarkFile(clusterDir, ClusterMarkFile.FILENAME, System::currentTimeMillis, timeoutMs, null);
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalStateException("the master node of " + clusterDir + " is not running: its mark file " +
                "is incomplete or unreadable (" + ex.getMessage() + ")", ex);
        }
    }

    /**
     * @return the node's media driver directory, once the files say the node runs.
     */
    private static String checkRunning(final File clusterDir, final ClusterMarkFile markFile)
    {
        final long pid = markFile.decoder().pid();
        final long activityMs = markFile.activityTimestampVolatile();
        final long nowMs = System.currentTimeMillis();
        final boolean processAlive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        if (!processAlive)
        {
            throw new IllegalStateException("the master node of " + clusterDir + " is not running: process " + pid +
                ", which ran it, is gone (" + (activityMs == Aeron.NULL_VALUE ? "it stopped cleanly" :
                "killed or crashed: its files are stale") + ")");
        }
        if (activityMs == Aeron.NULL_VALUE)
        {
            throw new IllegalStateException("the master node of " + clusterDir + " is not running: it stopped " +
                "(process " + pid + " is still there, shutting down?)");
        }
        if (nowMs - activityMs > STALE_MS)
        {
            throw new IllegalStateException(String.format(Locale.ROOT, "the master node of %s is not running: its " +
                "mark file is stale, last updated %.0f s ago, though process %d is there (hung, or stopping?)",
                clusterDir, (nowMs - activityMs) / 1e3, pid));
        }
        final String aeronDir = markFile.decoder().aeronDirectory();
        if (!new File(aeronDir, "cnc.dat").exists())
        {
            throw new IllegalStateException("the master node of " + clusterDir + " is not running (its media " +
                "driver directory " + aeronDir + " is gone)");
        }
        if (!CommonContext.isDriverActive(new File(aeronDir), STALE_MS, (message) -> {}))
        {
            throw new IllegalStateException("the master node of " + clusterDir + " is not running: its media " +
                "driver in " + aeronDir + " has not beaten for " + STALE_MS / 1_000 + " s");
        }
        return aeronDir;
    }

    private static NodeStatus ask(
        final File clusterDir,
        final int memberId,
        final ClusterNodeControlProperties control,
        final String aeronDir,
        final long deadlineMs)
    {
        final long[] values = {-1, -1, -1, -1, 0, 0, -1};
        // Aeron's default error handler ends the JVM when the driver stops answering: a status read must not
        try (Aeron aeron = Aeron.connect(new Aeron.Context()
            .aeronDirectoryName(aeronDir)
            .errorHandler((error) -> {})
            .subscriberErrorHandler((error) -> {})))
        {
            final CountersReader counters = aeron.countersReader();
            counters.forEach((counterId, typeId, keyBuffer, label) ->
            {
                final long value = counters.getCounterValue(counterId);
                switch (typeId)
                {
                    case AeronCounters.CLUSTER_NODE_ROLE_TYPE_ID -> values[0] = value;
                    case AeronCounters.CLUSTER_LEADERSHIP_TERM_ID_TYPE_ID -> values[1] = value;
                    case AeronCounters.CLUSTER_COMMIT_POSITION_TYPE_ID -> values[2] = value;
                    case AeronCounters.CLUSTER_ELECTION_STATE_TYPE_ID -> values[3] = value;
                    case AeronCounters.CLUSTER_SNAPSHOT_COUNTER_TYPE_ID -> values[4] = value;
                    case AeronCounters.CLUSTER_ELECTION_COUNT_TYPE_ID -> values[5] = value;
                    case AeronCounters.CLUSTER_CONSENSUS_MODULE_STATE_TYPE_ID -> values[6] = value;
                    default ->
                    {
                    }
                }
            });
            final Catchup catchup = CatchupCounters.read(counters);
            return status(clusterDir, memberId, control, deadlineMs, aeron, values, catchup);
        }
    }

    private static NodeStatus status(
        final File clusterDir,
        final int memberId,
        final ClusterNodeControlProperties control,
        final long deadlineMs,
        final Aeron aeron,
        final long[] values,
        final Catchup catchup)
    {
        final String electionState = values[3] < 0 ? "UNKNOWN" : ElectionState.get(values[3]).name();
        final ConsensusModule.State moduleState = values[6] < 0 ? null : ConsensusModule.State.get(values[6]);
        final int[] leaderMemberId = {Aeron.NULL_VALUE};
        final String members;
        if (isSafeToAsk(moduleState, electionState))
        {
            members = queryMembers(aeron, control, deadlineMs, leaderMemberId);
            if (members == null)
            {
                throw new IllegalStateException("the master node of " + clusterDir + " did not answer before the " +
                    "deadline (its process and media driver run)");
            }
        }
        else
        {
            members = "not asked while the node " + (moduleState == ConsensusModule.State.INIT ? "starts" :
                "is in an election (" + electionState + ")") + ": a question it could not answer would stop it";
        }
        return new NodeStatus(
            memberId,
            values[0] < 0 ? "UNKNOWN" : Cluster.Role.get(values[0]).name(),
            leaderMemberId[0],
            values[1],
            values[2],
            electionState,
            values[4],
            values[5],
            members,
            catchup);
    }

    /**
     * Ask the consensus module for the leader and the members over its control channel, as
     * Aeron's cluster tool does, but through this reader's own client (whose errors do not end
     * the JVM).
     *
     * @return the members as {@code id,endpoints|...}, null when no answer came before the deadline.
     */
    private static String queryMembers(
        final Aeron aeron, final ClusterNodeControlProperties control, final long deadlineMs, final int[] leaderMemberId)
    {
        final long correlationId = aeron.nextCorrelationId();
        final String[] members = {null};
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final ClusterMembersExtendedResponseDecoder response = new ClusterMembersExtendedResponseDecoder();
        final FragmentAssembler assembler = new FragmentAssembler((buffer, offset, length, frame) ->
        {
            header.wrap(buffer, offset);
            if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID ||
                header.templateId() != ClusterMembersExtendedResponseDecoder.TEMPLATE_ID)
            {
                return;
            }
            response.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
            if (response.correlationId() != correlationId)
            {
                return;
            }
            response.currentTimeNs();
            leaderMemberId[0] = response.leaderMemberId();
            response.memberId();
            final StringBuilder sb = new StringBuilder();
            for (final ClusterMembersExtendedResponseDecoder.ActiveMembersDecoder member : response.activeMembers())
            {
                member.leadershipTermId();
                member.logPosition();
                member.timeOfLastAppendNs();
                sb.append(sb.length() == 0 ? "" : "|").append(member.memberId()).append(',')
                    .append(member.ingressEndpoint()).append(',')
                    .append(member.consensusEndpoint()).append(',')
                    .append(member.logEndpoint()).append(',')
                    .append(member.catchupEndpoint()).append(',')
                    .append(member.archiveEndpoint());
            }
            members[0] = sb.toString();
        });
        try (Subscription subscription = aeron.addSubscription(control.controlChannel, control.serviceStreamId);
            ConcurrentPublication publication = aeron.addPublication(control.controlChannel, control.consensusModuleStreamId))
        {
            final ConsensusModuleProxy consensusModule = new ConsensusModuleProxy(publication);
            boolean sent = false;
            while (members[0] == null && System.currentTimeMillis() < deadlineMs)
            {
                if (!sent && subscription.isConnected() && publication.isConnected())
                {
                    sent = consensusModule.clusterMembersQuery(correlationId);
                }
                if (subscription.poll(assembler, 10) == 0)
                {
                    Thread.yield();
                }
            }
            // late: the caller has its answer (none), but a reply the module cannot send is an error there
            final long lingerUntilMs = System.currentTimeMillis() + LINGER_MS;
            while (sent && members[0] == null && System.currentTimeMillis() < lingerUntilMs)
            {
                if (subscription.poll(assembler, 10) == 0)
                {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
            }
            return System.currentTimeMillis() <= deadlineMs ? members[0] : null;
        }
    }

    /**
     * The members query is answered by the consensus module, and an
     * answer it cannot send (the asker gave up and left) is an error there: while it starts, its
     * consensus module stops for good; during an election, the election starts again from the
     * beginning (a catching-up follower starts its catch-up again). So it is asked only when
     * running without an election; otherwise the counters tell all but the leader and members.
     */
    private static boolean isSafeToAsk(final ConsensusModule.State moduleState, final String electionState)
    {
        return "CLOSED".equals(electionState) && (moduleState == ConsensusModule.State.ACTIVE ||
            moduleState == ConsensusModule.State.SUSPENDED || moduleState == ConsensusModule.State.SNAPSHOT);
    }

    public String toString()
    {
        return "member " + memberId + ": " + role + "\n" +
            "leader:          " + leaderMemberId + "\n" +
            "term:            " + leadershipTermId + "\n" +
            "commit position: " + commitPosition + "\n" +
            "election:        " + electionState + "\n" +
            "elections:       " + elections + " since start\n" +
            "snapshots:       " + snapshots + " since start\n" +
            "sync:            " + (catchup == null ? "unknown (the node publishes no catch-up counters)" :
            catchup.describe(System.currentTimeMillis())) + "\n" +
            "members:         " + activeMembers;
    }
}
