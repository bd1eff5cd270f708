package io.gamehall.host.runtime;

import io.gamehall.host.api.GameContext;
import io.gamehall.host.api.GameLogic;
import io.gamehall.host.api.InstanceSettings;
import io.gamehall.store.InstanceBackup;
import io.gamehall.store.StoreError;
import io.gamehall.store.StoreException;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceBackupsTest
{
    private static final long START = 5_000;
    private final FakeStorage storage = new FakeStorage();
    private final InstanceTimers timers = new InstanceTimers(START);
    private final Recorder listener = new Recorder();
    private final HostCounters counters = new HostCounters();
    private long now = START;
    private final InstanceBackups backups = new InstanceBackups(storage, Runnable::run, timers, counters, () -> now);
    private final Game game = new Game();
    private final Instance instance = new Instance(9, new InstanceSettings(1, 70, 2, 0, 0, 0), game);

    InstanceBackupsTest()
    {
        backups.listener(listener);
        timers.expiry(new InstanceTimers.Expiry()
        {
            public void onGameTimer(final Instance instance, final long gameTimerId)
            {
            }

            public void onRetryTimer(final Instance instance)
            {
                backups.retry(instance);
            }
        });
        instance.phase = Instance.Phase.ACTIVE;
        instance.seat(70, 5);
    }

    @Test
    void aWrittenBackupReleasesTheOutputHeldForIt()
    {
        assertThat(backups.write(instance)).isTrue();
        instance.holdUntilVersion = instance.issuedVersion;

        assertThat(storage.saves).containsExactly("9@1");
        assertThat(listener.calls).isEmpty();

        storage.complete(null);
        assertThat(listener.calls).containsExactly("held written 9");
        assertThat(instance.writtenVersion).isEqualTo(1);
        assertThat(counters.backupsWritten()).isEqualTo(1);
    }

    @Test
    void aFailedWriteIsRetriedAfterBackoffWithTheNextVersionAndThenReleases()
    {
        backups.write(instance);
        instance.holdUntilVersion = instance.issuedVersion;

        storage.complete(new StoreException(StoreError.UNAVAILABLE, "down"));
        assertThat(listener.calls).isEmpty();
        assertThat(counters.backupFailures()).isEqualTo(1);
        assertThat(instance.retryTimerId).isNotEqualTo(InstanceTimers.NONE);

        timers.poll(now += InstanceBackups.WRITE_RETRY_INITIAL_MS - 4);
        assertThat(storage.saves).containsExactly("9@1");

        timers.poll(now += 6);
        assertThat(storage.saves).containsExactly("9@1", "9@2");
        assertThat(instance.holdUntilVersion).isEqualTo(2);

        storage.complete(new StoreException(StoreError.TIMEOUT, "slow"));
        timers.poll(now += 2 * InstanceBackups.WRITE_RETRY_INITIAL_MS - 4);
        assertThat(storage.saves).hasSize(2);
        timers.poll(now += 6);
        assertThat(storage.saves).containsExactly("9@1", "9@2", "9@3");

        storage.complete(null);
        assertThat(listener.calls).containsExactly("held written 9");
        assertThat(instance.backupFailures).isZero();
    }

    @Test
    void backoffDoublesUpToItsLimit()
    {
        assertThat(InstanceBackups.backoff(20, 0)).isEqualTo(20);
        assertThat(InstanceBackups.backoff(20, 3)).isEqualTo(160);
        assertThat(InstanceBackups.backoff(20, 7)).isEqualTo(InstanceBackups.MAX_RETRY_BACKOFF_MS);
        assertThat(InstanceBackups.backoff(50, 40)).isEqualTo(InstanceBackups.MAX_RETRY_BACKOFF_MS);
    }

    @Test
    void anOlderVersionFailingDoesNotRetry()
    {
        backups.write(instance);
        backups.write(instance);

        storage.complete(new StoreException(StoreError.UNAVAILABLE, "down"));

        assertThat(instance.retryTimerId).isEqualTo(InstanceTimers.NONE);
    }

    @Test
    void conflictMeansAnotherHostTookTheInstanceOver()
    {
        backups.write(instance);

        storage.complete(new StoreException(StoreError.CONFLICT, "newer"));

        assertThat(listener.calls).containsExactly("taken over 9");
        assertThat(instance.retryTimerId).isEqualTo(InstanceTimers.NONE);
    }

    @Test
    void aPermanentFailureOrAStateThatCannotBeSavedFailsTheInstance()
    {
        backups.write(instance);
        storage.complete(new StoreException(StoreError.TOO_LARGE, "big"));
        game.saveFails = true;

        assertThat(backups.write(instance)).isFalse();

        assertThat(listener.calls).containsExactly("failed 9 in backup: StoreException",
            "failed 9 in saveState: IllegalStateException");
    }

    @Test
    void aCheckpointWaitsForTheBackupInFlight()
    {
        backups.write(instance);
        backups.checkpoint(instance);
        assertThat(storage.saves).containsExactly("9@1");
        assertThat(instance.checkpointPending).isTrue();

        storage.complete(null);

        assertThat(storage.saves).containsExactly("9@1", "9@2");
        assertThat(instance.checkpointPending).isFalse();
    }

    @Test
    void completionsForARemovedInstanceAreIgnored()
    {
        backups.write(instance);
        listener.live = false;

        storage.complete(new StoreException(StoreError.UNAVAILABLE, "down"));

        assertThat(listener.calls).isEmpty();
        assertThat(instance.retryTimerId).isEqualTo(InstanceTimers.NONE);
    }

    @Test
    void aRestoreReadsTheBackupAgainWhileTheStoreIsUnavailable()
    {
        instance.phase = Instance.Phase.LOADING;
        backups.read(instance);
        storage.completeLoad(null, new StoreException(StoreError.UNAVAILABLE, "down"));
        assertThat(storage.loads).isEqualTo(1);

        timers.poll(now += InstanceBackups.READ_RETRY_INITIAL_MS - 4);
        assertThat(storage.loads).isEqualTo(1);
        timers.poll(now += 6);
        assertThat(storage.loads).isEqualTo(2);

        final InstanceBackup backup = new InstanceBackup(9, 4, 0, new byte[0]);
        storage.completeLoad(backup, null);
        assertThat(listener.calls).containsExactly("loaded 9 v4");
    }

    @Test
    void aRestoreWithoutABackupStartsAfreshAndABadOneFails()
    {
        instance.phase = Instance.Phase.LOADING;
        backups.read(instance);
        storage.completeLoad(null, new StoreException(StoreError.NOT_FOUND, "none"));
        backups.read(instance);
        storage.completeLoad(null, new StoreException(StoreError.CORRUPT, "bad"));

        assertThat(listener.calls).containsExactly("no backup 9", "failed 9 in restore: StoreException");
    }

    @Test
    void deleteGoesToTheStore()
    {
        backups.delete(instance);

        assertThat(storage.deletes).containsExactly(9L);
    }

    private static final class FakeStorage implements InstanceBackups.Storage
    {
        final List<String> saves = new ArrayList<>();
        final Queue<CompletableFuture<InstanceBackup>> pending = new ArrayDeque<>();
        final Queue<CompletableFuture<InstanceBackup>> pendingLoads = new ArrayDeque<>();
        final List<Long> deletes = new ArrayList<>();
        int loads;

        public CompletableFuture<InstanceBackup> save(final long instanceId, final long version, final byte[] state)
        {
            saves.add(instanceId + "@" + version);
            final CompletableFuture<InstanceBackup> future = new CompletableFuture<>();
            pending.add(future);
            return future;
        }

        public CompletableFuture<InstanceBackup> load(final long instanceId)
        {
            loads++;
            final CompletableFuture<InstanceBackup> future = new CompletableFuture<>();
            pendingLoads.add(future);
            return future;
        }

        public CompletableFuture<Boolean> delete(final long instanceId)
        {
            deletes.add(instanceId);
            return CompletableFuture.completedFuture(true);
        }

        void complete(final Throwable failure)
        {
            final CompletableFuture<InstanceBackup> future = pending.remove();
            if (failure == null)
            {
                future.complete(null);
            }
            else
            {
                future.completeExceptionally(failure);
            }
        }

        void completeLoad(final InstanceBackup backup, final Throwable failure)
        {
            final CompletableFuture<InstanceBackup> future = pendingLoads.remove();
            if (failure == null)
            {
                future.complete(backup);
            }
            else
            {
                future.completeExceptionally(failure);
            }
        }
    }

    private static final class Recorder implements InstanceBackups.Listener
    {
        final List<String> calls = new ArrayList<>();
        boolean live = true;

        public boolean isLive(final Instance instance)
        {
            return live;
        }

        public void onHeldWritten(final Instance instance)
        {
            calls.add("held written " + instance.id);
        }

        public void onTakenOver(final Instance instance)
        {
            calls.add("taken over " + instance.id);
        }

        public void onFailed(final Instance instance, final String where, final Throwable cause)
        {
            calls.add("failed " + instance.id + " in " + where + ": " + cause.getClass().getSimpleName());
        }

        public void onLoaded(final Instance instance, final InstanceBackup backup)
        {
            calls.add("loaded " + instance.id + " v" + backup.version());
        }

        public void onNoBackup(final Instance instance)
        {
            calls.add("no backup " + instance.id);
        }
    }

    private static final class Game implements GameLogic
    {
        boolean saveFails;

        public void onCreate(final GameContext ctx)
        {
        }

        public void onPlayerJoined(final GameContext ctx, final long userId)
        {
        }

        public void onPlayerLeft(final GameContext ctx, final long userId)
        {
        }

        public void onMessage(final GameContext ctx, final long userId, final int kind, final DirectBuffer payload,
            final int offset, final int length)
        {
        }

        public byte[] saveState()
        {
            if (saveFails)
            {
                throw new IllegalStateException("cannot save");
            }
            return new byte[]{ 1, 2 };
        }

        public void onRestore(final GameContext ctx, final byte[] state)
        {
        }
    }
}
