package io.gamehall.replay;

import io.gamehall.master.EngineOutput;
import io.gamehall.replication.journal.JournalReader;
import io.gamehall.replication.journal.JournalReplay;
import io.gamehall.sbe.journal.CheckpointDecoder;
import io.gamehall.sbe.journal.SnapshotEndedDecoder;

import java.io.File;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds the engine a journal describes up to a point, starting from the newest snapshot
 * copied into the journal at or before that point when there is one, and comparing the state
 * hash at node starts, snapshots and the last checkpoint before that point (every checkpoint
 * would hash the whole state once per 100,000 entries; {@code verify} does that).
 */
final class JournalRebuild
{
    final List<String> divergences = new ArrayList<>();
    final List<String> gaps = new ArrayList<>();
    JournalReplay replay;
    long startedFromSnapshot = -1;
    long records;
    long skipped;

    /**
     * @param directory   journal directory.
     * @param skipCorrupt skip corrupt records.
     * @param atPosition  last log position to apply.
     * @param atTime      last cluster time to apply.
     * @param output      receives the engine's outputs.
     * @param progress    progress reporting.
     * @return this, with the rebuilt engine in {@link #replay}.
     */
    JournalRebuild run(
        final File directory,
        final boolean skipCorrupt,
        final long atPosition,
        final long atTime,
        final EngineOutput output,
        final Progress progress)
    {
        final long[] newestSnapshot = {-1};
        final long[] lastCheckpoint = {-1};
        try (JournalReader reader = new JournalReader(directory, skipCorrupt))
        {
            reader.readAll(new JournalReader.Visitor()
            {
                public void snapshotEnded(final SnapshotEndedDecoder record, final JournalReader.Location at)
                {
                    if (record.logPosition() <= atPosition)
                    {
                        newestSnapshot[0] = Math.max(newestSnapshot[0], record.logPosition());
                    }
                }

                public void checkpoint(final CheckpointDecoder record, final JournalReader.Location at)
                {
                    if (record.logPosition() <= atPosition && record.timestamp() <= atTime)
                    {
                        lastCheckpoint[0] = Math.max(lastCheckpoint[0], record.logPosition());
                    }
                }
            }, null);
        }
        try (JournalReader reader = new JournalReader(directory, skipCorrupt))
        {
            replay = new JournalReplay(reader, atPosition, atTime, new JournalReplay.Listener()
            {
                public void onDivergence(
                    final long position, final long recorded, final long replayed, final String what,
                    final JournalReader.Location at)
                {
                    divergences.add(what + " at log position " + position + ": recorded hash " +
                        Long.toHexString(recorded) + ", replayed " + Long.toHexString(replayed));
                }

                public void onGap(final long from, final long to, final JournalReader.Location at)
                {
                    gaps.add("entries missing between log positions " + from + " and " + to);
                }
            }).output(output).onlyCheckpointAt(lastCheckpoint[0]);
            if (newestSnapshot[0] > 0 && atTime == Long.MAX_VALUE)
            {
                replay.startAtSnapshot(newestSnapshot[0]);
                startedFromSnapshot = newestSnapshot[0];
            }
            records = reader.readAll(replay, progress::update);
            skipped = reader.skippedCount();
        }
        return this;
    }

    void report(final PrintWriter err)
    {
        divergences.forEach((d) -> err.println("DIVERGENCE: " + d));
        gaps.forEach((g) -> err.println("GAP: " + g));
    }
}
