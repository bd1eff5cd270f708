package io.gamehall.launcher;

import io.gamehall.replication.ClientRole;
import io.gamehall.replication.support.TestCluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

/**
 * Secrets for the launcher's tests, strong enough for {@link SecretResolver}, handed to commands
 * through files (mode 600) or an environment of the test's own: never on a command line.
 */
final class TestSecrets
{
    static final Map<SecretKind, String> VALUES = Map.of(
        SecretKind.GATEWAY, TestCluster.SECRETS.get(ClientRole.GATEWAY),
        SecretKind.HOST, TestCluster.SECRETS.get(ClientRole.HOST),
        SecretKind.ADMIN, TestCluster.SECRETS.get(ClientRole.ADMIN),
        SecretKind.TOKEN, "token-secret-of-the-launcher-tests-0123456789",
        SecretKind.LINK, "link-secret-of-the-launcher-tests-0123456789",
        SecretKind.ARCHIVE, "archive-secret-of-the-launcher-tests-0123456789");

    private TestSecrets()
    {
    }

    /**
     * @return an environment with the variables of these secrets set.
     */
    static Map<String, String> environment(final SecretKind... kinds)
    {
        final Map<String, String> environment = new HashMap<>();
        for (final SecretKind kind : kinds)
        {
            environment.put(kind.environmentVariable(), VALUES.get(kind));
        }
        return environment;
    }

    /**
     * @return the file option and a new file of mode 600 holding the secret, for a command line.
     */
    static String[] fileOption(final File dir, final SecretKind kind)
    {
        return new String[]{kind.fileOption(), write(dir, kind.name().toLowerCase() + ".secret", VALUES.get(kind))
            .getPath()};
    }

    static File write(final File dir, final String name, final String value)
    {
        try
        {
            final File file = new File(dir, name);
            Files.writeString(file.toPath(), value + "\n");
            Files.setPosixFilePermissions(file.toPath(), PosixFilePermissions.fromString("rw-------"));
            return file;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
