package io.gamehall.replication.support;

import io.aeron.logbuffer.LogBufferDescriptor;
import io.aeron.protocol.DataHeaderFlyweight;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Reads what a media driver's log buffer files say about themselves: the term length in a
 * log's metadata, the stream id in its default frame header.
 */
public final class LogBufferFiles
{
    private LogBufferFiles()
    {
    }

    /**
     * @param aeronDirectoryName a media driver's directory.
     * @param streams            which stream ids to look at.
     * @return the term length of every log of those streams in the driver, publications and images.
     */
    public static List<Integer> termLengths(final String aeronDirectoryName, final IntPredicate streams)
    {
        final List<Integer> termLengths = new ArrayList<>();
        for (final String kind : List.of("publications", "images"))
        {
            final File[] logs = new File(aeronDirectoryName, kind).listFiles();
            for (final File log : logs == null ? new File[0] : logs)
            {
                final MappedByteBuffer mapped = IoUtil.mapExistingFile(log, "log buffer");
                try
                {
                    final UnsafeBuffer metaData = new UnsafeBuffer(mapped, mapped.capacity() -
                        LogBufferDescriptor.LOG_META_DATA_LENGTH, LogBufferDescriptor.LOG_META_DATA_LENGTH);
                    final int streamId = new DataHeaderFlyweight(LogBufferDescriptor.defaultFrameHeader(metaData))
                        .streamId();
                    if (streams.test(streamId))
                    {
                        termLengths.add(LogBufferDescriptor.termLength(metaData));
                    }
                }
                finally
                {
                    IoUtil.unmap(mapped);
                }
            }
        }
        return termLengths;
    }
}
