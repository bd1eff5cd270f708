package io.gamehall.matchmaker;

import io.gamehall.matchmaker.support.Commands;
import io.gamehall.matchmaker.support.Partition;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden scenarios: each file under {@code src/test/resources/scenarios} sets up a partition,
 * then lists commands, each followed by exactly what the engine must say to it.
 * <pre>
 * # comment
 * rules playersPerMatch=2 teams=2 teamSize=1 initialWindow=50 widenBy=50 widenEveryMs=10000 maxWindow=200 maxWaitMs=60000
 * partition queueId=1 lower=0 upper=3000
 * Tick time=1000
 * AddTicket ticketId=1 queueId=1 region=0 createdTime=1000 members=11:1500
 * AddTicket ticketId=2 queueId=1 region=0 createdTime=1000 members=12:1540
 *   &lt; MatchFound matchId=1 ...
 * </pre>
 * The {@code rules} and {@code partition} lines take the setters of {@link QueueRules} and
 * {@link PartitionConfig} (unset values keep their defaults) and come before the first command.
 * With {@code -Dgamehall.scenario.update=true} the expected lines are rewritten from what the
 * engine said: for writing new scenarios, to be read and checked by a person before committing.
 */
class ScenarioTest
{
    private static final Path DIRECTORY = Paths.get("src/test/resources/scenarios");

    @TestFactory
    Stream<DynamicTest> scenarios() throws IOException
    {
        final List<Path> files;
        try (Stream<Path> list = Files.list(DIRECTORY))
        {
            files = list.filter(p -> p.toString().endsWith(".scenario")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> run(file)));
    }

    private static void run(final Path file) throws IOException
    {
        final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        final boolean update = Boolean.getBoolean("gamehall.scenario.update");
        final List<String> rewritten = new ArrayList<>();
        QueueRules rules = new QueueRules();
        PartitionConfig config = new PartitionConfig();
        Partition partition = null;

        int i = 0;
        while (i < lines.size())
        {
            final String line = lines.get(i);
            final String trimmed = line.trim();
            rewritten.add(line);
            i++;
            if (trimmed.isEmpty() || trimmed.startsWith("#"))
            {
                continue;
            }
            if (trimmed.startsWith("<"))
            {
                throw new IllegalArgumentException(file + ":" + i + ": an output line without its command: " + line);
            }
            if (trimmed.startsWith("rules ") || trimmed.startsWith("partition "))
            {
                if (partition != null)
                {
                    throw new IllegalArgumentException(file + ":" + i + ": set-up after the first command");
                }
                final Commands.Fields f = new Commands.Fields(trimmed.split("\\s+"));
                if (trimmed.startsWith("rules "))
                {
                    rules = rules(f);
                }
                else
                {
                    config = config(f);
                }
                continue;
            }
            if (partition == null)
            {
                partition = new Partition(rules, config);
            }
            final int commandLine = i;
            final List<String> expected = new ArrayList<>();
            while (i < lines.size() && lines.get(i).trim().startsWith("<"))
            {
                expected.add(lines.get(i).trim().substring(1).trim());
                i++;
            }
            final List<String> actual = partition.apply(trimmed);
            if (update)
            {
                actual.forEach(out -> rewritten.add("  < " + out));
            }
            else
            {
                assertThat(actual).as("%s:%d %s", file.getFileName(), commandLine, trimmed).isEqualTo(expected);
            }
        }
        if (update)
        {
            Files.write(file, rewritten, StandardCharsets.UTF_8);
        }
    }

    private static QueueRules rules(final Commands.Fields f)
    {
        final QueueRules defaults = new QueueRules();
        final QueueRules rules = new QueueRules()
            .playersPerMatch((int)f.l("playersPerMatch", defaults.playersPerMatch()))
            .teams((int)f.l("teams", defaults.teams()))
            .teamSize((int)f.l("teamSize", defaults.teamSize()))
            .maxPartySize((int)f.l("maxPartySize", 0))
            .initialWindow((int)f.l("initialWindow", defaults.initialWindow()))
            .widenBy((int)f.l("widenBy", defaults.widenBy()))
            .widenEveryMs(f.l("widenEveryMs", defaults.widenEveryMs()))
            .maxWindow((int)f.l("maxWindow", defaults.maxWindow()))
            .maxWaitMs(f.l("maxWaitMs", defaults.maxWaitMs()))
            .regionStrict(Boolean.parseBoolean(f.s("regionStrict", "false")));
        f.requireAllUsed("rules");
        return rules;
    }

    private static PartitionConfig config(final Commands.Fields f)
    {
        final PartitionConfig defaults = new PartitionConfig();
        final PartitionConfig config = new PartitionConfig()
            .queueId((int)f.l("queueId", defaults.queueId()))
            .lower((int)f.l("lower", defaults.lower()))
            .upper((int)f.l("upper", defaults.upper()))
            .maxTickets((int)f.l("maxTickets", defaults.maxTickets()))
            .ratingBuckets((int)f.l("ratingBuckets", defaults.ratingBuckets()))
            .maxRegions((int)f.l("maxRegions", defaults.maxRegions()))
            .scanLimit((int)f.l("scanLimit", defaults.scanLimit()));
        f.requireAllUsed("partition");
        return config;
    }
}
