package io.gamehall.replication.journal;

import io.gamehall.aeron.IdleSettings;
import io.gamehall.master.MasterEngine;
import io.gamehall.sbe.journal.CheckpointEncoder;
import io.gamehall.sbe.journal.CompactCommandEncoder;
import io.gamehall.sbe.journal.JournalCommandEncoder;
import io.gamehall.sbe.journal.JournalTimerEncoder;
import io.gamehall.sbe.journal.MessageHeaderEncoder;
import io.gamehall.sbe.journal.NodeStartedEncoder;
import io.gamehall.sbe.journal.RecordBatchEncoder;
import io.gamehall.sbe.journal.ResultCode;
import io.gamehall.sbe.journal.SnapshotEndedEncoder;
import io.gamehall.sbe.journal.SnapshotPartEncoder;
import io.gamehall.sbe.journal.SnapshotStartedEncoder;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.BitUtil;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The command journal of one master node: every command and timer its engine applied, with
 * log position, term, cluster time, ids and result, plus state-hash checkpoints and copies of
 * snapshots, appended to a Chronicle Queue (schema {@code journal.xml}) so that operators can
 * replay the node offline ({@code gamehall replay}).
 * <p>
 * The service thread encodes each record straight into a ring buffer and goes on; a writer
 * thread of the journal wakes up every {@link #WRITER_PAUSE_NS} (every {@link #QUIET_WRITER_PAUSE_NS}
 * while the master is quiet) and appends the records that
 * were waiting to the queue, in order, as one document ({@code RecordBatch}, format 3 of
 * {@code journal.xml}, LZ4-compressed as format 4 by default: {@link CompressedBatches}), so
 * the queue's per-document work and occasional slow appends (mapping the next chunk of a file,
 * rolling a file) neither stall the master nor cost it a wake-up per
 * record. Commands are {@code CompactCommand} records whenever they can be (see
 * {@link EntryChain}): the journal's cost follows the bytes it writes. When the ring is full the service thread waits for room: records are never
 * dropped. Closing drains the ring first. After a restart the node replays the log from its last
 * snapshot; entries the journal already holds (position at or below its last one) are not
 * written again, and when the journal ends before the restored snapshot (it was lost or
 * started late) the snapshot is copied in, so the journal never has a gap it cannot explain.
 */
