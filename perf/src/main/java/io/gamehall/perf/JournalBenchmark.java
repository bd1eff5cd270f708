package io.gamehall.perf;

import io.gamehall.master.EngineConfig;
import io.gamehall.replay.ReplayCommand;
import io.gamehall.replication.journal.CommandJournal;
import io.gamehall.replication.journal.JournalReader;
import io.gamehall.replication.journal.JournalReplay;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import picocli.CommandLine;

import java.io.File;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteOrder;
import java.nio.file.Files;

/**
 * How fast the replay tool rebuilds state from a journal, and that {@code dump} streams.
 * <p>
 * Writes a journal the way a node does (populating 100K users / 10K instances through real
 * commands, then the realistic mix of the engine benchmark), with a checkpoint every 100K
 * entries; reads it without acting on the records; replays it into a fresh engine comparing
 * every checkpoint (what {@code verify} does) and comparing only the last one (what
 * {@code state} does), twice each, and reports commands/s; runs {@code gamehall replay verify}
 * and {@code state} themselves; then runs {@code gamehall replay dump} over it into nowhere and
 * reports records/s and the peak heap used, which stays flat however large the journal is.
 * <p>
 * {@code java -Xmx1g <flags> -cp perf/target/benchmarks.jar io.gamehall.perf.JournalBenchmark [commands] [dir]}
 */
public final class JournalBenchmark
{
    private JournalBenchmark()
    {
    }

    /**
     * @param args commands to journal after the population (default 5,000,000), journal directory (default a temp dir).
     */
    public static void main(final String[] args) throws Exception
    {
        final long commands = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 5_000_000L;
        final File dir = args.length > 1 ? new File(args[1]) : Files.createTempDirectory("gamehall-journal-bench-").toFile();
        final boolean temporary = args.length <= 1;
        try
        {
            final long[] lastCheckpoint = {-1};
            final long written = write(dir, commands, lastCheckpoint);
            readOnly(dir);
            readOnly(dir);
            for (int run = 1; run <= 2; run++)
            {
                rebuild(dir, written, run, -1);
                rebuild(dir, written, run, lastCheckpoint[0]);
            }
            tool(dir, written, "verify", "-q");
            tool(dir, written, "state", "-q");
            dump(dir);
        }
        finally
        {
            if (temporary)
            {
                IoUtil.delete(dir, true);
            }
        }
    }

    private static long write(final File dir, final long commands, final long[] lastCheckpoint)
    {
        final EngineConfig config = EngineWorkload.config();
        final EngineHarness harness = new EngineHarness(config, Population.SERVERS, config.maxServers());
        final long[] position = {0};
        final long started = System.nanoTime();
        try (CommandJournal journal = new CommandJournal(new CommandJournal.Context().directory(dir)
            .checkpointInterval(100_000)))
        {
            journal.nodeStarted(0, 0, EngineHarness.START_TIME_MS, harness.engine().stateHash(), config);
            harness.onApplied((buffer, offset, length, timestamp) ->
            {
                position[0] += 64 + length;
                final BenchmarkOutput output = harness.output();
                final boolean due = journal.command(position[0], 0, timestamp,
                    buffer.getLong(offset + EngineHarness.CLIENT_ID_OFFSET, ByteOrder.LITTLE_ENDIAN),
                    buffer.getLong(offset + EngineHarness.REQUEST_ID_OFFSET, ByteOrder.LITTLE_ENDIAN),
                    buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF, output.lastCode(), true,
                    output.lastSubjectId(), output.lastDetailId(), buffer, offset, length);
                if (due)
                {
                    journal.checkpoint(position[0], timestamp, harness.engine().stateHash());
                    lastCheckpoint[0] = position[0];
                }
            });
            final Population population = Population.populate(harness);
            final CommandScript script = CommandScript.build(population, Mix.REALISTIC, CommandScript.BLOCKS,
                EngineWorkload.SEED);
            final ScriptPlayer player = new ScriptPlayer(harness, script);
            for (long i = 0; i < commands; i++)
            {
                player.step();
            }
            final long entries = journal.entries();
            final double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("journal: %,d entries written in %.1f s (%,.0f entries/s, engine included), %,d MB in %s%n",
                entries, seconds, entries / seconds, sizeMb(dir), dir);
            System.out.printf("final state hash %s%n", Long.toHexString(harness.engine().stateHash()));
            return entries;
        }
    }

