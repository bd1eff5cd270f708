package io.gamehall.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretResolverTest
{
    private static final String STRONG = "Zq8xW3-r_T0pL9vKc2NbY7mHs5JdE1uA4fGiOo6eQk";
    private static final String OTHER = "Yp7wV2-q_S9oK8uJb1MaX6lGr4IcD0tZ3eFhNn5dPj";

    @TempDir
    File dir;

    private final StringWriter err = new StringWriter();
    private final Map<String, String> environment = new HashMap<>();

    private SecretResolver resolver(final boolean dev)
    {
        return new SecretResolver(environment::get, new PrintWriter(err, true), dev);
    }

    @Test
    void aFileComesFirstWithoutItsTrailingLineBreak() throws Exception
    {
        final File file = secretFile("gateway", STRONG + "\r\n");
        environment.put("GAMEHALL_GATEWAY_SECRET", OTHER);
        assertThat(resolver(false).resolve(SecretKind.GATEWAY, null, false, file, true)).isEqualTo(STRONG);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void theEnvironmentIsReadWhenNoOptionIsGiven()
    {
        environment.put("GAMEHALL_LINK_SECRET", STRONG);
        assertThat(resolver(false).resolve(SecretKind.LINK, null, false, null, true)).isEqualTo(STRONG);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void anOptionOnTheCommandLineWorksWithAWarningThatPsShowsIt()
    {
        assertThat(resolver(false).resolve(SecretKind.TOKEN, STRONG, true, null, true)).isEqualTo(STRONG);
        assertThat(err.toString()).contains("warning: the token secret was given on the command line", "(ps)",
            "--token-secret-file", "GAMEHALL_TOKEN_SECRET").doesNotContain(STRONG);
    }

    @Test
    void anOptionAndAFileTogetherAreRefused() throws Exception
    {
        final File file = secretFile("host", STRONG);
        assertThatThrownBy(() -> resolver(false).resolve(SecretKind.HOST, OTHER, true, file, true))
            .hasMessageContaining("give --host-secret or --host-secret-file, not both");
    }

    @Test
    void aMissingRequiredSecretIsRefusedNamingWhereItCanComeFrom()
    {
        assertThatThrownBy(() -> resolver(false).resolve(SecretKind.GATEWAY, null, false, null, true))
            .hasMessageContaining("no gateway secret configured")
            .hasMessageContaining("--gateway-secret-file FILE")
            .hasMessageContaining("GAMEHALL_GATEWAY_SECRET")
            .hasMessageContaining("gamehall secret");
        assertThat(resolver(false).resolve(SecretKind.ADMIN, null, false, null, false)).isNull();
    }

    @Test
    void developmentModeFillsInTheDevelopmentValuesAndChecksNothing()
    {
        final SecretResolver dev = resolver(true);
        assertThat(dev.resolve(SecretKind.GATEWAY, null, false, null, true)).isEqualTo(DevSecrets.GATEWAY);
        assertThat(dev.resolve(SecretKind.ADMIN, null, false, null, false)).isEqualTo(DevSecrets.ADMIN);
        assertThat(dev.resolve(SecretKind.HOST, "short", false, null, true)).isEqualTo("short");
    }

    @Test
    void developmentValuesAreRefusedOutsideDevelopmentMode()
    {
        for (final SecretKind kind : SecretKind.values())
        {
            environment.put(kind.environmentVariable(), DevSecrets.TOKEN);
            assertThatThrownBy(() -> resolver(false).resolve(kind, null, false, null, true))
                .hasMessageContaining("public development value");
        }
        assertThatThrownBy(() -> resolver(false).resolve(SecretKind.ADMIN, DevSecrets.ADMIN, false, null, true))
            .hasMessageContaining("public development value");
    }

    @Test
    void aShortOrRepetitiveSecretIsRefusedWithoutShowingIt()
    {
        final String shortOne = "only-twenty-nine-bytes-secret";
        assertThatThrownBy(() -> resolver(false).resolve(SecretKind.LINK, shortOne, false, null, true))
            .hasMessageContaining("has 29 bytes; at least 32")
            .satisfies(ex -> assertThat(ex.getMessage()).doesNotContain(shortOne));
        final String repetitive = "abababababababababababababababababab";
        assertThatThrownBy(() -> resolver(false).resolve(SecretKind.LINK, repetitive, false, null, true))
            .hasMessageContaining("only 2 distinct characters")
            .satisfies(ex -> assertThat(ex.getMessage()).doesNotContain(repetitive));
    }

    @Test
    void twoSecretsOfOneProcessMustDiffer()
    {
        final SecretResolver resolver = resolver(false);
        resolver.resolve(SecretKind.GATEWAY, STRONG, false, null, true);
        assertThatThrownBy(() -> resolver.resolve(SecretKind.HOST, STRONG, false, null, true))
            .hasMessageContaining("the host secret is the same as the gateway secret");
    }

    @Test
    void aSecretFileOthersMayReadGetsAWarningAndAnEmptyOneIsRefused() throws Exception
    {
        final File open = secretFile("open", STRONG);
        Files.setPosixFilePermissions(open.toPath(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(resolver(false).resolve(SecretKind.ARCHIVE, null, false, open, true)).isEqualTo(STRONG);
        assertThat(err.toString()).contains("may be read by other users (mode rw-r--r--); chmod 600");

        final File empty = secretFile("empty", "\n");
        assertThatThrownBy(() -> resolver(false).resolve(SecretKind.ARCHIVE, null, false, empty, true))
            .hasMessageContaining("is empty");
        assertThatThrownBy(() -> resolver(false).resolve(SecretKind.ARCHIVE, null, false, new File(dir, "none"), true))
            .hasMessageContaining("cannot read --archive-secret-file");
    }

    private File secretFile(final String name, final String content) throws Exception
    {
        final File file = new File(dir, name);
        Files.writeString(file.toPath(), content);
        Files.setPosixFilePermissions(file.toPath(), PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
