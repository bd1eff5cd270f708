package io.gamehall.master;

import io.gamehall.master.support.CommandText;
import io.gamehall.master.support.RecordingOutput;
import org.agrona.ExpandableArrayBuffer;
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
 * Scenario tests: each file under {@code src/test/resources/scenarios} is a readable script of
 * inputs, each followed by exactly the outputs the engine must produce for it.
 * <pre>
 * # comment
 * &#64;1000 CheckInUser clientId=1 requestId=3 gatewayId=1 userId=7 userName=alice
 *   &lt; CommandResult clientId=1 requestId=3 command=5 code=OK subjectId=7 detailId=0
 * &#64;7000 timer
 *   &lt; timer(id=1) at=12000
 * </pre>
 * {@code @T} applies a command (or fires the liveness timer) at cluster time T. With
 * {@code -Dgamehall.scenario.update=true} the expected lines are rewritten from what the
 * engine did: for writing new scenarios, to be read and checked by a person before committing.
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
        final RecordingOutput output = new RecordingOutput();
        final MasterEngine engine = new MasterEngine(
            new EngineConfig().maxServers(32).maxUsers(256).maxInstances(128).maxClients(16).dedupWindow(8), output);
        final CommandText commandText = new CommandText();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
        final List<String> rewritten = new ArrayList<>();

        int i = 0;
        while (i < lines.size())
        {
            final String line = lines.get(i);
            final String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#"))
            {
                rewritten.add(line);
                i++;
                continue;
            }
            if (!trimmed.startsWith("@"))
            {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected an @time input line: " + line);
            }
            final int inputLine = i + 1;
            final int space = trimmed.indexOf(' ');
            final long time = Long.parseLong(space < 0 ? trimmed.substring(1) : trimmed.substring(1, space));
            final String input = space < 0 ? "" : trimmed.substring(space + 1).trim();
            rewritten.add(line);
            i++;

            final List<String> expected = new ArrayList<>();
            while (i < lines.size() && lines.get(i).trim().startsWith("<"))
            {
                expected.add(lines.get(i).trim().substring(1).trim());
                i++;
            }

            final int mark = output.mark();
            if (input.equals("timer"))
            {
                engine.onTimer(MasterEngine.LIVENESS_TIMER_ID, time);
            }
            else
            {
                final int length = commandText.encode(input, buffer, 0);
                engine.apply(buffer, 0, length, time);
            }
            final List<String> actual = output.since(mark);
            if (update)
            {
                actual.forEach(out -> rewritten.add("  < " + out));
            }
            else
            {
                assertThat(actual).as("%s:%d %s", file.getFileName(), inputLine, input).isEqualTo(expected);
            }
        }
        if (update)
        {
            Files.write(file, rewritten, StandardCharsets.UTF_8);
        }
    }
}