    private static void readOnly(final File dir)
    {
        final long[] commands = {0};
        final long started = System.nanoTime();
        try (JournalReader reader = new JournalReader(dir, false))
        {
            final long records = reader.readAll(new JournalReader.Visitor()
            {
                public void command(
                    final io.gamehall.sbe.journal.JournalCommandDecoder record,
                    final DirectBuffer payload,
                    final int offset,
                    final int length,
                    final JournalReader.Location at)
                {
                    commands[0] += record.logPosition() > 0 ? 1 : 0;
                }
            }, null);
            final double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("read only: %,d records (%,d commands) in %.2f s = %,.0f records/s%n", records, commands[0],
                seconds, records / seconds);
        }
    }

    /**
     * Replay into a fresh engine, comparing every checkpoint (onlyCheckpoint -1) or only one.
     */
    private static void rebuild(final File dir, final long expected, final int run, final long onlyCheckpoint)
    {
        final long[] divergences = {0};
        final long started = System.nanoTime();
        try (JournalReader reader = new JournalReader(dir, false))
        {
            final JournalReplay replay = new JournalReplay(reader, Long.MAX_VALUE, Long.MAX_VALUE,
                (position, recorded, replayed, what, at) -> divergences[0]++).onlyCheckpointAt(onlyCheckpoint);
            final long records = reader.readAll(replay, null);
            final double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("rebuild %d, %s checkpoint compared: %,d records, %,d commands applied in %.2f s = " +
                "%,.0f commands/s; %,d hashes checked, %d divergences, final hash %s%n", run,
                onlyCheckpoint < 0 ? "every" : "the last", records, replay.applied(), seconds,
                replay.applied() / seconds, replay.checks(), divergences[0],
                Long.toHexString(replay.engine().stateHash()));
            if (divergences[0] != 0 || replay.applied() != expected)
            {
                throw new IllegalStateException("rebuild did not reproduce the journal");
            }
        }
    }

    /**
     * Run a {@code gamehall replay} command over the journal, its output to nowhere.
     */
    private static void tool(final File dir, final long commands, final String... command)
    {
        final PrintWriter nowhere = new PrintWriter(OutputStream.nullOutputStream());
        final StringWriterSink err = new StringWriterSink();
        final String[] args = java.util.Arrays.copyOf(command, command.length + 2);
        args[command.length] = "-j";
        args[command.length + 1] = dir.getPath();
        final long started = System.nanoTime();
        final int exit = new CommandLine(new ReplayCommand()).setOut(nowhere).setErr(err.writer()).execute(args);
        final double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("replay %s: exit %d in %.2f s = %,.0f commands/s%s%n",
            command[0], exit, seconds, commands / seconds, err.text().isEmpty() ? "" : "; " + err.text().trim());
        if (exit != 0)
        {
            throw new IllegalStateException("replay " + command[0] + " failed");
        }
    }

    private static void dump(final File dir)
    {
        final PrintWriter nowhere = new PrintWriter(OutputStream.nullOutputStream());
        final StringWriterSink err = new StringWriterSink();
        resetPeaks();
        final long started = System.nanoTime();
        final int exit = new CommandLine(new ReplayCommand()).setOut(nowhere).setErr(err.writer())
            .execute("dump", "-q", "-j", dir.getPath());
        final double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("dump: exit %d in %.1f s, peak heap used %,d MB (of %,d MB max); %s", exit, seconds,
            peakHeapMb(), Runtime.getRuntime().maxMemory() / (1024 * 1024), err.text());
    }

    private static void resetPeaks()
    {
        System.gc();
        for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
        {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeapMb()
    {
        long peak = 0;
        for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
        {
            if (pool.getType() == MemoryType.HEAP)
            {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024 * 1024);
    }

    private static long sizeMb(final File dir)
    {
        long bytes = 0;
        final File[] files = dir.listFiles();
        if (files != null)
        {
            for (final File f : files)
            {
                bytes += f.length();
            }
        }
        return bytes / (1024 * 1024);
    }

    private static final class StringWriterSink
    {
        private final java.io.StringWriter text = new java.io.StringWriter();

        PrintWriter writer()
        {
            return new PrintWriter(text);
        }

        String text()
        {
            return text.toString();
        }
    }
}
