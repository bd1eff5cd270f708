package io.gamehall.replay;

import io.gamehall.replication.journal.JournalReader;
import io.gamehall.sbe.journal.JournalCommandDecoder;
import org.agrona.DirectBuffer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code gamehall replay dump}: one line per journaled command, filtered; streams.
 */
@Command(name = "dump", mixinStandardHelpOptions = true,
    description = "One line per command: time, position, client, command and fields, result. Streams any size.")
public final class DumpCommand implements Callable<Integer>
{
    @Mixin
    JournalOptions journal;

    @Option(names = "--from", converter = TimeConverter.class, description = "From this cluster time (ISO-8601 or epoch ms).")
    Long from;

    @Option(names = "--to", converter = TimeConverter.class, description = "Up to this cluster time.")
    Long to;

    @Option(names = "--from-position", description = "From this log position.")
    Long fromPosition;

    @Option(names = "--to-position", description = "Up to this log position.")
    Long toPosition;

    @Option(names = "--user", description = "Commands naming this user (id or name).")
    String user;

    @Option(names = "--instance", description = "Commands naming this instance (and the create that made it).")
    Long instance;

    @Option(names = "--server", description = "Commands naming this server (gateway or host).")
    Long server;

    @Option(names = "--command", split = ",", description = "Only these commands, e.g. CheckInUser,JoinInstance.")
    List<String> commands;

    @Option(names = "--result", split = ",", description = "Only these result codes, e.g. NO_CAPACITY,INSTANCE_FULL.")
    List<String> results;

    @Option(names = "--format", defaultValue = "text", description = "text or json (JSON lines) (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--limit", defaultValue = "-1", description = "Stop after this many matching lines.")
    long limit;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public Integer call()
    {
        if (!format.equals("text") && !format.equals("json"))
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format must be text or json");
        }
        final RecordFilter filter = filter();
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final Progress progress = new Progress(err, journal.quiet);
        final long[] shown = {0};
        final long[] commandsSeen = {0};
        try (JournalReader reader = new JournalReader(journal.directory(), journal.skipCorrupt))
        {
            final long records = reader.readAll(new JournalReader.Visitor()
            {
                public void command(
                    final JournalCommandDecoder record,
                    final DirectBuffer payload,
                    final int offset,
                    final int length,
                    final JournalReader.Location at)
                {
                    commandsSeen[0]++;
                    if (toPosition != null && record.logPosition() > toPosition)
                    {
                        reader.stop();
                        return;
                    }
                    final CommandRecord command = CommandRecord.of(record, payload, offset, length);
                    if (filter.matches(command))
                    {
                        out.println(format.equals("json") ? command.toJson() : command.toText());
                        if (++shown[0] == limit)
                        {
                            reader.stop();
                        }
                    }
                }
            }, progress::update);
            out.flush();
            progress.done();
            err.printf("%,d records read, %,d commands, %,d shown, %,d corrupt skipped, %.1f s%n",
                records, commandsSeen[0], shown[0], reader.skippedCount(), progress.elapsedSeconds());
            reader.skipped().forEach(err::println);
        }
        return 0;
    }

    private RecordFilter filter()
    {
        final RecordFilter filter = new RecordFilter();
        if (from != null)
        {
            filter.fromTime = from;
        }
        if (to != null)
        {
            filter.toTime = to;
        }
        if (fromPosition != null)
        {
            filter.fromPosition = fromPosition;
        }
        if (toPosition != null)
        {
            filter.toPosition = toPosition;
        }
        filter.user = user;
        filter.instance = instance;
        filter.server = server;
        filter.commands = commands == null ? null : new HashSet<>(commands);
        filter.results = results == null ? null : new HashSet<>(results);
        return filter;
    }
}
