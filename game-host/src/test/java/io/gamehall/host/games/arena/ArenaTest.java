package io.gamehall.host.games.arena;

import io.gamehall.games.protocol.ArenaProtocol;
import io.gamehall.host.api.GameCatalog;
import io.gamehall.host.api.GameHarness;
import io.gamehall.host.api.InstanceSettings;
import io.gamehall.store.GameEvent;
import io.gamehall.store.PlayerOutcome;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static io.gamehall.games.protocol.ArenaProtocol.MSG_INPUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArenaTest
{
    private static final long ANN = 1;
    private static final long BEN = 2;
    private static final long CAT = 3;
    private static final long START_MS = 1_700_000_000_000L;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private GameHarness harness = new GameHarness(settings(4, ArenaProtocol.MODE_STANDARD), START_MS, Arena::new);

    @Test
    void shouldStartWhenTwoAreSeatedAndTickTwentyTimesASecond()
    {
        assertThat(harness.message(ANN, MSG_INPUT, input(1, 0, false))).contains("not started");
        assertThat(harness.timers()).isEmpty();

        harness.join(BEN);

        assertThat(harness.timers()).containsExactly(Map.entry(Arena.TIMER_TICK, START_MS + Arena.TICK_MS));
        assertThat(roster(harness.sent().get(0))).containsExactly(ANN, BEN);
        assertThat(tick(lastSnapshot(BEN))).isZero();

        harness.clearSent();
        harness.advance(1_000);

        assertThat(harness.sentTo(ANN)).hasSize(20).allMatch(sent -> sent.kind() == ArenaProtocol.EVENT_SNAPSHOT && sent.broadcast());
        assertThat(tick(lastSnapshot(BEN))).isEqualTo(20);
        assertThat(lastSnapshot(BEN).getInt(ArenaProtocol.SNAPSHOT_TICKS_LEFT, LE)).isEqualTo(120 * 20 - 20);
    }

    @Test
    void shouldRejectBadInputWithoutChangingAnything()
    {
        harness.join(BEN);
        harness.advance(100);
        final byte[] before = harness.logic().saveState();
        harness.clearSent();

        assertThat(harness.message(ANN, 2, input(1, 0, false))).contains("unknown message kind 2");
        assertThat(harness.message(ANN, MSG_INPUT, (byte)1, (byte)0)).contains("3 bytes");
        assertThat(harness.message(ANN, MSG_INPUT, (byte)1, (byte)0, (byte)0, (byte)0)).contains("3 bytes");
        assertThat(harness.message(ANN, MSG_INPUT, (byte)2, (byte)0, (byte)0)).contains("dx and dy must be -1, 0 or 1");
        assertThat(harness.message(ANN, MSG_INPUT, (byte)0, (byte)-2, (byte)0)).contains("dx and dy must be -1, 0 or 1");
        assertThat(harness.message(ANN, MSG_INPUT, (byte)0, (byte)0, (byte)2)).contains("fire must be 0 or 1");

        assertThat(harness.logic().saveState()).isEqualTo(before);
        assertThat(harness.sent()).isEmpty();
        assertThat(harness.history()).extracting(GameEvent::kind).containsOnly(ArenaProtocol.HISTORY_ENTERED);
    }

    @Test
    void shouldMoveFightersButKeepThemOnTheField()
    {
        harness.join(BEN);
        assertThat(harness.message(ANN, MSG_INPUT, input(-1, -1, false))).isNull();
        assertThat(harness.message(BEN, MSG_INPUT, input(1, 1, false))).isNull();

        harness.advance(Arena.TICK_MS);
        assertThat(fighterX(lastSnapshot(ANN), 0)).isEqualTo(125 - Field.FIGHTER_SPEED);
        assertThat(fighterY(lastSnapshot(ANN), 1)).isEqualTo(125 + Field.FIGHTER_SPEED);

        harness.advance(100 * Arena.TICK_MS);

        final DirectBuffer snapshot = lastSnapshot(ANN);
        assertThat(fighterX(snapshot, 0)).isZero();
        assertThat(fighterY(snapshot, 0)).isZero();
        assertThat(fighterX(snapshot, 1)).isEqualTo(Field.SIZE);
        assertThat(fighterY(snapshot, 1)).isEqualTo(Field.SIZE);
    }

    @Test
    void shouldTakeHealthOnAHit()
    {
        harness.join(BEN);
        harness.message(ANN, MSG_INPUT, input(0, 0, true));

        harness.advance(7 * Arena.TICK_MS);
        assertThat(fighterHealth(lastSnapshot(BEN), 1)).as("in flight").isEqualTo(Field.MAX_HEALTH);
        assertThat(projectileCount(lastSnapshot(BEN))).isEqualTo(1);

        harness.advance(Arena.TICK_MS);

        assertThat(fighterHealth(lastSnapshot(BEN), 1)).isEqualTo(Field.MAX_HEALTH - Field.DAMAGE);
        assertThat(fighterHealth(lastSnapshot(BEN), 0)).isEqualTo(Field.MAX_HEALTH);
        assertThat(projectileCount(lastSnapshot(BEN))).isZero();
        final GameEvent hit = events(ArenaProtocol.HISTORY_HIT).get(0);
        assertThat(hit.playerId()).isEqualTo(ANN);
        assertThat(hit.payload()).containsExactly(1, Field.MAX_HEALTH - Field.DAMAGE);
        assertThat(hit.timeMs()).isEqualTo(START_MS + 8 * Arena.TICK_MS);
    }

    @Test
    void shouldKnockOutAtZeroHealthAndLetTheLastOneStandingWin()
    {
        harness.join(BEN);
        harness.join(CAT);
        harness.message(ANN, MSG_INPUT, input(0, 0, true));

        advanceUntil(() -> !events(ArenaProtocol.HISTORY_OUT).isEmpty(), 10_000);

        assertThat(harness.ended()).as("two are still in play").isFalse();
        assertThat(events(ArenaProtocol.HISTORY_HIT)).hasSize(Field.MAX_HEALTH / Field.DAMAGE);
        final GameEvent out = events(ArenaProtocol.HISTORY_OUT).get(0);
        assertThat(out.playerId()).isEqualTo(BEN);
        assertThat(out.payload()).containsExactly(0);
        assertThat(fighterStatus(lastSnapshot(CAT), 1)).isEqualTo(Field.OUT);
        assertThat(harness.message(BEN, MSG_INPUT, input(1, 0, true))).isEqualTo("you are not in play");

        advanceUntil(harness::ended, 20_000);

        assertThat(events(ArenaProtocol.HISTORY_OUT)).extracting(GameEvent::playerId).containsExactly(BEN, CAT);
        assertThat(harness.result().outcomes()).containsExactly(
            Map.entry(ANN, PlayerOutcome.WIN), Map.entry(BEN, PlayerOutcome.LOSS), Map.entry(CAT, PlayerOutcome.LOSS));
        assertThat(harness.result().summary()).isEqualTo("player 1 wins: last one standing");
        final GameHarness.Sent over = harness.lastSentTo(ANN);
        assertThat(over.kind()).isEqualTo(ArenaProtocol.EVENT_GAME_OVER);
        assertThat(over.buffer().getByte(ArenaProtocol.OVER_REASON)).isEqualTo((byte)ArenaProtocol.OVER_LAST_STANDING);
        assertThat(over.buffer().getByte(ArenaProtocol.OVER_WINNER)).isEqualTo((byte)0);
        assertThat(harness.timers()).isEmpty();
    }

    @Test
    void shouldDrawWhenTheLastTwoGoOutOnTheSameTick()
    {
        harness.join(BEN);
        harness.message(ANN, MSG_INPUT, input(1, 0, true));
        harness.message(BEN, MSG_INPUT, input(-1, 0, true));
        harness.advance(5 * Arena.TICK_MS);
        harness.message(ANN, MSG_INPUT, input(0, 0, true));
        harness.message(BEN, MSG_INPUT, input(0, 0, true));

        advanceUntil(harness::ended, 10_000);

        assertThat(events(ArenaProtocol.HISTORY_OUT)).hasSize(2).extracting(GameEvent::timeMs).containsOnly(harness.nowMs());
        assertThat(harness.result().outcomes()).containsExactly(
            Map.entry(ANN, PlayerOutcome.DRAW), Map.entry(BEN, PlayerOutcome.DRAW));
        assertThat(harness.result().summary()).isEqualTo("draw: last one standing");
    }

    @Test
    void shouldEndAtTheTimeLimitWithTheHealthiestWinning()
    {
        harness = new GameHarness(settings(2, ArenaProtocol.MODE_SHORT), START_MS, Arena::new);
        harness.join(BEN);
        harness.message(ANN, MSG_INPUT, input(0, 0, true));
        harness.advance(Arena.TICK_MS);
        harness.message(ANN, MSG_INPUT, input(0, 0, false));

        harness.advance(60_000 - 2 * Arena.TICK_MS);
        assertThat(harness.ended()).isFalse();
        harness.advance(Arena.TICK_MS);

        assertThat(harness.result().outcomes()).containsExactly(
            Map.entry(ANN, PlayerOutcome.WIN), Map.entry(BEN, PlayerOutcome.LOSS));
        assertThat(harness.result().summary()).isEqualTo("player 1 wins: time limit");
        final DirectBuffer over = harness.lastSentTo(BEN).buffer();
        assertThat(over.getByte(ArenaProtocol.OVER_REASON)).isEqualTo((byte)ArenaProtocol.OVER_TIME_LIMIT);
        assertThat(over.getInt(ArenaProtocol.OVER_TICK, LE)).isEqualTo(60 * 20);
    }

    @Test
    void shouldDrawAtTheTimeLimitWhenTheBestAreEven()
    {
        harness = new GameHarness(settings(3, ArenaProtocol.MODE_SHORT), START_MS, Arena::new);
        harness.join(BEN);
        harness.join(CAT);
        harness.message(CAT, MSG_INPUT, input(0, 1, false));

        harness.advance(60_000);

        assertThat(harness.result().outcomes()).containsExactly(
            Map.entry(ANN, PlayerOutcome.DRAW), Map.entry(BEN, PlayerOutcome.DRAW), Map.entry(CAT, PlayerOutcome.DRAW));
        assertThat(harness.result().summary()).isEqualTo("draw: time limit");
    }

    @Test
    void shouldCheckpointEveryTwentyTicksAndNotInBetween()
    {
        harness.join(BEN);
        for (int tick = 1; tick <= 3 * Arena.CHECKPOINT_TICKS; tick++)
        {
            harness.advance(Arena.TICK_MS);
            assertThat(harness.checkpointed()).as("tick " + tick).isEqualTo(tick % Arena.CHECKPOINT_TICKS == 0);
            assertThat(harness.committed()).as("real time: nothing held back").isFalse();
        }
        harness.message(ANN, MSG_INPUT, input(1, 0, false));
        assertThat(harness.checkpointed()).as("input alone").isFalse();
    }

    @Test
    void shouldTickOnAfterRestoreExactlyAsWithout()
    {
        final GameHarness reference = new GameHarness(settings(4, ArenaProtocol.MODE_STANDARD), START_MS, Arena::new);
        for (final GameHarness game : List.of(harness, reference))
        {
            game.join(BEN);
            game.message(ANN, MSG_INPUT, input(1, 0, true));
            game.message(BEN, MSG_INPUT, input(-1, 0, true));
            game.advance(Arena.CHECKPOINT_TICKS * Arena.TICK_MS);
        }
        assertThat(harness.checkpointed()).isTrue();
        final byte[] before = harness.logic().saveState();

        harness.saveAndRestore(-86_400_000);

        assertThat(harness.logic().saveState()).isEqualTo(before);
        assertThat(harness.timers()).containsExactly(Map.entry(Arena.TIMER_TICK, harness.nowMs() + Arena.TICK_MS));
        assertThat(roster(harness.lastSentTo(BEN))).containsExactly(ANN, BEN);

        harness.advance(Arena.TICK_MS);
        reference.advance(Arena.TICK_MS);
        assertThat(tick(lastSnapshot(ANN))).isEqualTo(Arena.CHECKPOINT_TICKS + 1);
        for (int i = 0; i < 40; i++)
        {
            harness.advance(Arena.TICK_MS);
            reference.advance(Arena.TICK_MS);
        }
        assertThat(harness.lastSentTo(ANN).payload()).isEqualTo(reference.lastSentTo(ANN).payload());
        assertThat(harness.ended()).isFalse();
        assertThat(events(ArenaProtocol.HISTORY_HIT)).isNotEmpty().hasSameSizeAs(hits(reference));
    }

    @Test
    void shouldLetAPlayerLeaveAndTheOtherWin()
    {
        harness.join(BEN);
        harness.join(CAT);
        harness.advance(Arena.TICK_MS);

        harness.leave(BEN);
        assertThat(harness.ended()).isFalse();
        assertThat(events(ArenaProtocol.HISTORY_LEFT)).extracting(GameEvent::playerId).containsExactly(BEN);
        harness.advance(Arena.TICK_MS);
        assertThat(fighterStatus(lastSnapshot(ANN), 1)).isEqualTo(Field.LEFT);

        harness.leave(ANN);

        assertThat(harness.result().outcomes()).containsExactly(Map.entry(ANN, PlayerOutcome.ABANDONED),
            Map.entry(BEN, PlayerOutcome.ABANDONED), Map.entry(CAT, PlayerOutcome.WIN));
    }

    @Test
    void shouldLetAPlayerJoinTheRunningGame()
    {
        harness.join(BEN);
        harness.advance(10 * Arena.TICK_MS);

        harness.join(CAT);

        assertThat(roster(harness.lastSentTo(CAT))).containsExactly(ANN, BEN, CAT);
        assertThat(harness.message(CAT, MSG_INPUT, input(0, 1, false))).isNull();
        harness.advance(Arena.TICK_MS);
        assertThat(fighterY(lastSnapshot(ANN), 2)).isEqualTo(125 + Field.FIGHTER_SPEED);
    }

    @Test
    void shouldSendTheRosterToAReconnectedPlayerOnly()
    {
        harness.join(BEN);
        harness.clearSent();

        harness.reconnect(BEN);

        assertThat(harness.sent()).hasSize(1);
        assertThat(harness.sent().get(0).to()).containsExactly(BEN);
        assertThat(roster(harness.sent().get(0))).containsExactly(ANN, BEN);
    }

    @Test
    void shouldRefuseAnUnknownModeOrSeatCount()
    {
        assertThatThrownBy(() -> new GameHarness(settings(4, 7), START_MS, Arena::new))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no mode 7");
        assertThatThrownBy(() -> new GameHarness(settings(17, 0), START_MS, Arena::new))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2..16 seats");
        assertThatThrownBy(() -> new GameHarness(settings(1, 0), START_MS, Arena::new))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2..16 seats");
    }

    @Test
    void shouldRegisterInACatalog()
    {
        final GameCatalog catalog = Arena.register(new GameCatalog());

        assertThat(catalog.get(ArenaProtocol.TYPE_ID).name()).isEqualTo("arena");
        assertThat(catalog.find("arena").factory().get()).isInstanceOf(Arena.class);
    }

    private void advanceUntil(final BooleanSupplier condition, final long maxMs)
    {
        for (long waited = 0; !condition.getAsBoolean(); waited += Arena.TICK_MS)
        {
            assertThat(waited).as("condition within " + maxMs + " ms").isLessThan(maxMs);
            harness.advance(Arena.TICK_MS);
        }
    }

    private List<GameEvent> events(final int kind)
    {
        final List<GameEvent> matching = new ArrayList<>();
        for (final GameEvent event : harness.history())
        {
            if (event.kind() == kind)
            {
                matching.add(event);
            }
        }
        return matching;
    }

    private static List<GameEvent> hits(final GameHarness game)
    {
        final List<GameEvent> matching = new ArrayList<>();
        for (final GameEvent event : game.history())
        {
            if (event.kind() == ArenaProtocol.HISTORY_HIT)
            {
                matching.add(event);
            }
        }
        return matching;
    }

    private DirectBuffer lastSnapshot(final long userId)
    {
        final List<GameHarness.Sent> sent = harness.sentTo(userId);
        for (int i = sent.size() - 1; i >= 0; i--)
        {
            if (sent.get(i).kind() == ArenaProtocol.EVENT_SNAPSHOT)
            {
                return sent.get(i).buffer();
            }
        }
        throw new AssertionError("no snapshot was sent to " + userId);
    }

    private static List<Long> roster(final GameHarness.Sent sent)
    {
        assertThat(sent.kind()).isEqualTo(ArenaProtocol.EVENT_ROSTER);
        final DirectBuffer buffer = sent.buffer();
        final List<Long> users = new ArrayList<>();
        for (int slot = 0; slot < buffer.getByte(0); slot++)
        {
            users.add(buffer.getLong(1 + slot * 9, LE));
        }
        return users;
    }

    private static int tick(final DirectBuffer snapshot)
    {
        return snapshot.getInt(ArenaProtocol.SNAPSHOT_TICK, LE);
    }

    private static int fighterX(final DirectBuffer snapshot, final int slot)
    {
        return snapshot.getShort(fighterAt(slot), LE);
    }

    private static int fighterY(final DirectBuffer snapshot, final int slot)
    {
        return snapshot.getShort(fighterAt(slot) + 2, LE);
    }

    private static int fighterHealth(final DirectBuffer snapshot, final int slot)
    {
        return snapshot.getByte(fighterAt(slot) + 4);
    }

    private static int fighterStatus(final DirectBuffer snapshot, final int slot)
    {
        return snapshot.getByte(fighterAt(slot) + 5);
    }

    private static int projectileCount(final DirectBuffer snapshot)
    {
        return snapshot.getByte(fighterAt(snapshot.getByte(ArenaProtocol.SNAPSHOT_FIGHTERS)));
    }

    private static int fighterAt(final int slot)
    {
        return ArenaProtocol.SNAPSHOT_FIGHTERS + 1 + slot * ArenaProtocol.SNAPSHOT_FIGHTER_BYTES;
    }

    private static byte[] input(final int dx, final int dy, final boolean fire)
    {
        return new byte[]{ (byte)dx, (byte)dy, (byte)(fire ? 1 : 0) };
    }

    private static InstanceSettings settings(final int maxPlayers, final int mode)
    {
        return new InstanceSettings(ArenaProtocol.TYPE_ID, ANN, maxPlayers, 0, mode, 0);
    }
}
