package io.gamehall.replication;

import io.gamehall.master.EngineConfig;
import io.gamehall.master.MasterEngine;
import io.gamehall.replication.journal.CommandJournal;
import org.agrona.DirectBuffer;

import java.io.File;

/**
 * A master service with a journal and no cluster, fed as the log would feed it: for tests that
 * need a journal of a given command stream (commands of any principal, timers, snapshots).
 */
public final class OfflineMaster implements AutoCloseable
{
    private final CommandJournal journal;
    private final MasterService service;
    private long position;

    /**
     * @param journalDir where the journal goes.
     * @param config     the engine's configuration.
     */
    public OfflineMaster(final File journalDir, final EngineConfig config)
    {
        journal = new CommandJournal(new CommandJournal.Context().directory(journalDir).checkpointInterval(500));
        service = new MasterService(config, journal, 0);
        service.startWithoutCluster();
    }

    public MasterEngine engine()
    {
        return service.engine();
    }

    /**
     * Apply and journal a command sent by a session with this principal.
     */
    public void command(final SessionPrincipal principal, final long sessionId, final long timestamp,
        final DirectBuffer buffer, final int offset, final int length)
    {
        position += 64;
        service.applyCommand(null, sessionId, principal.encode(), position, timestamp, buffer, offset, length);
    }

    /**
     * Fire and journal the engine's liveness timer.
     */
    public void livenessTimer(final long timestamp)
    {
        position += 64;
        service.applyTimer(position, MasterEngine.LIVENESS_TIMER_ID, timestamp);
    }

    /**
     * Journal a snapshot at the current position.
     */
    public void snapshot(final long timestamp)
    {
        service.journalSnapshotWithoutCluster(position, timestamp);
    }

    public long position()
    {
        return position;
    }

    public void close()
    {
        journal.close();
    }
}
