package io.gamehall.launcher;

import io.gamehall.aeron.IdleKind;
import io.gamehall.aeron.IdleSettings;
import io.gamehall.replication.MasterNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The idle options every command that runs Aeron agents shares ({@link IdleOptions}): listed with
 * their defaults, carried into the component's context, and a bad value refused before anything
 * starts with a message that names the option.
 */
class IdleOptionsTest
{
    private static final String[] COMMANDS = {"master", "host", "gateway", "local"};

    @TempDir
    File dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Map<String, String> environment = TestSecrets.environment(SecretKind.values());

    private CommandLine commandLine()
    {
        final CommandLine commandLine = Gamehall.commandLine(environment::get);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine;
    }

    private int run(final String... args)
    {
        return commandLine().execute(args);
    }

    @Test
    void shouldListTheIdleOptionsWithTheirDefaultsOnEveryCommandThatRunsAgents()
    {
        for (final String command : COMMANDS)
        {
            out.getBuffer().setLength(0);
            assertThat(run(command, "--help")).isZero();
            assertThat(out.toString()).as(command).contains("--idle=KIND", "BACKOFF", "BUSY_SPIN", "--max-park-us=US",
                "--idle-spins=N", "--idle-yields=N", "--quiet-park-us=US", "--quiet-wakeups=N");
        }
        assertThat(run("bench", "load", "--help")).isZero();
        assertThat(out.toString()).contains("--idle=KIND", "--quiet-park-us=US");
    }

    @Test
    void shouldGiveTheComponentTheDocumentedDefaultsUnlessSet()
    {
        assertThat(masterContext().idle()).isEqualTo(IdleSettings.DEFAULT);
        assertThat(masterContext("--idle", "YIELDING", "--max-park-us", "50", "--idle-spins", "0", "--idle-yields", "5",
            "--quiet-park-us", "1000", "--quiet-wakeups", "20").idle())
            .isEqualTo(new IdleSettings(IdleKind.YIELDING, 0, 5, 50, 1000, 20));
    }

    @Test
    void shouldCarryTheIdleSettingsIntoTheGatewaysContext() throws Exception
    {
        final CommandLine commandLine = commandLine();
        commandLine.parseArgs("gateway", "--idle", "SLEEPING", "--idle-yields", "0");
        assertThat(((GatewayCommand)commandLine.getSubcommands().get("gateway").getCommand()).context().idle())
            .isEqualTo(IdleSettings.DEFAULT.withKind(IdleKind.SLEEPING).withYields(0));
    }

    @Test
    void shouldRefuseAValueOutOfRangeNamingTheOption()
    {
        assertThat(run("master", "--idle-spins", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--idle-spins': idle spins must be at least 0: -1");

        err.getBuffer().setLength(0);
        assertThat(run("host", "--max-park-us", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--max-park-us': longest park (µs) must be at " +
            "least 1: 0");

        err.getBuffer().setLength(0);
        assertThat(run("gateway", "--quiet-park-us", "5000000")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--quiet-park-us': a park of more than 1 s");
    }

    @Test
    void shouldRefuseWhatIsNotANumberOrAKind()
    {
        assertThat(run("local", "--idle-yields", "some")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--idle-yields'", "'some' is not a long");

        err.getBuffer().setLength(0);
        assertThat(run("master", "--idle", "NAPPING")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--idle'",
            "expected one of [BACKOFF, YIELDING, BUSY_SPIN, SLEEPING]", "NAPPING");
    }

    private MasterNode.Context masterContext(final String... args)
    {
        final CommandLine commandLine = commandLine();
        final String[] line = new String[args.length + 3];
        line[0] = "master";
        line[1] = "--data-dir";
        line[2] = new File(dir, "node").getPath();
        System.arraycopy(args, 0, line, 3, args.length);
        commandLine.parseArgs(line);
        return ((MasterCommand)commandLine.getSubcommands().get("master").getCommand()).context();
    }
}
