package io.gamehall.host.runtime;

import io.gamehall.host.api.GameCatalog;
import io.gamehall.host.api.GameResult;
import io.gamehall.host.api.InstanceSettings;
import io.gamehall.host.runtime.InstanceLifecycle.Callback;
import io.gamehall.store.InstanceBackup;
import io.gamehall.store.StoreError;
import io.gamehall.store.StoreException;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link GameSteps} with the real context, outbox, backups, timers and lifecycle around it, and
 * fakes for the store, the master and the gateways.
 */
class GameStepsTest
{
    private static final long NOW = 70_000;
    private final RecordingSink sink = new RecordingSink();
    private final HostCounters counters = new HostCounters();
    private final Outbox outbox = new Outbox(sink, counters);
    private final InstanceTimers timers = new InstanceTimers(NOW);
    private final Queue<CompletableFuture<InstanceBackup>> saves = new ArrayDeque<>();
    private final List<String> ended = new ArrayList<>();
    private final InstanceBackups backups = new InstanceBackups(new InstanceBackups.Storage()
    {
        public CompletableFuture<InstanceBackup> save(final long instanceId, final long version, final byte[] state)
        {
            final CompletableFuture<InstanceBackup> future = new CompletableFuture<>();
            saves.add(future);
            return future;
        }

        public CompletableFuture<InstanceBackup> load(final long instanceId)
        {
            return new CompletableFuture<>();
        }

        public CompletableFuture<Boolean> delete(final long instanceId)
        {
            return CompletableFuture.completedFuture(true);
        }
    }, Runnable::run, timers, counters, () -> NOW);
    private final ScriptedGame game = new ScriptedGame();
    private final RunnerContext ctx = new RunnerContext(outbox, timers, () -> NOW);
    private final InstanceLifecycle lifecycle = new InstanceLifecycle(
        new GameCatalog().register(1, "scripted", () -> game), new MasterReports()
        {
            public void instanceReady(final long instanceId)
            {
            }

            public CompletableFuture<Void> instanceEnded(final long instanceId)
            {
                return CompletableFuture.completedFuture(null);
            }
        },
        (id, type, start, end, history, result) ->
        {
            ended.add(id + ": " + result.summary());
            return CompletableFuture.completedFuture(null);
        },
        counters, new AtomicInteger(), outbox, timers, backups, ctx, Runnable::run, () -> NOW);
    private final GameSteps steps = new GameSteps(ctx, outbox, backups, lifecycle, counters);
    private final Instance instance;
    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[]{ 1, 2 });

    GameStepsTest()
    {
        steps.deferred(new DeferredInput(lifecycle::isLive, new RunnerInboxAdapter(null),
            (instance, timerId) -> steps.step(instance, Callback.ON_TIMER, timerId, null)));
        lifecycle.steps(steps);
        timers.expiry(new InstanceTimers.Expiry()
        {
            public void onGameTimer(final Instance instance, final long gameTimerId)
            {
                steps.step(instance, Callback.ON_TIMER, gameTimerId, null);
            }

            public void onRetryTimer(final Instance instance)
            {
                backups.retry(instance);
            }
        });
        backups.listener(new InstanceBackups.Listener()
        {
            public boolean isLive(final Instance instance)
            {
                return lifecycle.isLive(instance);
            }

            public void onHeldWritten(final Instance instance)
            {
                steps.release(instance);
            }

            public void onTakenOver(final Instance instance)
            {
                lifecycle.remove(instance);
            }

            public void onFailed(final Instance instance, final String where, final Throwable cause)
            {
                lifecycle.fail(instance, where, cause);
            }

            public void onLoaded(final Instance instance, final InstanceBackup backup)
            {
            }

            public void onNoBackup(final Instance instance)
            {
            }
        });
        lifecycle.spawn(9, new InstanceSettings(1, 70, 2, 0, 0, 0), 5);
        instance = lifecycle.get(9);
        instance.seat(71, 6);
        game.calls.clear();
    }

    @Test
    void aCommittedMovesOutputAndAcknowledgementWaitForItsBackup()
    {
        game.script = c ->
        {
            c.broadcast(3, payload, 0, 2);
            c.commit();
        };

        steps.message(instance, 71, 6, 12, 1, payload, 0, 2);

        assertThat(game.calls).containsExactly("onMessage 71 kind=1 length=2");
        assertThat(sink.sent).isEmpty();
        assertThat(instance.isHolding()).isTrue();
        assertThat(saves).hasSize(1);

        saves.remove().complete(null);

        assertThat(instance.isHolding()).isFalse();
        assertThat(sink.sent).containsExactly(
            "gw5: event 9 kind=3 to=70", "gw6: event 9 kind=3 to=71", "gw6: accepted 9 user=71 seq=12");
    }

    @Test
    void aRejectionIsAnsweredToTheSenderAndNothingIsBackedUp()
    {
        game.script = c ->
        {
            c.reject("not your turn");
            c.commit();
        };

        steps.message(instance, 71, 6, 12, 1, payload, 0, 2);

        assertThat(saves).isEmpty();
        assertThat(counters.rejected()).isEqualTo(1);
        assertThat(sink.sent).containsExactly("gw6: error 9 user=71 seq=12 REJECTED not your turn");
    }

    @Test
    void aCheckpointIsBackedUpWithoutHoldingOutput()
    {
        game.script = c ->
        {
            c.send(70, 4, payload, 0, 1);
            c.checkpoint();
        };

        assertThat(steps.step(instance, Callback.ON_TIMER, 8, null)).isTrue();

        assertThat(game.calls).containsExactly("onTimer 8");
        assertThat(sink.sent).containsExactly("gw5: event 9 kind=4 to=70");
        assertThat(saves).hasSize(1);
        assertThat(instance.isHolding()).isFalse();
    }

    @Test
    void aGameThatEndsIsFinishedAfterItsLastBackup()
    {
        game.script = c ->
        {
            c.commit();
            c.end(GameResult.win(70, List.of(70L, 71L), "70 won"));
        };

        steps.message(instance, 70, 5, 1, 1, payload, 0, 2);
        assertThat(ended).isEmpty();
        assertThat(lifecycle.isLive(instance)).isTrue();

        saves.remove().complete(null);

        assertThat(ended).containsExactly("9: 70 won");
        assertThat(lifecycle.isLive(instance)).isFalse();
    }

    @Test
    void aCallbackThatThrowsFailsTheInstance()
    {
        game.script = c ->
        {
            c.broadcast(3, payload, 0, 2);
            throw new IllegalArgumentException("bug");
        };

        assertThat(steps.step(instance, Callback.ON_JOINED, 71, null)).isFalse();

        assertThat(lifecycle.isLive(instance)).isFalse();
        assertThat(ended).containsExactly("9: game error in onPlayerJoined: IllegalArgumentException");
        assertThat(sink.sent).containsExactly(
            "gw5: closed 9 GAME_ERROR to=70 the game stopped after an error",
            "gw6: closed 9 GAME_ERROR to=71 the game stopped after an error");
    }

    @Test
    void aHeldMoveIsWrittenAgainAfterAFailedBackupAndThenReleased()
    {
        game.script = c -> c.commit();
        steps.message(instance, 71, 6, 12, 1, payload, 0, 2);

        saves.remove().completeExceptionally(new StoreException(StoreError.UNAVAILABLE, "down"));
        timers.poll(NOW + InstanceBackups.WRITE_RETRY_INITIAL_MS + InstanceTimers.TICK_RESOLUTION_MS);
        assertThat(sink.sent).isEmpty();
        assertThat(saves).hasSize(1);

        saves.remove().complete(null);
        assertThat(sink.sent).containsExactly("gw6: accepted 9 user=71 seq=12");
    }
}
