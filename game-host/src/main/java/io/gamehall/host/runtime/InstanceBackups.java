package io.gamehall.host.runtime;

import io.gamehall.store.InstanceBackup;
import io.gamehall.store.StoreError;
import io.gamehall.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * An instance's backups in the store: written with growing versions (never two checkpoints at
 * once), retried with backoff while the store is unavailable, and read on a restore (retried
 * likewise). Completions come back to the runner's thread through its executor; retries wait
 * on the instance's retry timer ({@link InstanceTimers}), not on another thread.
 */
final class InstanceBackups
{
    /** First wait before writing a backup again, doubling to {@link #MAX_RETRY_BACKOFF_MS}. */
    static final long WRITE_RETRY_INITIAL_MS = 20;
    /** First wait before reading a backup again, doubling to {@link #MAX_RETRY_BACKOFF_MS}. */
    static final long READ_RETRY_INITIAL_MS = 50;
    /** Longest wait between two attempts. */
    static final long MAX_RETRY_BACKOFF_MS = 2_000;
    private static final int MAX_DOUBLINGS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(InstanceBackups.class);

    /**
     * The store's backup operations.
     */
    interface Storage
    {
        CompletableFuture<InstanceBackup> save(long instanceId, long version, byte[] state);

        CompletableFuture<InstanceBackup> load(long instanceId);

        CompletableFuture<Boolean> delete(long instanceId);
    }

    /**
     * What follows from a backup written, read or failed; on the runner's thread.
     */
    interface Listener
    {
        /**
         * @return true while {@code instance} is still this runner's (not removed nor replaced).
         */
        boolean isLive(Instance instance);

        /**
         * The backup the instance's output waits for is written.
         */
        void onHeldWritten(Instance instance);

        /**
         * A newer backup exists: another host runs the instance.
         */
        void onTakenOver(Instance instance);

        /**
         * The game's state could not be saved, or the store refused it for good.
         */
        void onFailed(Instance instance, String where, Throwable cause);

        void onLoaded(Instance instance, InstanceBackup backup);

        /**
         * A restore found no backup: the game had saved nothing.
         */
        void onNoBackup(Instance instance);
    }

    private final Storage storage;
    private final Executor runner;
    private final InstanceTimers timers;
    private final HostCounters counters;
    private final LongSupplier clock;
    private final BackupCodec codec = new BackupCodec();
    private Listener listener;

    /**
     * @param runner runs a completion on the runner's thread.
     * @param clock  the runner's time, milliseconds.
     */
    InstanceBackups(
        final Storage storage, final Executor runner, final InstanceTimers timers, final HostCounters counters,
        final LongSupplier clock)
    {
        this.storage = storage;
        this.runner = runner;
        this.timers = timers;
        this.counters = counters;
        this.clock = clock;
    }

    void listener(final Listener listener)
    {
        this.listener = listener;
    }

    /**
     * Write the instance's next backup version.
     *
     * @return false when the game's state could not be saved (the listener heard it failed).
     */
    boolean write(final Instance instance)
    {
        final byte[] blob;
        try
        {
            blob = codec.encode(instance, instance.logic.saveState());
        }
        catch (final Throwable ex)
        {
            listener.onFailed(instance, "saveState", ex);
            return false;
        }
        final long version = ++instance.issuedVersion;
        storage.save(instance.id, version, blob)
            .whenComplete((saved, ex) -> runner.execute(() -> onWritten(instance, version, ex)));
        return true;
    }

    /**
     * A checkpoint: written now, or after the backup in flight.
     */
    void checkpoint(final Instance instance)
    {
        if (instance.backupInFlight())
        {
            instance.checkpointPending = true;
        }
        else
        {
            write(instance);
        }
    }

    /**
     * Write a pending checkpoint once nothing is in flight.
     */
    void writePendingCheckpoint(final Instance instance)
    {
        if (instance.checkpointPending && !instance.backupInFlight())
        {
            instance.checkpointPending = false;
            write(instance);
        }
    }

    /**
     * Read the instance's backup for a restore.
     */
    void read(final Instance instance)
    {
        storage.load(instance.id).whenComplete((backup, ex) -> runner.execute(() -> onRead(instance, backup, ex)));
    }

    /**
     * Delete the instance's backup (it was terminated); not waited for.
     */
    void delete(final Instance instance)
    {
        storage.delete(instance.id);
    }

    /**
     * The retry timer fired: read again while loading, else write the latest state again.
     */
    void retry(final Instance instance)
    {
        if (instance.phase == Instance.Phase.LOADING)
        {
            read(instance);
        }
        else if (write(instance) && instance.isHolding())
        {
            instance.holdUntilVersion = instance.issuedVersion;
        }
    }

    /**
     * @return the wait before attempt {@code failures + 1}, doubling from {@code initialMs} up to the limit.
     */
    static long backoff(final long initialMs, final int failures)
    {
        return Math.min(MAX_RETRY_BACKOFF_MS, initialMs << Math.min(failures, MAX_DOUBLINGS));
    }

    private void onWritten(final Instance instance, final long version, final Throwable ex)
    {
        if (!listener.isLive(instance))
        {
            return;
        }
        if (ex == null)
        {
            counters.backupsWritten.incrementAndGet();
            instance.backupFailures = 0;
            instance.writtenVersion = Math.max(instance.writtenVersion, version);
            if (instance.isHolding() && instance.writtenVersion >= instance.holdUntilVersion)
            {
                listener.onHeldWritten(instance);
            }
            else
            {
                writePendingCheckpoint(instance);
            }
            return;
        }
        counters.backupFailures.incrementAndGet();
        final StoreException se = GameFinisher.storeException(ex);
        if (se != null && se.error() == StoreError.CONFLICT)
        {
            LOG.warn("instance {}: a newer backup exists, another host runs it now; dropped here", instance.id);
            listener.onTakenOver(instance);
            return;
        }
        if (se == null || !se.error().isTransient())
        {
            listener.onFailed(instance, "backup", ex);
            return;
        }
        if (version == instance.issuedVersion && instance.retryTimerId == InstanceTimers.NONE)
        {
            final long wait = backoff(WRITE_RETRY_INITIAL_MS, instance.backupFailures++);
            LOG.warn("instance {}: backup {} failed ({}), retry in {} ms", instance.id, version, se.error(), wait);
            timers.scheduleRetry(instance, clock.getAsLong() + wait);
        }
    }

    private void onRead(final Instance instance, final InstanceBackup backup, final Throwable ex)
    {
        if (!listener.isLive(instance))
        {
            return;
        }
        if (ex == null)
        {
            instance.backupFailures = 0;
            listener.onLoaded(instance, backup);
            return;
        }
        final StoreException se = GameFinisher.storeException(ex);
        if (se != null && se.error() == StoreError.NOT_FOUND)
        {
            listener.onNoBackup(instance);
            return;
        }
        if (se != null && se.error().isTransient())
        {
            final long wait = backoff(READ_RETRY_INITIAL_MS, instance.backupFailures++);
            LOG.warn("instance {}: backup not readable yet ({}), retry in {} ms", instance.id, se.error(), wait);
            timers.scheduleRetry(instance, clock.getAsLong() + wait);
            return;
        }
        listener.onFailed(instance, "restore", ex);
    }
}
