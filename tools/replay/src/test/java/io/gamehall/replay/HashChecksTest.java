package io.gamehall.replay;

import io.gamehall.master.EngineConfig;
import io.gamehall.master.EngineOutput;
import io.gamehall.master.MasterEngine;
import io.gamehall.replication.journal.CommandJournal;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state-hash checks of {@code verify} and {@code state}, on journals written directly (no
 * cluster): verify names the checkpoint that diverges and shows the entries before it, the
 * newest last; state compares only the last checkpoint before its target.
 */
@Timeout(60)
class HashChecksTest
{
    @Test
    void shouldShowTheEntriesBeforeADivergence() throws Exception
    {
        final File dir = Files.createTempDirectory("gamehall-verify-").toFile();
        try
        {
            final long freshHash = new MasterEngine(new EngineConfig(), EngineOutput.NONE).stateHash();
            try (CommandJournal journal = new CommandJournal(new CommandJournal.Context().directory(dir)))
            {
                journal.nodeStarted(0, 0, 0, freshHash, new EngineConfig());
                emptyCommands(journal, 1, 15);
                journal.timer(16, 0, 16_000, 999);
                journal.checkpoint(16, 16_000, 42);
            }

            final String[] outAndErr = new String[2];
            final int exit = ReplayRun.run(outAndErr, "verify", "-q", "--context", "3", "-j", dir.getPath());

            assertThat(exit).as(outAndErr[1]).isEqualTo(1);
            final String text = outAndErr[0];
            assertThat(text).contains("DIVERGENCE at log position 16 (checkpoint")
                .contains("the node recorded state hash 2a");
            final String before = text.substring(text.indexOf("the commands before it:"));
            assertThat(before.lines().skip(1).map(String::trim).toList()).hasSize(3);
            assertThat(before).contains("pos=14 ").contains("pos=15 ").contains("pos=16 timer 999")
                .doesNotContain("pos=13 ");
            assertThat(before.indexOf("pos=14 ")).isLessThan(before.indexOf("pos=15 "));
            assertThat(before.indexOf("pos=15 ")).isLessThan(before.indexOf("pos=16 timer"));
        }
        finally
        {
            IoUtil.delete(dir, true);
        }
    }

    @Test
    void shouldCompareOnlyTheLastCheckpointBeforeItsTargetInState() throws Exception
    {
        final File dir = Files.createTempDirectory("gamehall-state-").toFile();
        try
        {
            // commands that change nothing keep the fresh engine's hash; the checkpoint at 5
            // records a wrong one, the ones at 10 and 15 the right one
            final long freshHash = new MasterEngine(new EngineConfig(), EngineOutput.NONE).stateHash();
            try (CommandJournal journal = new CommandJournal(new CommandJournal.Context().directory(dir)))
            {
                journal.nodeStarted(0, 0, 0, freshHash, new EngineConfig());
                emptyCommands(journal, 1, 5);
                journal.checkpoint(5, 5_000, 42);
                emptyCommands(journal, 6, 10);
                journal.checkpoint(10, 10_000, freshHash);
                emptyCommands(journal, 11, 15);
                journal.checkpoint(15, 15_000, freshHash);
            }
            final String[] outAndErr = new String[2];

            assertThat(ReplayRun.run(outAndErr, "state", "-q", "-j", dir.getPath())).as(outAndErr[1]).isZero();
            assertThat(outAndErr[1]).doesNotContain("DIVERGENCE");
            assertThat(outAndErr[0]).contains("state at log position 15");

            assertThat(ReplayRun.run(outAndErr, "state", "-q", "--at", "7", "-j", dir.getPath())).isEqualTo(1);
            assertThat(outAndErr[1]).contains("DIVERGENCE: checkpoint at log position 5");
            assertThat(outAndErr[0]).contains("state at log position 7");

            assertThat(ReplayRun.run(outAndErr, "verify", "-q", "-j", dir.getPath())).isEqualTo(1);
            assertThat(outAndErr[0]).contains("DIVERGENCE at log position 5 (checkpoint");
        }
        finally
        {
            IoUtil.delete(dir, true);
        }
    }

    private static void emptyCommands(final CommandJournal journal, final long from, final long to)
    {
        final UnsafeBuffer empty = new UnsafeBuffer(new byte[0]);
        for (long position = from; position <= to; position++)
        {
            journal.command(position, 0, 1_000 * position, 7, position, 0, 0, true, 0, 0, empty, 0, 0);
        }
    }
}
