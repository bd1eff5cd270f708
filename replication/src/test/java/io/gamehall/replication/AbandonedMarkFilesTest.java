package io.gamehall.replication;

import io.aeron.cluster.codecs.mark.ClusterComponentType;
import io.aeron.cluster.codecs.mark.MarkFileHeaderDecoder;
import io.aeron.cluster.service.ClusterMarkFile;
import org.agrona.IoUtil;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AbandonedMarkFilesTest
{
    private static final long AERON_LIVENESS_TIMEOUT_MS = 10_000;

    @TempDir
    File dataDir;

    @Test
    void shouldReleaseMarkFilesWhoseOwnerIsGoneSoThatANodeStartsAtOnce() throws Exception
    {
        final File clusterDir = new File(dataDir, "cluster");
        final File archiveDir = new File(dataDir, "archive");
        final File markFile = freshMarkFile(clusterDir, ClusterMarkFile.FILENAME);
        final File serviceMarkFile = freshMarkFile(clusterDir, ClusterMarkFile.markFilenameForService(0));
        setPid(markFile, finishedProcessPid());
        setPid(serviceMarkFile, finishedProcessPid());
        assertThatThrownBy(() -> open(markFile)).hasMessageContaining("active");

        assertThat(AbandonedMarkFiles.release(clusterDir, archiveDir)).isEqualTo(2);

        open(markFile).close();
        open(serviceMarkFile).close();
    }

    @Test
    void shouldLeaveAMarkFileWhoseOwnerStillRuns()
    {
        final File clusterDir = new File(dataDir, "cluster");
        final File markFile = freshMarkFile(clusterDir, ClusterMarkFile.FILENAME);
        setPid(markFile, ProcessHandle.current().parent().orElseThrow().pid());

        assertThat(AbandonedMarkFiles.release(clusterDir, new File(dataDir, "archive"))).isZero();

        assertThatThrownBy(() -> open(markFile)).hasMessageContaining("active");
    }

    private static File freshMarkFile(final File dir, final String name)
    {
        IoUtil.ensureDirectoryExists(dir, "cluster");
        final File file = new File(dir, name);
        try (ClusterMarkFile markFile = open(file))
        {
            markFile.signalReady(System.currentTimeMillis());
            markFile.updateActivityTimestamp(System.currentTimeMillis());
        }
        return file;
    }

    private static ClusterMarkFile open(final File file)
    {
        return new ClusterMarkFile(file, ClusterComponentType.CONSENSUS_MODULE, ClusterMarkFile.ERROR_BUFFER_MIN_LENGTH,
            SystemEpochClock.INSTANCE, AERON_LIVENESS_TIMEOUT_MS, io.aeron.logbuffer.LogBufferDescriptor.PAGE_MIN_SIZE);
    }

    private static void setPid(final File file, final long pid)
    {
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(file, "mark file");
        try
        {
            new UnsafeBuffer(mapped).putLong(8 + MarkFileHeaderDecoder.pidEncodingOffset(), pid, ByteOrder.LITTLE_ENDIAN);
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }

    private static long finishedProcessPid() throws Exception
    {
        for (int attempt = 0; attempt < 10; attempt++)
        {
            final Process process = new ProcessBuilder("true").start();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            if (ProcessHandle.of(process.pid()).isEmpty())
            {
                return process.pid();
            }
        }
        throw new AssertionError("no ended process found");
    }
}
