package io.gamehall.host.runtime;

import io.gamehall.host.api.GameCatalog;
import io.gamehall.host.api.GameContext;
import io.gamehall.host.api.GameLogic;
import io.gamehall.host.api.GameResult;
import io.gamehall.host.api.InstanceSettings;
import io.gamehall.store.GameEvent;
import io.gamehall.store.InstanceBackup;
import io.gamehall.store.PlayerOutcome;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongArrayList;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceLifecycleTest
{
    private static final long NOW = 50_000;
    private static final InstanceSettings SETTINGS = new InstanceSettings(1, 70, 3, 0, 0, 0);
    private final List<String> calls = new ArrayList<>();
    private final RecordingSink sink = new RecordingSink();
    private final HostCounters counters = new HostCounters();
    private final Outbox outbox = new Outbox(sink, counters);
    private final InstanceTimers timers = new InstanceTimers(NOW);
    private final AtomicInteger load = new AtomicInteger();
    private final List<CompletableFuture<Void>> endings = new ArrayList<>();
    private final List<GameResult> results = new ArrayList<>();
    private final FakeStorage storage = new FakeStorage();
    private final InstanceBackups backups = new InstanceBackups(storage, Runnable::run, timers, counters, () -> NOW);
    private final GameCatalog catalog = new GameCatalog().register(1, "nothing", NoGame::new)
        .register(2, "broken", () ->
        {
            throw new IllegalStateException("no");
        });
    private final InstanceLifecycle lifecycle = new InstanceLifecycle(catalog, new Master(), this::ending, counters,
        load, outbox, timers, backups, new RunnerContext(outbox, timers, () -> NOW), Runnable::run, () -> NOW);
    private boolean stepsSucceed = true;

    InstanceLifecycleTest()
    {
        lifecycle.steps(new InstanceLifecycle.Steps()
        {
            public boolean step(final Instance instance, final InstanceLifecycle.Callback callback, final long arg,
                final byte[] state)
            {
                calls.add(callback.method + (arg != 0 ? " " + arg : "") + (state != null ? " state=" + state.length : ""));
                if (!stepsSucceed)
                {
                    lifecycle.fail(instance, callback.method, new IllegalStateException("boom"));
                }
                return stepsSucceed;
            }

            public void drainDeferred(final Instance instance)
            {
                calls.add("drain");
            }
        });
    }

    @Test
    void spawnSeatsTheOwnerCreatesTheGameAndTellsTheMaster()
    {
        lifecycle.spawn(9, SETTINGS, 5);
        lifecycle.spawn(9, SETTINGS, 5);

        final Instance instance = lifecycle.get(9);
        assertThat(instance.phase).isEqualTo(Instance.Phase.ACTIVE);
        assertThat(instance.startTimeMs).isEqualTo(NOW);
        assertThat(instance.players.toLongArray()).containsExactly(70);
        assertThat(instance.playerGateways.toLongArray()).containsExactly(5);
        assertThat(calls).containsExactly("onCreate", "ready 9");
        assertThat(load.get()).isEqualTo(1);
        assertThat(counters.instancesStarted()).isEqualTo(1);
    }

    @Test
    void aGameThisHostCannotRunIsReportedEnded()
    {
        lifecycle.spawn(9, new InstanceSettings(7, 70, 2, 0, 0, 0), 5);
        lifecycle.spawn(10, new InstanceSettings(2, 70, 2, 0, 0, 0), 5);

        assertThat(calls).containsExactly("ended 9", "ended 10");
        assertThat(lifecycle.count()).isZero();
        assertThat(load.get()).isZero();
    }

    @Test
    void aSpawnWhoseOnCreateThrowsIsNotReportedReady()
    {
        stepsSucceed = false;

        lifecycle.spawn(9, SETTINGS, 5);

        assertThat(calls).containsExactly("onCreate");
        assertThat(lifecycle.get(9)).isNull();
        assertThat(results).singleElement().satisfies(r ->
        {
            assertThat(r.outcomes()).containsEntry(70L, PlayerOutcome.ABANDONED);
            assertThat(r.summary()).isEqualTo("game error in onCreate: IllegalStateException");
        });
        endings.get(0).complete(null);
        assertThat(sink.sent).containsExactly("gw5: closed 9 GAME_ERROR to=70 the game stopped after an error");
    }

    @Test
    void restoreLoadsTheBackupThenEveryPlayerReconnectsThenReady()
    {
        lifecycle.restore(9, SETTINGS, longs(70, 71), longs(5, 6));
        final Instance instance = lifecycle.get(9);
        assertThat(instance.phase).isEqualTo(Instance.Phase.LOADING);
        assertThat(storage.loads).containsExactly(9L);

        final byte[] blob = new BackupCodec().encode(instance, new byte[]{ 4, 4, 4 });
        lifecycle.onLoaded(instance, new InstanceBackup(9, 6, 0, blob));

        assertThat(instance.phase).isEqualTo(Instance.Phase.ACTIVE);
        assertThat(instance.issuedVersion).isEqualTo(6);
        assertThat(instance.writtenVersion).isEqualTo(6);
        assertThat(calls).containsExactly("onRestore state=3", "onPlayerReconnected 70", "onPlayerReconnected 71",
            "ready 9", "drain");
    }

    @Test
    void anUnreadableBackupFailsTheInstance()
    {
        lifecycle.restore(9, SETTINGS, longs(70), longs(5));

        lifecycle.onLoaded(lifecycle.get(9), new InstanceBackup(9, 6, 0, new byte[]{ 1 }));

        assertThat(lifecycle.get(9)).isNull();
        assertThat(counters.instancesFailed()).isEqualTo(1);
        assertThat(calls).isEmpty();
    }

    @Test
    void withoutABackupTheGameStartsAgainWithTheSeatedPlayers()
    {
        lifecycle.restore(9, SETTINGS, longs(71, 70, 72), longs(6, 5, 6));

        lifecycle.startFresh(lifecycle.get(9));

        final Instance instance = lifecycle.get(9);
        assertThat(instance.players.toLongArray()).containsExactly(70, 71, 72);
        assertThat(instance.playerGateways.toLongArray()).containsExactly(5, 6, 6);
        assertThat(calls).containsExactly("onCreate", "onPlayerJoined 71", "onPlayerJoined 72", "ready 9", "drain");
    }

    @Test
    void anOwnerNoLongerSeatedIsUnseatedAfterOnCreate()
    {
        lifecycle.restore(9, SETTINGS, longs(71), longs(6));

        lifecycle.startFresh(lifecycle.get(9));

        assertThat(lifecycle.get(9).players.toLongArray()).containsExactly(71);
    }

    @Test
    void finishTellsThePlayersOnlyAfterHistoryAndMaster()
    {
        lifecycle.spawn(9, SETTINGS, 5);
        final Instance instance = lifecycle.get(9);
        instance.seat(71, 6);
        timers.schedule(instance, 1, NOW + 10);
        instance.result = GameResult.win(70, List.of(70L, 71L), "70 won");

        lifecycle.finish(instance);

        assertThat(lifecycle.get(9)).isNull();
        assertThat(instance.phase).isEqualTo(Instance.Phase.FINISHING);
        assertThat(timers.count()).isZero();
        assertThat(load.get()).isZero();
        assertThat(results).containsExactly(instance.result);
        assertThat(sink.sent).isEmpty();

        endings.get(0).complete(null);
        assertThat(sink.sent).containsExactly("gw5: closed 9 GAME_OVER to=70 70 won", "gw6: closed 9 GAME_OVER to=71 70 won");
    }

    @Test
    void terminateClosesToPlayersWritesNoHistoryAndDeletesTheBackup()
    {
        lifecycle.spawn(9, SETTINGS, 5);

        lifecycle.terminate(9);
        lifecycle.terminate(9);

        assertThat(lifecycle.count()).isZero();
        assertThat(results).isEmpty();
        assertThat(storage.deletes).containsExactly(9L);
        assertThat(sink.sent).containsExactly("gw5: closed 9 TERMINATED to=70 the instance was closed");
    }

    @Test
    void removeAllForgetsEveryInstanceSilently()
    {
        lifecycle.spawn(9, SETTINGS, 5);
        lifecycle.spawn(10, SETTINGS, 5);

        lifecycle.removeAll("test");

        assertThat(lifecycle.count()).isZero();
        assertThat(load.get()).isZero();
        assertThat(sink.sent).isEmpty();
        assertThat(results).isEmpty();
    }

    private static LongArrayList longs(final long... ids)
    {
        final LongArrayList list = new LongArrayList();
        list.wrap(ids, ids.length);
        return list;
    }

    private CompletableFuture<Void> ending(
        final long instanceId, final int gameType, final long startTimeMs, final long endTimeMs,
        final List<GameEvent> history, final GameResult result)
    {
        results.add(result);
        final CompletableFuture<Void> future = new CompletableFuture<>();
        endings.add(future);
        return future;
    }

    private final class Master implements MasterReports
    {
        public void instanceReady(final long instanceId)
        {
            calls.add("ready " + instanceId);
        }

        public CompletableFuture<Void> instanceEnded(final long instanceId)
        {
            calls.add("ended " + instanceId);
            return CompletableFuture.completedFuture(null);
        }
    }

    private static final class FakeStorage implements InstanceBackups.Storage
    {
        final List<Long> loads = new ArrayList<>();
        final List<Long> deletes = new ArrayList<>();

        public CompletableFuture<InstanceBackup> save(final long instanceId, final long version, final byte[] state)
        {
            return new CompletableFuture<>();
        }

        public CompletableFuture<InstanceBackup> load(final long instanceId)
        {
            loads.add(instanceId);
            return new CompletableFuture<>();
        }

        public CompletableFuture<Boolean> delete(final long instanceId)
        {
            deletes.add(instanceId);
            return CompletableFuture.completedFuture(true);
        }
    }

    private static final class NoGame implements GameLogic
    {
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
            return new byte[0];
        }

        public void onRestore(final GameContext ctx, final byte[] state)
        {
        }
    }
}
