package io.gamehall.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code gamehall host}: help and the refusals of bad options (a running host is covered by the
 * game-host module's system tests).
 */
class HostCommandTest
{
    @TempDir
    File dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Map<String, String> environment = TestSecrets.environment(SecretKind.HOST, SecretKind.LINK);

    private int run(final String... args)
    {
        final CommandLine commandLine = Gamehall.commandLine(environment::get);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void helpNamesTheOptionsAndTheSampleGames()
    {
        assertThat(run("host", "--help")).isZero();
        assertThat(out.toString()).contains("--masters", "--capacity", "--runners", "--store-config", "--game",
            "connect-four", "arena", "--host-secret-file", "GAMEHALL_HOST_SECRET", "--link-secret-file",
            "GAMEHALL_LINK_SECRET", "--dev", "--max-gateway-links");
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

    @Test
    void refusesToStartWithoutSecretsOrWithDevelopmentOrShortOnes()
    {
        environment = new HashMap<>();
        assertThat(run("host")).isEqualTo(2);
        assertThat(err.toString()).contains("error: no host secret configured", "--host-secret-file FILE",
            "GAMEHALL_HOST_SECRET");

        environment = TestSecrets.environment(SecretKind.HOST);
        assertThat(run("host")).isEqualTo(2);
        assertThat(err.toString()).contains("error: no link secret configured");

        environment = TestSecrets.environment(SecretKind.LINK);
        environment.put(SecretKind.HOST.environmentVariable(), DevSecrets.HOST);
        assertThat(run("host")).isEqualTo(2);
        assertThat(err.toString()).contains("the host secret from GAMEHALL_HOST_SECRET is a public development value");

        environment = TestSecrets.environment(SecretKind.HOST);
        assertThat(run("host", "--link-secret-file", TestSecrets.write(dir, "short", "too-short").getPath()))
            .isEqualTo(2);
        assertThat(err.toString()).contains("has 9 bytes; at least 32");
    }

    @Test
    void takesSecretsFromFilesAndGetsAsFarAsTheOtherOptions()
    {
        environment = new HashMap<>();
        final String[] host = TestSecrets.fileOption(dir, SecretKind.HOST);
        final String[] link = TestSecrets.fileOption(dir, SecretKind.LINK);
        assertThat(run("host", host[0], host[1], link[0], link[1], "--capacity", "0")).isEqualTo(2);
        assertThat(err.toString()).doesNotContain("secret").contains("capacity");
    }

    @Test
    void devUsesTheDevelopmentSecretsAndStaysOnLoopback()
    {
        environment = new HashMap<>();
        assertThat(run("host", "--dev", "--bind", "0.0.0.0", "--capacity", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--dev: listening on 127.0.0.1 instead of 0.0.0.0", "capacity");
        assertThat(run("host", "--dev", "--masters", "0=192.0.2.1:9010")).isEqualTo(2);
        assertThat(err.toString()).contains("--masters names 192.0.2.1, not loopback");
    }
}
