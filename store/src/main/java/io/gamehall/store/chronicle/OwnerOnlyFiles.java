package io.gamehall.store.chronicle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The store's directory and files are readable by their owner only (0700 / 0600): they hold
 * password hashes. A directory made by the store is created so; an existing one, and every file
 * in it, is set so when the store opens. On a file system without POSIX permissions nothing can
 * be set: a warning says so once.
 */
final class OwnerOnlyFiles
{
    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnlyFiles.class);

    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles()
    {
    }

    /**
     * Create the directory (and missing parents) owner-only, or make an existing one so, and
     * every regular file in it.
     *
     * @param dir the store directory.
     * @throws IOException when it cannot be created or its permissions cannot be set.
     */
    static void directory(final Path dir) throws IOException
    {
        if (!posix(dir))
        {
            Files.createDirectories(dir);
            LOG.warn("{} is on a file system without POSIX permissions: the store's files cannot be made " +
                "owner-only; keep the directory where only this account can read it", dir);
            return;
        }
        if (!Files.isDirectory(dir))
        {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
        }
        set(dir, DIRECTORY);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir))
        {
            for (final Path file : files)
            {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
                {
                    set(file, FILE);
                }
            }
        }
    }

    /**
     * Make a file the store just created owner-only (it was created inside the owner-only
     * directory, so nobody else could open it in between).
     *
     * @param file a file of the store.
     * @throws IOException when its permissions cannot be set.
     */
    static void file(final Path file) throws IOException
    {
        if (posix(file))
        {
            set(file, FILE);
        }
    }

    private static void set(final Path path, final Set<PosixFilePermission> permissions) throws IOException
    {
        if (!Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS).equals(permissions))
        {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static boolean posix(final Path path)
    {
        Path existing = path.toAbsolutePath();
        while (existing != null && !Files.exists(existing))
        {
            existing = existing.getParent();
        }
        return existing != null &&
            Files.getFileAttributeView(existing, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS) != null;
    }
}
