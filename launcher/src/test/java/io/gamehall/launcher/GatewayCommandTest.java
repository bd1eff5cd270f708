package io.gamehall.launcher;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code gamehall gateway}: help and the refusals of bad options, before anything starts (a
 * running gateway is covered by the session-gateway module's system tests and by
 * {@link LocalCommandTest}).
 */
class GatewayCommandTest
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
    void shouldListEveryOptionInTheHelp()
    {
        assertThat(run("gateway", "--help")).isZero();
        assertThat(out.toString()).contains("--masters", "--gateway-secret", "GAMEHALL_GATEWAY_SECRET", "--token-secret",
            "GAMEHALL_TOKEN_SECRET", "--bind", "--port", "8080", "--path", "--public-url", "--max-sessions", "--grace-ms",
            "--rate-limit", "--rate-burst", "--max-frame-bytes", "--idle-timeout-ms", "--tls-cert", "--tls-key",
            "--store-config", "--password-iterations");
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
        assertThat(run("gateway", "--token-secret", "short")).isEqualTo(2);
        assertThat(err.toString()).contains("token secret of at least 16 characters");
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
    void shouldWarnWhenFallingBackToTheDevelopmentSecrets()
    {
        assertThat(run("gateway", "--gateway-secret", "", "--token-secret", "", "--port", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("warning: no gateway secret configured", "warning: no token secret configured");
    }
}
