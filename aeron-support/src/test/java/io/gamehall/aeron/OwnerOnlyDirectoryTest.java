package io.gamehall.aeron;

import io.aeron.driver.MediaDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Media driver directories and other owner-only directories can be entered by their owner only.
 */
class OwnerOnlyDirectoryTest
{
    @TempDir
    File parent;

    @Test
    void shouldLaunchALocalMediaDriverInAnOwnerOnlyDirectory() throws Exception
    {
        try (MediaDriver driver = LocalMediaDriver.launch("permissions-test"))
        {
            final File dir = new File(driver.aeronDirectoryName());
            assertThat(mode(dir.getParentFile())).isEqualTo("rwx------");
            assertThat(new File(dir, "cnc.dat")).isFile();
            assertThat(OwnerOnlyDirectory.isShared(dir.getParentFile())).isFalse();
        }
    }

    @Test
    void shouldTakeAnExistingSharedDirectoryToOwnerOnly() throws Exception
    {
        final File dir = new File(parent, "shared");
        Files.createDirectory(dir.toPath(), PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(dir.toPath(), PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(OwnerOnlyDirectory.isShared(dir)).isTrue();

        OwnerOnlyDirectory.ensure(dir);

        assertThat(mode(dir)).isEqualTo("rwx------");
        final File nested = OwnerOnlyDirectory.ensure(new File(parent, "a/b/c"));
        assertThat(mode(nested)).isEqualTo("rwx------");
    }

    private static String mode(final File file) throws Exception
    {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file.toPath()));
    }
}
