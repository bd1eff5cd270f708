package io.gamehall.replication;

import io.aeron.archive.ArchivingMediaDriver;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.RecordingLog;
import io.gamehall.aeron.OwnerOnlyDirectory;
import org.agrona.IoUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;

/**
 * Cuts a node's recorded log at the first damaged frame ({@link LogTailCheck}) before the node
 * starts, as Aeron's own election cuts an uncommitted tail: the recording is truncated there
 * (through the node's archive, started alone for the purpose) and the last term of the
 * recording log ends there (its later entries are dropped; the old file is kept beside it as
 * {@code recording.log.damaged-<time>}). The node then starts with a shorter log and the
 * election fetches the rest from the leader, instead of failing its replay in every election.
 * A single node has nobody to fetch from: it refuses to start and says what to do.
 */
final class LogTailRepair
{
    private static final Logger LOG = LoggerFactory.getLogger(LogTailRepair.class);

    private LogTailRepair()
    {
    }

    /**
     * Check the node's log tail and cut it at the first damaged frame, if any.
     *
     * @param ctx the node's configuration, concluded; the node must not be running.
     * @return the check as it was before any repair.
     * @throws IllegalStateException when the damage cannot be cut away safely.
     */
    static LogTailCheck checkAndRepair(final MasterNode.Context ctx)
    {
        final File clusterDir = new File(ctx.dataDir(), "cluster");
        final File archiveDir = new File(ctx.dataDir(), "archive");
        final long startNs = System.nanoTime();
        final LogTailCheck check = LogTailCheck.read(clusterDir, archiveDir);
        if (check.recordingId() < 0)
        {
            return check;
        }
        if (check.damagedAt() < 0)
        {
            LOG.info("log since the latest snapshot ({} MB, {} to {}) read in {} ms: sound",
                (check.endPosition() - check.fromPosition()) >> 20, check.fromPosition(), check.endPosition(),
                (System.nanoTime() - startNs) / 1_000_000);
            return check;
        }
        final long position = check.damagedAt();
        LOG.error("the recorded log of this node is damaged at position {} ({}), between its latest snapshot at {} and " +
            "its end", position, check.damage(), check.fromPosition());
        if (ctx.members().size() == 1)
        {
            throw new IllegalStateException("the recorded log in " + ctx.dataDir() + " is damaged at position " +
                position + " (" + check.damage() + "), and a single node has no other member to fetch the rest " +
                "from: restore the data directory from a copy, or cut the log there with Aeron's ArchiveTool " +
                "(what follows is lost).");
        }
        truncate(ctx, archiveDir, check.recordingId(), position);
        rewriteRecordingLog(clusterDir, position);
        LOG.warn("log recording {} cut at position {}: the election fetches the rest from the leader",
            check.recordingId(), position);
        return check;
    }

    /**
     * Keep the recording log's entries up to the position, the term it falls in ending there:
     * the same file a node would have had, had its log ended there. The old file stays beside it.
     */
    private static void rewriteRecordingLog(final File clusterDir, final long position)
    {
        final File current = new File(clusterDir, RecordingLog.RECORDING_LOG_FILE_NAME);
        final File scratch = new File(clusterDir, "recording-log-repair");
        IoUtil.delete(scratch, true);
        IoUtil.ensureDirectoryExists(scratch, "recording log repair");
        try (RecordingLog from = new RecordingLog(clusterDir, false);
            RecordingLog to = new RecordingLog(scratch, true))
        {
            for (final RecordingLog.Entry entry : from.entries())
            {
                if (!entry.isValid || entry.termBaseLogPosition > position)
                {
                    continue;
                }
                if (entry.type == RecordingLog.ENTRY_TYPE_TERM)
                {
                    to.appendTerm(entry.recordingId, entry.leadershipTermId, entry.termBaseLogPosition, entry.timestamp);
                    final boolean endsBefore = entry.logPosition != AeronArchive.NULL_POSITION && entry.logPosition <= position;
                    to.commitLogPosition(entry.leadershipTermId, endsBefore ? entry.logPosition : position);
                }
                else if (entry.type == RecordingLog.ENTRY_TYPE_SNAPSHOT && entry.logPosition <= position)
                {
                    to.appendSnapshot(entry.recordingId, entry.leadershipTermId, entry.termBaseLogPosition,
                        entry.logPosition, entry.timestamp, entry.serviceId);
                }
            }
            to.force(1);
        }
        try
        {
            java.nio.file.Files.move(current.toPath(),
                new File(clusterDir, RecordingLog.RECORDING_LOG_FILE_NAME + ".damaged-" + System.currentTimeMillis()).toPath());
            java.nio.file.Files.move(new File(scratch, RecordingLog.RECORDING_LOG_FILE_NAME).toPath(), current.toPath(),
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException("cannot replace " + current, ex);
        }
        IoUtil.delete(scratch, true);
    }

    private static void truncate(
        final MasterNode.Context ctx, final File archiveDir, final long recordingId, final long position)
    {
        final String aeronDir = OwnerOnlyDirectory.driverDirectory("master-" + ctx.memberId() + "-repair");
        try (ArchivingMediaDriver archive = ArchivingMediaDriver.launch(
            ctx.driverContext().aeronDirectoryName(aeronDir),
            ctx.archiveContext().aeronDirectoryName(aeronDir).archiveDir(archiveDir));
            AeronArchive client = AeronArchive.connect(ctx.localArchiveClient().aeronDirectoryName(aeronDir)))
        {
            final long stop = client.getStopPosition(recordingId);
            if (stop == AeronArchive.NULL_POSITION || stop > position)
            {
                client.truncateRecording(recordingId, position);
            }
        }
        finally
        {
            IoUtil.delete(new File(aeronDir), true);
        }
    }
}
