package io.gamehall.replication.support;

import io.aeron.archive.CatalogView;
import io.aeron.cluster.RecordingLog;
import io.aeron.logbuffer.FrameDescriptor;
import io.aeron.protocol.DataHeaderFlyweight;
import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * Damages a stopped node's recorded log on purpose, the way the torture run found it after a
 * crash: one frame keeps its valid header and loses its message (zeroed).
 */
public final class LogDamage
{
    private LogDamage()
    {
    }

    /**
     * Zero the message of the first data frame at or after a fraction of the log recording.
     *
     * @param dataDir  the node's data directory; the node must be stopped.
     * @param fraction where in the recording, 0..1.
     * @return the position of the damaged frame.
     */
    public static long zeroMessageOfAFrame(final File dataDir, final double fraction) throws IOException
    {
        final long recordingId;
        try (RecordingLog recordingLog = new RecordingLog(new File(dataDir, "cluster"), false))
        {
            recordingId = recordingLog.findLastTerm().recordingId;
        }
        final File archiveDir = new File(dataDir, "archive");
        final long[] descriptor = new long[3];
        CatalogView.listRecording(archiveDir, recordingId,
            (controlSessionId, correlationId, id, startTimestamp, stopTimestamp, start, stop, initialTermId,
                segmentFileLength, termBufferLength, mtuLength, sessionId, streamId, strippedChannel,
                originalChannel, sourceIdentity) ->
            {
                descriptor[0] = start;
                descriptor[1] = stop;
                descriptor[2] = segmentFileLength;
            });
        final long target = descriptor[0] + (long)((descriptor[1] - descriptor[0]) * fraction);
        final int segmentLength = (int)descriptor[2];
        final long segmentBase = target - (target & (segmentLength - 1));
        final File segment = new File(archiveDir, recordingId + "-" + segmentBase + ".rec");
        try (FileChannel channel = FileChannel.open(segment.toPath(), StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final ByteBuffer bytes = ByteBuffer.allocateDirect(segmentLength);
            channel.read(bytes, 0);
            final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
            int offset = (int)(Math.max(segmentBase, descriptor[0]) - segmentBase);
            while (offset + DataHeaderFlyweight.HEADER_LENGTH < segmentLength)
            {
                final int frameLength = FrameDescriptor.frameLength(buffer, offset);
                if (frameLength <= 0)
                {
                    break;
                }
                if (segmentBase + offset >= target &&
                    FrameDescriptor.frameType(buffer, offset) == DataHeaderFlyweight.HDR_TYPE_DATA &&
                    frameLength > DataHeaderFlyweight.HEADER_LENGTH + 8)
                {
                    channel.write(ByteBuffer.allocate(frameLength - DataHeaderFlyweight.HEADER_LENGTH),
                        offset + DataHeaderFlyweight.HEADER_LENGTH);
                    channel.force(true);
                    return segmentBase + offset;
                }
                offset += BitUtil.align(frameLength, FrameDescriptor.FRAME_ALIGNMENT);
            }
        }
        throw new IllegalStateException("no data frame after position " + target + " in " + segment);
    }
}
