package io.gamehall.aeron;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DriverDirectoryCheckTest
{
    @Test
    void shouldWarnAboutADirectoryOnADiskFileSystem()
    {
        assertThat(DriverDirectoryCheck.warning("/var/aeron", "ext4"))
            .contains("/var/aeron", "ext4", "/dev/shm");
        assertThat(DriverDirectoryCheck.warning("/var/aeron", "xfs")).contains("xfs");
    }

    @Test
    void shouldNotWarnAboutMemoryOrAnUnknownFileSystem()
    {
        assertThat(DriverDirectoryCheck.warning("/dev/shm/aeron", "tmpfs")).isNull();
        assertThat(DriverDirectoryCheck.warning("/mnt/ram/aeron", "ramfs")).isNull();
        assertThat(DriverDirectoryCheck.warning("/somewhere", null)).isNull();
    }

    @Test
    void shouldFindTheFileSystemOfADirectoryNotCreatedYet()
    {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux") && Files.isDirectory(Path.of("/dev/shm")),
            "needs Linux and /dev/shm");
        assertThat(DriverDirectoryCheck.fileSystemType("/dev/shm/gamehall-check-" + System.nanoTime() + "/driver"))
            .isEqualTo("tmpfs");
        assertThat(DriverDirectoryCheck.fileSystemType("/dev/shm")).isEqualTo("tmpfs");
    }
}