public final class CommandJournal implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(CommandJournal.class);
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;

    /** How long the writer sleeps when it has appended what was waiting: records gather meanwhile. */
    public static final long WRITER_PAUSE_NS = TimeUnit.MICROSECONDS.toNanos(500);

    /**
     * How long the writer sleeps while it is quiet (it found records at most {@link IdleSettings#quietWakeups()}
     * times in the last second, 100 by default: {@link Context#idle(IdleSettings)}).
     */
    public static final long QUIET_WRITER_PAUSE_NS = TimeUnit.MILLISECONDS.toNanos(5);

    /** A document holds the records waiting up to about this many bytes (a larger record goes alone). */
    static final int BATCH_BYTES = 256 * 1024;

    private static final int RECORD = 1;
    private static final short HASH_VERSION = (short)MasterEngine.STATE_HASH_VERSION;

    private final Context ctx;
    private final ChronicleQueue queue;
    private final OneToOneRingBuffer ring;
    private final AtomicBuffer buffer;
    private final AgentRunner writer;
    private final long lastJournaledPosition;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final NodeStartedEncoder nodeStarted = new NodeStartedEncoder();
    private final JournalCommandEncoder commandEncoder = new JournalCommandEncoder();
    private final CompactCommandEncoder compactEncoder = new CompactCommandEncoder();
    private final UnsafeBuffer ids = new UnsafeBuffer(new byte[2 * Long.BYTES]);
    private final JournalTimerEncoder timerEncoder = new JournalTimerEncoder();
    private final CheckpointEncoder checkpointEncoder = new CheckpointEncoder();
    private final SnapshotStartedEncoder snapshotStarted = new SnapshotStartedEncoder();
    private final SnapshotPartEncoder snapshotPart = new SnapshotPartEncoder();
    private final SnapshotEndedEncoder snapshotEnded = new SnapshotEndedEncoder();
    private long entriesSinceCheckpoint;
    private long entries;
    private final EntryChain chain = new EntryChain();

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
            ByteBuffer.allocateDirect(ctx.bufferCapacity() + RingBufferDescriptor.TRAILER_LENGTH)));
        buffer = ring.buffer();
        writer = new AgentRunner(
            ctx.idle().pausing(WRITER_PAUSE_NS, QUIET_WRITER_PAUSE_NS),
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
     *
     * @param stateHash the engine's {@link MasterEngine#stateHash()} (version
     *                  {@link MasterEngine#STATE_HASH_VERSION}, which the record names).
     */
    public void nodeStarted(
        final int memberId,
        final long logPosition,
        final long timestamp,
        final long stateHash,
        final io.gamehall.master.EngineConfig config)
    {
        final int index = claim(HEADER + NodeStartedEncoder.BLOCK_LENGTH);
        nodeStarted.wrapAndApplyHeader(buffer, index, header)
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
            .maxSearchExamined(config.maxSearchExamined())
            .hashVersion(HASH_VERSION);
        ring.commit(index);
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
        if (appliedToEngine && chain.fitsCompact(logPosition, leadershipTermId, timestamp) &&
            EntryChain.idsArePayloads(clientId, requestId, command, payload, offset, length))
        {
            final int idsLength = detailId != 0 ? 2 * Long.BYTES : subjectId != 0 ? Long.BYTES : 0;
            ids.putLong(0, subjectId, ByteOrder.LITTLE_ENDIAN);
            ids.putLong(Long.BYTES, detailId, ByteOrder.LITTLE_ENDIAN);
            final int index = claim(HEADER + CompactCommandEncoder.BLOCK_LENGTH + CompactCommandEncoder.idsHeaderLength() +
                idsLength + CompactCommandEncoder.payloadHeaderLength() + length);
            compactEncoder.wrapAndApplyHeader(buffer, index, header)
                .positionDelta((int)(logPosition - chain.position))
                .timestampDelta((int)(timestamp - chain.timestamp))
                .code(ResultCode.get(code))
                .putIds(ids, 0, idsLength)
                .putPayload(payload, offset, length);
            ring.commit(index);
            chain.position = logPosition;
            chain.timestamp = timestamp;
            return counted();
        }
        final int index = claim(
            HEADER + JournalCommandEncoder.BLOCK_LENGTH + JournalCommandEncoder.payloadHeaderLength() + length);
        commandEncoder.wrapAndApplyHeader(buffer, index, header)
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
        ring.commit(index);
        chain.set(logPosition, leadershipTermId, timestamp);
        return counted();
    }

    /**
     * Journal a timer.
     *
     * @return true when a checkpoint is due.
     */
    public boolean timer(final long logPosition, final long leadershipTermId, final long timestamp, final long correlationId)
    {
        final int index = claim(HEADER + JournalTimerEncoder.BLOCK_LENGTH);
        timerEncoder.wrapAndApplyHeader(buffer, index, header)
            .logPosition(logPosition)
            .leadershipTermId(leadershipTermId)
            .timestamp(timestamp)
            .correlationId(correlationId);
        ring.commit(index);
        chain.set(logPosition, leadershipTermId, timestamp);
        return counted();
    }

    /**
     * A state-hash checkpoint after the entry at this position.
     *
     * @param stateHash the engine's {@link MasterEngine#stateHash()} (version
     *                  {@link MasterEngine#STATE_HASH_VERSION}, which the record names).
     */
    public void checkpoint(final long logPosition, final long timestamp, final long stateHash)
    {
        final int index = claim(HEADER + CheckpointEncoder.BLOCK_LENGTH);
        checkpointEncoder.wrapAndApplyHeader(buffer, index, header)
            .logPosition(logPosition)
            .timestamp(timestamp)
            .stateHash(stateHash)
            .commandCount(entries)
            .hashVersion(HASH_VERSION);
        ring.commit(index);
        entriesSinceCheckpoint = 0;
    }

    public void snapshotStarted(final long logPosition, final long timestamp)
    {
        final int index = claim(HEADER + SnapshotStartedEncoder.BLOCK_LENGTH);
        snapshotStarted.wrapAndApplyHeader(buffer, index, header).logPosition(logPosition).timestamp(timestamp);
        ring.commit(index);
    }

    public void snapshotPart(final DirectBuffer message, final int offset, final int length)
    {
        final int index = claim(
            HEADER + SnapshotPartEncoder.BLOCK_LENGTH + SnapshotPartEncoder.messageHeaderLength() + length);
        snapshotPart.wrapAndApplyHeader(buffer, index, header).putMessage(message, offset, length);
        ring.commit(index);
    }

    /**
     * @param stateHash the engine's {@link MasterEngine#stateHash()} (version
     *                  {@link MasterEngine#STATE_HASH_VERSION}, which the record names).
     */
    public void snapshotEnded(final long logPosition, final int parts, final long stateHash)
    {
        final int index = claim(HEADER + SnapshotEndedEncoder.BLOCK_LENGTH);
        snapshotEnded.wrapAndApplyHeader(buffer, index, header)
            .logPosition(logPosition)
            .parts(parts)
            .stateHash(stateHash)
            .hashVersion(HASH_VERSION);
        ring.commit(index);
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

    /**
     * Claim room for a record of exactly this length in the ring, waiting while the writer
     * frees some (back-pressure: never dropped); the caller encodes at the index and commits.
     */
    private int claim(final int length)
    {
        int index;
        while ((index = ring.tryClaim(RECORD, length)) == RingBuffer.INSUFFICIENT_CAPACITY)
        {
            if (writer.isClosed())
            {
                throw new IllegalStateException("journal writer is closed");
            }
            Thread.yield();
        }
        return index;
    }

    /**
     * Appends the records waiting in the ring to the queue, on its own thread: gathers them into
     * one document of format 3 (a RecordBatch header, then each record with its length), then
     * appends that compressed (format 4, {@link CompressedBatches}) or, when compression is off
     * or would not make it smaller, as it is.
     */
    private final class Writer implements Agent
    {
        private final ControlledMessageHandler handler = this::append;
        private final RecordBatchEncoder batchEncoder = new RecordBatchEncoder();
        private final MessageHeaderEncoder batchHeader = new MessageHeaderEncoder();
        private final EntryChain written = new EntryChain();
        private final ByteBuffer batch;
        private final UnsafeBuffer batchBuffer;
        private final BytesStore<?, ?> batchStore;
        private final CompressedBatches.Packer packer;
        private final BytesStore<?, ?> packedStore;
        private ExcerptAppender appender;
        private int count;
        private int length;
        private boolean full;

        Writer()
        {
            // a batch takes records up to BATCH_BYTES, or one record alone however long the ring allows
            final int capacity = JournalRecords.BATCH_HEADER + BATCH_BYTES + JournalRecords.LENGTH_PREFIX +
                ring.maxMsgLength();
            batch = ByteBuffer.allocateDirect(capacity);
            batchBuffer = new UnsafeBuffer(batch);
            batchStore = BytesStore.wrap(batch);
            packer = ctx.compression() ? new CompressedBatches.Packer(capacity) : null;
            packedStore = packer != null ? BytesStore.wrap(packer.packed()) : null;
        }

        public void onStart()
        {
            appender = queue.createAppender();
        }

        /**
         * @return 0 (sleep) once the records that were waiting are appended; 1 when it stopped
         * at the batch size with more waiting.
         */
        public int doWork()
        {
            if (ring.size() == 0)
            {
                return 0;
            }
            count = 0;
            batchEncoder.wrapAndApplyHeader(batchBuffer, 0, batchHeader)
                .basePosition(written.position).baseTimestamp(written.timestamp)
                .baseLeadershipTermId(written.term);
            length = JournalRecords.BATCH_HEADER;
            full = false;
            while (!full && ring.controlledRead(handler) > 0)
            {
                // the ring's records end at its end: read on from its start
            }
            if (count == 0)
            {
                return 0;
            }
            batchEncoder.count(count);
            final DocumentContext dc = appender.writingDocument();
            try
            {
                final Bytes<?> document = dc.wire().bytes();
                final int packed = packer != null ? packer.pack(batch, length) : -1;
                if (packed > 0)
                {
                    document.write(packedStore, 0L, (long)packed);
                }
                else
                {
                    document.write(batchStore, 0L, (long)length);
                }
            }
            catch (final RuntimeException | Error ex)
            {
                dc.rollbackOnClose();
                LOG.error("journal append failed: {} records taken from the ring are not in the journal", count);
                throw ex;
            }
            finally
            {
                dc.close();
            }
            return full ? 1 : 0;
        }

        private ControlledMessageHandler.Action append(
            final int msgTypeId, final MutableDirectBuffer source, final int index, final int recordLength)
        {
            if (count > 0 && length + JournalRecords.LENGTH_PREFIX + recordLength > JournalRecords.BATCH_HEADER + BATCH_BYTES)
            {
                full = true;
                return ControlledMessageHandler.Action.ABORT;
            }
            written.follow(source, index, recordLength);
            batchBuffer.putInt(length, recordLength, ByteOrder.LITTLE_ENDIAN);
            batchBuffer.putBytes(length + JournalRecords.LENGTH_PREFIX, source, index, recordLength);
            count++;
            length += JournalRecords.LENGTH_PREFIX + recordLength;
            return ControlledMessageHandler.Action.CONTINUE;
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
            final CompressedBatches.Unpacker unpacker = new CompressedBatches.Unpacker();
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
                    final boolean compressed = CompressedBatches.isCompressed(view, 0, copy.length);
                    final int length = compressed ? unpacker.unpack(view, 0, copy.length) : copy.length;
                    if (length < 0)
                    {
                        LOG.warn("journal: a damaged document at its end ({}), looking further back for its last " +
                            "position", unpacker.error());
                        continue;
                    }
                    final long position = JournalRecords.lastPositionOf(
                        compressed ? unpacker.document() : view, 0, length);
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
        private int bufferCapacity = 16 * 1024 * 1024;
        private boolean compression = true;
        private IdleSettings idle = IdleSettings.DEFAULT;

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

        /**
         * @param bufferCapacity bytes of the ring between the service thread and the writer, a
         *                       power of two (16 MB by default: about 150,000 commands); when
         *                       it is full the service thread waits for the writer.
         * @return this.
         */
        public Context bufferCapacity(final int bufferCapacity)
        {
            if (!BitUtil.isPowerOfTwo(bufferCapacity) || bufferCapacity < 4096)
            {
                throw new IllegalArgumentException("journal buffer capacity must be a power of two >= 4096: " +
                    bufferCapacity);
            }
            this.bufferCapacity = bufferCapacity;
            return this;
        }

        public int bufferCapacity()
        {
            return bufferCapacity;
        }

        /**
         * @param compression write documents LZ4-compressed (format 4, the default) or as they
         *                    are (format 3); readers read both.
         * @return this.
         */
        public Context compression(final boolean compression)
        {
            this.compression = compression;
            return this;
        }

        public boolean compression()
        {
            return compression;
        }

        /**
         * @param idle the idle settings of the master node the journal belongs to; the writer sleeps
         *             {@link #WRITER_PAUSE_NS} between rounds whatever they say, and only takes their
         *             {@link IdleSettings#quietWakeups()}: what makes it quiet (default
         *             {@link IdleSettings#DEFAULT}, 100 a second).
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
    }
}
