package io.gamehall.replay;

import io.gamehall.master.MasterEngine;
import io.gamehall.replication.journal.JournalReader;
import io.gamehall.replication.journal.JournalReplay;
import io.gamehall.sbe.journal.JournalCommandDecoder;
import io.gamehall.sbe.journal.JournalTimerDecoder;
import org.agrona.DirectBuffer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code gamehall replay verify}: replay everything and check every recorded state hash.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Replay the whole journal into a fresh engine and check every checkpoint, snapshot and node start.",
        "Exits 1 at the first divergence, printing its position and the commands before it."})
public final class VerifyCommand implements Callable<Integer>
{
    @Mixin
    JournalOptions journal;

    @Option(names = "--context", defaultValue = "10", description = "Commands shown before a divergence (default ${DEFAULT-VALUE}).")
    int context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final Progress progress = new Progress(err, journal.quiet);
        final RecentEntries recent = new RecentEntries(Math.max(0, context));
        final String[] failure = {null};
        final long[] gaps = {0};
        try (JournalReader reader = new JournalReader(journal.directory(), journal.skipCorrupt))
        {
            final JournalReplay replay = new JournalReplay(reader, Long.MAX_VALUE, Long.MAX_VALUE, new JournalReplay.Listener()
            {
                public void onDivergence(
                    final long position, final long recorded, final long replayed, final String what,
                    final JournalReader.Location at)
                {
                    if (failure[0] == null)
                    {
                        failure[0] = "DIVERGENCE at log position " + position + " (" + what + " in " + at.file() +
                            ", index " + Long.toHexString(at.index()) + "): the node recorded state hash " +
                            Long.toHexString(recorded) + ", replay gives " + Long.toHexString(replayed);
                        reader.stop();
                    }
                }

                public void onGap(final long from, final long to, final JournalReader.Location at)
                {
                    gaps[0]++;
                    err.println("note: entries between log positions " + from + " and " + to +
                        " are not in the journal; continuing from the snapshot or node start after them");
                }
            });
            final long records = reader.readAll(new JournalReader.Visitor()
            {
                public void nodeStarted(final io.gamehall.sbe.journal.NodeStartedDecoder r, final JournalReader.Location l)
                {
                    replay.nodeStarted(r, l);
                }

                public void command(
                    final JournalCommandDecoder r, final DirectBuffer payload, final int offset, final int length,
                    final JournalReader.Location l)
                {
                    recent.add(r);
                    replay.command(r, payload, offset, length, l);
                }

                public void timer(final JournalTimerDecoder r, final JournalReader.Location l)
                {
                    recent.add(r);
                    replay.timer(r, l);
                }

                public void checkpoint(final io.gamehall.sbe.journal.CheckpointDecoder r, final JournalReader.Location l)
                {
                    replay.checkpoint(r, l);
                }

                public void snapshotStarted(final io.gamehall.sbe.journal.SnapshotStartedDecoder r,
                    final JournalReader.Location l)
                {
                    replay.snapshotStarted(r, l);
                }

                public void snapshotPart(final DirectBuffer m, final int o, final int len, final JournalReader.Location l)
                {
                    replay.snapshotPart(m, o, len, l);
                }

                public void snapshotEnded(final io.gamehall.sbe.journal.SnapshotEndedDecoder r,
                    final JournalReader.Location l)
                {
                    replay.snapshotEnded(r, l);
                }
            }, progress::update);
            progress.done();
            reader.skipped().forEach(err::println);
            if (failure[0] != null)
            {
                out.println(failure[0]);
                out.println("the commands before it:");
                recent.lines().forEach((line) -> out.println("  " + line));
                return 1;
            }
            out.printf("OK: %,d records, %,d commands and timers replayed, %,d state hashes checked, final state hash %s " +
                    "(version " + MasterEngine.STATE_HASH_VERSION + ") at log position %d, %,d corrupt records skipped, %.1f s (%,.0f records/s)%n",
                records, replay.applied(), replay.checks(),
                replay.engine() == null ? "-" : Long.toHexString(replay.engine().stateHash()), replay.position(),
                reader.skippedCount(), progress.elapsedSeconds(), records / progress.elapsedSeconds());
            return replay.checks() == 0 ? 2 : 0;
        }
    }
}
