package io.gamehall.replication.journal;

import io.gamehall.sbe.journal.CheckpointEncoder;
import io.gamehall.sbe.journal.JournalCommandEncoder;
import io.gamehall.sbe.journal.JournalTimerEncoder;
import io.gamehall.sbe.journal.MessageHeaderEncoder;
import io.gamehall.sbe.journal.NodeStartedEncoder;
import io.gamehall.sbe.journal.SnapshotEndedEncoder;
import io.gamehall.sbe.journal.SnapshotPartEncoder;
import io.gamehall.sbe.journal.SnapshotStartedEncoder;
import io.gamehall.sbe.journal.ResultCode;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.util.Arrays;

/**
 * The command journal of one master node: every command and timer its engine applied, with
 * log position, term, cluster time, ids and result, plus state-hash checkpoints and copies of
 * snapshots, appended to a Chronicle Queue (schema {@code journal.xml}) so that operators can
 * replay the node offline ({@code gamehall replay}).
 * <p>
 * Written on the service thread. After a restart the node replays the log from its last
 * snapshot; entries the journal already holds (position at or below its last one) are not
 * written again, and when the journal ends before the restored snapshot (it was lost or
 * started late) the snapshot is copied in, so the journal never has a gap it cannot explain.
 */
public final class CommandJournal implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(CommandJournal.class);
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;

    private final Context ctx;
    private final ChronicleQueue queue;
    private final ExcerptAppender appender;
    private final long lastJournaledPosition;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final NodeStartedEncoder nodeStarted = new NodeStartedEncoder();
    private final JournalCommandEncoder commandEncoder = new JournalCommandEncoder();
    private final JournalTimerEncoder timerEncoder = new JournalTimerEncoder();
    private final CheckpointEncoder checkpointEncoder = new CheckpointEncoder();
    private final SnapshotStartedEncoder snapshotStarted = new SnapshotStartedEncoder();
    private final SnapshotPartEncoder snapshotPart = new SnapshotPartEncoder();
    private final SnapshotEndedEncoder snapshotEnded = new SnapshotEndedEncoder();
    private long entriesSinceCheckpoint;
    private long entries;

    /**
     * Open (or create) the journal in its directory.
     *
     * @param ctx where and how.
     */
    public CommandJournal(final Context ctx)
    {
        this.ctx = ctx;
        ctx.directory().mkdirs();
        final SingleChronicleQueueBuilder builder = ChronicleQueue.singleBuilder(ctx.directory())
            .rollCycle(ctx.rollCycle());
        if (ctx.retainCycles() > 0)
        {
            builder.storeFileListener((cycle, file) -> enforceRetention());
        }
        queue = builder.build();
        appender = queue.createAppender();
        lastJournaledPosition = readLastPosition();
        LOG.info("command journal in {}: last entry at log position {}", ctx.directory(), lastJournaledPosition);
    }

    /**
     * @return log position of the last entry written before this run, or -1 for a new journal.
     */
    public long lastJournaledPosition()
    {
        return lastJournaledPosition;
    }

    /**
     * @param logPosition position after an entry.
     * @return true when the journal already holds the entry at that position (replayed after a restart).
     */
    public boolean alreadyJournaled(final long logPosition)
    {
        return logPosition <= lastJournaledPosition;
    }

    /**
     * @return entries (commands and timers) written in this run.
     */
    public long entries()
    {
        return entries;
    }

    /**
     * A node run begins: records where the engine state stands and the engine configuration.
     */
    public void nodeStarted(
        final int memberId,
        final long logPosition,
        final long timestamp,
        final long stateHash,
        final io.gamehall.master.EngineConfig config)
    {
        nodeStarted.wrapAndApplyHeader(buffer, 0, header)
            .memberId(memberId)
            .logPosition(logPosition)
            .timestamp(timestamp)
            .stateHash(stateHash)
            .maxServers(config.maxServers())
            .maxUsers(config.maxUsers())
            .maxInstances(config.maxInstances())
            .maxPlayersPerInstance(config.maxPlayersPerInstance())
            .serverTimeoutMs(config.serverTimeoutMs())
            .dedupWindow(config.dedupWindow())
            .maxClients(config.maxClients())
            .maxSearchExamined(config.maxSearchExamined());
        write(HEADER + nodeStarted.encodedLength());
    }

    /**
     * Journal a command.
     *
     * @return true when a checkpoint is due (call {@link #checkpoint}).
     */
    public boolean command(
        final long logPosition,
        final long leadershipTermId,
        final long timestamp,
        final long clientId,
        final long requestId,
        final int command,
        final int code,
        final boolean appliedToEngine,
        final long subjectId,
        final long detailId,
        final DirectBuffer payload,
        final int offset,
        final int length)
    {
        commandEncoder.wrapAndApplyHeader(buffer, 0, header)
            .logPosition(logPosition)
            .leadershipTermId(leadershipTermId)
            .timestamp(timestamp)
            .clientId(clientId)
            .requestId(requestId)
            .command(command)
            .code(ResultCode.get(code))
            .appliedToEngine((short)(appliedToEngine ? 1 : 0))
            .subjectId(subjectId)
            .detailId(detailId)
            .putPayload(payload, offset, length);
        write(HEADER + commandEncoder.encodedLength());
        return counted();
    }

    /**
     * Journal a timer.
     *
     * @return true when a checkpoint is due.
     */
    public boolean timer(final long logPosition, final long leadershipTermId, final long timestamp, final long correlationId)
    {
        timerEncoder.wrapAndApplyHeader(buffer, 0, header)
            .logPosition(logPosition)
            .leadershipTermId(leadershipTermId)
            .timestamp(timestamp)
            .correlationId(correlationId);
        write(HEADER + timerEncoder.encodedLength());
        return counted();
    }

    public void checkpoint(final long logPosition, final long timestamp, final long stateHash)
    {
        checkpointEncoder.wrapAndApplyHeader(buffer, 0, header)
            .logPosition(logPosition)
            .timestamp(timestamp)
            .stateHash(stateHash)
            .commandCount(entries);
        write(HEADER + checkpointEncoder.encodedLength());
        entriesSinceCheckpoint = 0;
    }

    public void snapshotStarted(final long logPosition, final long timestamp)
    {
        snapshotStarted.wrapAndApplyHeader(buffer, 0, header).logPosition(logPosition).timestamp(timestamp);
        write(HEADER + snapshotStarted.encodedLength());
    }

    public void snapshotPart(final DirectBuffer message, final int offset, final int length)
    {
        snapshotPart.wrapAndApplyHeader(buffer, 0, header).putMessage(message, offset, length);
        write(HEADER + snapshotPart.encodedLength());
    }

    public void snapshotEnded(final long logPosition, final int parts, final long stateHash)
    {
        snapshotEnded.wrapAndApplyHeader(buffer, 0, header).logPosition(logPosition).parts(parts).stateHash(stateHash);
        write(HEADER + snapshotEnded.encodedLength());
    }

    public void close()
    {
        queue.close();
    }

    private boolean counted()
    {
        entries++;
        return ++entriesSinceCheckpoint >= ctx.checkpointInterval();
    }

    private void write(final int length)
    {
        try (DocumentContext dc = appender.writingDocument())
        {
            dc.wire().bytes().write(buffer.byteArray(), 0, length);
        }
    }

    private long readLastPosition()
    {
        try (ExcerptTailer tailer = queue.createTailer().direction(TailerDirection.BACKWARD).toEnd())
        {
            final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
            for (int i = 0; i < 10_000; i++)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        return -1;
                    }
                    final Bytes<?> bytes = dc.wire().bytes();
                    final byte[] copy = new byte[(int)bytes.readRemaining()];
                    bytes.read(copy);
                    view.wrap(copy);
                    final long position = JournalRecords.positionOf(view, 0, copy.length);
                    if (position >= 0)
                    {
                        return position;
                    }
                }
            }
            return -1;
        }
    }

    private void enforceRetention()
    {
        final File[] files = ctx.directory().listFiles((dir, name) -> name.endsWith(".cq4"));
        if (files == null || files.length <= ctx.retainCycles())
        {
            return;
        }
        Arrays.sort(files);
        for (int i = 0; i < files.length - ctx.retainCycles(); i++)
        {
            if (files[i].delete())
            {
                LOG.info("journal retention: removed {}", files[i]);
            }
        }
    }

    /**
     * Where and how to journal.
     */
    public static final class Context
    {
        private File directory;
        private RollCycles rollCycle = RollCycles.FAST_HOURLY;
        private int retainCycles = 0;
        private long checkpointInterval = 100_000;

        /**
         * @param directory the queue's directory.
         * @return this.
         */
        public Context directory(final File directory)
        {
            this.directory = directory;
            return this;
        }

        public File directory()
        {
            return directory;
        }

        /**
         * @param rollCycle how often a new queue file starts (FAST_HOURLY by default).
         * @return this.
         */
        public Context rollCycle(final RollCycles rollCycle)
        {
            this.rollCycle = rollCycle;
            return this;
        }

        public RollCycles rollCycle()
        {
            return rollCycle;
        }

        /**
         * @param retainCycles queue files to keep, oldest removed first when a new one starts; 0 keeps all.
         * @return this.
         */
        public Context retainCycles(final int retainCycles)
        {
            this.retainCycles = retainCycles;
            return this;
        }

        public int retainCycles()
        {
            return retainCycles;
        }

        /**
         * @param checkpointInterval commands and timers between state-hash checkpoints; hashing
         *                           walks the whole state, so keep it in the tens of thousands.
         * @return this.
         */
        public Context checkpointInterval(final long checkpointInterval)
        {
            this.checkpointInterval = checkpointInterval;
            return this;
        }

        public long checkpointInterval()
        {
            return checkpointInterval;
        }
    }
}
