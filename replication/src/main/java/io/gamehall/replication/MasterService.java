package io.gamehall.replication;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.ImageFragmentAssembler;
import io.aeron.Publication;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.cluster.service.RecoveryState;
import io.aeron.logbuffer.Header;
import io.gamehall.master.EngineConfig;
import io.gamehall.master.EngineOutput;
import io.gamehall.master.MasterEngine;
import io.gamehall.master.SnapshotLoader;
import io.gamehall.master.SnapshotWriter;
import io.gamehall.replication.journal.CommandJournal;
import io.gamehall.sbe.master.CommandResultDecoder;
import io.gamehall.sbe.master.DeregisterServerDecoder;
import io.gamehall.sbe.master.MessageHeaderDecoder;
import io.gamehall.sbe.master.RegisterServerDecoder;
import io.gamehall.sbe.master.ResultCode;
import io.gamehall.sbe.master.ServerHeartbeatDecoder;
import io.gamehall.sbe.snapshot.ClientPrincipalDecoder;
import io.gamehall.sbe.snapshot.ClientPrincipalEncoder;
import io.gamehall.sbe.snapshot.ServiceSnapshotEndDecoder;
import io.gamehall.sbe.snapshot.ServiceSnapshotEndEncoder;
import io.gamehall.sbe.snapshot.SessionRouteDecoder;
import io.gamehall.sbe.snapshot.SessionRouteEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.status.CountersReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteOrder;

/**
 * The master engine as an Aeron Cluster service. Every node runs one; the leader's log is
 * replayed by all, so every node's engine holds the same state, and only the leader's
 * replies reach clients (a follower's {@code ClientSession.offer} does nothing).
 * <p>
 * Authorization: every command is checked against the session that sent it
 * ({@link CommandAuthorizer}: its role, the client id it was admitted with, the servers its
 * client owns) before the engine sees it; a refused command is answered with the refusal's
 * code, changes nothing, and is journaled as not applied.
 * <p>
 * Routing: a response goes to the session that sent the command; an event goes to the
 * session of the server it is addressed to ({@link ServerOwners}); a broadcast goes to every
 * session. Engine timers are cluster timers.
 * <p>
 * {@link ArchiveImport} drives the same apply-and-journal steps without a cluster, from a
 * node's recorded log; the service then sends nothing and schedules nothing.
 */
public final class MasterService implements ClusteredService, EngineOutput
{
    private static final Logger LOG = LoggerFactory.getLogger(MasterService.class);
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int OFFER_ATTEMPTS = 1_000;

    private final EngineConfig engineConfig;
    private final MasterEngine engine;
    private Cluster cluster;
    private IdleStrategy idleStrategy = NoOpIdleStrategy.INSTANCE;
    private final ServerOwners owners = new ServerOwners();
    private final IngressPacer ingressPacer = new IngressPacer();
    private final ClientPrincipals principals;
    private final CommandAuthorizer authorizer;
    private ClientSession currentSession;
    private long currentSessionId;
    private SessionPrincipal currentPrincipal;

    private final MessageHeaderDecoder messageHeader = new MessageHeaderDecoder();
    private final CommandResultDecoder resultDecoder = new CommandResultDecoder();
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(256);

    private final SnapshotWriter snapshotWriter = new SnapshotWriter();
    private final io.gamehall.sbe.snapshot.MessageHeaderEncoder snapshotHeader =
        new io.gamehall.sbe.snapshot.MessageHeaderEncoder();
    private final SessionRouteEncoder routeEncoder = new SessionRouteEncoder();
    private final ClientPrincipalEncoder principalEncoder = new ClientPrincipalEncoder();
    private final ServiceSnapshotEndEncoder serviceEndEncoder = new ServiceSnapshotEndEncoder();
    private long droppedEgress;
    private volatile long appliedLogPosition;
    private volatile long commandsApplied;
    private final int memberId;
    private final CommandJournal journal;
    private long leadershipTermId;
    private int lastResultCode;
    private int lastResultCommand;
    private long lastSubjectId;
    private long lastDetailId;
    private int snapshotParts;
    private long snapshotBytes;

