package io.gamehall.launcher;

import io.gamehall.gateway.SessionGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code gamehall gateway}: help, its secrets and the refusals of bad options, before anything
 * starts (a running gateway is covered by the session-gateway module's system tests and by
 * {@link LocalCommandTest}).
 */
class GatewayCommandTest
{
    private static final SecretKind[] SECRETS = {SecretKind.GATEWAY, SecretKind.TOKEN, SecretKind.LINK};

    @TempDir
    File dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Map<String, String> environment = TestSecrets.environment(SECRETS);

    private int run(final String... args)
    {
        return commandLine().execute(args);
    }

    private CommandLine commandLine()
    {
        final CommandLine commandLine = Gamehall.commandLine(environment::get);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine;
    }

    @Test
    void shouldListEveryOptionInTheHelp()
    {
        assertThat(run("gateway", "--help")).isZero();
        assertThat(out.toString()).contains("--masters", "--gateway-secret", "--gateway-secret-file",
            "GAMEHALL_GATEWAY_SECRET", "--token-secret", "--token-secret-file", "GAMEHALL_TOKEN_SECRET", "--link-secret",
            "--link-secret-file", "GAMEHALL_LINK_SECRET", "--dev", "--bind", "--port", "8080", "--path", "--public-url",
            "--max-sessions", "--grace-ms", "--rate-limit", "--rate-burst", "--max-frame-bytes", "--idle-timeout-ms",
            "--tls-cert", "--tls-key", "--store-config", "--password-iterations");
    }

    @Test
    void shouldCheckThePreviousTokenSecretLikeEveryOtherAndTakeItFromAFile() throws Exception
    {
        environment.put(SecretKind.PREVIOUS_TOKEN.environmentVariable(), "sixteen-bytes-ab");
        assertThat(run("gateway", "--port", "70000")).isEqualTo(2);
        assertThat(err.toString()).contains("the previous token secret from GAMEHALL_PREVIOUS_TOKEN_SECRET has 16 bytes");

        environment.remove(SecretKind.PREVIOUS_TOKEN.environmentVariable());
        final String previous = "an-older-token-secret-of-forty-bytes-0123";
        final File file = TestSecrets.write(dir, "previous", previous);
        final CommandLine commandLine = commandLine();
        commandLine.parseArgs("gateway", "--previous-token-secret-file", file.getPath());
        final SessionGateway.Context ctx = ((GatewayCommand)commandLine.getSubcommands().get("gateway").getCommand())
            .context();
        assertThat(ctx.previousTokenSecret()).isEqualTo(previous);
    }

    @Test
    void shouldListTheLoginLimitsAndTokenOptionsWithTheirDefaults()
    {
        assertThat(run("gateway", "--help")).isZero();
        assertThat(out.toString()).contains("--previous-token-secret", "GAMEHALL_PREVIOUS_TOKEN_SECRET",
            "--max-session-age-ms", "604800000", "--login-timeout-ms", "5000", "--max-connections", "100000",
            "--max-connections-per-address", "--auth-queue", "--auth-queue-per-address",
            "--account-failures-before-backoff", "--address-failures-before-backoff", "--login-backoff-base-ms",
            "--login-backoff-max-ms", "300000", "--login-backoff-forget-ms", "3600000", "--registrations-per-address",
            "--registration-window-ms");
    }

