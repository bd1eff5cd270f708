package io.gamehall.host.games.connectfour;

import io.gamehall.games.protocol.ConnectFourProtocol;
import io.gamehall.host.api.GameCatalog;
import io.gamehall.host.api.GameContext;
import io.gamehall.host.api.GameHarness;
import io.gamehall.host.api.GameLogic;
import io.gamehall.host.api.InstanceSettings;
import io.gamehall.store.GameEvent;
import io.gamehall.store.PlayerOutcome;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.Map;

import static io.gamehall.games.protocol.ConnectFourProtocol.EVENT_GAME_OVER;
import static io.gamehall.games.protocol.ConnectFourProtocol.EVENT_STATE;
import static io.gamehall.games.protocol.ConnectFourProtocol.MSG_MOVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectFourTest
{
    private static final long RED = 11;
    private static final long YELLOW = 22;
    private static final long START_MS = 1_700_000_000_000L;

    private GameHarness harness = new GameHarness(settings(ConnectFourProtocol.MODE_STANDARD), START_MS, ConnectFour::new);

    @Test
    void shouldWaitForSecondPlayerThenStartWithOwnerToMove()
    {
        assertThat(state(harness.lastSentTo(RED)).getByte(ConnectFourProtocol.STATE_PHASE)).isEqualTo((byte)ConnectFourProtocol.PHASE_WAITING);
        assertThat(harness.message(RED, MSG_MOVE, (byte)3)).contains("not started");
        assertThat(harness.timers()).isEmpty();

        harness.clearSent();
        harness.join(YELLOW);

        assertThat(harness.sent()).hasSize(1);
        final GameHarness.Sent start = harness.sent().get(0);
        assertThat(start.broadcast()).isTrue();
        assertThat(start.to()).containsExactly(RED, YELLOW);
        final DirectBuffer state = state(start);
        assertThat(state.getByte(ConnectFourProtocol.STATE_PHASE)).isEqualTo((byte)ConnectFourProtocol.PHASE_PLAYING);
        assertThat(state.getByte(ConnectFourProtocol.STATE_TO_MOVE)).isEqualTo((byte)0);
        assertThat(state.getByte(ConnectFourProtocol.STATE_LAST_COLUMN)).isEqualTo((byte)ConnectFourProtocol.NONE);
        assertThat(state.getInt(ConnectFourProtocol.STATE_TURN_LEFT_MS, ByteOrder.LITTLE_ENDIAN)).isEqualTo(30_000);
        assertThat(state.getLong(ConnectFourProtocol.STATE_PLAYERS, ByteOrder.LITTLE_ENDIAN)).isEqualTo(RED);
        assertThat(state.getLong(ConnectFourProtocol.STATE_PLAYERS + 8, ByteOrder.LITTLE_ENDIAN)).isEqualTo(YELLOW);
        assertThat(harness.timers()).containsEntry(ConnectFour.TIMER_TURN, START_MS + 30_000);
    }

    @Test
    void shouldApplyRecordCommitAndBroadcastAnAcceptedMove()
    {
        harness.join(YELLOW);
        harness.clearSent();

        assertThat(harness.message(RED, MSG_MOVE, (byte)3)).isNull();

        assertThat(harness.committed()).isTrue();
        assertThat(harness.history()).hasSize(1);
        final GameEvent move = harness.history().get(0);
        assertThat(move.playerId()).isEqualTo(RED);
        assertThat(move.kind()).isEqualTo(ConnectFourProtocol.HISTORY_MOVE);
        assertThat(move.payload()).containsExactly(3, 0);
        final DirectBuffer state = state(harness.lastSentTo(YELLOW));
        assertThat(harness.lastSentTo(YELLOW).broadcast()).isTrue();
        assertThat(state.getByte(3)).as("bottom cell of column 3").isEqualTo((byte)1);
        assertThat(state.getByte(ConnectFourProtocol.STATE_TO_MOVE)).isEqualTo((byte)1);
        assertThat(state.getByte(ConnectFourProtocol.STATE_MOVE_COUNT)).isEqualTo((byte)1);
        assertThat(state.getByte(ConnectFourProtocol.STATE_LAST_COLUMN)).isEqualTo((byte)3);

        assertThat(harness.message(YELLOW, MSG_MOVE, (byte)3)).isNull();
        assertThat(state(harness.lastSentTo(RED)).getByte(3 + Board.COLUMNS)).as("stacked on top").isEqualTo((byte)2);
    }

    @Test
    void shouldRejectEachIllegalMoveWithoutChangingAnything()
    {
        harness.join(YELLOW);
        play(0, 0, 0, 0, 0, 0);
        final byte[] before = harness.logic().saveState();
        final Map<Long, Long> timersBefore = harness.timers();
        final int historyBefore = harness.history().size();
        harness.clearSent();

        assertRejected(RED, 7, new byte[]{ 1 }, "unknown message kind 7");
        assertRejected(RED, MSG_MOVE, new byte[0], "1 byte");
        assertRejected(RED, MSG_MOVE, new byte[]{ 1, 2 }, "1 byte");
        assertRejected(RED, MSG_MOVE, new byte[]{ 7 }, "column must be 0..6, not 7");
        assertRejected(RED, MSG_MOVE, new byte[]{ (byte)255 }, "not 255");
        assertRejected(RED, MSG_MOVE, new byte[]{ 0 }, "column 0 is full");
        assertRejected(YELLOW, MSG_MOVE, new byte[]{ 1 }, "not your turn");

        assertThat(harness.logic().saveState()).isEqualTo(before);
        assertThat(harness.timers()).isEqualTo(timersBefore);
        assertThat(harness.history()).hasSize(historyBefore);
        assertThat(harness.sent()).isEmpty();
        assertThat(harness.message(RED, MSG_MOVE, (byte)1)).as("red still to move").isNull();
    }

    @Test
    void shouldRejectMovesAfterTheEnd()
    {
        harness.join(YELLOW);
        play(0, 1, 0, 1, 0, 1, 0);
        harness.clearSent();

        assertThat(harness.message(YELLOW, MSG_MOVE, (byte)1)).isEqualTo("the game is over");
        assertThat(harness.sent()).isEmpty();
    }

    @Test
    void shouldWinHorizontally()
    {
        harness.join(YELLOW);
        play(0, 0, 1, 1, 2, 2, 3);
        assertWon(RED, YELLOW, 0, 1, 2, 3);
    }

    @Test
    void shouldWinVertically()
    {
        harness.join(YELLOW);
        play(0, 1, 0, 1, 0, 1, 0);
        assertWon(RED, YELLOW, 0, 7, 14, 21);
    }

    @Test
    void shouldWinOnRisingDiagonal()
    {
        harness.join(YELLOW);
        play(0, 1, 1, 2, 2, 3, 2, 3, 3, 6, 3);
        assertWon(RED, YELLOW, 0, 8, 16, 24);
    }

    @Test
    void shouldWinOnFallingDiagonal()
    {
        harness.join(YELLOW);
        play(6, 5, 5, 4, 4, 3, 4, 3, 3, 0, 3);
        assertWon(RED, YELLOW, 24, 18, 12, 6);
    }

    @Test
    void shouldLetTheSecondPlayerWin()
    {
        harness.join(YELLOW);
        play(6, 0, 6, 1, 5, 2, 6, 3);
        assertWon(YELLOW, RED, 0, 1, 2, 3);
    }

    @Test
    void shouldDrawOnAFullBoard()
    {
        harness.join(YELLOW);
        final int[] columns = { 0, 3, 0, 6, 1, 3, 0, 5, 4, 1, 1, 1, 1, 2, 4, 3, 5, 2, 3, 3, 1, 0, 0, 5, 3, 0, 2, 6, 6, 2,
            2, 6, 6, 4, 6, 2, 4, 4, 5, 5, 4, 5 };
        for (int i = 0; i < columns.length - 1; i++)
        {
            play(columns[i]);
            assertThat(harness.ended()).as("ended after move " + (i + 1)).isFalse();
        }
        play(columns[columns.length - 1]);

        assertThat(harness.result().outcomes()).containsExactly(
            Map.entry(RED, PlayerOutcome.DRAW), Map.entry(YELLOW, PlayerOutcome.DRAW));
        final DirectBuffer over = gameOver(harness.lastSentTo(RED));
        assertThat(over.getByte(ConnectFourProtocol.OVER_REASON)).isEqualTo((byte)ConnectFourProtocol.OVER_BOARD_FULL);
        assertThat(over.getByte(ConnectFourProtocol.OVER_WINNER)).isEqualTo((byte)ConnectFourProtocol.NONE);
        assertThat(harness.history()).hasSize(42);
    }

    @Test
    void shouldLoseWhenTheTurnClockRunsOut()
    {
        harness.join(YELLOW);
        harness.advance(20_000);
        play(3);
        harness.advance(29_999);
        assertThat(harness.ended()).as("yellow's clock restarted at red's move").isFalse();

        harness.advance(1);

        assertThat(harness.result().outcomes()).containsExactly(
            Map.entry(RED, PlayerOutcome.WIN), Map.entry(YELLOW, PlayerOutcome.LOSS));
        assertThat(harness.result().summary()).contains("ran out of time");
        assertThat(gameOver(harness.lastSentTo(RED)).getByte(ConnectFourProtocol.OVER_REASON))
            .isEqualTo((byte)ConnectFourProtocol.OVER_OUT_OF_TIME);
        final GameEvent last = harness.history().get(harness.history().size() - 1);
        assertThat(last.kind()).isEqualTo(ConnectFourProtocol.HISTORY_TIMEOUT);
        assertThat(last.playerId()).isEqualTo(YELLOW);
        assertThat(last.timeMs()).isEqualTo(START_MS + 50_000);
        assertThat(harness.timers()).isEmpty();
    }

    @Test
    void shouldTakeTheTurnTimeFromTheMode()
    {
        harness = new GameHarness(settings(ConnectFourProtocol.MODE_BLITZ), START_MS, ConnectFour::new);
        harness.join(YELLOW);
        harness.advance(9_999);
        assertThat(harness.ended()).isFalse();

        harness.advance(1);

        assertThat(harness.result().outcomes()).containsEntry(RED, PlayerOutcome.LOSS);
    }

    @Test
    void shouldRefuseAnUnknownModeOrSeatCount()
    {
        assertThatThrownBy(() -> new GameHarness(settings(9), START_MS, ConnectFour::new))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no mode 9");
        assertThatThrownBy(() -> new GameHarness(new InstanceSettings(ConnectFourProtocol.TYPE_ID, RED, 3, 0, 0, 0), START_MS,
            ConnectFour::new)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly 2 seats");
    }

    @Test
    void shouldForfeitWhenAPlayerLeavesAStartedGame()
    {
        harness.join(YELLOW);
        play(3);

        harness.leave(RED);

        assertThat(harness.result().outcomes()).containsExactly(
            Map.entry(RED, PlayerOutcome.ABANDONED), Map.entry(YELLOW, PlayerOutcome.WIN));
        final GameHarness.Sent over = harness.lastSentTo(YELLOW);
        assertThat(over.to()).containsExactly(YELLOW);
        assertThat(gameOver(over).getByte(ConnectFourProtocol.OVER_REASON)).isEqualTo((byte)ConnectFourProtocol.OVER_LEFT);
        assertThat(gameOver(over).getByte(ConnectFourProtocol.OVER_WINNER)).isEqualTo((byte)1);
    }

    @Test
    void shouldFreeTheSeatWhenLeavingBeforeTheStart()
    {
        harness.leave(RED);
        assertThat(harness.ended()).isFalse();

        harness.join(33);
        assertThat(harness.timers()).as("one player is not a game").isEmpty();
        harness.join(44);

        final DirectBuffer state = state(harness.lastSentTo(44));
        assertThat(state.getByte(ConnectFourProtocol.STATE_PHASE)).isEqualTo((byte)ConnectFourProtocol.PHASE_PLAYING);
        assertThat(state.getLong(ConnectFourProtocol.STATE_PLAYERS, ByteOrder.LITTLE_ENDIAN)).isEqualTo(33);
        assertThat(state.getLong(ConnectFourProtocol.STATE_PLAYERS + 8, ByteOrder.LITTLE_ENDIAN)).isEqualTo(44);
        assertThat(harness.message(33, MSG_MOVE, (byte)0)).isNull();
    }

    @Test
    void shouldCloseATableNobodySitsAtForAMinute()
    {
        harness.leave(RED);
        harness.advance(ConnectFour.EMPTY_TABLE_MS - 1);
        assertThat(harness.ended()).isFalse();
        harness.join(33);
        harness.leave(33);
        harness.advance(ConnectFour.EMPTY_TABLE_MS - 1);
        assertThat(harness.ended()).as("the clock starts again when the table empties again").isFalse();
        harness.advance(1);
        assertThat(harness.ended()).isTrue();
        assertThat(harness.result().outcomes()).isEmpty();
        assertThat(harness.result().summary()).contains("nobody sat down");
    }

    @Test
    void shouldResendTheStateToAReconnectedPlayerOnly()
    {
        harness.join(YELLOW);
        play(3, 4);
        final byte[] current = harness.lastSentTo(RED).payload();
        harness.clearSent();
        harness.advance(1_000);

        harness.reconnect(YELLOW);

        assertThat(harness.sent()).hasSize(1);
        final GameHarness.Sent resent = harness.sent().get(0);
        assertThat(resent.to()).containsExactly(YELLOW);
        assertThat(resent.kind()).isEqualTo(EVENT_STATE);
        assertThat(resent.buffer().getInt(ConnectFourProtocol.STATE_TURN_LEFT_MS, ByteOrder.LITTLE_ENDIAN)).isEqualTo(29_000);
        final byte[] withoutClock = resent.payload().clone();
        new UnsafeBuffer(withoutClock).putInt(ConnectFourProtocol.STATE_TURN_LEFT_MS, 30_000,
            ByteOrder.LITTLE_ENDIAN);
        assertThat(withoutClock).isEqualTo(current);
    }

    @Test
    void shouldContinueTheSameGameAfterRestoreOnAHostWithAnotherClock()
    {
        harness.join(YELLOW);
        play(0, 1, 0, 1, 0);
        harness.advance(12_000);
        harness.reconnect(RED);
        final byte[] before = harness.logic().saveState();
        final GameLogic first = harness.logic();
        harness.clearSent();

        harness.saveAndRestore(-5_000_000);

        assertThat(harness.logic()).isNotSameAs(first);
        assertThat(harness.logic().saveState()).as("the same state, clock included").isEqualTo(before);
        assertThat(harness.timers()).as("turn timer re-armed with the time that was left")
            .containsExactly(Map.entry(ConnectFour.TIMER_TURN, harness.nowMs() + 18_000));
        assertThat(harness.sentTo(RED)).hasSize(1);
        assertThat(harness.sentTo(YELLOW)).hasSize(1);
        assertThat(state(harness.lastSentTo(YELLOW)).getByte(ConnectFourProtocol.STATE_MOVE_COUNT)).isEqualTo((byte)5);

        assertThat(harness.message(RED, MSG_MOVE, (byte)1)).isEqualTo("not your turn");
        play(1);
        play(0);
        assertWon(RED, YELLOW, 0, 7, 14, 21);
    }

    @Test
    void shouldTimeOutAfterRestoreWhenTheClockThatWasLeftRunsOut()
    {
        harness.join(YELLOW);
        play(3);

        harness.saveAndRestore(3_600_000);
        harness.advance(29_999);
        assertThat(harness.ended()).isFalse();
        harness.advance(1);

        assertThat(harness.result().outcomes()).containsEntry(YELLOW, PlayerOutcome.LOSS);
    }

    @Test
    void shouldForfeitAPlayerWhoLeftWhileTheHostWasDown()
    {
        harness.join(YELLOW);
        play(3);
        final byte[] backup = harness.logic().saveState();
        final GameHarness other = new GameHarness(settings(ConnectFourProtocol.MODE_STANDARD), START_MS, () -> replaying(backup));

        other.saveAndRestore();

        assertThat(other.result().outcomes()).containsExactly(
            Map.entry(RED, PlayerOutcome.WIN), Map.entry(YELLOW, PlayerOutcome.ABANDONED));
    }

    @Test
    void shouldRefuseABackupWithoutItsEndMarker()
    {
        harness.join(YELLOW);
        final byte[] backup = harness.logic().saveState();
        backup[backup.length - 1] = 0;
        final GameHarness other = new GameHarness(settings(ConnectFourProtocol.MODE_STANDARD), START_MS, () -> replaying(backup));
        other.join(YELLOW);

        assertThatThrownBy(other::saveAndRestore).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("not a connect-four backup");
    }

    @Test
    void shouldRegisterInACatalog()
    {
        final GameCatalog catalog = ConnectFour.register(new GameCatalog());

        assertThat(catalog.get(ConnectFourProtocol.TYPE_ID).name()).isEqualTo("connect-four");
        assertThat(catalog.find("connect-four").factory().get()).isInstanceOf(ConnectFour.class);
    }

    private void play(final int... columns)
    {
        for (final int column : columns)
        {
            final long player = movesPlayed() % 2 == 1 ? YELLOW : RED;
            assertThat(harness.message(player, MSG_MOVE, (byte)column)).as("move in column " + column).isNull();
        }
    }

    private int movesPlayed()
    {
        int moves = 0;
        for (final GameEvent event : harness.history())
        {
            if (event.kind() == ConnectFourProtocol.HISTORY_MOVE)
            {
                moves++;
            }
        }
        return moves;
    }

    private void assertRejected(final long player, final int kind, final byte[] payload, final String reason)
    {
        assertThat(harness.message(player, kind, payload)).contains(reason);
        assertThat(harness.committed()).isFalse();
    }

    private void assertWon(final long winner, final long loser, final int... line)
    {
        assertThat(harness.ended()).isTrue();
        assertThat(harness.result().outcomes()).containsEntry(winner, PlayerOutcome.WIN).containsEntry(loser, PlayerOutcome.LOSS);
        assertThat(harness.result().summary()).isEqualTo("player " + winner + " wins: four in a row");
        assertThat(harness.committed()).as("the winning move is backed up too").isTrue();
        final DirectBuffer over = gameOver(harness.lastSentTo(loser));
        assertThat(over.getByte(ConnectFourProtocol.OVER_REASON)).isEqualTo((byte)ConnectFourProtocol.OVER_FOUR_IN_A_ROW);
        assertThat(over.getByte(ConnectFourProtocol.OVER_WINNER)).isEqualTo((byte)(winner == RED ? 0 : 1));
        final int[] cells = new int[Board.LINE];
        for (int i = 0; i < Board.LINE; i++)
        {
            cells[i] = over.getByte(ConnectFourProtocol.OVER_LINE + i) & 0xFF;
        }
        assertThat(cells).containsExactly(line);
        assertThat(harness.timers()).isEmpty();
    }

    private static DirectBuffer state(final GameHarness.Sent sent)
    {
        assertThat(sent.kind()).isEqualTo(EVENT_STATE);
        assertThat(sent.payload()).hasSize(ConnectFourProtocol.STATE_LENGTH);
        return sent.buffer();
    }

    private static DirectBuffer gameOver(final GameHarness.Sent sent)
    {
        assertThat(sent.kind()).isEqualTo(EVENT_GAME_OVER);
        assertThat(sent.payload()).hasSize(ConnectFourProtocol.OVER_LENGTH);
        return sent.buffer();
    }

    private static InstanceSettings settings(final int mode)
    {
        return new InstanceSettings(ConnectFourProtocol.TYPE_ID, RED, 2, 0, mode, 0);
    }

    /**
     * A Connect Four whose backup is a given one: to restore it where the seats differ.
     */
    private static GameLogic replaying(final byte[] backup)
    {
        final ConnectFour game = new ConnectFour();
        return new GameLogic()
        {
            public void onCreate(final GameContext ctx)
            {
                game.onCreate(ctx);
            }

            public void onPlayerJoined(final GameContext ctx, final long userId)
            {
                game.onPlayerJoined(ctx, userId);
            }

            public void onPlayerLeft(final GameContext ctx, final long userId)
            {
                game.onPlayerLeft(ctx, userId);
            }

            public void onMessage(
                final GameContext ctx, final long userId, final int kind, final DirectBuffer payload, final int offset,
                final int length)
            {
                game.onMessage(ctx, userId, kind, payload, offset, length);
            }

            public byte[] saveState()
            {
                return backup;
            }

            public void onRestore(final GameContext ctx, final byte[] state)
            {
                game.onRestore(ctx, state);
            }
        };
    }
}
