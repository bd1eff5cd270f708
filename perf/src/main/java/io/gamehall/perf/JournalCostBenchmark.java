package io.gamehall.perf;

import io.gamehall.master.EngineConfig;
import io.gamehall.replication.journal.CommandJournal;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Arrays;

/**
 * What journaling costs per command, without a cluster around it: commands are journaled at a
 * fixed rate (default 300,000/s, about what one node applies pipelined on 2 cores) for a number
 * of seconds after a 2 s warm-up; reports the time the calling (service) thread spends in
 * {@link CommandJournal#command} per command (median over 1 ms ticks, so that a tick in which
 * the thread was descheduled does not count, and the mean), and the CPU time of the journal's
 * writer thread per command, user and system apart (ThreadMXBean; system time is mostly the
 * kernel preparing the queue file's new pages).
 * <p>
 * {@code java -Xmx512m <flags> -cp perf/target/benchmarks.jar io.gamehall.perf.JournalCostBenchmark [rate] [seconds] [payload bytes]}
 */
public final class JournalCostBenchmark
{
    private static final String WRITER_THREAD = "gamehall-journal-writer";
    /** The payload is shaped like a command: SBE header (template id {@link #COMMAND}), client id, request id. */
    private static final int COMMAND = 3;
    private static final long CLIENT_ID = 7;
    private static final int CLIENT_ID_OFFSET = 8;
    private static final int REQUEST_ID_OFFSET = 16;
    private static final int PAYLOAD_IDS_END = 24;

    private JournalCostBenchmark()
    {
    }

    /**
     * @param args commands per second (default 300,000), measured seconds (default 10), command
     *             payload bytes, at least 24 (default 36: a ServerHeartbeat, the harness workload).
     */
    public static void main(final String[] args) throws Exception
    {
        final int rate = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 300_000;
        final int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        final int payloadLength = args.length > 2 ? Integer.parseInt(args[2]) : 36;
        if (payloadLength < PAYLOAD_IDS_END)
        {
            throw new IllegalArgumentException("payload bytes must be at least " + PAYLOAD_IDS_END +
                " (an SBE header, the client id and the request id): " + payloadLength);
        }
        final File dir = Files.createTempDirectory("gamehall-journal-cost-").toFile();
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[payloadLength]);
        payload.putShort(2, (short)COMMAND, ByteOrder.LITTLE_ENDIAN);
        payload.putLong(CLIENT_ID_OFFSET, CLIENT_ID, ByteOrder.LITTLE_ENDIAN);
        final int perTick = rate / 1000;
        try (CommandJournal journal = new CommandJournal(new CommandJournal.Context().directory(dir)))
        {
            journal.nodeStarted(0, 0, 0, 0, new EngineConfig());
            final long writer = writerThreadId();
            long position = 0;
            for (int phase = 0; phase < 2; phase++)
            {
                final int ticks = (phase == 0 ? 2 : seconds) * 1000;
                final long[] tickNs = new long[ticks];
                final long writerCpu = threads.getThreadCpuTime(writer);
                final long writerUser = threads.getThreadUserTime(writer);
                final long start = System.nanoTime();
                for (int tick = 0; tick < ticks; tick++)
                {
                    final long tickStart = System.nanoTime();
                    for (int i = 0; i < perTick; i++)
                    {
                        position += 100;
                        payload.putLong(REQUEST_ID_OFFSET, position, ByteOrder.LITTLE_ENDIAN);
                        if (journal.command(position, 1, position, CLIENT_ID, position, COMMAND, 0, true, 5, 6, payload,
                            0, payloadLength))
                        {
                            journal.checkpoint(position, position, 42);
                        }
                    }
                    tickNs[tick] = System.nanoTime() - tickStart;
                    final long next = start + (tick + 1) * 1_000_000L;
                    while (System.nanoTime() < next)
                    {
                        Thread.onSpinWait();
                    }
                }
                if (phase == 1)
                {
                    final double commands = (double)ticks * perTick;
                    final double cpu = threads.getThreadCpuTime(writer) - writerCpu;
                    final double user = threads.getThreadUserTime(writer) - writerUser;
                    final double mean = Arrays.stream(tickNs).sum() / commands;
                    Arrays.sort(tickNs);
                    System.out.printf("%,.0f commands at %,d/s, payload %d bytes: calling thread in command() " +
                        "median %.0f ns/command (mean %.0f); writer thread %.0f ns/command CPU = user %.0f + " +
                        "system %.0f (%.1f%% of a core)%n", commands, rate, payloadLength,
                        tickNs[ticks / 2] / (double)perTick, mean, cpu / commands, user / commands,
                        (cpu - user) / commands, 100 * cpu / (seconds * 1e9));
                }
            }
        }
        finally
        {
            IoUtil.delete(dir, true);
        }
    }

    private static long writerThreadId() throws InterruptedException
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            for (final Thread thread : Thread.getAllStackTraces().keySet())
            {
                if (WRITER_THREAD.equals(thread.getName()))
                {
                    return thread.getId();
                }
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("no " + WRITER_THREAD + " thread");
    }
}