    /**
     * @param engineConfig limits and timeouts of the engine; the same on every node.
     */
    public MasterService(final EngineConfig engineConfig)
    {
        this(engineConfig, null);
    }

    /**
     * @param engineConfig limits and timeouts of the engine; the same on every node.
     * @param journal      where to journal what the engine applies; null for none.
     */
    public MasterService(final EngineConfig engineConfig, final CommandJournal journal)
    {
        this(engineConfig, journal, Aeron.NULL_VALUE);
    }

    /**
     * @param engineConfig limits and timeouts of the engine; the same on every node.
     * @param journal      where to journal what the engine applies; null for none.
     * @param memberId     this node's member id, for the journal's node starts ({@link Aeron#NULL_VALUE}
     *                     when not known): the cluster tells the service its member id only after
     *                     {@link #onStart}, when the node start has been journaled.
     */
    public MasterService(final EngineConfig engineConfig, final CommandJournal journal, final int memberId)
    {
        this.engineConfig = engineConfig.conclude();
        this.journal = journal;
        this.memberId = memberId;
        engine = new MasterEngine(engineConfig, this);
        principals = new ClientPrincipals(engine);
        authorizer = new CommandAuthorizer(engine, owners, principals);
    }

    /**
     * @return the engine; read it only from the service thread (or after the node stopped).
     */
    public MasterEngine engine()
    {
        return engine;
    }

    /**
     * @return log position up to which this node's engine has applied commands and timers;
     * safe to read from any thread.
     */
    public long appliedLogPosition()
    {
        return appliedLogPosition;
    }

    /**
     * @return client commands this node's engine has applied since it started (timers not
     * counted); safe to read from any thread, e.g. to show commands per second.
     */
    public long commandsApplied()
    {
        return commandsApplied;
    }

    /**
     * @return the cluster session the events addressed to a server go to, or -1; read it only from
     * the service thread.
     */
    long sessionOfServer(final long serverId)
    {
        return owners.sessionOf(serverId);
    }

    /**
     * @return the cap on commands applied per second, which bounds ingress on the leader while
     * a member catches up ({@link CatchupGovernor}); off unless set.
     */
    public IngressPacer ingressPacer()
    {
        return ingressPacer;
    }

