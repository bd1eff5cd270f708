package io.gamehall.replication;

import io.aeron.Aeron;
import io.aeron.archive.client.AeronArchive;
import io.aeron.security.CredentialsSupplier;
import org.agrona.CloseHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How far the other members' logs reach: each member records the cluster log in its archive,
 * so the furthest recorded log position among them is the least the leader holds. Asked
 * through each member's archive control port with the cluster's archive secret, as the
 * members' archives ask each other when they replicate; connections are made without
 * blocking ({@link AeronArchive#asyncConnect}) and kept until the node closes (an archive logs
 * a warning for every control session that goes away), and a member that does not answer is
 * asked again only after {@link #RETRY_MS}.
 */
final class PeerLogPositions implements AutoCloseable
{
    /** A member that failed to answer is asked again after this long. */
    static final long RETRY_MS = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(PeerLogPositions.class);
    private static final long MESSAGE_TIMEOUT_MS = 1_000;
    private static final long CONNECT_STEP_MS = 100;

    private final List<Peer> peers = new ArrayList<>();
    private final int logStreamId;

    /**
     * @param aeron       a client of this node's media driver.
     * @param members     {@code host:basePort} of every member.
     * @param memberId    this node, not asked.
     * @param logStreamId the cluster log's stream id.
     * @param credentials the archive secret's credentials.
     */
    PeerLogPositions(
        final Aeron aeron,
        final List<String> members,
        final int memberId,
        final int logStreamId,
        final CredentialsSupplier credentials)
    {
        this.logStreamId = logStreamId;
        final MemberAddress self = MemberAddress.parse(members.get(memberId));
        for (int id = 0; id < members.size(); id++)
        {
            if (id != memberId)
            {
                peers.add(new Peer(id, new AeronArchive.Context()
                    .aeron(aeron)
                    .ownsAeronClient(false)
                    .controlRequestChannel("aeron:udp?endpoint=" + MemberAddress.parse(members.get(id)).endpoint(4))
                    .controlResponseChannel("aeron:udp?endpoint=" + self.host() + ":0")
                    .messageTimeoutNs(TimeUnit.MILLISECONDS.toNanos(MESSAGE_TIMEOUT_MS))
                    .credentialsSupplier(credentials)));
            }
        }
    }

    /**
     * Ask every member that is connected, and go on connecting the others; a member still
     * connecting is not waited for.
     *
     * @param nowMs the time, for retries.
     * @return the furthest log position recorded by a member that answered, or {@link CatchupTracker#UNKNOWN}.
     */
    long furthest(final long nowMs)
    {
        long furthest = CatchupTracker.UNKNOWN;
        for (final Peer peer : peers)
        {
            furthest = Math.max(furthest, peer.logPosition(nowMs, logStreamId));
        }
        return furthest;
    }

    /**
     * Close the connections.
     */
    public void close()
    {
        for (final Peer peer : peers)
        {
            peer.disconnect();
        }
    }

    private static final class Peer
    {
        private final int memberId;
        private final AeronArchive.Context context;
        private AeronArchive.AsyncConnect connecting;
        private AeronArchive archive;
        private long failedAtMs;

        Peer(final int memberId, final AeronArchive.Context context)
        {
            this.memberId = memberId;
            this.context = context;
        }

        long logPosition(final long nowMs, final int logStreamId)
        {
            try
            {
                if (archive == null && !connect(nowMs))
                {
                    return CatchupTracker.UNKNOWN;
                }
                final List<Long> recordingIds = new ArrayList<>();
                archive.listRecordingsForUri(0, 1_000, "", logStreamId,
                    (controlSessionId, correlationId, recordingId, startTimestamp, stopTimestamp, startPosition,
                        stopPosition, initialTermId, segmentFileLength, termBufferLength, mtuLength, sessionId,
                        streamId, strippedChannel, originalChannel, sourceIdentity) -> recordingIds.add(recordingId));
                long furthest = CatchupTracker.UNKNOWN;
                for (final long recordingId : recordingIds)
                {
                    furthest = Math.max(furthest, archive.getMaxRecordedPosition(recordingId));
                }
                return furthest;
            }
            catch (final RuntimeException ex)
            {
                LOG.debug("member {}'s archive did not answer: {}", memberId, ex.toString());
                disconnect();
                failedAtMs = nowMs;
                return CatchupTracker.UNKNOWN;
            }
        }

        /**
         * Go on connecting for up to {@link #CONNECT_STEP_MS}: a connection takes a few round trips
         * (connect, challenge, response), which a healthy member answers in well under that.
         */
        private boolean connect(final long nowMs)
        {
            if (connecting == null)
            {
                if (failedAtMs != 0 && nowMs - failedAtMs < RETRY_MS)
                {
                    return false;
                }
                connecting = AeronArchive.asyncConnect(context.clone());
            }
            final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CONNECT_STEP_MS);
            while ((archive = connecting.poll()) == null && System.nanoTime() < deadlineNs)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            if (archive != null)
            {
                connecting = null;
            }
            return archive != null;
        }

        void disconnect()
        {
            CloseHelper.quietCloseAll(connecting, archive);
            connecting = null;
            archive = null;
        }
    }
}
