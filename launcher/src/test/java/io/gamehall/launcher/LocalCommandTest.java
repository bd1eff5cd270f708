package io.gamehall.launcher;

import io.gamehall.replay.EngineOptions;
import io.gamehall.replication.EngineConfigFile;
import org.agrona.IoUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code gamehall local}: the whole system in the test's JVM with bots playing, and its refusals.
 */
class LocalCommandTest
{
    private static final Pattern SUMMARY =
        Pattern.compile("stopped after \\d+ s; bots: games finished (\\d+), moves (\\d+), .*errors (\\d+) ");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private File dataDir;

    @AfterEach
    void removeData()
    {
        if (dataDir != null)
        {
            IoUtil.delete(dataDir, true);
        }
    }

    private int run(final String... args)
    {
        final CommandLine commandLine = Gamehall.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void shouldRunBotsToFinishedGamesWithoutErrorsThenStopCleanlyAndStartAgainOnTheSameData() throws Exception
    {
        dataDir = Files.createTempDirectory("gamehall-local-test-").toFile();
        final String[] args = {"local", "--bots", "4", "--duration", "8", "--port", "0", "--master-port", "0",
            "--data-dir", dataDir.getPath(), "--status-interval", "2"};

        assertThat(run(args)).as(err.toString()).isZero();
        final String first = out.toString();
        System.out.println(first);
        assertThat(first).contains("a local dev setup", "WebSocket URL: ws://127.0.0.1:", "/ws   web page: http://127.0.0.1:", "4 accounts created",
            "] users ", "| instances ", "commands/s", "games finished");
        final Matcher summary = SUMMARY.matcher(first);
        assertThat(summary.find()).as(first).isTrue();
        assertThat(Long.parseLong(summary.group(1))).as("games finished").isPositive();
        assertThat(Long.parseLong(summary.group(2))).as("moves").isPositive();
        assertThat(Long.parseLong(summary.group(3))).as("errors").isZero();
        assertThat(new File(dataDir, "master/cluster")).isDirectory();
        assertThat(new File(dataDir, "store")).isDirectory();
        assertThat(err.toString()).doesNotContain("warning");

        // everything was closed: the same data directory opens again, the bots' accounts are there
        out.getBuffer().setLength(0);
        assertThat(run("local", "--bots", "2", "--duration", "2", "--port", "0", "--master-port", "0",
            "--data-dir", dataDir.getPath())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("0 accounts created", "stopped after");

        // the master runs gamehall master's engine configuration, or what the engine options say
        assertThat(EngineConfigFile.read(new File(dataDir, "master")).dedupWindow())
            .isEqualTo(EngineOptions.defaults().dedupWindow());
        out.getBuffer().setLength(0);
        assertThat(run("local", "--bots", "0", "--duration", "1", "--port", "0", "--master-port", "0",
            "--max-users", "5000", "--data-dir", dataDir.getPath())).as(err.toString()).isZero();
        assertThat(EngineConfigFile.read(new File(dataDir, "master")).maxUsers()).isEqualTo(5000);
    }

    @Test
    void shouldRefuseBadOptionsWithExitCode2()
    {
        assertThat(run("local", "--bots", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--bots, --think-ms and --duration must be >= 0");
        assertThat(run("local", "--port", "65536")).isEqualTo(2);
        assertThat(err.toString()).contains("--port must be 0..65535");
        assertThat(run("local", "--duration", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("'soon' is not a long");
        assertThat(run("local", "--bind", "0.0.0.0")).isEqualTo(2);
        assertThat(err.toString()).contains("--bind 0.0.0.0 is not a loopback address",
            "public development secrets");
    }
}
