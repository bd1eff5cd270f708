package io.gamehall.aeron;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;


/**
 * The embedded media driver a gamehall process runs when it is not given one: one shared
 * thread with its component's idle strategy (by default the back-off of {@link IdleSettings#DEFAULT},
 * parking up to 100 µs, kind to a 2-core machine), sparse
 * term files, and a directory of its own inside the owner-only {@link OwnerOnlyDirectory#driverParent()}
 * (other local users cannot read its log buffers), removed on close (and, should the process be
 * killed, by the next gamehall process to start a driver: {@link StaleDriverDirectories}).
 */
public final class LocalMediaDriver
{
    private LocalMediaDriver()
    {
    }

    /**
     * @param purpose names the directory, e.g. "host" or "gateway".
     * @return the running driver, waiting as {@link IdleSettings#DEFAULT} says.
     */
    public static MediaDriver launch(final String purpose)
    {
        return launch(purpose, IdleSettings.DEFAULT);
    }

    /**
     * @param purpose names the directory, e.g. "host" or "gateway".
     * @param idle    how the driver's thread waits: the idle settings of the component it serves.
     * @return the running driver; {@link MediaDriver#aeronDirectoryName()} is where clients connect.
     */
    public static MediaDriver launch(final String purpose, final IdleSettings idle)
    {
        StaleDriverDirectories.remove();
        final String dir = OwnerOnlyDirectory.driverDirectory(purpose);
        DriverDirectoryCheck.warnIfNotInMemory(dir);
        return MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(dir)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(idle.newStrategy())
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
    }
}