    @Test
    void shouldRefuseBadLoginLimitsWithExitCode2()
    {
        assertThat(run("gateway", "--login-timeout-ms", "10")).isEqualTo(2);
        assertThat(err.toString()).contains("loginTimeoutMs must be >= 100");
        assertThat(run("gateway", "--max-session-age-ms", "1000")).isEqualTo(2);
        assertThat(err.toString()).contains("maxSessionAgeMs must be at least tokenLifetimeMs");
        assertThat(run("gateway", "--auth-queue", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("authQueue");
        assertThat(run("gateway", "--login-backoff-max-ms", "10")).isEqualTo(2);
        assertThat(err.toString()).contains("loginBackoffMaxMs >= loginBackoffBaseMs");
    }

    @Test
    void shouldRefuseAnUnknownOptionWithExitCode2()
    {
        assertThat(run("gateway", "--no-such-option")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--no-such-option'");
    }

    @Test
    void shouldRefuseBadValuesWithExitCode2AndSayWhich()
    {
        assertThat(run("gateway", "--port", "70000")).isEqualTo(2);
        assertThat(err.toString()).contains("port must be 0..65535");
        assertThat(run("gateway", "--port", "eighty")).isEqualTo(2);
        assertThat(err.toString()).contains("'eighty' is not an int");
        assertThat(run("gateway", "--max-frame-bytes", "100")).isEqualTo(2);
        assertThat(err.toString()).contains("maxFrameBytes must be 256..16777216");
        assertThat(run("gateway", "--path", "ws")).isEqualTo(2);
        assertThat(err.toString()).contains("path must start with /");
        assertThat(run("gateway", "--password-iterations", "10")).isEqualTo(2);
        assertThat(err.toString()).contains("passwordIterations must be");
    }

    @Test
    void shouldRefuseTlsWithoutAReadableCertificateAndKey()
    {
        assertThat(run("gateway", "--tls-cert", "/no/such/cert.pem", "--tls-key", "/no/such/key.pem")).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read /no/such/cert.pem");
        assertThat(run("gateway", "--store-config", "/no/such/store.properties")).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read the store config");
    }

    @Test
    void shouldRefuseToStartWithoutSecrets()
    {
        environment = new HashMap<>();
        assertThat(run("gateway")).isEqualTo(2);
        assertThat(err.toString()).contains("error: no gateway secret configured", "--gateway-secret-file FILE",
            "GAMEHALL_GATEWAY_SECRET", "gamehall secret");

        environment = TestSecrets.environment(SecretKind.GATEWAY, SecretKind.TOKEN);
        assertThat(run("gateway")).isEqualTo(2);
        assertThat(err.toString()).contains("error: no link secret configured", "--link-secret-file FILE");
    }

    @Test
    void shouldRefuseTheDevelopmentSecretsAndShortOnes()
    {
        environment.put(SecretKind.TOKEN.environmentVariable(), DevSecrets.TOKEN);
        assertThat(run("gateway")).isEqualTo(2);
        assertThat(err.toString()).contains("the token secret from GAMEHALL_TOKEN_SECRET is a public development value");

        environment = TestSecrets.environment(SECRETS);
        environment.put(SecretKind.GATEWAY.environmentVariable(), DevSecrets.GATEWAY);
        assertThat(run("gateway")).isEqualTo(2);
        assertThat(err.toString()).contains("the gateway secret from GAMEHALL_GATEWAY_SECRET is a public development");

        environment = TestSecrets.environment(SECRETS);
        final File shortFile = TestSecrets.write(dir, "short", "sixteen-bytes-ab");
        assertThat(run("gateway", "--link-secret-file", shortFile.getPath())).isEqualTo(2);
        assertThat(err.toString()).contains("the link secret from --link-secret-file " + shortFile + " has 16 bytes");
    }

    @Test
    void shouldTakeSecretsFromFilesAndTheEnvironment() throws Exception
    {
        environment = new HashMap<>();
        final List<String> args = new ArrayList<>(List.of("gateway"));
        for (final SecretKind kind : SECRETS)
        {
            args.addAll(List.of(TestSecrets.fileOption(dir, kind)));
        }
        final CommandLine fromFiles = commandLine();
        fromFiles.parseArgs(args.toArray(new String[0]));
        final SessionGateway.Context files = ((GatewayCommand)fromFiles.getSubcommands().get("gateway").getCommand())
            .context();
        assertThat(files.gatewaySecret()).isEqualTo(TestSecrets.VALUES.get(SecretKind.GATEWAY));
        assertThat(files.tokenSecret()).isEqualTo(TestSecrets.VALUES.get(SecretKind.TOKEN));
        assertThat(files.linkSecret()).isEqualTo(TestSecrets.VALUES.get(SecretKind.LINK));

        environment = TestSecrets.environment(SECRETS);
        final CommandLine fromEnvironment = commandLine();
        fromEnvironment.parseArgs("gateway");
        final SessionGateway.Context variables =
            ((GatewayCommand)fromEnvironment.getSubcommands().get("gateway").getCommand()).context();
        assertThat(variables.linkSecret()).isEqualTo(TestSecrets.VALUES.get(SecretKind.LINK));
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void shouldWarnAboutASecretOnTheCommandLine()
    {
        environment = TestSecrets.environment(SecretKind.GATEWAY, SecretKind.LINK);
        assertThat(run("gateway", "--token-secret", TestSecrets.VALUES.get(SecretKind.TOKEN), "--port", "70000"))
            .isEqualTo(2);
        assertThat(err.toString()).contains("warning: the token secret was given on the command line")
            .contains("port must be 0..65535");
    }

    @Test
    void devUsesTheDevelopmentSecretsAndStaysOnLoopback() throws Exception
    {
        environment = new HashMap<>();
        final CommandLine dev = commandLine();
        dev.parseArgs("gateway", "--dev", "--bind", "0.0.0.0");
        final SessionGateway.Context ctx = ((GatewayCommand)dev.getSubcommands().get("gateway").getCommand()).context();
        assertThat(ctx.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(ctx.gatewaySecret()).isEqualTo(DevSecrets.GATEWAY);
        assertThat(ctx.linkSecret()).isEqualTo(DevSecrets.LINK);
        assertThat(err.toString()).contains("--dev: listening on 127.0.0.1 instead of 0.0.0.0");

        assertThat(run("gateway", "--dev", "--masters", "0=192.0.2.1:9010")).isEqualTo(2);
        assertThat(err.toString()).contains("--masters names 192.0.2.1, not loopback");
    }

    @Test
    void shouldWarnWhenTheMastersAreNotOnLoopback()
    {
        assertThat(run("gateway", "--masters", "0=192.0.2.1:9010", "--port", "70000")).isEqualTo(2);
        assertThat(err.toString()).contains("warning: --masters names 192.0.2.1", "WireGuard");
    }
}
