package io.gamehall.replication.journal;

import io.gamehall.sbe.journal.CheckpointDecoder;
import io.gamehall.sbe.journal.JournalCommandDecoder;
import io.gamehall.sbe.journal.JournalTimerDecoder;
import io.gamehall.sbe.journal.MessageHeaderDecoder;
import io.gamehall.sbe.journal.NodeStartedDecoder;
import io.gamehall.sbe.journal.SnapshotEndedDecoder;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Small facts about journal records that both the writer and readers need.
 */
final class JournalRecords
{
    static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;

    private JournalRecords()
    {
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
                return length >= HEADER + NodeStartedDecoder.BLOCK_LENGTH ?
                    buffer.getLong(body + NodeStartedDecoder.logPositionEncodingOffset(), ByteOrder.LITTLE_ENDIAN) : -1;
            default:
                return -1;
        }
    }
}
