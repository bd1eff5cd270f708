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
