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
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The command journal of one master node: every command and timer its engine applied, with
 * log position, term, cluster time, ids and result, plus state-hash checkpoints and copies of
 * snapshots, appended to a Chronicle Queue (schema {@code journal.xml}) so that operators can
 * replay the node offline ({@code gamehall replay}).
 * <p>
 * The service thread encodes each record into a ring buffer and goes on; a writer thread of
 * the journal appends the records to the queue in order, so the queue's occasional slow
 * appends (mapping the next chunk of a file, rolling a file) never stall the master. When the
 * ring is full the service thread waits for room: records are never dropped. Closing drains
 * the ring first. After a restart the node replays the log from its last
 * snapshot; entries the journal already holds (position at or below its last one) are not
 * written again, and when the journal ends before the restored snapshot (it was lost or
 * started late) the snapshot is copied in, so the journal never has a gap it cannot explain.
 */
public final class CommandJournal implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(CommandJournal.class);
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;

    private final Context ctx;
    private static final int RING_CAPACITY = 16 * 1024 * 1024;
    private static final int RECORD = 1;

    private final ChronicleQueue queue;
    private final OneToOneRingBuffer ring;
    private final AgentRunner writer;
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
        lastJournaledPosition = readLastPosition();
        ring = new OneToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(RING_CAPACITY + RingBufferDescriptor.TRAILER_LENGTH)));
        writer = new AgentRunner(
            new BackoffIdleStrategy(10, 20, 1_000, TimeUnit.MICROSECONDS.toNanos(100)),
            (throwable) -> LOG.error("journal writer failed", throwable),
            null,
            new Writer());
        AgentRunner.startOnThread(writer);
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

    /**
     * Drain what the service thread handed over, stop the writer and close the queue.
     */
    public void close()
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ring.size() > 0 && System.nanoTime() < deadline && !writer.isClosed())
        {
            Thread.onSpinWait();
        }
        if (ring.size() > 0)
        {
            LOG.error("journal closed with {} bytes of records not written", ring.size());
        }
        CloseHelper.close(writer);
        queue.close();
    }

    private boolean counted()
    {
        entries++;
        return ++entriesSinceCheckpoint >= ctx.checkpointInterval();
    }

    private void write(final int length)
    {
        while (!ring.write(RECORD, buffer, 0, length))
        {
            if (writer.isClosed())
            {
                throw new IllegalStateException("journal writer is closed");
            }
            Thread.yield();
        }
    }

    /** Appends the records of the ring to the queue, on its own thread. */
    private final class Writer implements Agent
    {
        private ExcerptAppender appender;
        private byte[] copy = new byte[4096];
        private final org.agrona.concurrent.MessageHandler handler = this::append;

        public void onStart()
        {
            appender = queue.createAppender();
        }

        public int doWork()
        {
            return ring.read(handler, 256);
        }

        private void append(final int msgTypeId, final org.agrona.MutableDirectBuffer source, final int index,
            final int length)
        {
            if (copy.length < length)
            {
                copy = new byte[Math.max(length, copy.length * 2)];
            }
            source.getBytes(index, copy, 0, length);
            try (DocumentContext dc = appender.writingDocument())
            {
                dc.wire().bytes().write(copy, 0, length);
            }
        }

        public void onClose()
        {
            if (appender != null)
            {
                appender.close();
            }
        }

        public String roleName()
        {
            return "gamehall-journal-writer";
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
