package io.gamehall.store.chronicle;

import io.gamehall.store.StoreConfig;
import io.gamehall.store.StoreError;
import io.gamehall.store.StoreException;
import io.gamehall.store.kv.KeyValueBackend;
import io.gamehall.store.kv.Keyspace;
import io.gamehall.store.kv.VersionedValue;
import net.openhft.chronicle.hash.ChronicleHashClosedException;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;
import org.agrona.CloseHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * The embedded backend: one Chronicle Map file per {@link Keyspace} under the data directory,
 * each sized by the configuration. Values are memory-mapped, so a write is in the file (the OS
 * page cache) when the call returns and survives a crash of the process (not of the machine).
 * <p>
 * Each stored value is prefixed with an 8-byte CAS. Read-modify-writes hold the entry's update
 * lock, so they are atomic. CAS numbers come from one counter for the whole store, reserved in
 * blocks that are recorded in the sequences map before use: a CAS is never handed out twice, even
 * across restarts and for a key that was deleted and created again.
 * <p>
 * The directory and its files are owner-only (0700 / 0600: they hold password hashes), set so
 * at every open. One process owns the directory at a time ({@code store.lock}). A directory left by a process
 * that did not close the store ({@code open.marker} still present) has its maps recovered on
 * the next open (Chronicle's recovery: lost locks released, entries checked).
 */
public final class ChronicleBackend implements KeyValueBackend
{
    private static final Logger LOG = LoggerFactory.getLogger(ChronicleBackend.class);

    /** Bytes of the CAS in front of each value. */
    static final int CAS_LENGTH = 8;
    /** CAS numbers reserved at a time. */
    static final long CAS_BLOCK = 1 << 20;

    private static final String LOCK_FILE = "store.lock";
    private static final String OPEN_MARKER = "open.marker";
    private static final String CAS_LIMIT_KEY = "\u0000cas-limit";
    private static final int AVERAGE_KEY_BYTES = 16;

    private final File dir;
    private final Map<Keyspace, ChronicleMap<String, byte[]>> maps = new EnumMap<>(Keyspace.class);
    private final Map<Keyspace, Long> entries = new EnumMap<>(Keyspace.class);
    private final RandomAccessFile lockFile;
    private final FileLock lock;
    private final Object casLock = new Object();
    private long nextCas;
    private long casLimit;
    private boolean closed;

    private ChronicleBackend(final File dir, final RandomAccessFile lockFile, final FileLock lock)
    {
        this.dir = dir;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    /**
     * Open (or create) the maps under {@link StoreConfig#chronicleDir()}.
     *
     * @param config a concluded configuration.
     * @return the backend.
     * @throws StoreException UNAVAILABLE when the directory is in use or a file cannot be opened.
     */
    public static ChronicleBackend open(final StoreConfig config)
    {
        final File dir = config.chronicleDir().getAbsoluteFile();
        try
        {
            OwnerOnlyFiles.directory(dir.toPath());
        }
        catch (final IOException ex)
        {
            throw new StoreException(StoreError.UNAVAILABLE, "cannot create the store directory " + dir +
                " readable by its owner only: " + ex, ex);
        }
        RandomAccessFile lockFile = null;
        ChronicleBackend backend = null;
        try
        {
            lockFile = new RandomAccessFile(new File(dir, LOCK_FILE), "rw");
            OwnerOnlyFiles.file(dir.toPath().resolve(LOCK_FILE));
            final FileLock lock = tryLock(lockFile.getChannel());
            if (lock == null)
            {
                throw new StoreException(StoreError.UNAVAILABLE, "the store directory " + dir +
                    " is in use by another process (" + LOCK_FILE + " is locked)");
            }
            backend = new ChronicleBackend(dir, lockFile, lock);
            backend.openMaps(config);
            return backend;
        }
        catch (final IOException | RuntimeException ex)
        {
            if (backend != null)
            {
                backend.closeMaps(false);
            }
            else
            {
                CloseHelper.quietClose(lockFile);
            }
            throw ex instanceof StoreException ? (StoreException)ex : new StoreException(StoreError.UNAVAILABLE,
                "cannot open the store in " + dir + ": " + ex, ex);
        }
        catch (final LinkageError ex)
        {
            if (backend != null)
            {
                backend.closeMaps(false);
            }
            else
            {
                CloseHelper.quietClose(lockFile);
            }
            throw new StoreException(StoreError.UNAVAILABLE, "Chronicle Map cannot start in this JVM: it needs a full " +
                "JDK and the --add-exports/--add-opens flags of the root pom's gamehall.jvm.flags " +
                "(see docs/jvm-flags.md): " + ex, ex);
        }
    }

    private static FileLock tryLock(final FileChannel channel) throws IOException
    {
        try
        {
            return channel.tryLock();
        }
        catch (final OverlappingFileLockException ex)
        {
            return null;
        }
    }

    private void openMaps(final StoreConfig config) throws IOException
    {
        final File marker = new File(dir, OPEN_MARKER);
        final boolean recover = marker.exists();
        if (recover)
        {
            LOG.warn("the store in {} was not closed cleanly; recovering its maps", dir);
        }
        else
        {
            Files.createFile(marker.toPath());
            OwnerOnlyFiles.file(marker.toPath());
        }
        for (final Keyspace keyspace : Keyspace.values())
        {
            final File file = new File(dir, keyspace.fileName() + ".cm3");
            final ChronicleMapBuilder<String, byte[]> builder = ChronicleMap.of(String.class, byte[].class)
                .name(keyspace.fileName())
                .entries(config.chronicleEntries(keyspace))
                .averageKeySize(AVERAGE_KEY_BYTES)
                .averageValueSize(config.chronicleAverageValueBytes(keyspace) + CAS_LENGTH);
            final ChronicleMap<String, byte[]> map = recover && file.exists() ?
                builder.recoverPersistedTo(file, true) :
                builder.createPersistedTo(file);
            maps.put(keyspace, map);
            OwnerOnlyFiles.file(file.toPath());
            entries.put(keyspace, config.chronicleEntries(keyspace));
        }
        final byte[] limit = maps.get(Keyspace.SEQUENCE).get(CAS_LIMIT_KEY);
        casLimit = limit == null ? 0 : readLong(limit, CAS_LENGTH);
        nextCas = casLimit;
        LOG.info("chronicle store open in {}: {} entries over {} maps", dir, totalSize(), maps.size());
    }

    private long totalSize()
    {
        long size = 0;
        for (final ChronicleMap<String, byte[]> map : maps.values())
        {
            size += map.longSize();
        }
        return size;
    }

    /**
     * Called before taking an entry lock, never under one: it may write the sequences map.
     *
     * @return a CAS number never used before in this directory.
     */
    private long newCas()
    {
        synchronized (casLock)
        {
            final long cas = ++nextCas;
            if (cas >= casLimit)
            {
                final long newLimit = cas + CAS_BLOCK;
                maps.get(Keyspace.SEQUENCE).put(CAS_LIMIT_KEY, withCas(0, longBytes(newLimit)));
                casLimit = newLimit;
            }
            return cas;
        }
    }

    public VersionedValue get(final Keyspace keyspace, final String key)
    {
        try
        {
            final byte[] stored = map(keyspace).get(key);
            if (stored == null)
            {
                return null;
            }
            return new VersionedValue(Arrays.copyOfRange(stored, CAS_LENGTH, stored.length), casOf(stored, keyspace, key));
        }
        catch (final RuntimeException ex)
        {
            throw translate(ex, keyspace, key, 0);
        }
    }

    public long insert(final Keyspace keyspace, final String key, final byte[] value)
    {
        final long cas = newCas();
        try (ExternalMapQueryContext<String, byte[], ?> context = map(keyspace).queryContext(key))
        {
            context.updateLock().lock();
            if (context.entry() != null)
            {
                return EXISTS;
            }
            context.insert(context.absentEntry(), context.wrapValueAsData(withCas(cas, value)));
            return cas;
        }
        catch (final RuntimeException ex)
        {
            throw translate(ex, keyspace, key, value.length);
        }
    }

    public long replace(final Keyspace keyspace, final String key, final byte[] value, final long cas)
    {
        final long newCas = newCas();
        try (ExternalMapQueryContext<String, byte[], ?> context = map(keyspace).queryContext(key))
        {
            context.updateLock().lock();
            final MapEntry<String, byte[]> entry = context.entry();
            if (entry == null)
            {
                return NOT_FOUND;
            }
            if (casOf(entry.value().get(), keyspace, key) != cas)
            {
                return CAS_MISMATCH;
            }
            context.replaceValue(entry, context.wrapValueAsData(withCas(newCas, value)));
            return newCas;
        }
        catch (final RuntimeException ex)
        {
            throw translate(ex, keyspace, key, value.length);
        }
    }

    public long upsert(final Keyspace keyspace, final String key, final byte[] value)
    {
        final long newCas = newCas();
        try (ExternalMapQueryContext<String, byte[], ?> context = map(keyspace).queryContext(key))
        {
            context.updateLock().lock();
            final MapEntry<String, byte[]> entry = context.entry();
            if (entry == null)
            {
                context.insert(context.absentEntry(), context.wrapValueAsData(withCas(newCas, value)));
            }
            else
            {
                context.replaceValue(entry, context.wrapValueAsData(withCas(newCas, value)));
            }
            return newCas;
        }
        catch (final RuntimeException ex)
        {
            throw translate(ex, keyspace, key, value.length);
        }
    }

    public long remove(final Keyspace keyspace, final String key, final long cas)
    {
        try (ExternalMapQueryContext<String, byte[], ?> context = map(keyspace).queryContext(key))
        {
            context.updateLock().lock();
            final MapEntry<String, byte[]> entry = context.entry();
            if (entry == null)
            {
                return NOT_FOUND;
            }
            if (cas != 0 && casOf(entry.value().get(), keyspace, key) != cas)
            {
                return CAS_MISMATCH;
            }
            context.remove(entry);
            return 0;
        }
        catch (final RuntimeException ex)
        {
            throw translate(ex, keyspace, key, 0);
        }
    }

    public long increment(final Keyspace keyspace, final String key)
    {
        final long newCas = newCas();
        try (ExternalMapQueryContext<String, byte[], ?> context = map(keyspace).queryContext(key))
        {
            context.updateLock().lock();
            final MapEntry<String, byte[]> entry = context.entry();
            if (entry == null)
            {
                context.insert(context.absentEntry(), context.wrapValueAsData(withCas(newCas, longBytes(1))));
                return 1;
            }
            final byte[] stored = entry.value().get();
            if (stored.length != CAS_LENGTH + 8)
            {
                throw new StoreException(StoreError.CORRUPT, "the counter " + keyspace.documentKey(key) +
                    " in " + dir + " holds " + stored.length + " bytes, not " + (CAS_LENGTH + 8));
            }
            final long value = readLong(stored, CAS_LENGTH) + 1;
            context.replaceValue(entry, context.wrapValueAsData(withCas(newCas, longBytes(value))));
            return value;
        }
        catch (final RuntimeException ex)
        {
            throw translate(ex, keyspace, key, 8);
        }
    }

    public String describe()
    {
        return "chronicle map files in " + dir;
    }

    /**
     * Close the maps and mark the directory as cleanly closed. Idempotent.
     */
    public void close()
    {
        closeMaps(true);
    }

    /**
     * @param clean whether to mark the directory as cleanly closed; a failed open keeps the
     *              marker, so that a recovery that did not finish runs again next time.
     */
    private synchronized void closeMaps(final boolean clean)
    {
        if (closed)
        {
            return;
        }
        closed = true;
        for (final ChronicleMap<String, byte[]> map : maps.values())
        {
            CloseHelper.quietClose(map);
        }
        if (clean && !new File(dir, OPEN_MARKER).delete())
        {
            LOG.warn("could not remove {} in {}; the next open will run recovery", OPEN_MARKER, dir);
        }
        try
        {
            lock.release();
        }
        catch (final IOException ex)
        {
            LOG.warn("could not release {} in {}: {}", LOCK_FILE, dir, ex.toString());
        }
        CloseHelper.quietClose(lockFile);
    }

    private ChronicleMap<String, byte[]> map(final Keyspace keyspace)
    {
        return maps.get(keyspace);
    }

    private long casOf(final byte[] stored, final Keyspace keyspace, final String key)
    {
        if (stored.length < CAS_LENGTH)
        {
            throw new StoreException(StoreError.CORRUPT, "the entry " + keyspace.documentKey(key) + " in " + dir +
                " is " + stored.length + " bytes, shorter than its CAS");
        }
        return readLong(stored, 0);
    }

    private StoreException translate(
        final RuntimeException ex, final Keyspace keyspace, final String key, final int valueLength)
    {
        if (ex instanceof StoreException)
        {
            return (StoreException)ex;
        }
        final String where = keyspace.documentKey(key) + " in " + dir;
        final String message = String.valueOf(ex.getMessage());
        if (ex instanceof ChronicleHashClosedException)
        {
            return new StoreException(StoreError.CLOSED, "the store is closed: " + where, ex);
        }
        if (ex instanceof IllegalStateException && message.contains("segment tier"))
        {
            return new StoreException(StoreError.FULL, "the " + keyspace.fileName() + " map is full (sized for " +
                entries.get(keyspace) + " entries): cannot write " + where + "; raise " +
                StoreConfig.PROPERTY_PREFIX + "chronicle." + keyspace.fileName() + ".entries and move the data to a " +
                "new directory", ex);
        }
        if (ex instanceof IllegalArgumentException && message.contains("too large"))
        {
            return new StoreException(StoreError.TOO_LARGE, "a value of " + valueLength + " bytes does not fit an " +
                "entry of the " + keyspace.fileName() + " map (" + where + "); raise " + StoreConfig.PROPERTY_PREFIX +
                "chronicle." + keyspace.fileName() + ".average-value-bytes", ex);
        }
        return new StoreException(StoreError.INTERNAL, "chronicle map failed on " + where + ": " + ex, ex);
    }

    private static byte[] withCas(final long cas, final byte[] value)
    {
        final byte[] stored = new byte[CAS_LENGTH + value.length];
        ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN).putLong(0, cas);
        System.arraycopy(value, 0, stored, CAS_LENGTH, value.length);
        return stored;
    }

    private static byte[] longBytes(final long value)
    {
        final byte[] bytes = new byte[8];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value);
        return bytes;
    }

    private static long readLong(final byte[] bytes, final int offset)
    {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(offset);
    }
}
