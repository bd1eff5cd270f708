package io.gamehall.replication;

import io.aeron.FragmentAssembler;
import io.aeron.archive.CatalogView;
import io.aeron.archive.client.AeronArchive;
import io.aeron.logbuffer.FrameDescriptor;
import io.aeron.logbuffer.Header;
import io.aeron.logbuffer.LogBufferDescriptor;
import io.aeron.protocol.DataHeaderFlyweight;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * One recording of an Aeron Archive read straight from its segment files, read-only, without
 * a media driver or an archive: the archive's catalog gives the recording's start and stop
 * positions, term length and segment length; the segment files ({@code <id>-<base>.rec}) hold
 * the recorded terms frame by frame. Fragmented messages are put back together, and each
 * message comes with the position after its last frame, as {@code Header.position()} gives it
 * to a cluster's services.
 */
final class RecordedLog
{
    /**
     * Receives the recording's messages in order.
     */
    @FunctionalInterface
    interface MessageHandler
    {
        /**
         * @param position the log position after the message's last frame.
         */
        void onMessage(DirectBuffer buffer, int offset, int length, long position);
    }

    private final File archiveDir;
    private final long recordingId;
    private long startPosition;
    private long stopPosition;
    private int termLength;
    private int segmentLength;
    private int initialTermId;

    /**
     * @throws IllegalArgumentException when the archive's catalog does not list the recording.
     */
    RecordedLog(final File archiveDir, final long recordingId)
    {
        this.archiveDir = archiveDir;
        this.recordingId = recordingId;
        final boolean found = CatalogView.listRecording(archiveDir, recordingId,
            (controlSessionId, correlationId, id, startTimestamp, stopTimestamp, start, stop, initialTermId,
                segmentFileLength, termBufferLength, mtuLength, sessionId, streamId, strippedChannel,
                originalChannel, sourceIdentity) ->
            {
                startPosition = start;
                stopPosition = stop;
                termLength = termBufferLength;
                segmentLength = segmentFileLength;
                RecordedLog.this.initialTermId = initialTermId;
            });
        if (!found)
        {
            throw new IllegalArgumentException("the archive catalog in " + archiveDir + " has no recording " + recordingId);
        }
    }

    long startPosition()
    {
        return startPosition;
    }

    /**
     * @return where the recording stopped, or {@link AeronArchive#NULL_POSITION} when it was
     * not stopped cleanly (it is then read up to its last complete frame).
     */
    long stopPosition()
    {
        return stopPosition;
    }

    /**
     * Read every message from the recording's start (which must be a term's start).
     *
     * @return the position after the last frame read.
     */
    long readAll(final MessageHandler handler)
    {
        if ((startPosition & (termLength - 1)) != 0)
        {
            throw new IllegalStateException("recording " + recordingId + " starts inside a term, at " + startPosition);
        }
        // Aeron's own reassembly; the header over each frame gives the position after it, as a service sees it
        final Header header = new Header(initialTermId, LogBufferDescriptor.positionBitsToShift(termLength));
        final FragmentAssembler assembler = new FragmentAssembler(
            (buffer, offset, length, last) -> handler.onMessage(buffer, offset, length, last.position()));
        final long limit = stopPosition == AeronArchive.NULL_POSITION ? Long.MAX_VALUE : stopPosition;
        long position = startPosition;
        while (position < limit)
        {
            final File segment = new File(archiveDir, recordingId + "-" + position + ".rec");
            if (!segment.exists())
            {
                if (stopPosition == AeronArchive.NULL_POSITION)
                {
                    break;
                }
                throw new IllegalStateException("segment file " + segment + " is missing (the recording stops at " +
                    stopPosition + ")");
            }
            final long segmentFull = position + segmentLength;
            position = readSegment(segment, position, Math.min(limit, segmentFull), header, assembler);
            if (position < segmentFull)
            {
                break;
            }
        }
        if (stopPosition != AeronArchive.NULL_POSITION && position != stopPosition)
        {
            throw new IllegalStateException("recording " + recordingId + " ends at " + position +
                " in its segment files, its catalog entry says " + stopPosition);
        }
        return position;
    }

    private long readSegment(
        final File segment, final long basePosition, final long limit, final Header header,
        final FragmentAssembler assembler)
    {
        final MappedByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(segment.toPath(), StandardOpenOption.READ))
        {
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, Math.min(channel.size(), segmentLength));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + segment, ex);
        }
        try
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(mapped);
            int offset = 0;
            while (basePosition + offset < limit && offset + DataHeaderFlyweight.HEADER_LENGTH <= buffer.capacity())
            {
                final int frameLength = FrameDescriptor.frameLength(buffer, offset);
                if (frameLength <= 0)
                {
                    break;
                }
                final int alignedLength = BitUtil.align(frameLength, FrameDescriptor.FRAME_ALIGNMENT);
                if (FrameDescriptor.frameType(buffer, offset) == DataHeaderFlyweight.HDR_TYPE_DATA)
                {
                    header.buffer(buffer);
                    header.offset(offset);
                    assembler.onFragment(buffer, offset + DataHeaderFlyweight.HEADER_LENGTH,
                        frameLength - DataHeaderFlyweight.HEADER_LENGTH, header);
                }
                offset += alignedLength;
            }
            return basePosition + offset;
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }
}
