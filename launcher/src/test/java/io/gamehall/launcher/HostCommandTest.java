package io.gamehall.launcher;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code gamehall host}: help and the refusals of bad options (a running host is covered by the
 * game-host module's system tests).
 */
class HostCommandTest
{
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args)
    {
        final CommandLine commandLine = Gamehall.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void helpNamesTheOptionsAndTheSampleGames()
    {
        assertThat(run("host", "--help")).isZero();
        assertThat(out.toString()).contains("--masters", "--capacity", "--runners", "--store-config", "--game",
            "connect-four", "arena");
    }

    @Test
    void anUnknownSampleGameIsRefusedWithTheNamesThatExist()
    {
        assertThat(run("host", "--games", "chess")).isEqualTo(2);
        assertThat(err.toString()).contains("no sample game named chess").contains("connect-four");
    }

    @Test
    void anExtraGameMustBeAGameLogicWithANoArgumentConstructor()
    {
        assertThat(run("host", "--game", "5:strings:java.lang.String")).isEqualTo(2);
        assertThat(err.toString()).contains("does not implement GameLogic");
        assertThat(run("host", "--game", "5:nope:com.example.Missing")).isEqualTo(2);
        assertThat(err.toString()).contains("not found on the class path");
        assertThat(run("host", "--game", "five")).isEqualTo(2);
        assertThat(err.toString()).contains("ID:NAME:CLASS");
    }

    @Test
    void anExtraGameJoinsTheSampleGames()
    {
        final HostCommand command = new HostCommand();
        new CommandLine(command).parseArgs("--games", "arena", "--game",
            "40:four-copy:io.gamehall.host.games.connectfour.ConnectFour");
        assertThat(command.catalog().entries()).extracting(e -> e.name()).containsExactly("arena", "four-copy");
    }

    @Test
    void badNumbersAreRefusedBeforeAnythingStarts()
    {
        assertThat(run("host", "--capacity", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("capacity");
    }
}
