package io.gamehall.replication.journal;

import io.gamehall.master.EngineConfig;
import io.gamehall.master.EngineOutput;
import io.gamehall.master.MasterEngine;
import io.gamehall.master.SnapshotLoader;
import io.gamehall.sbe.journal.CheckpointDecoder;
import io.gamehall.sbe.journal.JournalCommandDecoder;
import io.gamehall.sbe.journal.JournalTimerDecoder;
import io.gamehall.sbe.journal.NodeStartedDecoder;
import io.gamehall.sbe.journal.SnapshotEndedDecoder;
import io.gamehall.sbe.journal.SnapshotStartedDecoder;
import org.agrona.DirectBuffer;

/**
 * Rebuilds a node's engine from its journal: applies commands and timers in order to a fresh
 * engine configured as the node's was (from NodeStarted), checks every checkpoint, snapshot
 * and node start against the replayed state hash, and bridges a gap with the snapshot copied
 * into the journal after it. Stops before the first entry beyond a target position or time.
 */
public final class JournalReplay implements JournalReader.Visitor
{
    /** What a replay reports. */
    public interface Listener
    {
        /**
         * The replayed state differs from what the node recorded.
         *
         * @param position log position of the record.
         * @param recorded hash the node recorded.
         * @param replayed hash of the replayed engine.
         * @param what     the kind of record (checkpoint, snapshot, node start).
         * @param at       where it is.
         */
        void onDivergence(long position, long recorded, long replayed, String what, JournalReader.Location at);

        /**
         * Entries between two positions are missing and no snapshot bridges them.
         */
        default void onGap(final long from, final long to, final JournalReader.Location at)
        {
        }
    }

    /** Schema version of the journal that added hashVersion to node starts, checkpoints and snapshot ends. */
    private static final int HASH_VERSION_SINCE = CheckpointDecoder.hashVersionSinceVersion();

    private EngineOutput output = EngineOutput.NONE;
    private final long stopAtPosition;
    private final long stopAtTime;
    private final Listener listener;
    private final JournalReader reader;
    private EngineConfig config;
    private MasterEngine engine;
    private long position = -1;
    private long lastTimestamp;
    private long applied;
    private long checks;
    private SnapshotLoader pendingSnapshot;
    private MasterEngine pendingEngine;
    private boolean loadingSnapshot;
    private boolean stopped;
    private long startAtSnapshot = -1;
    private long onlyCheckpointAt = -1;

    /**
     * @param reader         the journal being read (stopped when the target is reached).
     * @param stopAtPosition replay entries up to and including this log position.
     * @param stopAtTime     replay entries up to and including this cluster time.
     * @param listener       receives divergences and gaps.
     */
    public JournalReplay(
        final JournalReader reader, final long stopAtPosition, final long stopAtTime, final Listener listener)
    {
        this.reader = reader;
        this.stopAtPosition = stopAtPosition;
        this.stopAtTime = stopAtTime;
        this.listener = listener;
    }

    /**
     * @param output where the rebuilt engine's responses and events go (nowhere by default).
     * @return this.
     */
    public JournalReplay output(final EngineOutput output)
    {
        this.output = output;
        return this;
    }

    /**
     * Skip everything before the snapshot copied into the journal at this log position and
     * start from it: faster than replaying from the beginning.
     *
     * @param logPosition position of a snapshot in the journal.
     * @return this.
     */
    public JournalReplay startAtSnapshot(final long logPosition)
    {
        startAtSnapshot = logPosition;
        return this;
    }

    /**
     * Compare the state hash only at the checkpoint at this log position (node starts and
     * snapshots are still compared): each comparison hashes the whole state, so a rebuild
     * that only needs the state at its target checks the last checkpoint before it, where a
     * divergence that persists shows too. By default every checkpoint is compared.
     *
     * @param logPosition position of the one checkpoint to compare, or -1 for all.
     * @return this.
     */
    public JournalReplay onlyCheckpointAt(final long logPosition)
    {
        onlyCheckpointAt = logPosition;
        return this;
    }

    /**
     * @return the rebuilt engine (null when the journal had no node start).
     */
    public MasterEngine engine()
    {
        return engine;
    }

    /**
     * @return log position the engine's state corresponds to.
     */
    public long position()
    {
        return position;
    }

    /**
     * @return cluster time of the last entry applied.
     */
    public long lastTimestamp()
    {
        return lastTimestamp;
    }

    /**
     * @return commands and timers applied.
     */
    public long applied()
    {
        return applied;
    }

    /**
     * @return hashes compared (checkpoints, snapshots, node starts).
     */
    public long checks()
    {
        return checks;
    }

