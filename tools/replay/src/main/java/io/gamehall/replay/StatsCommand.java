package io.gamehall.replay;

import io.gamehall.replication.journal.JournalReader;
import io.gamehall.sbe.journal.JournalCommandDecoder;
import org.agrona.DirectBuffer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code gamehall replay stats}: what the journal holds, counted.
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = "Counts per command and result code, commands per minute, busiest users and instances.")
public final class StatsCommand implements Callable<Integer>
{
    @Mixin
    JournalOptions journal;

    @Option(names = "--top", defaultValue = "10", description = "How many busiest users, instances and minutes (default ${DEFAULT-VALUE}).")
    int top;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final Progress progress = new Progress(err, journal.quiet);
        final Map<String, Long> byCommand = new TreeMap<>();
        final Map<String, Long> byResult = new TreeMap<>();
        final Map<Long, Long> byMinute = new TreeMap<>();
        final Map<Long, Long> byUser = new HashMap<>();
        final Map<Long, Long> byInstance = new HashMap<>();
        final long[] timers = {0};
        try (JournalReader reader = new JournalReader(journal.directory(), journal.skipCorrupt))
        {
            final long records = reader.readAll(new JournalReader.Visitor()
            {
                public void command(
                    final JournalCommandDecoder r, final DirectBuffer payload, final int offset, final int length,
                    final JournalReader.Location at)
                {
                    final CommandRecord c = CommandRecord.of(r, payload, offset, length);
                    byCommand.merge(c.command(), 1L, Long::sum);
                    byResult.merge(c.result(), 1L, Long::sum);
                    byMinute.merge(c.timestamp() / 60_000, 1L, Long::sum);
                    for (final String field : new String[]{"userId", "ownerId"})
                    {
                        final Long id = c.longField(field);
                        if (id != null && id != 0)
                        {
                            byUser.merge(id, 1L, Long::sum);
                        }
                    }
                    final Long instance = c.longField("instanceId");
                    if (instance != null && instance != 0)
                    {
                        byInstance.merge(instance, 1L, Long::sum);
                    }
                }

                public void timer(final io.gamehall.sbe.journal.JournalTimerDecoder r, final JournalReader.Location at)
                {
                    timers[0]++;
                }
            }, progress::update);
            progress.done();
            reader.skipped().forEach(err::println);
            final long commands = byCommand.values().stream().mapToLong(Long::longValue).sum();
            out.printf("%,d records: %,d commands, %,d timers, %,d corrupt skipped%n", records, commands, timers[0],
                reader.skippedCount());
            out.println("commands:");
            byCommand.forEach((k, v) -> out.printf("  %-20s %,12d%n", k, v));
            out.println("results:");
            byResult.forEach((k, v) -> out.printf("  %-24s %,12d%n", k, v));
            if (!byMinute.isEmpty())
            {
                out.printf("commands per minute: %,d minutes, average %,.0f, busiest:%n", byMinute.size(),
                    (double)commands / byMinute.size());
                printTop(out, byMinute, top, (minute) -> Instant.ofEpochMilli(minute * 60_000).toString());
            }
            out.println("busiest users:");
            printTop(out, byUser, top, (id) -> "user " + id);
            out.println("busiest instances:");
            printTop(out, byInstance, top, (id) -> "instance " + id);
        }
        return 0;
    }

    private static void printTop(
        final PrintWriter out, final Map<Long, Long> counts, final int top, final java.util.function.LongFunction<String> label)
    {
        counts.entrySet().stream()
            .sorted(Comparator.<Map.Entry<Long, Long>>comparingLong(Map.Entry::getValue).reversed()
                .thenComparingLong(Map.Entry::getKey))
            .limit(top)
            .forEach((e) -> out.printf("  %-32s %,12d%n", label.apply(e.getKey()), e.getValue()));
    }
}
