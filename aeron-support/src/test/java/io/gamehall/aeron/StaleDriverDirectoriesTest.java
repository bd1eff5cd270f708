package io.gamehall.aeron;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class StaleDriverDirectoriesTest
{
    @TempDir
    File parent;

    @Test
    void removesTheDirectoriesOfProcessesThatAreGoneAndKeepsTheRest() throws Exception
    {
        final File base = new File(parent, "aeron-someone");
        final long gone = finishedProcessPid();
        final long alive = ProcessHandle.current().pid();
        final File left = directory(base.getName() + "-gamehall-host-" + gone + "-1a2b3c");
        final File leftByMember = directory(base.getName() + "-gamehall-master-2-" + gone + "-ff");
        final File running = directory(base.getName() + "-gamehall-gateway-" + alive + "-1a2b3c");
        final File notOurs = directory(base.getName() + "-other-" + gone + "-1a2b3c");
        final File otherBase = directory("aeron-else-gamehall-host-" + gone + "-1a2b3c");
        Files.writeString(new File(left, "cnc.dat").toPath(), "not a live driver");

        final List<File> removed = StaleDriverDirectories.remove(base);

        assertThat(removed).containsExactlyInAnyOrder(left, leftByMember);
        assertThat(left).doesNotExist();
        assertThat(leftByMember).doesNotExist();
        assertThat(running).isDirectory();
        assertThat(notOurs).isDirectory();
        assertThat(otherBase).isDirectory();
    }

    @Test
    void removesWhatProcessesThatAreGoneLeftInTheOwnerOnlyParent() throws Exception
    {
        final File base = new File(parent, "aeron-someone");
        final long gone = finishedProcessPid();
        final File left = directory(base.getName() + "-gamehall/host-" + gone + "-1a2b3c");
        final File running = directory(base.getName() + "-gamehall/gateway-" + ProcessHandle.current().pid() + "-1a");

        assertThat(StaleDriverDirectories.remove(base)).containsExactly(left);
        assertThat(left).doesNotExist();
        assertThat(running).isDirectory();
    }

    @Test
    void keepsTheDirectoryOfADriverThatStillBeatsWhateverItsName() throws Exception
    {
        final File base = new File(parent, "aeron-someone");
        final File dir = new File(parent, base.getName() + "-gamehall-host-" + finishedProcessPid() + "-beef");
        try (MediaDriver driver = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(dir.getPath())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(IdleSettings.DEFAULT.newStrategy())
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)))
        {
            assertThat(StaleDriverDirectories.remove(base)).isEmpty();
            assertThat(new File(dir, "cnc.dat")).isFile();
        }
    }

    private File directory(final String name)
    {
        final File dir = new File(parent, name);
        assertThat(dir.mkdirs()).isTrue();
        return dir;
    }

    /** The pid of a process that has ended (and not been reused by a live one). */
    private static long finishedProcessPid() throws Exception
    {
        for (int attempt = 0; attempt < 10; attempt++)
        {
            final Process process = new ProcessBuilder("true").start();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            if (ProcessHandle.of(process.pid()).isEmpty())
            {
                return process.pid();
            }
        }
        throw new AssertionError("no ended process found");
    }
}
