package io.gamehall.aeron;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Directories only their owner can enter (mode 0700): a media driver's directory, whose log
 * buffers hold every message that passes (credentials and player traffic included), and a
 * master node's data directory (archive, cluster state, journal). Aeron and Chronicle create
 * their files with the process's umask, usually readable by every local user; inside a
 * directory of mode 0700 nobody else can reach them, whatever their own modes. On a file
 * system without POSIX permissions the directory is only created.
 */
public final class OwnerOnlyDirectory
{
    /** The mode of an owner-only directory. */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyDirectory()
    {
    }

    /**
     * Create a directory with mode 0700 (its missing parents with the usual mode), or take an
     * existing one to mode 0700.
     *
     * @param directory the directory.
     * @return the directory.
     * @throws IllegalStateException when it is not a directory, is a symbolic link, or belongs to
     *                               another user (whose files this process must not write into).
     */
    public static File ensure(final File directory)
    {
        final Path path = directory.toPath().toAbsolutePath();
        try
        {
            if (path.getParent() != null)
            {
                Files.createDirectories(path.getParent());
            }
            if (supportsPosix(path.getParent()))
            {
                try
                {
                    Files.createDirectory(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                }
                catch (final FileAlreadyExistsException ex)
                {
                    // checked below
                }
                restrict(path);
            }
            else
            {
                Files.createDirectories(path);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create the directory " + path + ": " + ex.getMessage(), ex);
        }
        return directory;
    }

    /**
     * The directory the media drivers of gamehall processes live in: {@code <aeron dir>-gamehall}
     * beside Aeron's default directory ({@code /dev/shm/aeron-<user>-gamehall} on Linux), owner
     * only, each driver in a directory of its own inside it.
     *
     * @return the directory, created if needed.
     */
    public static File driverParent()
    {
        return ensure(new File(io.aeron.CommonContext.getAeronDirectoryName() + "-gamehall"));
    }

    /**
     * @param purpose names the directory, e.g. "host" or "master-0".
     * @return a fresh media driver directory name inside {@link #driverParent()}, unique to this
     *     process and call: {@code <purpose>-<pid>-<hex>}.
     */
    public static String driverDirectory(final String purpose)
    {
        return new File(driverParent(), purpose + "-" + ProcessHandle.current().pid() + "-" +
            Long.toHexString(System.nanoTime())).getPath();
    }

    /**
     * @param directory a directory.
     * @return whether group or others may enter, read or write it; false when it does not exist
     *     or the file system has no POSIX permissions.
     */
    public static boolean isShared(final File directory)
    {
        final Path path = directory.toPath();
        if (!Files.isDirectory(path) || !supportsPosix(path))
        {
            return false;
        }
        try
        {
            final Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            return !OWNER_ONLY.containsAll(permissions);
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private static void restrict(final Path path) throws IOException
    {
        final PosixFileAttributeView view =
            Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        final PosixFileAttributes attributes = view.readAttributes();
        if (attributes.isSymbolicLink() || !attributes.isDirectory())
        {
            throw new IllegalStateException(path + " is not a directory (a symbolic link or a file): refusing to " +
                "keep private files there");
        }
        final String owner = attributes.owner().getName();
        final String self = System.getProperty("user.name");
        if (self != null && !self.equals(owner))
        {
            throw new IllegalStateException(path + " belongs to " + owner + ", not to " + self + ": refusing to keep " +
                "private files where another user controls them; remove it or choose another directory");
        }
        if (!attributes.permissions().equals(OWNER_ONLY))
        {
            view.setPermissions(OWNER_ONLY);
        }
    }

    private static boolean supportsPosix(final Path path)
    {
        Path existing = path;
        while (existing != null && !Files.exists(existing))
        {
            existing = existing.getParent();
        }
        if (existing == null)
        {
            return false;
        }
        try
        {
            return Files.getFileStore(existing).supportsFileAttributeView(PosixFileAttributeView.class);
        }
        catch (final IOException ex)
        {
            return false;
        }
    }
}
