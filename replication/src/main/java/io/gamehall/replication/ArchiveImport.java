package io.gamehall.replication;

import io.aeron.Aeron;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.RecordingLog;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.codecs.ClusterAction;
import io.aeron.cluster.codecs.ClusterActionRequestDecoder;
import io.aeron.cluster.codecs.MessageHeaderDecoder;
import io.aeron.cluster.codecs.NewLeadershipTermEventDecoder;
import io.aeron.cluster.codecs.SessionCloseEventDecoder;
import io.aeron.cluster.codecs.SessionMessageHeaderDecoder;
import io.aeron.cluster.codecs.SessionOpenEventDecoder;
import io.aeron.cluster.codecs.TimerEventDecoder;
import io.aeron.cluster.codecs.mark.MarkFileHeaderDecoder;
import io.aeron.cluster.service.ClusterMarkFile;
import io.gamehall.master.EngineConfig;
import io.gamehall.master.MasterEngine;
import io.gamehall.replication.journal.CommandJournal;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Turns a master node's recorded cluster log into a command journal, for a node that ran
 * without one: the log recording named by the node's {@code cluster/recording.log} is read
 * from its {@code archive/} (see {@link RecordedLog}) and fed, message by message, through a
 * {@link MasterService} without a cluster, which applies and journals exactly as the live
 * service did. The node's directory is only read ({@code recording.log} is opened from a copy).
 * <p>
 * What a log cannot tell: the node's engine configuration (given in the {@link Context}) and
 * the node's restarts (the journal holds one node start, at position 0).
 * The log must begin at position 0; a log purged up to a snapshot is refused.
 */