    public void nodeStarted(final NodeStartedDecoder record, final JournalReader.Location at)
    {
        if (engine == null)
        {
            config = new EngineConfig()
                .maxServers(record.maxServers())
                .maxUsers(record.maxUsers())
                .maxInstances(record.maxInstances())
                .maxPlayersPerInstance(record.maxPlayersPerInstance())
                .serverTimeoutMs(record.serverTimeoutMs())
                .dedupWindow(record.dedupWindow())
                .maxClients(record.maxClients())
                .maxSearchExamined(record.maxSearchExamined());
            engine = new MasterEngine(config, output);
            position = 0;
        }
        if (startAtSnapshot >= 0)
        {
            return;
        }
        if (record.logPosition() == position)
        {
            check(record.logPosition(), record.stateHash(), hashVersion(record.actingVersion(), record.hashVersion()), "node start", at);
        }
        else if (record.logPosition() > position)
        {
            listener.onGap(position, record.logPosition(), at);
        }
    }

    public void command(
        final JournalCommandDecoder record,
        final DirectBuffer payload,
        final int offset,
        final int length,
        final JournalReader.Location at)
    {
        if (!due(record.logPosition(), record.timestamp()))
        {
            return;
        }
        if (record.appliedToEngine() != 0)
        {
            engine.apply(payload, offset, length, record.timestamp());
        }
        position = record.logPosition();
        lastTimestamp = record.timestamp();
        applied++;
    }

    public void timer(final JournalTimerDecoder record, final JournalReader.Location at)
    {
        if (!due(record.logPosition(), record.timestamp()))
        {
            return;
        }
        engine.onTimer(record.correlationId(), record.timestamp());
        position = record.logPosition();
        lastTimestamp = record.timestamp();
        applied++;
    }

    public void checkpoint(final CheckpointDecoder record, final JournalReader.Location at)
    {
        if (!stopped && startAtSnapshot < 0 && record.logPosition() == position &&
            (onlyCheckpointAt < 0 || onlyCheckpointAt == position))
        {
            check(record.logPosition(), record.stateHash(), hashVersion(record.actingVersion(), record.hashVersion()), "checkpoint", at);
        }
    }

    public void snapshotStarted(final SnapshotStartedDecoder record, final JournalReader.Location at)
    {
        if (stopped || config == null)
        {
            return;
        }
        if (startAtSnapshot >= 0 ? record.logPosition() == startAtSnapshot : record.logPosition() > position)
        {
            loadingSnapshot = true;
            pendingEngine = new MasterEngine(config, output);
            pendingSnapshot = new SnapshotLoader(pendingEngine);
        }
    }

    public void snapshotPart(final DirectBuffer message, final int offset, final int length, final JournalReader.Location at)
    {
        if (loadingSnapshot)
        {
            pendingSnapshot.onMessage(message, offset, length);
        }
    }

    public void snapshotEnded(final SnapshotEndedDecoder record, final JournalReader.Location at)
    {
        if (loadingSnapshot)
        {
            loadingSnapshot = false;
            pendingSnapshot.finish();
            final MasterEngine loaded = pendingEngine;
            pendingSnapshot = null;
            pendingEngine = null;
            if (beyondTarget(record.logPosition(), Long.MIN_VALUE))
            {
                return;
            }
            engine = loaded;
            position = record.logPosition();
            startAtSnapshot = -1;
        }
        else if (!stopped && startAtSnapshot < 0 && record.logPosition() == position && engine != null)
        {
            check(record.logPosition(), record.stateHash(), hashVersion(record.actingVersion(), record.hashVersion()), "snapshot", at);
        }
    }

    /**
     * @return true when the entry at this position and time is to be applied: replay has an
     * engine, is not skipping to a snapshot, has not applied the entry yet and has not passed
     * its target.
     */
    private boolean due(final long logPosition, final long timestamp)
    {
        return startAtSnapshot < 0 && !beyondTarget(logPosition, timestamp) && engine != null && logPosition > position;
    }

    private boolean beyondTarget(final long logPosition, final long timestamp)
    {
        if (logPosition > stopAtPosition || timestamp > stopAtTime)
        {
            stopped = true;
            reader.stop();
            return true;
        }
        return false;
    }

    /**
     * @return the state hash version a record names: 1 when it has no such field (schema
     * version 1 or 2, journals written before 2026-11-21).
     */
    private static int hashVersion(final int actingVersion, final short version)
    {
        return actingVersion >= HASH_VERSION_SINCE ? version : 1;
    }

    private void check(
        final long at, final long recorded, final int hashVersion, final String what, final JournalReader.Location location)
    {
        if (!MasterEngine.knowsStateHashVersion(hashVersion))
        {
            throw new IllegalStateException(what + " at log position " + at + " (" + location.file() + ", index " +
                Long.toHexString(location.index()) + ") names state hash " +
                "version " + hashVersion + ", which this replay does not know: use a newer gamehall replay");
        }
        checks++;
        final long replayed = engine.stateHash(hashVersion);
        if (replayed != recorded)
        {
            listener.onDivergence(at, recorded, replayed, what, location);
        }
    }
}
