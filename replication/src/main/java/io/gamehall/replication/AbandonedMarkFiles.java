package io.gamehall.replication;

import io.aeron.cluster.service.ClusterMarkFile;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;

/**
 * Releases the mark files a killed node left in its data directory, so that a node restarted
 * at once does not wait for them to expire.
 * <p>
 * Aeron's consensus module, service container and archive each keep a mark file whose
 * activity timestamp they refresh every second; a new instance refuses a mark file touched
 * within the last 10 s ("active mark file detected"), which after a {@code kill -9} costs a
 * restarted node 10 s before it even starts to catch up. Every mark file also records the
 * process id of its owner: when that process is gone (and is not this one), nobody can be
 * using the file, and its activity timestamp is set to 0, which Aeron reads as long expired.
 * A mark file whose owner still runs, or whose owner cannot be told, is left alone: Aeron's
 * check (and {@link MasterNode}'s wait) still protects a directory in use. Process ids are
 * those of this machine's process namespace: a data directory is never shared between
 * machines or containers.
 */
final class AbandonedMarkFiles
{
    private static final Logger LOG = LoggerFactory.getLogger(AbandonedMarkFiles.class);
    private static final int MESSAGE_HEADER_LENGTH = 8;
    private static final String SERVICE_MARK_FILE = ClusterMarkFile.markFilenameForService(0);

    private AbandonedMarkFiles()
    {
    }

    /**
     * Release the consensus module's, the service's and the archive's mark files under a data
     * directory whose owners are gone.
     *
     * @param clusterDir the node's cluster directory.
     * @param archiveDir the node's archive directory.
     * @return how many were released.
     */
    static int release(final File clusterDir, final File archiveDir)
    {
        int released = 0;
        for (final File file : new File[]{
            new File(clusterDir, ClusterMarkFile.FILENAME), new File(clusterDir, SERVICE_MARK_FILE)})
        {
            released += release(file,
                io.aeron.cluster.codecs.mark.MarkFileHeaderDecoder.SCHEMA_ID,
                io.aeron.cluster.codecs.mark.MarkFileHeaderDecoder.TEMPLATE_ID,
                io.aeron.cluster.codecs.mark.MarkFileHeaderDecoder.pidEncodingOffset(),
                io.aeron.cluster.codecs.mark.MarkFileHeaderDecoder.activityTimestampEncodingOffset()) ? 1 : 0;
        }
        released += release(new File(archiveDir, io.aeron.archive.ArchiveMarkFile.FILENAME),
            io.aeron.archive.codecs.mark.MarkFileHeaderDecoder.SCHEMA_ID,
            io.aeron.archive.codecs.mark.MarkFileHeaderDecoder.TEMPLATE_ID,
            io.aeron.archive.codecs.mark.MarkFileHeaderDecoder.pidEncodingOffset(),
            io.aeron.archive.codecs.mark.MarkFileHeaderDecoder.activityTimestampEncodingOffset()) ? 1 : 0;
        return released;
    }

    private static boolean release(
        final File file, final int schemaId, final int templateId, final int pidOffset, final int timestampOffset)
    {
        if (!file.isFile() || file.length() < MESSAGE_HEADER_LENGTH + Math.max(pidOffset, timestampOffset) + 8)
        {
            return false;
        }
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(file, "mark file");
        try
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(mapped);
            final int headerOffset = (buffer.getShort(2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF) == templateId &&
                (buffer.getShort(4, ByteOrder.LITTLE_ENDIAN) & 0xFFFF) == schemaId ? MESSAGE_HEADER_LENGTH : 0;
            final long pid = buffer.getLong(headerOffset + pidOffset, ByteOrder.LITTLE_ENDIAN);
            final long timestamp = buffer.getLongVolatile(headerOffset + timestampOffset);
            if (timestamp <= 0 || pid <= 0 || pid == ProcessHandle.current().pid() ||
                ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
            {
                return false;
            }
            buffer.putLongVolatile(headerOffset + timestampOffset, 0);
            mapped.force();
            LOG.info("{}: its owner (process {}) is gone; released it", file, pid);
            return true;
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }
}
