package io.gamehall.host.api;

import io.gamehall.store.GameEvent;
import io.gamehall.store.PlayerOutcome;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GameHarnessTest
{
    private static final long OWNER = 7;
    private static final long GUEST = 8;
    private static final long START_MS = 1_000_000;
    private static final DirectBuffer ONE_BYTE = new UnsafeBuffer(new byte[]{ 42 });

    private final List<Scripted> made = new ArrayList<>();
    private Consumer<GameContext> onCreate = ctx -> {};
    private BiConsumer<GameContext, Long> onTimer = (ctx, timerId) -> {};
    private BiConsumer<GameContext, Integer> onMessage = (ctx, kind) -> {};

    @Test
    void shouldFireDueTimersByDeadlineThenIdWithTheClockAtEachDeadline()
    {
        onCreate = ctx ->
        {
            ctx.schedule(30, 200);
            ctx.schedule(20, 100);
            ctx.schedule(10, 100);
            ctx.schedule(40, 500);
        };
        final List<String> fired = new ArrayList<>();
        onTimer = (ctx, timerId) ->
        {
            fired.add(timerId + "@" + (ctx.nowMs() - START_MS));
            if (timerId == 10)
            {
                ctx.schedule(50, 50);
                ctx.cancel(30);
            }
        };
        final GameHarness harness = harness();

        harness.advance(300);

        assertThat(fired).containsExactly("10@100", "20@100", "50@150");
        assertThat(harness.nowMs()).isEqualTo(START_MS + 300);
        assertThat(harness.timers()).containsExactly(Map.entry(40L, START_MS + 500));
    }

    @Test
    void shouldMoveATimerThatIsSetAgain()
    {
        onCreate = ctx -> ctx.schedule(1, 100);
        onMessage = (ctx, kind) -> ctx.schedule(1, 1_000);
        final GameHarness harness = harness();
        harness.advance(50);

        harness.message(OWNER, 1);

        assertThat(harness.timers()).containsExactly(Map.entry(1L, START_MS + 1_050));
    }

    @Test
    void shouldRecordWhatTheLogicDid()
    {
        onMessage = (ctx, kind) ->
        {
            if (kind == 1)
            {
                ctx.reject("no kind 1 here");
                return;
            }
            ctx.send(GUEST, 5, ONE_BYTE, 0, 1);
            ctx.broadcast(6, ONE_BYTE, 0, 1);
            ctx.record(OWNER, 9, ONE_BYTE, 0, 1);
            ctx.commit();
        };
        final GameHarness harness = harness();
        harness.join(GUEST);
        harness.advance(10);

        assertThat(harness.message(OWNER, 1)).isEqualTo("no kind 1 here");
        assertThat(harness.committed()).isFalse();
        assertThat(harness.message(OWNER, 2)).isNull();

        assertThat(harness.lastRejection()).isNull();
        assertThat(harness.committed()).isTrue();
        assertThat(harness.checkpointed()).isFalse();
        assertThat(harness.sent()).hasSize(2);
        assertThat(harness.sent().get(0).to()).containsExactly(GUEST);
        assertThat(harness.sent().get(0).broadcast()).isFalse();
        assertThat(harness.sent().get(1).to()).containsExactly(OWNER, GUEST);
        assertThat(harness.sent().get(1).payload()).containsExactly(42);
        assertThat(harness.sentTo(OWNER)).extracting(GameHarness.Sent::kind).containsExactly(6);
        final GameEvent event = harness.history().get(0);
        assertThat(event.timeMs()).isEqualTo(START_MS + 10);
        assertThat(event.kind()).isEqualTo(9);
        assertThat(event.payload()).containsExactly(42);

        harness.reconnect(GUEST);
        assertThat(harness.committed()).as("each callback starts clean").isFalse();
    }

    @Test
    void shouldRestoreAFreshLogicFromTheBackupWithoutTimers()
    {
        onCreate = ctx -> ctx.schedule(1, 100);
        final GameHarness harness = harness();
        harness.join(GUEST);
        made.get(0).state = new byte[]{ 1, 2, 3 };

        final byte[] backup = harness.saveAndRestore(5_000);

        assertThat(backup).containsExactly(1, 2, 3);
        assertThat(made).hasSize(2);
        assertThat(harness.logic()).isSameAs(made.get(1));
        assertThat(made.get(1).restored).containsExactly(1, 2, 3);
        assertThat(made.get(1).playersAtRestore).containsExactly(OWNER, GUEST);
        assertThat(made.get(1).nowAtRestore).isEqualTo(START_MS + 5_000);
        assertThat(harness.timers()).isEmpty();
    }

    @Test
    void shouldRefuseTheContextOutsideACallback()
    {
        final GameHarness harness = harness();
        final GameContext kept = made.get(0).ctx;

        assertThatThrownBy(() -> kept.broadcast(1, ONE_BYTE, 0, 1))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("outside a GameLogic callback");
        assertThatThrownBy(kept::nowMs).isInstanceOf(IllegalStateException.class);
        assertThat(harness.sent()).isEmpty();
    }

    @Test
    void shouldRefuseTheContextOnAnotherThread()
    {
        onMessage = (ctx, kind) ->
        {
            final CompletableFuture<Void> other = CompletableFuture.runAsync(() -> ctx.broadcast(1, ONE_BYTE, 0, 1));
            try
            {
                other.get();
            }
            catch (final InterruptedException | ExecutionException ex)
            {
                throw new IllegalStateException(ex.getCause());
            }
        };
        final GameHarness harness = harness();

        assertThatThrownBy(() -> harness.message(OWNER, 1)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("on another thread");
    }

    @Test
    void shouldRefuseChangesAfterTheEnd()
    {
        onMessage = (ctx, kind) ->
        {
            ctx.end(GameResult.draw(ctx.players(), "done"));
            ctx.broadcast(1, ONE_BYTE, 0, 1);
        };
        final GameHarness harness = harness();

        assertThatThrownBy(() -> harness.message(OWNER, 1)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("ctx.broadcast after ctx.end");
        assertThat(harness.result().outcomes()).containsExactly(Map.entry(OWNER, PlayerOutcome.DRAW));
        assertThat(harness.sent()).isEmpty();
    }

    @Test
    void shouldRefuseSeatChangesAfterTheEndButDeliverLateMessages()
    {
        onCreate = ctx -> ctx.schedule(1, 10);
        onTimer = (ctx, timerId) -> ctx.end(GameResult.win(OWNER, ctx.players(), "owner wins"));
        onMessage = (ctx, kind) -> ctx.reject("over");
        final GameHarness harness = harness();
        harness.advance(10);

        assertThat(harness.ended()).isTrue();
        assertThat(harness.message(OWNER, 1)).isEqualTo("over");
        assertThatThrownBy(() -> harness.join(GUEST)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("the game has ended (owner wins)");
        assertThatThrownBy(harness::saveAndRestore).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRefuseRejectOutsideOnMessage()
    {
        onCreate = ctx -> ctx.schedule(1, 10);
        onTimer = (ctx, timerId) -> ctx.reject("why");
        final GameHarness harness = harness();

        assertThatThrownBy(() -> harness.advance(10)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("ctx.reject outside onMessage");
    }

    @Test
    void shouldRefuseRejectingAfterAChange()
    {
        onMessage = (ctx, kind) ->
        {
            ctx.record(OWNER, 1, ONE_BYTE, 0, 1);
            ctx.reject("too late");
        };
        final GameHarness harness = harness();

        assertThatThrownBy(() -> harness.message(OWNER, 1)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("a rejected message must change nothing");
    }

    @Test
    void shouldRefuseAChangeAfterRejecting()
    {
        onMessage = (ctx, kind) ->
        {
            ctx.reject("no");
            ctx.commit();
        };
        final GameHarness harness = harness();

        assertThatThrownBy(() -> harness.message(OWNER, 1)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("ctx.commit after ctx.reject");
        assertThat(harness.committed()).isFalse();
    }

    @Test
    void shouldRefuseRejectingTwice()
    {
        onMessage = (ctx, kind) ->
        {
            ctx.reject("no");
            ctx.reject("still no");
        };
        final GameHarness harness = harness();

        assertThatThrownBy(() -> harness.message(OWNER, 1)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("twice");
    }

    @Test
    void shouldRefuseSendingToSomeoneWithoutASeat()
    {
        onMessage = (ctx, kind) -> ctx.send(GUEST, 1, ONE_BYTE, 0, 1);
        final GameHarness harness = harness();

        assertThatThrownBy(() -> harness.message(OWNER, 1)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("ctx.send to 8, who has no seat");
    }

    @Test
    void shouldRefuseKindsAndPayloadsTheProtocolCannotCarry()
    {
        onMessage = (ctx, kind) -> ctx.broadcast(kind, ONE_BYTE, 0, kind == 1 ? 2 : 1);
        final GameHarness harness = harness();

        assertThatThrownBy(() -> harness.message(OWNER, 70_000)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("kind must be 0..65535");
        assertThatThrownBy(() -> harness.message(OWNER, 1)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("outside the buffer");
    }

    @Test
    void shouldRefuseDrivingItWrongly()
    {
        final GameHarness harness = harness();
        harness.join(GUEST);

        assertThatThrownBy(() -> harness.join(GUEST)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("already seated");
        assertThatThrownBy(() -> harness.join(9)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("all 2 seats are taken");
        assertThatThrownBy(() -> harness.message(9, 1)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("player 9 has no seat");
        assertThatThrownBy(() -> harness.advance(-1)).isInstanceOf(IllegalArgumentException.class);

        harness.leave(GUEST);
        assertThat(harness.players()).containsExactly(OWNER);
        assertThat(made.get(0).left).containsExactly(GUEST);
        assertThatThrownBy(() -> harness.leave(GUEST)).isInstanceOf(IllegalStateException.class);
    }

    private GameHarness harness()
    {
        return new GameHarness(new InstanceSettings(99, OWNER, 2, 0, 0, 0), START_MS, () ->
        {
            final Scripted logic = new Scripted();
            made.add(logic);
            return logic;
        });
    }

    /**
     * A logic that does what the test scripts, and remembers what it was given.
     */
    private final class Scripted implements GameLogic
    {
        private GameContext ctx;
        private byte[] state = new byte[0];
        private byte[] restored;
        private List<Long> playersAtRestore;
        private long nowAtRestore;
        private final List<Long> left = new ArrayList<>();

        @Override
        public void onCreate(final GameContext ctx)
        {
            this.ctx = ctx;
            onCreate.accept(ctx);
        }

        @Override
        public void onPlayerJoined(final GameContext ctx, final long userId)
        {
        }

        @Override
        public void onPlayerLeft(final GameContext ctx, final long userId)
        {
            assertThat(ctx.isPlayer(userId)).isFalse();
            left.add(userId);
        }

        @Override
        public void onMessage(
            final GameContext ctx, final long userId, final int kind, final DirectBuffer payload, final int offset,
            final int length)
        {
            onMessage.accept(ctx, kind);
        }

        @Override
        public void onTimer(final GameContext ctx, final long timerId)
        {
            onTimer.accept(ctx, timerId);
        }

        @Override
        public byte[] saveState()
        {
            return state;
        }

        @Override
        public void onRestore(final GameContext ctx, final byte[] state)
        {
            restored = state;
            playersAtRestore = ctx.players();
            nowAtRestore = ctx.nowMs();
        }
    }
}
