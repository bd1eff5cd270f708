package io.gamehall.aeron;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Warns when a media driver's directory is not in memory. Aeron's log buffers are files in
 * that directory, mapped by every process that publishes or subscribes; under {@code /dev/shm}
 * (tmpfs) a page touched for the first time is a page of memory, on a disk file system it is
 * page cache of a sparse file, and the kernel fills it by reading ahead: the thread that writes
 * the next message stops while megabytes are zeroed (25-30 ms at a time on the relay path of
 * the gateway benchmark, where this was found), and the pages are written back to the disk.
 */
public final class DriverDirectoryCheck
{
    private static final Logger LOG = LoggerFactory.getLogger(DriverDirectoryCheck.class);
    private static final Set<String> IN_MEMORY = Set.of("tmpfs", "ramfs", "hugetlbfs");

    private DriverDirectoryCheck()
    {
    }

    /**
     * Log a warning when {@code directory} (or, when it does not exist yet, the nearest directory
     * above it that does) is on Linux and not on a memory file system.
     *
     * @param directory a media driver directory.
     */
    public static void warnIfNotInMemory(final String directory)
    {
        final String warning = warning(directory, fileSystemType(directory));
        if (warning != null)
        {
            LOG.warn(warning);
        }
    }

    /**
     * @param directory      a media driver directory.
     * @param fileSystemType the type of the file system it is on, null when unknown.
     * @return the warning to give, or null when there is none to give.
     */
    static String warning(final String directory, final String fileSystemType)
    {
        if (fileSystemType == null || IN_MEMORY.contains(fileSystemType))
        {
            return null;
        }
        return "media driver directory " + directory + " is on " + fileSystemType + ", not in memory: Aeron's log " +
            "buffers there are disk page cache, and the first touch of their pages stalls the thread writing a " +
            "message for milliseconds; use a directory under /dev/shm";
    }

    /**
     * @return the type of the file system {@code directory} is (or would be) on, null when not on Linux or unknown.
     */
    static String fileSystemType(final String directory)
    {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux"))
        {
            return null; // macOS and Windows have no /dev/shm; their Aeron defaults are their own
        }
        Path path = Path.of(directory).toAbsolutePath();
        while (path != null && !Files.exists(path))
        {
            path = path.getParent();
        }
        if (path == null)
        {
            return null;
        }
        try
        {
            return Files.getFileStore(path).type();
        }
        catch (final IOException ex)
        {
            return null;
        }
    }
}