public final class ArchiveImport
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    /** The archive's catalog file (Archive.Configuration.CATALOG_FILE_NAME, not public). */
    private static final String CATALOG_FILE = "archive.catalog";

    private final Context ctx;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final SessionMessageHeaderDecoder sessionHeader = new SessionMessageHeaderDecoder();
    private final SessionOpenEventDecoder openEvent = new SessionOpenEventDecoder();
    private final SessionCloseEventDecoder closeEvent = new SessionCloseEventDecoder();
    private final TimerEventDecoder timerEvent = new TimerEventDecoder();
    private final ClusterActionRequestDecoder actionRequest = new ClusterActionRequestDecoder();
    private final NewLeadershipTermEventDecoder newTerm = new NewLeadershipTermEventDecoder();
    private final Long2ObjectHashMap<byte[]> principals = new Long2ObjectHashMap<>();
    private MasterService service;
    private long messages;
    private long commands;
    private long timers;
    private long snapshots;
    private long terms;
    private long endPosition;

    public ArchiveImport(final Context ctx)
    {
        this.ctx = ctx.conclude();
    }

    /**
     * Read the whole log and write the journal.
     *
     * @param progress told the number of log messages read so far, now and then.
     * @throws IllegalArgumentException when the node directory or the journal directory will not do.
     * @throws IllegalStateException    when the log cannot be imported (purged, split, damaged).
     */
    public void run(final LongConsumer progress)
    {
        final long recordingId = logRecordingId();
        final RecordedLog log = new RecordedLog(ctx.archiveDir(), recordingId);
        if (log.startPosition() != 0)
        {
            throw new IllegalStateException("the log recording " + recordingId + " starts at position " +
                log.startPosition() + " (the log before it was purged): import needs the whole log from position 0");
        }
        try (CommandJournal journal = new CommandJournal(ctx.journal()))
        {
            service = new MasterService(ctx.engineConfig(), journal, ctx.memberId());
            service.startWithoutCluster();
            endPosition = log.readAll((buffer, offset, length, position) ->
            {
                onMessage(buffer, offset, length, position);
                if ((++messages & 1023) == 0)
                {
                    progress.accept(messages);
                }
            });
            progress.accept(messages);
        }
    }

    /**
     * @return the engine after the import; its state hash is the node's at the log's end.
     */
    public MasterEngine engine()
    {
        return service.engine();
    }

    public long messages()
    {
        return messages;
    }

    public long commands()
    {
        return commands;
    }

    public long timers()
    {
        return timers;
    }

    public long snapshots()
    {
        return snapshots;
    }

    public long terms()
    {
        return terms;
    }

    /**
     * @return the log position after the last message read.
     */
    public long endPosition()
    {
        return endPosition;
    }

    private long logRecordingId()
    {
        final File copy;
        try
        {
            copy = Files.createTempDirectory("gamehall-import-").toFile();
            Files.copy(ctx.recordingLogFile().toPath(), new File(copy, RecordingLog.RECORDING_LOG_FILE_NAME).toPath(),
                StandardCopyOption.COPY_ATTRIBUTES);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot copy " + ctx.recordingLogFile(), ex);
        }
        try (RecordingLog recordingLog = new RecordingLog(copy, false))
        {
            long recordingId = -1;
            for (final RecordingLog.Entry entry : recordingLog.entries())
            {
                if (entry.type != RecordingLog.ENTRY_TYPE_TERM || !entry.isValid)
                {
                    continue;
                }
                if (recordingId != -1 && entry.recordingId != recordingId)
                {
                    throw new IllegalStateException("the log spans recordings " + recordingId + " and " +
                        entry.recordingId + " (" + ctx.recordingLogFile() + "): not supported");
                }
                recordingId = entry.recordingId;
            }
            if (recordingId == -1)
            {
                throw new IllegalStateException(ctx.recordingLogFile() + " names no log term: the node never led or " +
                    "followed a term");
            }
            return recordingId;
        }
        finally
        {
            IoUtil.delete(copy, true);
        }
    }

    private void onMessage(final DirectBuffer buffer, final int offset, final int length, final long position)
    {
        header.wrap(buffer, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            throw new IllegalStateException("log message at position " + position + " has schema id " +
                header.schemaId() + ", not the cluster's " + MessageHeaderDecoder.SCHEMA_ID);
        }
        final int body = offset + HEADER;
        switch (header.templateId())
        {
            case SessionMessageHeaderDecoder.TEMPLATE_ID:
                sessionHeader.wrap(buffer, body, header.blockLength(), header.version());
                commands++;
                service.applyCommand(null, sessionHeader.clusterSessionId(), principals.get(sessionHeader.clusterSessionId()), position,
                    sessionHeader.timestamp(), buffer, offset + AeronCluster.SESSION_HEADER_LENGTH,
                    length - AeronCluster.SESSION_HEADER_LENGTH);
                break;
            case TimerEventDecoder.TEMPLATE_ID:
                timerEvent.wrap(buffer, body, header.blockLength(), header.version());
                timers++;
                service.applyTimer(position, timerEvent.correlationId(), timerEvent.timestamp());
                break;
            case SessionOpenEventDecoder.TEMPLATE_ID:
                openEvent.wrap(buffer, body, header.blockLength(), header.version());
                openEvent.skipResponseChannel();
                final byte[] principal = new byte[openEvent.encodedPrincipalLength()];
                openEvent.getEncodedPrincipal(principal, 0, principal.length);
                principals.put(openEvent.clusterSessionId(), principal);
                break;
            case SessionCloseEventDecoder.TEMPLATE_ID:
                closeEvent.wrap(buffer, body, header.blockLength(), header.version());
                principals.remove(closeEvent.clusterSessionId());
                service.sessionClosed(closeEvent.clusterSessionId());
                break;
            case ClusterActionRequestDecoder.TEMPLATE_ID:
                actionRequest.wrap(buffer, body, header.blockLength(), header.version());
                if (actionRequest.action() == ClusterAction.SNAPSHOT && isPlainSnapshot(actionRequest))
                {
                    snapshots++;
                    service.journalSnapshotWithoutCluster(actionRequest.logPosition(), actionRequest.timestamp());
                }
                break;
            case NewLeadershipTermEventDecoder.TEMPLATE_ID:
                newTerm.wrap(buffer, body, header.blockLength(), header.version());
                terms++;
                // the service reads only the term id (the cluster's time unit is milliseconds, MasterNode's default)
                service.onNewLeadershipTermEvent(newTerm.leadershipTermId(), newTerm.logPosition(), newTerm.timestamp(),
                    newTerm.termBaseLogPosition(), newTerm.leaderMemberId(), newTerm.logSessionId(),
                    TimeUnit.MILLISECONDS, newTerm.appVersion());
                break;
            default:
                break; // membership changes: nothing for the service
        }
    }

    /**
     * A snapshot every service takes, as the cluster asks by default (not one for standbys only).
     */
    private static boolean isPlainSnapshot(final ClusterActionRequestDecoder request)
    {
        final int flags = request.flags() != ClusterActionRequestDecoder.flagsNullValue() ?
            request.flags() : ConsensusModule.CLUSTER_ACTION_FLAGS_DEFAULT;
        return flags == ConsensusModule.CLUSTER_ACTION_FLAGS_DEFAULT;
    }

    /**
     * What to import and where to: fluent setters, {@link #conclude()} checks the directories.
     */
    public static final class Context
    {
        private File nodeDir;
        private CommandJournal.Context journal;
        private EngineConfig engineConfig = new EngineConfig();
        private int memberId = Aeron.NULL_VALUE;

        /**
         * @param nodeDir a (copied) master node data directory, holding {@code cluster/} and {@code archive/}.
         * @return this.
         */
        public Context nodeDir(final File nodeDir)
        {
            this.nodeDir = nodeDir;
            return this;
        }

        public File nodeDir()
        {
            return nodeDir;
        }

        /**
         * @param journal where and how to write the journal; its directory must be new or empty.
         * @return this.
         */
        public Context journal(final CommandJournal.Context journal)
        {
            this.journal = journal;
            return this;
        }

        public CommandJournal.Context journal()
        {
            return journal;
        }

        /**
         * @param engineConfig the engine configuration the node ran with (the log does not hold it).
         * @return this.
         */
        public Context engineConfig(final EngineConfig engineConfig)
        {
            this.engineConfig = engineConfig;
            return this;
        }

        public EngineConfig engineConfig()
        {
            return engineConfig;
        }

        /**
         * @param memberId the node's member id, for the journal's node start; by default the one its
         *                 consensus module wrote in {@code cluster/cluster-mark.dat}, or -1 when that
         *                 file cannot be read.
         * @return this.
         */
        public Context memberId(final int memberId)
        {
            this.memberId = memberId;
            return this;
        }

        public int memberId()
        {
            return memberId;
        }

        File recordingLogFile()
        {
            return new File(new File(nodeDir, "cluster"), RecordingLog.RECORDING_LOG_FILE_NAME);
        }

        File archiveDir()
        {
            return new File(nodeDir, "archive");
        }

        /**
         * @return this, checked.
         * @throws IllegalArgumentException when a directory is missing or the journal's is not empty.
         */
        public Context conclude()
        {
            if (nodeDir == null || !nodeDir.isDirectory())
            {
                throw new IllegalArgumentException("no node directory " + nodeDir);
            }
            if (!recordingLogFile().isFile())
            {
                throw new IllegalArgumentException("no cluster recording log " + recordingLogFile() +
                    ": not a master node's data directory");
            }
            if (!new File(archiveDir(), CATALOG_FILE).isFile())
            {
                throw new IllegalArgumentException("no archive catalog in " + archiveDir() +
                    ": the node's archive was not copied");
            }
            if (journal == null || journal.directory() == null)
            {
                throw new IllegalArgumentException("no journal directory given");
            }
            final String[] present = journal.directory().list();
            if (present != null && present.length > 0)
            {
                throw new IllegalArgumentException("the journal directory " + journal.directory() +
                    " is not empty: import writes a new journal");
            }
            if (journal.directory().exists() && !journal.directory().isDirectory())
            {
                throw new IllegalArgumentException(journal.directory() + " is a file, not a directory");
            }
            engineConfig.conclude();
            if (memberId == Aeron.NULL_VALUE)
            {
                memberId = markedMemberId(new File(nodeDir, "cluster"));
            }
            return this;
        }
    }

    /**
     * @return the member id a consensus module wrote in its mark file in this cluster directory,
     * read without changing the file; {@link Aeron#NULL_VALUE} when there is none or it cannot be read.
     */
    static int markedMemberId(final File clusterDir)
    {
        final File markFile = new File(clusterDir, ClusterMarkFile.FILENAME);
        if (!markFile.isFile() || markFile.length() < ClusterMarkFile.HEADER_LENGTH)
        {
            return Aeron.NULL_VALUE;
        }
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(markFile, FileChannel.MapMode.READ_ONLY, "cluster mark file");
        try
        {
            final io.aeron.cluster.codecs.mark.MessageHeaderDecoder markHeader =
                new io.aeron.cluster.codecs.mark.MessageHeaderDecoder();
            final UnsafeBuffer buffer = new UnsafeBuffer(mapped);
            markHeader.wrap(buffer, 0);
            if (markHeader.templateId() != MarkFileHeaderDecoder.TEMPLATE_ID ||
                markHeader.schemaId() != MarkFileHeaderDecoder.SCHEMA_ID)
            {
                return Aeron.NULL_VALUE;
            }
            return new MarkFileHeaderDecoder().wrapAndApplyHeader(buffer, 0, markHeader).memberId();
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }
}
