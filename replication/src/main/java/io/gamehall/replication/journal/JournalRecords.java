package io.gamehall.replication.journal;

import io.gamehall.sbe.journal.CheckpointDecoder;
import io.gamehall.sbe.journal.CompactCommandDecoder;
import io.gamehall.sbe.journal.JournalCommandDecoder;
import io.gamehall.sbe.journal.JournalTimerDecoder;
import io.gamehall.sbe.journal.MessageHeaderDecoder;
import io.gamehall.sbe.journal.NodeStartedDecoder;
import io.gamehall.sbe.journal.RecordBatchDecoder;
import io.gamehall.sbe.journal.SnapshotEndedDecoder;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Small facts about journal records and documents that both the writer and readers need.
 * <p>
 * A document of format 2 or 3 is a {@code RecordBatch} header and {@code count} records, each
 * an int32 length and the SBE record; a document of format 1 (journals written before format
 * 2) is one SBE record. In format 3 the header also holds the base of the entry chain
 * ({@link EntryChain}) that CompactCommand records continue.
 */
final class JournalRecords
{
    static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;

    /** Bytes of a document's RecordBatch header as this code writes it (format 3), count and base included. */
    static final int BATCH_HEADER = HEADER + RecordBatchDecoder.BLOCK_LENGTH;

    /** Offset of the record count in a document. */
    static final int BATCH_COUNT_OFFSET = HEADER + RecordBatchDecoder.countEncodingOffset();

    /** Bytes of the shortest RecordBatch header (format 2: the count only). */
    static final int MIN_BATCH_HEADER = HEADER + RecordBatchDecoder.countEncodingOffset() + Integer.BYTES;

    /** Bytes of the length before each record of a batch. */
    static final int LENGTH_PREFIX = 4;

    private JournalRecords()
    {
    }

    /**
     * @return true when the document starts with a RecordBatch header (format 2 or 3).
     */
    static boolean isBatch(final DirectBuffer buffer, final int offset, final int length)
    {
        return length >= MIN_BATCH_HEADER &&
            (buffer.getShort(offset + 4, ByteOrder.LITTLE_ENDIAN) & 0xFFFF) == MessageHeaderDecoder.SCHEMA_ID &&
            (buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF) == RecordBatchDecoder.TEMPLATE_ID;
    }

    /**
     * @return bytes of the RecordBatch header of a document that starts with one (its block
     * length: format 2 headers are shorter than format 3 ones).
     */
    static int batchHeaderLength(final DirectBuffer buffer, final int offset)
    {
        return HEADER + (buffer.getShort(offset, ByteOrder.LITTLE_ENDIAN) & 0xFFFF);
    }

    /**
     * Set the chain to the base a RecordBatch header of format 3 holds.
     *
     * @return false for a header of format 2, which has none (the chain is left as it was).
     */
    static boolean batchBase(final DirectBuffer buffer, final int offset, final EntryChain chain)
    {
        final int version = buffer.getShort(offset + 6, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        if (version < RecordBatchDecoder.basePositionSinceVersion() || batchHeaderLength(buffer, offset) < BATCH_HEADER)
        {
            return false;
        }
        final int body = offset + HEADER;
        chain.set(
            buffer.getLong(body + RecordBatchDecoder.basePositionEncodingOffset(), ByteOrder.LITTLE_ENDIAN),
            buffer.getLong(body + RecordBatchDecoder.baseLeadershipTermIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN),
            buffer.getLong(body + RecordBatchDecoder.baseTimestampEncodingOffset(), ByteOrder.LITTLE_ENDIAN));
        return true;
    }

    /**
     * @return the log position of the last record of a document that carries one, or -1.
     */
    static long lastPositionOf(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!isBatch(buffer, offset, length))
        {
            return positionOf(buffer, offset, length);
        }
        final int count = buffer.getInt(offset + BATCH_COUNT_OFFSET, ByteOrder.LITTLE_ENDIAN);
        final int end = offset + length;
        final EntryChain chain = new EntryChain();
        final boolean chainKnown = batchBase(buffer, offset, chain);
        long last = -1;
        int at = offset + batchHeaderLength(buffer, offset);
        for (int i = 0; i < count && at + LENGTH_PREFIX <= end; i++)
        {
            final int recordLength = buffer.getInt(at, ByteOrder.LITTLE_ENDIAN);
            at += LENGTH_PREFIX;
            if (recordLength < 0 || recordLength > end - at)
            {
                break;
            }
            chain.follow(buffer, at, recordLength);
            final long position = isCompact(buffer, at, recordLength) ?
                (chainKnown ? chain.position : -1) : positionOf(buffer, at, recordLength);
            last = position >= 0 ? position : last;
            at += recordLength;
        }
        return last;
    }

    private static boolean isCompact(final DirectBuffer buffer, final int offset, final int length)
    {
        return length >= HEADER && (buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF) ==
            CompactCommandDecoder.TEMPLATE_ID;
    }

    /**
     * @return the log position a record carries, or -1 for records without one (snapshot parts,
     * snapshot starts, anything unreadable).
     */
    static long positionOf(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER + 8 || (buffer.getShort(offset + 4, ByteOrder.LITTLE_ENDIAN) & 0xFFFF) !=
            MessageHeaderDecoder.SCHEMA_ID)
        {
            return -1;
        }
        final int templateId = buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final int body = offset + HEADER;
        switch (templateId)
        {
            case JournalCommandDecoder.TEMPLATE_ID:
                return buffer.getLong(body + JournalCommandDecoder.logPositionEncodingOffset(), ByteOrder.LITTLE_ENDIAN);
            case JournalTimerDecoder.TEMPLATE_ID:
                return buffer.getLong(body + JournalTimerDecoder.logPositionEncodingOffset(), ByteOrder.LITTLE_ENDIAN);
            case CheckpointDecoder.TEMPLATE_ID:
                return buffer.getLong(body + CheckpointDecoder.logPositionEncodingOffset(), ByteOrder.LITTLE_ENDIAN);
            case SnapshotEndedDecoder.TEMPLATE_ID:
                return buffer.getLong(body + SnapshotEndedDecoder.logPositionEncodingOffset(), ByteOrder.LITTLE_ENDIAN);
            case NodeStartedDecoder.TEMPLATE_ID:
                return length >= HEADER + NodeStartedDecoder.logPositionEncodingOffset() + Long.BYTES ?
                    buffer.getLong(body + NodeStartedDecoder.logPositionEncodingOffset(), ByteOrder.LITTLE_ENDIAN) : -1;
            default:
                return -1;
        }
    }
}
