package io.gamehall.replication.journal;

import io.gamehall.sbe.journal.CheckpointDecoder;
import io.gamehall.sbe.journal.CompactCommandDecoder;
import io.gamehall.sbe.journal.JournalCommandDecoder;
import io.gamehall.sbe.journal.JournalCommandEncoder;
import io.gamehall.sbe.journal.JournalTimerDecoder;
import io.gamehall.sbe.journal.MessageHeaderDecoder;
import io.gamehall.sbe.journal.NodeStartedDecoder;
import io.gamehall.sbe.journal.RecordBatchDecoder;
import io.gamehall.sbe.journal.SnapshotEndedDecoder;
import io.gamehall.sbe.journal.SnapshotPartDecoder;
import io.gamehall.sbe.journal.SnapshotStartedDecoder;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a command journal in order, one record at a time, streaming (nothing is kept), and
 * hands each decoded record to a {@link Visitor}, decoding in place in the queue's memory.
 * Documents of format 4 (LZ4-compressed format 3, decompressed first: {@link CompressedBatches}),
 * of formats 3 and 2 (a {@code RecordBatch} of length-prefixed records) and of
 * format 1 (one record per document, journals written before format 2) are all read; a
 * {@code CompactCommand} (format 3) is handed over as the {@code JournalCommand} it stands
 * for, so visitors see one kind of command record whatever the format. A record that
 * is not a sound journal record stops the read with a {@link CorruptRecordException} naming
 * the file and index, unless the reader skips corrupt records, in which case it counts and
 * describes them (a batch whose lengths do not add up counts once, and the rest of that
 * document is skipped with it; so does a compressed document that fails its checksum or does not
 * decompress, all its records with it).
 */
public final class JournalReader implements AutoCloseable
{
    /** Where a record is. */
    public interface Location
    {
        /**
         * @return the queue file holding the record.
         */
        File file();

        /**
         * @return the Chronicle index of the document holding the record.
         */
        long index();

        /**
         * @return records read before this one.
         */
        long ordinal();
    }

    /** Receives records; every method has a default that ignores the record. */
    public interface Visitor
    {
        default void nodeStarted(final NodeStartedDecoder record, final Location at)
        {
        }

        default void command(
            final JournalCommandDecoder record,
            final DirectBuffer payload,
            final int offset,
            final int length,
            final Location at)
        {
        }

        default void timer(final JournalTimerDecoder record, final Location at)
        {
        }

        default void checkpoint(final CheckpointDecoder record, final Location at)
        {
        }

        default void snapshotStarted(final SnapshotStartedDecoder record, final Location at)
        {
        }

        default void snapshotPart(final DirectBuffer message, final int offset, final int length, final Location at)
        {
        }

        default void snapshotEnded(final SnapshotEndedDecoder record, final Location at)
        {
        }
    }

