package io.gamehall.replication.journal;

import io.gamehall.sbe.journal.CompactCommandDecoder;
import io.gamehall.sbe.journal.JournalCommandDecoder;
import io.gamehall.sbe.journal.JournalTimerDecoder;
import io.gamehall.sbe.journal.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * The log position, cluster time and leadership term of the last entry (command or timer) of
 * the journal's record stream: what a {@code CompactCommand} (format 3) stores its position
 * and time as deltas from, and inherits its term from. The service thread keeps one to
 * encode, the writer one to put the base of each document into its {@code RecordBatch}
 * header, and readers one per document, starting from that base.
 */
final class EntryChain
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int MAX_DELTA = 0xFFFF;

    long position;
    long timestamp;
    long term;

    void set(final long position, final long term, final long timestamp)
    {
        this.position = position;
        this.term = term;
        this.timestamp = timestamp;
    }

    /**
     * @return true when an entry at this position, term and time can be a CompactCommand:
     * the same term as the last entry, a position after it and a time not before it, both
     * within 65,535.
     */
    boolean fitsCompact(final long logPosition, final long leadershipTermId, final long time)
    {
        final long positionDelta = logPosition - position;
        final long timeDelta = time - timestamp;
        return leadershipTermId == term && positionDelta > 0 && positionDelta <= MAX_DELTA &&
            timeDelta >= 0 && timeDelta <= MAX_DELTA;
    }

    /**
     * @return true when the client id, request id and command are what a reader derives from
     * the payload (its template id and its first two fields), and the payload fits a
     * CompactCommand.
     */
    static boolean idsArePayloads(
        final long clientId,
        final long requestId,
        final int command,
        final DirectBuffer payload,
        final int offset,
        final int length)
    {
        return length >= HEADER + 2 * Long.BYTES && length <= MAX_DELTA &&
            (payload.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF) == command &&
            payload.getLong(offset + HEADER, ByteOrder.LITTLE_ENDIAN) == clientId &&
            payload.getLong(offset + HEADER + Long.BYTES, ByteOrder.LITTLE_ENDIAN) == requestId;
    }

    /**
     * Follow one record of the stream (as the service thread encoded it): entries move the
     * chain, other records leave it.
     */
    void follow(final DirectBuffer record, final int offset, final int length)
    {
        if (length < HEADER)
        {
            return;
        }
        final int body = offset + HEADER;
        switch (record.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF)
        {
            case CompactCommandDecoder.TEMPLATE_ID:
                position += record.getShort(body + CompactCommandDecoder.positionDeltaEncodingOffset(),
                    ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
                timestamp += record.getShort(body + CompactCommandDecoder.timestampDeltaEncodingOffset(),
                    ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
                break;

            case JournalCommandDecoder.TEMPLATE_ID:
                set(record.getLong(body + JournalCommandDecoder.logPositionEncodingOffset(), ByteOrder.LITTLE_ENDIAN),
                    record.getLong(body + JournalCommandDecoder.leadershipTermIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN),
                    record.getLong(body + JournalCommandDecoder.timestampEncodingOffset(), ByteOrder.LITTLE_ENDIAN));
                break;

            case JournalTimerDecoder.TEMPLATE_ID:
                set(record.getLong(body + JournalTimerDecoder.logPositionEncodingOffset(), ByteOrder.LITTLE_ENDIAN),
                    record.getLong(body + JournalTimerDecoder.leadershipTermIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN),
                    record.getLong(body + JournalTimerDecoder.timestampEncodingOffset(), ByteOrder.LITTLE_ENDIAN));
                break;

            default:
                break;
        }
    }
}
