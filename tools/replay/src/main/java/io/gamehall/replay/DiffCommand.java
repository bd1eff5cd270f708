package io.gamehall.replay;

import io.gamehall.replication.journal.JournalReader;
import io.gamehall.sbe.journal.JournalCommandDecoder;
import io.gamehall.sbe.journal.JournalTimerDecoder;
import org.agrona.DirectBuffer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.File;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code gamehall replay diff}: compare what two nodes applied, entry by entry.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {"Compare the commands and timers two nodes applied (e.g. leader and follower) and report the first",
        "difference. Exits 0 when identical, 1 otherwise."})
public final class DiffCommand implements Callable<Integer>
{
    @Parameters(index = "0", description = "First journal (or data directory).")
    File first;

    @Parameters(index = "1", description = "Second journal (or data directory).")
    File second;

    @Option(names = "--skip-corrupt", description = "Skip corrupt records instead of stopping.")
    boolean skipCorrupt;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        try (JournalReader a = new JournalReader(JournalOptions.directoryOf(first), skipCorrupt);
            JournalReader b = new JournalReader(JournalOptions.directoryOf(second), skipCorrupt))
        {
            final Entry left = new Entry();
            final Entry right = new Entry();
            long compared = 0;
            while (true)
            {
                final boolean hasLeft = nextEntry(a, left);
                final boolean hasRight = nextEntry(b, right);
                if (!hasLeft && !hasRight)
                {
                    out.printf("identical: %,d commands and timers%n", compared);
                    return 0;
                }
                if (hasLeft != hasRight)
                {
                    out.printf("the journals agree on %,d entries, then %s ends; the other continues with:%n  %s%n",
                        compared, hasLeft ? second : first, hasLeft ? left.text : right.text);
                    return 1;
                }
                if (!left.key.equals(right.key))
                {
                    out.printf("first difference after %,d equal entries:%n  %s: %s%n  %s: %s%n",
                        compared, first, left.text, second, right.text);
                    return 1;
                }
                compared++;
            }
        }
    }

    private static final class Entry
    {
        String key;
        String text;
        boolean found;
    }

    private static boolean nextEntry(final JournalReader reader, final Entry entry)
    {
        entry.found = false;
        final JournalReader.Visitor visitor = new JournalReader.Visitor()
        {
            public void command(
                final JournalCommandDecoder r, final DirectBuffer payload, final int offset, final int length,
                final JournalReader.Location at)
            {
                final byte[] bytes = new byte[length];
                payload.getBytes(offset, bytes);
                entry.key = r.logPosition() + "|" + r.timestamp() + "|" + r.clientId() + "|" + r.requestId() + "|" +
                    r.codeRaw() + "|" + r.subjectId() + "|" + r.detailId() + "|" + java.util.Arrays.toString(bytes);
                entry.text = CommandRecord.of(r, payload, offset, length).toText();
                entry.found = true;
            }

            public void timer(final JournalTimerDecoder r, final JournalReader.Location at)
            {
                entry.key = r.logPosition() + "|" + r.timestamp() + "|timer|" + r.correlationId();
                entry.text = java.time.Instant.ofEpochMilli(r.timestamp()) + " pos=" + r.logPosition() + " timer " +
                    r.correlationId();
                entry.found = true;
            }
        };
        while (!entry.found)
        {
            if (!reader.next(visitor))
            {
                return false;
            }
        }
        return true;
    }
}
