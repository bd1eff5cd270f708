package io.gamehall.aeron;

import io.aeron.CommonContext;
import org.agrona.IoUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Media driver directories that gamehall processes on this machine left behind. Each embedded
 * driver has a directory of its own, {@code <aeron dir>-gamehall/<purpose>-<pid>-<hex>} (see
 * {@link OwnerOnlyDirectory#driverDirectory(String)}; also {@code <aeron dir>-gamehall-<purpose>-<pid>-<hex>}
 * beside Aeron's directory, where older builds put it), removed when the process closes it; a process that is killed (a crash, {@code kill -9}, the
 * very failures hosts and gateways are built to survive) leaves it, tens of megabytes of
 * {@code /dev/shm} (memory) each, and its next start has another pid and so another directory.
 * Before a driver starts, the directories of processes that are gone and whose driver no longer
 * beats are removed.
 */
public final class StaleDriverDirectories
{
    private static final Logger LOG = LoggerFactory.getLogger(StaleDriverDirectories.class);
    private static final Pattern NAME = Pattern.compile("-gamehall-.+-(\\d+)-[0-9a-f]+$");
    private static final Pattern CHILD_NAME = Pattern.compile("^.+-(\\d+)-[0-9a-f]+$");
    /** A driver that has not beaten for this long is not running (Aeron's default driver timeout is 10 s). */
    private static final long DRIVER_TIMEOUT_MS = 10_000;

    private StaleDriverDirectories()
    {
    }

    /**
     * Remove the directories beside {@link CommonContext#getAeronDirectoryName()} that a gamehall
     * process now gone left behind.
     *
     * @return the directories removed.
     */
    public static List<File> remove()
    {
        return remove(new File(CommonContext.getAeronDirectoryName()));
    }

    /**
     * Remove what gamehall processes now gone left beside a base directory.
     *
     * @param base Aeron's directory name the gamehall directories are named after.
     * @return the directories removed.
     */
    static List<File> remove(final File base)
    {
        final List<File> removed = new ArrayList<>();
        final File parent = base.getAbsoluteFile().getParentFile();
        final String prefix = base.getName() + "-gamehall-";
        removeGone(parent == null ? null : parent.listFiles((dir, name) -> name.startsWith(prefix)), NAME, removed);
        removeGone(new File(base.getAbsoluteFile().getPath() + "-gamehall").listFiles(), CHILD_NAME, removed);
        return removed;
    }

    private static void removeGone(final File[] candidates, final Pattern name, final List<File> removed)
    {
        if (candidates == null)
        {
            return;
        }
        for (final File dir : candidates)
        {
            final Matcher matcher = name.matcher(dir.getName());
            if (!dir.isDirectory() || !matcher.find())
            {
                continue;
            }
            final long pid;
            try
            {
                pid = Long.parseLong(matcher.group(1));
            }
            catch (final NumberFormatException ex)
            {
                continue;
            }
            if (ProcessHandle.of(pid).isPresent() || CommonContext.isDriverActive(dir, DRIVER_TIMEOUT_MS, (s) -> { }))
            {
                continue;
            }
            IoUtil.delete(dir, true);
            if (!dir.exists())
            {
                removed.add(dir);
                LOG.info("removed {}: the media driver directory of process {}, which is gone", dir, pid);
            }
        }
    }
}
