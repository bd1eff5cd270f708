package io.gamehall.launcher;

import io.gamehall.replication.ClientRole;
import io.gamehall.replication.MasterNode;
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
 * {@code gamehall master}: its secrets and {@code --dev}, checked before a node starts (running
 * nodes: {@link FailoverSystemTest}, the replication module's system tests).
 */
class MasterCommandTest
{
    @TempDir
    File dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Map<String, String> environment =
        TestSecrets.environment(SecretKind.GATEWAY, SecretKind.HOST, SecretKind.ADMIN);

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

    private MasterNode.Context context(final String... args)
    {
        final CommandLine commandLine = commandLine();
        final String[] line = new String[args.length + 1];
        line[0] = "master";
        System.arraycopy(args, 0, line, 1, args.length);
        commandLine.parseArgs(line);
        return ((MasterCommand)commandLine.getSubcommands().get("master").getCommand()).context();
    }

    @Test
    void givesANodeTheTimeoutDefaultsOfItsContext()
    {
        final MasterNode.Context ctx = context("--data-dir", new File(dir, "t").getPath());
        final MasterNode.Context defaults = new MasterNode.Context();
        assertThat(ctx.leaderHeartbeatTimeoutMs()).isEqualTo(defaults.leaderHeartbeatTimeoutMs()).isEqualTo(500);
        assertThat(ctx.leaderHeartbeatIntervalMs()).isEqualTo(defaults.leaderHeartbeatIntervalMs());
        assertThat(ctx.electionTimeoutMs()).isEqualTo(defaults.electionTimeoutMs());
        assertThat(ctx.electionStatusIntervalMs()).isEqualTo(defaults.electionStatusIntervalMs());
        assertThat(ctx.startupCanvassTimeoutMs()).isEqualTo(defaults.startupCanvassTimeoutMs());
        assertThat(ctx.catchupStuckAfterMs()).isEqualTo(defaults.catchupStuckAfterMs()).isEqualTo(30_000);

        final MasterNode.Context tuned = context("--data-dir", new File(dir, "u").getPath(),
            "--leader-heartbeat-timeout-ms", "1000", "--election-status-interval-ms", "100",
            "--startup-canvass-timeout-ms", "2000", "--catchup-stuck-after-s", "60");
        assertThat(tuned.leaderHeartbeatTimeoutMs()).isEqualTo(1000);
        assertThat(tuned.electionStatusIntervalMs()).isEqualTo(100);
        assertThat(tuned.catchupStuckAfterMs()).isEqualTo(60_000);
    }

    @Test
    void refusesToStartWithoutTheGatewayAndHostSecrets()
    {
        environment = new HashMap<>();
        assertThat(run("master")).isEqualTo(2);
        assertThat(err.toString()).contains("error: no gateway secret configured", "--gateway-secret-file FILE",
            "GAMEHALL_GATEWAY_SECRET", "'gamehall secret'");

        environment = TestSecrets.environment(SecretKind.GATEWAY);
        assertThat(run("master")).isEqualTo(2);
        assertThat(err.toString()).contains("error: no host secret configured");
    }

    @Test
    void refusesTheDevelopmentSecretsShortOnesAndOneSecretForTwoRoles()
    {
        environment.put(SecretKind.ADMIN.environmentVariable(), DevSecrets.ADMIN);
        assertThat(run("master")).isEqualTo(2);
        assertThat(err.toString()).contains("the admin secret from GAMEHALL_ADMIN_SECRET is a public development value");

        environment = TestSecrets.environment(SecretKind.GATEWAY, SecretKind.ADMIN);
        environment.put(SecretKind.HOST.environmentVariable(), "host");
        assertThat(run("master")).isEqualTo(2);
        assertThat(err.toString()).contains("the host secret from GAMEHALL_HOST_SECRET has 4 bytes; at least 32");

        environment = TestSecrets.environment(SecretKind.GATEWAY, SecretKind.ADMIN);
        environment.put(SecretKind.HOST.environmentVariable(), TestSecrets.VALUES.get(SecretKind.GATEWAY));
        assertThat(run("master")).isEqualTo(2);
        assertThat(err.toString()).contains("the host secret is the same as the gateway secret");
    }

    @Test
    void takesSecretsFromTheEnvironmentAndFiles()
    {
        final MasterNode.Context fromEnvironment = context("--data-dir", new File(dir, "a").getPath());
        assertThat(fromEnvironment.secrets()).containsEntry(ClientRole.GATEWAY, TestSecrets.VALUES.get(SecretKind.GATEWAY))
            .containsEntry(ClientRole.HOST, TestSecrets.VALUES.get(SecretKind.HOST))
            .containsEntry(ClientRole.ADMIN, TestSecrets.VALUES.get(SecretKind.ADMIN));

        environment = new HashMap<>();
        final String[] gateway = TestSecrets.fileOption(dir, SecretKind.GATEWAY);
        final String[] host = TestSecrets.fileOption(dir, SecretKind.HOST);
        final MasterNode.Context fromFiles = context(gateway[0], gateway[1], host[0], host[1],
            "--data-dir", new File(dir, "b").getPath());
        assertThat(fromFiles.secrets()).containsEntry(ClientRole.HOST, TestSecrets.VALUES.get(SecretKind.HOST))
            .doesNotContainKey(ClientRole.ADMIN);
        assertThat(err.toString()).contains("no admin secret configured").doesNotContain("warning");
    }

    @Test
    void aClusterOfSeveralMembersNeedsTheArchiveSecret()
    {
        assertThat(run("master", "--members", "127.0.0.1:20000,127.0.0.1:20010,127.0.0.1:20020")).isEqualTo(2);
        assertThat(err.toString()).contains("error: no archive secret configured", "--archive-secret-file FILE",
            "GAMEHALL_ARCHIVE_SECRET");

        final String[] archive = TestSecrets.fileOption(dir, SecretKind.ARCHIVE);
        final MasterNode.Context ctx = context("--members", "127.0.0.1:20000,127.0.0.1:20010,127.0.0.1:20020",
            archive[0], archive[1], "--data-dir", new File(dir, "c").getPath());
        assertThat(ctx.archiveCredentials()).isNotNull();
    }

    @Test
    void devUsesTheDevelopmentSecretsOnLoopbackMembersOnly()
    {
        environment = new HashMap<>();
        final MasterNode.Context ctx = context("--dev", "--data-dir", new File(dir, "d").getPath());
        assertThat(ctx.secrets()).containsEntry(ClientRole.GATEWAY, DevSecrets.GATEWAY)
            .containsEntry(ClientRole.ADMIN, DevSecrets.ADMIN);

        assertThat(run("master", "--dev", "--members", "192.0.2.1:9010")).isEqualTo(2);
        assertThat(err.toString()).contains("--members names 192.0.2.1, not loopback");
    }

    @Test
    void warnsWhenAMemberIsNotOnLoopback()
    {
        assertThat(run("master", "--members", "192.0.2.1:9010", "--member-id", "3")).isEqualTo(2);
        assertThat(err.toString()).contains("warning: --members names 192.0.2.1", "private network", "WireGuard")
            .contains("memberId 3 is not an index");
    }
}