    /**
     * @return messages to clients that could not be delivered (session gone or stuck).
     */
    public long droppedEgress()
    {
        return droppedEgress;
    }

    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        this.cluster = cluster;
        idleStrategy = cluster.idleStrategy();
        appliedLogPosition = cluster.logPosition();
        final long recoveredTermId = recoveredLeadershipTermId(cluster);
        if (recoveredTermId != Aeron.NULL_VALUE)
        {
            leadershipTermId = recoveredTermId;
        }
        if (snapshotImage != null)
        {
            loadSnapshot(snapshotImage);
            LOG.info("master service restored from snapshot: {} servers, {} users, {} instances, hash {}",
                engine.servers().size(), engine.users().size(), engine.instances().size(),
                Long.toHexString(engine.stateHash()));
        }
        if (journal != null)
        {
            final long position = cluster.logPosition();
            if (snapshotImage != null && journal.lastJournaledPosition() < position)
            {
                journalSnapshot(position, cluster.time());
            }
            journal.nodeStarted(memberId != Aeron.NULL_VALUE ? memberId : cluster.memberId(), position, cluster.time(),
                engine.stateHash(), engineConfig);
        }
    }

    /**
     * The term of the log right after the snapshot this node starts from, as the consensus module
     * recovered it ({@link RecoveryState}, there until the service has started); null value
     * when it starts without a snapshot. The log a node replays from a snapshot taken inside a
     * term does not hold that term's {@code NewLeadershipTermEvent} (it lies before the
     * snapshot), only those of later terms: without this, the entries up to the next term would
     * be journaled with whatever term the service last knew.
     */
    private static long recoveredLeadershipTermId(final Cluster cluster)
    {
        final CountersReader counters = cluster.aeron().countersReader();
        final int counterId = RecoveryState.findCounterId(counters, cluster.context().clusterId());
        return counterId == CountersReader.NULL_COUNTER_ID ?
            Aeron.NULL_VALUE : RecoveryState.getLeadershipTermId(counters, counterId);
    }

    /**
     * Begin an offline run from an empty engine, as {@link #onStart} does on a node that starts
     * without a snapshot: the cluster's recovery state then says position 0 and time 0.
     */
    void startWithoutCluster()
    {
        if (journal != null)
        {
            journal.nodeStarted(memberId, 0, 0, engine.stateHash(), engineConfig);
        }
    }

    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
        LOG.debug("session {} opened as {}", session.id(), ClientRole.of(session.encodedPrincipal()));
    }

    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
        owners.sessionClosed(session.id());
        LOG.debug("session {} closed: {}", session.id(), closeReason);
    }

    public void onSessionMessage(
        final ClientSession session,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        ingressPacer.pace();
        applyCommand(session, session.id(), session.encodedPrincipal(), header.position(), timestamp, buffer, offset, length);
    }

    /**
     * The session closed, as the log says at this point: for a run without a cluster
     * ({@link ArchiveImport}), which learns it from the recorded log.
     */
    void sessionClosed(final long sessionId)
    {
        owners.sessionClosed(sessionId);
    }

    /**
     * Authorize, apply and journal one command of the log, as received at that position.
     *
     * @param session          where answers go; null to send none.
     * @param sessionId        the cluster session that sent it.
     * @param encodedPrincipal of that session: what it may send ({@link CommandAuthorizer}).
     */
    void applyCommand(
        final ClientSession session,
        final long sessionId,
        final byte[] encodedPrincipal,
        final long position,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        currentSession = session;
        currentSessionId = sessionId;
        currentPrincipal = SessionPrincipal.decode(encodedPrincipal);
        lastResultCode = ResultCode.MALFORMED_MESSAGE.value();
        lastSubjectId = 0;
        lastDetailId = 0;
        final ResultCode refusal = authorizer.check(currentPrincipal, buffer, offset, length);
        final boolean refused = refusal != null;
        if (refused)
        {
            engine.refuse(buffer, offset, length, refusal);
        }
        else
        {
            engine.apply(buffer, offset, length, timestamp);
            final long clientId = currentPrincipal.clientId();
            if (clientId != SessionPrincipal.UNBOUND && engine.remembersClient(clientId))
            {
                principals.used(clientId, currentPrincipal.role());
            }
        }
        currentSession = null;
        currentPrincipal = null;
        commandsApplied++; // single writer: the service thread
        appliedLogPosition = position;
        if (journal != null && !journal.alreadyJournaled(position))
        {
            journalCommand(position, timestamp, buffer, offset, length, refused);
        }
    }

    public void onTimerEvent(final long correlationId, final long timestamp)
    {
        applyTimer(cluster.logPosition(), correlationId, timestamp);
    }

    /**
     * Fire and journal one timer of the log at that position.
     */
    void applyTimer(final long position, final long correlationId, final long timestamp)
    {
        currentSession = null;
        engine.onTimer(correlationId, timestamp);
        appliedLogPosition = position;
        if (journal != null && !journal.alreadyJournaled(position) &&
            journal.timer(position, leadershipTermId, timestamp, correlationId))
        {
            journal.checkpoint(position, timestamp, engine.stateHash());
        }
    }

    public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
    {
        final long startNs = System.nanoTime();
        final long position = cluster.logPosition();
        final long time = cluster.time();
        // one pass over the engine for the snapshot and the journal's copy of it
        final boolean journaling = journal != null && !journal.alreadyJournaled(position);
        if (journaling)
        {
            journal.snapshotStarted(position, time);
        }
        snapshotParts = 0;
        snapshotBytes = 0;
        snapshotWriter.write(engine, time, (buffer, offset, length) ->
        {
            offerSnapshot(snapshotPublication, buffer, offset, length);
            if (journaling)
            {
                journal.snapshotPart(buffer, offset, length);
            }
            snapshotParts++;
            snapshotBytes += length;
        });
        if (journaling)
        {
            journal.snapshotEnded(position, snapshotParts, snapshotWriter.lastStateHash());
        }
        int routeCount = 0;
        for (final long serverId : owners.sortedServerIds())
        {
            if (engine.servers().get(serverId) == null)
            {
                continue;
            }
            routeEncoder.wrapAndApplyHeader(scratch, 0, snapshotHeader)
                .serverId(serverId)
                .clusterSessionId(owners.sessionOf(serverId))
                .ownerClientId(owners.ownerOf(serverId));
            offerSnapshot(snapshotPublication, scratch, 0, HEADER + routeEncoder.encodedLength());
            routeCount++;
        }
        final long[] clientIds = principals.sortedRememberedClientIds();
        for (final long clientId : clientIds)
        {
            principalEncoder.wrapAndApplyHeader(scratch, 0, snapshotHeader)
                .clientId(clientId)
                .role((short)(principals.roleOf(clientId).ordinal() + 1));
            offerSnapshot(snapshotPublication, scratch, 0, HEADER + principalEncoder.encodedLength());
        }
        serviceEndEncoder.wrapAndApplyHeader(scratch, 0, snapshotHeader)
            .routeCount(routeCount)
            .principalCount(clientIds.length);
        offerSnapshot(snapshotPublication, scratch, 0, HEADER + serviceEndEncoder.encodedLength());
        LOG.info("snapshot taken at log position {}: {} messages, {} bytes, hash {}, written in {} ms", position,
            snapshotParts, snapshotBytes, Long.toHexString(snapshotWriter.lastStateHash()),
            (System.nanoTime() - startNs) / 1_000_000);
    }

    public void onNewLeadershipTermEvent(
        final long leadershipTermId,
        final long logPosition,
        final long timestamp,
        final long termBaseLogPosition,
        final int leaderMemberId,
        final int logSessionId,
        final java.util.concurrent.TimeUnit timeUnit,
        final int appVersion)
    {
        this.leadershipTermId = leadershipTermId;
    }

    /**
     * Copy the engine's snapshot into the journal, as {@link #onTakeSnapshot} does for a
     * snapshot the log asks for at that position and time.
     */
    void journalSnapshotWithoutCluster(final long position, final long timestamp)
    {
        if (journal != null && !journal.alreadyJournaled(position))
        {
            journalSnapshot(position, timestamp);
        }
    }

    public void onRoleChange(final Cluster.Role newRole)
    {
        LOG.info("node {} is now {}", cluster.memberId(), newRole);
    }

    public void onTerminate(final Cluster cluster)
    {
        LOG.info("master service terminating at log position {}, state hash {}", cluster.logPosition(),
            Long.toHexString(engine.stateHash()));
    }

    // ------------------------------------------------------------------ EngineOutput

    public void onResponse(final long clientId, final DirectBuffer buffer, final int offset, final int length)
    {
        readResult(buffer, offset, length);
        if (lastResultCode == ResultCode.OK.value() && currentPrincipal != null)
        {
            if (lastResultCommand == RegisterServerDecoder.TEMPLATE_ID || lastResultCommand == ServerHeartbeatDecoder.TEMPLATE_ID)
            {
                owners.own(lastSubjectId, currentPrincipal.clientId(), currentSessionId);
            }
            else if (lastResultCommand == DeregisterServerDecoder.TEMPLATE_ID)
            {
                owners.remove(lastSubjectId);
            }
        }
        offer(currentSession, buffer, offset, length);
    }

    public void onEvent(final long serverId, final DirectBuffer buffer, final int offset, final int length)
    {
        if (cluster == null)
        {
            return;
        }
        if (serverId == EngineOutput.ALL_SERVERS)
        {
            for (final ClientSession session : cluster.clientSessions())
            {
                offer(session, buffer, offset, length);
            }
            return;
        }
        final long sessionId = owners.sessionOf(serverId);
        if (sessionId == ServerOwners.NO_SESSION)
        {
            return;
        }
        final ClientSession session = cluster.getClientSession(sessionId);
        if (session != null)
        {
            offer(session, buffer, offset, length);
        }
    }

    public void onScheduleTimer(final long correlationId, final long deadline)
    {
        if (cluster != null)
        {
            cluster.scheduleTimer(correlationId, deadline);
        }
    }

    // ------------------------------------------------------------------ internals

    private void journalCommand(
        final long position,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final boolean refused)
    {
        final boolean idsReadable = length >= HEADER + 16;
        final int command = length >= HEADER ? buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF : 0;
        final long clientId = idsReadable ? buffer.getLong(offset + HEADER, ByteOrder.LITTLE_ENDIAN) : 0;
        final long requestId = idsReadable ? buffer.getLong(offset + HEADER + 8, ByteOrder.LITTLE_ENDIAN) : 0;
        final boolean due = journal.command(
            position, leadershipTermId, timestamp, clientId, requestId, command, lastResultCode, !refused,
            lastSubjectId, lastDetailId, buffer, offset, length);
        if (due)
        {
            journal.checkpoint(position, timestamp, engine.stateHash());
        }
    }

    private void journalSnapshot(final long position, final long timestamp)
    {
        journal.snapshotStarted(position, timestamp);
        snapshotParts = 0;
        snapshotWriter.write(engine, timestamp, (buffer, offset, length) ->
        {
            journal.snapshotPart(buffer, offset, length);
            snapshotParts++;
        });
        journal.snapshotEnded(position, snapshotParts, snapshotWriter.lastStateHash());
    }

    /**
     * Read what the journal and the session routes need from a response, once: the result
     * code of any response (a CommandResult has it after the ids and the command's template
     * id, every other response right after the ids) and, for a CommandResult, the command it
     * answers and its subject and detail ids.
     */
    private void readResult(final DirectBuffer buffer, final int offset, final int length)
    {
        lastResultCommand = 0;
        lastSubjectId = 0;
        lastDetailId = 0;
        if (length < HEADER + 20)
        {
            lastResultCode = ResultCode.MALFORMED_MESSAGE.value();
            return;
        }
        messageHeader.wrap(buffer, offset);
        if (messageHeader.templateId() != CommandResultDecoder.TEMPLATE_ID)
        {
            lastResultCode = buffer.getShort(offset + HEADER + 16, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
            return;
        }
        resultDecoder.wrap(buffer, offset + HEADER, messageHeader.blockLength(), messageHeader.version());
        lastResultCode = resultDecoder.codeRaw();
        lastResultCommand = resultDecoder.command();
        lastSubjectId = resultDecoder.subjectId();
        lastDetailId = resultDecoder.detailId();
    }

    private void offer(final ClientSession session, final DirectBuffer buffer, final int offset, final int length)
    {
        if (session == null)
        {
            return;
        }
        idleStrategy.reset();
        for (int attempt = 0; attempt < OFFER_ATTEMPTS; attempt++)
        {
            final long result = session.offer(buffer, offset, length);
            if (result > 0)
            {
                return;
            }
            if (result != Publication.BACK_PRESSURED && result != Publication.ADMIN_ACTION)
            {
                break;
            }
            idleStrategy.idle();
        }
        droppedEgress++;
    }

    private void offerSnapshot(
        final ExclusivePublication publication, final DirectBuffer buffer, final int offset, final int length)
    {
        idleStrategy.reset();
        while (true)
        {
            final long result = publication.offer(buffer, offset, length);
            if (result > 0)
            {
                return;
            }
            if (result == Publication.CLOSED || result == Publication.NOT_CONNECTED || result == Publication.MAX_POSITION_EXCEEDED)
            {
                throw new IllegalStateException("snapshot publication failed: " + Publication.errorString(result));
            }
            idleStrategy.idle();
        }
    }

    private void loadSnapshot(final Image image)
    {
        final SnapshotLoader loader = new SnapshotLoader(engine);
        final io.gamehall.sbe.snapshot.MessageHeaderDecoder snapshotHeaderDecoder =
            new io.gamehall.sbe.snapshot.MessageHeaderDecoder();
        final SessionRouteDecoder routeDecoder = new SessionRouteDecoder();
        final ClientPrincipalDecoder principalDecoder = new ClientPrincipalDecoder();
        final ServiceSnapshotEndDecoder endDecoder = new ServiceSnapshotEndDecoder();
        final boolean[] done = new boolean[1];
        final int[] routesLoaded = new int[1];
        final int[] principalsLoaded = new int[1];
        final ImageFragmentAssembler assembler = new ImageFragmentAssembler((buffer, offset, length, hdr) ->
        {
            if (!loader.isComplete())
            {
                loader.onMessage(buffer, offset, length);
                return;
            }
            snapshotHeaderDecoder.wrap(buffer, offset);
            switch (snapshotHeaderDecoder.templateId())
            {
                case SessionRouteDecoder.TEMPLATE_ID:
                    routeDecoder.wrap(buffer, offset + HEADER, snapshotHeaderDecoder.blockLength(),
                        snapshotHeaderDecoder.version());
                    owners.own(routeDecoder.serverId(),
                        routeDecoder.actingVersion() >= SessionRouteDecoder.ownerClientIdSinceVersion() ?
                            routeDecoder.ownerClientId() : SessionPrincipal.UNBOUND,
                        routeDecoder.clusterSessionId());
                    routesLoaded[0]++;
                    break;
                case ClientPrincipalDecoder.TEMPLATE_ID:
                    principalDecoder.wrap(buffer, offset + HEADER, snapshotHeaderDecoder.blockLength(),
                        snapshotHeaderDecoder.version());
                    final int roleOrdinal = principalDecoder.role() - 1;
                    if (roleOrdinal < 0 || roleOrdinal >= ClientRole.values().length)
                    {
                        throw new SnapshotLoader.SnapshotException("service snapshot names role " +
                            principalDecoder.role() + " for client " + principalDecoder.clientId());
                    }
                    principals.restore(principalDecoder.clientId(), ClientRole.values()[roleOrdinal]);
                    principalsLoaded[0]++;
                    break;
                case ServiceSnapshotEndDecoder.TEMPLATE_ID:
                    endDecoder.wrap(buffer, offset + HEADER, snapshotHeaderDecoder.blockLength(),
                        snapshotHeaderDecoder.version());
                    if (endDecoder.routeCount() != routesLoaded[0])
                    {
                        throw new SnapshotLoader.SnapshotException("service snapshot has " + routesLoaded[0] +
                            " session routes, its end marker says " + endDecoder.routeCount());
                    }
                    final int principalCount = endDecoder.actingVersion() >= ServiceSnapshotEndDecoder.principalCountSinceVersion() ?
                        endDecoder.principalCount() : 0;
                    if (principalCount != principalsLoaded[0])
                    {
                        throw new SnapshotLoader.SnapshotException("service snapshot has " + principalsLoaded[0] +
                            " client principals, its end marker says " + principalCount);
                    }
                    done[0] = true;
                    break;
                default:
                    throw new SnapshotLoader.SnapshotException("unexpected service snapshot template " +
                        snapshotHeaderDecoder.templateId());
            }
        });

        idleStrategy.reset();
        while (!done[0])
        {
            final int fragments = image.poll(assembler, 64);
            if (fragments == 0)
            {
                if (image.isEndOfStream() || image.isClosed())
                {
                    break;
                }
                idleStrategy.idle();
            }
            else
            {
                idleStrategy.reset();
            }
        }
        loader.finish();
        if (!done[0])
        {
            throw new SnapshotLoader.SnapshotException("service snapshot ended without its end marker");
        }
    }
}
