package io.gamehall.replication;

import io.aeron.archive.CatalogView;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.RecordingLog;
import io.aeron.logbuffer.FrameDescriptor;
import io.aeron.protocol.DataHeaderFlyweight;
import org.agrona.BitUtil;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * Reads, before a node starts, the part of its recorded log that it will replay at start: from
 * its latest snapshot to the end of the log recording, straight from the archive's segment
 * files (read-only, no media driver). Every message there must begin with the header of Aeron
 * Cluster's own codecs, as the consensus module writes it; a frame whose header is valid but
 * whose message is not (e.g. zeroed: {@code expected schemaId=111, actual=0}) would make the
 * consensus module fail its replay in every election, for good. {@link #damagedAt()} names
 * the first such frame; {@link LogTailRepair} cuts the log there so that the node fetches the
 * rest again from the leader.
 */
final class LogTailCheck
{
    private static final int CLUSTER_SCHEMA_ID = io.aeron.cluster.codecs.MessageHeaderDecoder.SCHEMA_ID;
    private static final int SBE_HEADER_LENGTH = 8;

    private final long recordingId;
    private final long fromPosition;
    private final long endPosition;
    private final long damagedAt;
    private final String damage;

    private LogTailCheck(
        final long recordingId, final long fromPosition, final long endPosition, final long damagedAt, final String damage)
    {
        this.recordingId = recordingId;
        this.fromPosition = fromPosition;
        this.endPosition = endPosition;
        this.damagedAt = damagedAt;
        this.damage = damage;
    }

    /**
     * @param clusterDir the node's cluster directory (its recording log).
     * @param archiveDir the node's archive directory.
     * @return what was found; {@link #damagedAt()} is -1 when the tail is sound, or when there is
     * no log yet.
     */
    static LogTailCheck read(final File clusterDir, final File archiveDir)
    {
        if (!new File(clusterDir, RecordingLog.RECORDING_LOG_FILE_NAME).exists())
        {
            return new LogTailCheck(-1, 0, 0, -1, null);
        }
        final long recordingId;
        final long from;
        final RecordingLog.Entry lastTerm;
        try (RecordingLog recordingLog = new RecordingLog(clusterDir, false))
        {
            lastTerm = recordingLog.findLastTerm();
            if (lastTerm == null)
            {
                return new LogTailCheck(-1, 0, 0, -1, null);
            }
            recordingId = lastTerm.recordingId;
            final RecordingLog.Entry snapshot = recordingLog.getLatestSnapshot(-1);
            from = snapshot == null ? 0 : snapshot.logPosition;
        }
        final long[] descriptor = new long[5];
        final boolean found = CatalogView.listRecording(archiveDir, recordingId,
            (controlSessionId, correlationId, id, startTimestamp, stopTimestamp, start, stop, initialTermId,
                segmentFileLength, termBufferLength, mtuLength, sessionId, streamId, strippedChannel,
                originalChannel, sourceIdentity) ->
            {
                descriptor[0] = start;
                descriptor[1] = stop;
                descriptor[2] = segmentFileLength;
                descriptor[3] = termBufferLength;
                descriptor[4] = initialTermId;
            });
        if (!found)
        {
            return new LogTailCheck(recordingId, from, from, -1, null);
        }
        return scan(archiveDir, recordingId, Math.max(from, descriptor[0]), descriptor[1], (int)descriptor[2],
            (int)descriptor[3], (int)descriptor[4]);
    }

    private static LogTailCheck scan(
        final File archiveDir, final long recordingId, final long from, final long stop, final int segmentLength,
        final int termLength, final int initialTermId)
    {
        final long limit = stop == AeronArchive.NULL_POSITION ? Long.MAX_VALUE : stop;
        final int positionBitsToShift = Integer.numberOfTrailingZeros(termLength);
        long position = from;
        boolean inFragmentedMessage = false;
        while (position < limit)
        {
            final long segmentBase = position - (position & (segmentLength - 1));
            final File segment = new File(archiveDir, recordingId + "-" + segmentBase + ".rec");
            if (!segment.exists())
            {
                break;
            }
            final MappedByteBuffer mapped = map(segment, segmentLength);
            try
            {
                final UnsafeBuffer buffer = new UnsafeBuffer(mapped);
                int offset = (int)(position - segmentBase);
                while (position < limit && offset + DataHeaderFlyweight.HEADER_LENGTH <= buffer.capacity())
                {
                    final int frameLength = FrameDescriptor.frameLength(buffer, offset);
                    if (frameLength <= 0)
                    {
                        return result(recordingId, from, position, -1, null);
                    }
                    final int termOffset = (int)(position & (termLength - 1));
                    final int termId = initialTermId + (int)(position >>> positionBitsToShift);
                    if (buffer.getInt(offset + DataHeaderFlyweight.TERM_OFFSET_FIELD_OFFSET, ByteOrder.LITTLE_ENDIAN) !=
                        termOffset ||
                        buffer.getInt(offset + DataHeaderFlyweight.TERM_ID_FIELD_OFFSET, ByteOrder.LITTLE_ENDIAN) != termId ||
                        frameLength > termLength - termOffset)
                    {
                        return result(recordingId, from, position, position,
                            "a frame header that does not belong at this position");
                    }
                    if (FrameDescriptor.frameType(buffer, offset) == DataHeaderFlyweight.HDR_TYPE_DATA)
                    {
                        final byte flags = FrameDescriptor.frameFlags(buffer, offset);
                        final boolean begins = (flags & FrameDescriptor.BEGIN_FRAG_FLAG) != 0;
                        if (begins)
                        {
                            final int schemaId = frameLength >= DataHeaderFlyweight.HEADER_LENGTH + SBE_HEADER_LENGTH ?
                                buffer.getShort(offset + DataHeaderFlyweight.HEADER_LENGTH + 4, ByteOrder.LITTLE_ENDIAN) &
                                0xFFFF : -1;
                            if (schemaId != CLUSTER_SCHEMA_ID)
                            {
                                return result(recordingId, from, position, position,
                                    "a message of schema " + schemaId + " where Aeron Cluster expects " + CLUSTER_SCHEMA_ID);
                            }
                        }
                        else if (!inFragmentedMessage)
                        {
                            return result(recordingId, from, position, position,
                                "a middle fragment without the start of its message");
                        }
                        inFragmentedMessage = (flags & FrameDescriptor.END_FRAG_FLAG) == 0;
                    }
                    final int alignedLength = BitUtil.align(frameLength, FrameDescriptor.FRAME_ALIGNMENT);
                    offset += alignedLength;
                    position += alignedLength;
                }
            }
            finally
            {
                IoUtil.unmap(mapped);
            }
            if ((position & (segmentLength - 1)) != 0)
            {
                break;
            }
        }
        return result(recordingId, from, position, -1, null);
    }

    private static LogTailCheck result(
        final long recordingId, final long from, final long end, final long damagedAt, final String damage)
    {
        return new LogTailCheck(recordingId, from, end, damagedAt, damage);
    }

    private static MappedByteBuffer map(final File segment, final int segmentLength)
    {
        try (FileChannel channel = FileChannel.open(segment.toPath(), StandardOpenOption.READ))
        {
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, Math.min(channel.size(), segmentLength));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + segment, ex);
        }
    }

    /**
     * @return the log recording read, -1 when the node has none yet.
     */
    long recordingId()
    {
        return recordingId;
    }

    /**
     * @return where the check started: the latest snapshot's log position.
     */
    long fromPosition()
    {
        return fromPosition;
    }

    /**
     * @return where the check stopped: the end of the recording, or the damaged frame.
     */
    long endPosition()
    {
        return endPosition;
    }

    /**
     * @return the position of the first damaged frame, or -1.
     */
    long damagedAt()
    {
        return damagedAt;
    }

    /**
     * @return what is wrong there, or null.
     */
    String damage()
    {
        return damage;
    }
}