    /** A record that cannot be trusted. */
    public static final class CorruptRecordException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        CorruptRecordException(final String message)
        {
            super(message);
        }
    }

    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int LENGTH_PREFIX = JournalRecords.LENGTH_PREFIX;
    /** {@link #recordsLeft} of a compressed document that does not decompress. */
    private static final int DAMAGED_DOCUMENT = -2;

    private final File directory;
    private final ChronicleQueue queue;
    private final boolean skipCorrupt;
    private final List<String> skipped = new ArrayList<>();
    private long skippedCount;
    private volatile boolean stopped;
    private ExcerptTailer tailer;
    private MutableLocation location;
    private long ordinal;
    private DocumentContext document;
    private int documentLength;
    private int cursor;
    private int recordsLeft;
    private final EntryChain chain = new EntryChain();
    private final CompressedBatches.Unpacker unpacker = new CompressedBatches.Unpacker();
    private boolean chainKnown;

    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer record = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer payload = new UnsafeBuffer(0, 0);
    private byte[] heapCopy = new byte[1024];
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final NodeStartedDecoder nodeStarted = new NodeStartedDecoder();
    private final JournalCommandDecoder command = new JournalCommandDecoder();
    private final CompactCommandDecoder compact = new CompactCommandDecoder();
    private final JournalCommandEncoder expander = new JournalCommandEncoder();
    private final io.gamehall.sbe.journal.MessageHeaderEncoder expanderHeader =
        new io.gamehall.sbe.journal.MessageHeaderEncoder();
    private final UnsafeBuffer expanded = new UnsafeBuffer(new byte[
        HEADER + JournalCommandEncoder.BLOCK_LENGTH + JournalCommandEncoder.payloadHeaderLength() + 0xFFFF]);
    private final JournalTimerDecoder timer = new JournalTimerDecoder();
    private final CheckpointDecoder checkpoint = new CheckpointDecoder();
    private final SnapshotStartedDecoder snapshotStarted = new SnapshotStartedDecoder();
    private final SnapshotPartDecoder snapshotPart = new SnapshotPartDecoder();
    private final SnapshotEndedDecoder snapshotEnded = new SnapshotEndedDecoder();

    /**
     * @param directory   the journal directory (a node's {@code <data-dir>/journal}, or a copy).
     * @param skipCorrupt true to skip and report corrupt records instead of stopping.
     */
    public JournalReader(final File directory, final boolean skipCorrupt)
    {
        if (!directory.isDirectory())
        {
            throw new IllegalArgumentException("no journal directory at " + directory);
        }
        final File[] files = directory.listFiles((dir, name) -> name.endsWith(".cq4"));
        if (files == null || files.length == 0)
        {
            throw new IllegalArgumentException("no journal files (*.cq4) in " + directory);
        }
        this.directory = directory;
        this.skipCorrupt = skipCorrupt;
        queue = ChronicleQueue.singleBuilder(directory).readOnly(true).build();
    }

    public File directory()
    {
        return directory;
    }

    /**
     * @return corrupt records skipped so far.
     */
    public long skippedCount()
    {
        return skippedCount;
    }

    /**
     * @return descriptions of the first corrupt records skipped (at most 100).
     */
    public List<String> skipped()
    {
        return skipped;
    }

    /**
     * Stop a read in progress after the current record (from a visitor).
     */
    public void stop()
    {
        stopped = true;
    }

    /**
     * Read every record from the start.
     *
     * @param visitor  receives the records.
     * @param progress called every 1M records with the count so far; may be null.
     * @return records read (corrupt ones included).
     */
    public long readAll(final Visitor visitor, final java.util.function.LongConsumer progress)
    {
        stopped = false;
        long read = 0;
        while (!stopped && next(visitor))
        {
            read++;
            if (progress != null && (read & 0xF_FFFF) == 0)
            {
                progress.accept(read);
            }
        }
        return read;
    }

    /**
     * Read the next record (records continue where the last call stopped).
     *
     * @param visitor receives it.
     * @return false at the end of the journal.
     */
    public boolean next(final Visitor visitor)
    {
        if (tailer == null)
        {
            tailer = queue.createTailer().toStart();
            location = new MutableLocation(tailer);
        }
        while (recordsLeft == 0)
        {
            closeDocument();
            if (!openDocument())
            {
                return false;
            }
        }
        location.ordinal = ordinal++;
        if (recordsLeft == DAMAGED_DOCUMENT)
        {
            recordsLeft = 0;
            corrupt(location, unpacker.error() + "; its records are lost");
            return true;
        }
        if (recordsLeft < 0)
        {
            recordsLeft = 0;
            record.wrap(view, 0, documentLength);
            dispatch(visitor, documentLength, location);
            return true;
        }
        recordsLeft--;
        final int length = cursor + LENGTH_PREFIX <= documentLength ?
            view.getInt(cursor, java.nio.ByteOrder.LITTLE_ENDIAN) : -1;
        if (length < 0 || length > documentLength - cursor - LENGTH_PREFIX)
        {
            recordsLeft = 0;
            corrupt(location, "record lengths of the batch run past its document of " + documentLength + " bytes");
            return true;
        }
        record.wrap(view, cursor + LENGTH_PREFIX, length);
        cursor += LENGTH_PREFIX + length;
        if (recordsLeft == 0 && cursor != documentLength)
        {
            dispatch(visitor, length, location);
            corrupt(location, (documentLength - cursor) + " bytes after the last record of the batch");
            return true;
        }
        dispatch(visitor, length, location);
        return true;
    }

    /**
     * Open the next document and wrap its bytes; sets {@link #recordsLeft} to the records of a
     * batch, -1 for a document of format 1 (one record), or {@link #DAMAGED_DOCUMENT}.
     *
     * @return false at the end of the journal.
     */
    private boolean openDocument()
    {
        document = tailer.readingDocument();
        if (!document.isPresent())
        {
            closeDocument();
            return false;
        }
        location.index = document.index();
        final Bytes<?> bytes = document.wire().bytes();
        documentLength = (int)bytes.readRemaining();
        if (bytes.isDirectMemory())
        {
            view.wrap(bytes.addressForRead(bytes.readPosition()), documentLength);
        }
        else
        {
            if (heapCopy.length < documentLength)
            {
                heapCopy = new byte[documentLength];
            }
            bytes.read(heapCopy, 0, documentLength);
            view.wrap(heapCopy, 0, documentLength);
        }
        chainKnown = false;
        if (CompressedBatches.isCompressed(view, 0, documentLength))
        {
            final int length = unpacker.unpack(view, 0, documentLength);
            if (length < 0)
            {
                recordsLeft = DAMAGED_DOCUMENT;
                return true;
            }
            view.wrap(unpacker.document(), 0, length);
            documentLength = length;
        }
        if (JournalRecords.isBatch(view, 0, documentLength))
        {
            recordsLeft = view.getInt(JournalRecords.BATCH_COUNT_OFFSET, java.nio.ByteOrder.LITTLE_ENDIAN);
            cursor = JournalRecords.batchHeaderLength(view, 0);
            chainKnown = JournalRecords.batchBase(view, 0, chain);
            if (cursor > documentLength)
            {
                cursor = documentLength;
                recordsLeft = 0;
            }
            if (recordsLeft <= 0)
            {
                recordsLeft = -1;
            }
        }
        else
        {
            recordsLeft = -1;
        }
        return true;
    }

    private void closeDocument()
    {
        if (document != null)
        {
            final DocumentContext dc = document;
            document = null;
            dc.close();
        }
    }

    public void close()
    {
        closeDocument();
        if (tailer != null)
        {
            tailer.close();
        }
        queue.close();
    }

    private void dispatch(final Visitor visitor, final int length, final MutableLocation at)
    {
        final String problem;
        try
        {
            problem = decode(visitor, length, at);
        }
        catch (final IndexOutOfBoundsException ex)
        {
            corrupt(at, "truncated record");
            return;
        }
        if (problem != null)
        {
            corrupt(at, problem);
        }
    }

    private String decode(final Visitor visitor, final int length, final MutableLocation at)
    {
        if (length < HEADER)
        {
            return "record of " + length + " bytes is shorter than a header";
        }
        header.wrap(record, 0);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return "not a journal record (schema " + header.schemaId() + ")";
        }
        final int block = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case NodeStartedDecoder.TEMPLATE_ID:
                if (block < minimumBlock(NodeStartedDecoder.BLOCK_LENGTH, NodeStartedDecoder.hashVersionEncodingOffset(), version) ||
                    length < HEADER + block)
                {
                    return "truncated NodeStarted";
                }
                visitor.nodeStarted(nodeStarted.wrap(record, HEADER, block, version), at);
                return null;

            case JournalCommandDecoder.TEMPLATE_ID:
            {
                if (block < JournalCommandDecoder.BLOCK_LENGTH || length < HEADER + block)
                {
                    return "truncated JournalCommand";
                }
                command.wrap(record, HEADER, block, version);
                chain.set(command.logPosition(), command.leadershipTermId(), command.timestamp());
                chainKnown = true;
                final int payloadLength = command.payloadLength();
                if (command.limit() + 4 + payloadLength > length || payloadLength < 0)
                {
                    return "JournalCommand payload runs past the record";
                }
                command.wrapPayload(payload);
                visitor.command(command, payload, 0, payload.capacity(), at);
                return null;
            }

            case CompactCommandDecoder.TEMPLATE_ID:
                return expand(visitor, block, version, length, at);

            case JournalTimerDecoder.TEMPLATE_ID:
                if (block < JournalTimerDecoder.BLOCK_LENGTH || length < HEADER + block)
                {
                    return "truncated JournalTimer";
                }
                timer.wrap(record, HEADER, block, version);
                chain.set(timer.logPosition(), timer.leadershipTermId(), timer.timestamp());
                chainKnown = true;
                visitor.timer(timer, at);
                return null;

            case CheckpointDecoder.TEMPLATE_ID:
                if (block < minimumBlock(CheckpointDecoder.BLOCK_LENGTH, CheckpointDecoder.hashVersionEncodingOffset(), version) ||
                    length < HEADER + block)
                {
                    return "truncated Checkpoint";
                }
                visitor.checkpoint(checkpoint.wrap(record, HEADER, block, version), at);
                return null;

            case SnapshotStartedDecoder.TEMPLATE_ID:
                if (block < SnapshotStartedDecoder.BLOCK_LENGTH || length < HEADER + block)
                {
                    return "truncated SnapshotStarted";
                }
                visitor.snapshotStarted(snapshotStarted.wrap(record, HEADER, block, version), at);
                return null;

            case SnapshotPartDecoder.TEMPLATE_ID:
            {
                snapshotPart.wrap(record, HEADER, block, version);
                final int messageLength = snapshotPart.messageLength();
                if (snapshotPart.limit() + 4 + messageLength > length || messageLength < 0)
                {
                    return "SnapshotPart runs past the record";
                }
                snapshotPart.wrapMessage(payload);
                visitor.snapshotPart(payload, 0, payload.capacity(), at);
                return null;
            }

            case SnapshotEndedDecoder.TEMPLATE_ID:
                if (block < minimumBlock(SnapshotEndedDecoder.BLOCK_LENGTH, SnapshotEndedDecoder.hashVersionEncodingOffset(), version) ||
                    length < HEADER + block)
                {
                    return "truncated SnapshotEnded";
                }
                visitor.snapshotEnded(snapshotEnded.wrap(record, HEADER, block, version), at);
                return null;

            case RecordBatchDecoder.TEMPLATE_ID:
                return "RecordBatch without records";

            default:
                return "unknown journal record template " + header.templateId();
        }
    }

    /**
     * Hand a CompactCommand to the visitor as the JournalCommand it stands for: position and
     * time from the chain plus its deltas, the chain's term, the ids and command from its
     * payload.
     */
    private String expand(
        final Visitor visitor, final int block, final int version, final int length, final MutableLocation at)
    {
        if (block < CompactCommandDecoder.BLOCK_LENGTH || length < HEADER + block)
        {
            return "truncated CompactCommand";
        }
        if (!chainKnown)
        {
            return "CompactCommand whose position is not known (not in a batch of format 3, or after a corrupt entry)";
        }
        compact.wrap(record, HEADER, block, version);
        final int positionDelta = compact.positionDelta();
        final int timestampDelta = compact.timestampDelta();
        final int codeRaw = compact.codeRaw();
        final int idsLength = compact.idsLength();
        final int idsAt = compact.limit() + CompactCommandDecoder.idsHeaderLength();
        if (idsLength != 0 && idsLength != Long.BYTES && idsLength != 2 * Long.BYTES || idsAt + idsLength > length)
        {
            return "CompactCommand ids of " + idsLength + " bytes";
        }
        final long subjectId = idsLength >= Long.BYTES ? record.getLong(idsAt, java.nio.ByteOrder.LITTLE_ENDIAN) : 0;
        final long detailId = idsLength == 2 * Long.BYTES ?
            record.getLong(idsAt + Long.BYTES, java.nio.ByteOrder.LITTLE_ENDIAN) : 0;
        compact.skipIds();
        final int payloadLength = compact.payloadLength();
        if (compact.limit() + CompactCommandDecoder.payloadHeaderLength() + payloadLength > length ||
            payloadLength < HEADER + 2 * Long.BYTES)
        {
            return "CompactCommand payload runs past the record or cannot hold the ids";
        }
        final int payloadAt = compact.limit() + CompactCommandDecoder.payloadHeaderLength();
        chain.position += positionDelta;
        chain.timestamp += timestampDelta;
        expander.wrapAndApplyHeader(expanded, 0, expanderHeader)
            .logPosition(chain.position)
            .leadershipTermId(chain.term)
            .timestamp(chain.timestamp)
            .clientId(record.getLong(payloadAt + HEADER, java.nio.ByteOrder.LITTLE_ENDIAN))
            .requestId(record.getLong(payloadAt + HEADER + Long.BYTES, java.nio.ByteOrder.LITTLE_ENDIAN))
            .command(record.getShort(payloadAt + 2, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF)
            .code(io.gamehall.sbe.journal.ResultCode.NULL_VAL)
            .appliedToEngine((short)1)
            .subjectId(subjectId)
            .detailId(detailId)
            .putPayload(record, payloadAt, payloadLength);
        // the code as recorded, even one this version does not know
        expanded.putShort(HEADER + JournalCommandEncoder.codeEncodingOffset(), (short)codeRaw, java.nio.ByteOrder.LITTLE_ENDIAN);
        command.wrap(expanded, HEADER, JournalCommandEncoder.BLOCK_LENGTH, JournalCommandEncoder.SCHEMA_VERSION);
        command.wrapPayload(payload);
        visitor.command(command, payload, 0, payload.capacity(), at);
        return null;
    }

    /**
     * @return the shortest block a record of this schema version has: before version 3 the
     * block ended where hashVersion (added last) begins.
     */
    private static int minimumBlock(final int blockLength, final int hashVersionOffset, final int version)
    {
        return version >= CheckpointDecoder.hashVersionSinceVersion() ? blockLength : hashVersionOffset;
    }

    private void corrupt(final Location at, final String why)
    {
        chainKnown = false;
        final String description = "corrupt journal record in " + at.file() + " at index " +
            Long.toHexString(at.index()) + " (record " + at.ordinal() + "): " + why;
        if (!skipCorrupt)
        {
            throw new CorruptRecordException(description + "; use --skip-corrupt to read past it");
        }
        skippedCount++;
        if (skipped.size() < 100)
        {
            skipped.add(description);
        }
    }

    private static final class MutableLocation implements Location
    {
        private final ExcerptTailer tailer;
        long index;
        long ordinal;

        MutableLocation(final ExcerptTailer tailer)
        {
            this.tailer = tailer;
        }

        public File file()
        {
            final File file = tailer.currentFile();
            return file != null ? file : ((SingleChronicleQueue)tailer.queue()).file();
        }

        public long index()
        {
            return index;
        }

        public long ordinal()
        {
            return ordinal;
        }
    }
}
