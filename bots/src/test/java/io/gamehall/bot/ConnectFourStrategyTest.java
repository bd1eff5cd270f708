package io.gamehall.bot;

import io.gamehall.games.protocol.ConnectFourProtocol;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectFourStrategyTest
{
    private static final long ME = 7;
    private static final long OTHER = 9;

    private final ConnectFourStrategy strategy = new ConnectFourStrategy();

    @Test
    void shouldPlayConnectFourStateEvents()
    {
        assertThat(strategy.gameType()).isEqualTo(ConnectFourProtocol.TYPE_ID);
        assertThat(strategy.seats()).isEqualTo(2);
        assertThat(strategy.isState(ConnectFourProtocol.EVENT_STATE)).isTrue();
        assertThat(strategy.isState(ConnectFourProtocol.EVENT_GAME_OVER)).isFalse();
    }

    @Test
    void shouldReadTheSeatTheTurnAndWhoseTurnItIs()
    {
        assertThat(strategy.read(state(ConnectFourProtocol.PHASE_WAITING, 0, 0, ME, 0), ME))
            .isEqualTo(new GameStrategy.State(false, 0, false, 0));
        assertThat(strategy.read(state(ConnectFourProtocol.PHASE_PLAYING, 1, 3, OTHER, ME), ME))
            .isEqualTo(new GameStrategy.State(true, 1, true, 3));
        assertThat(strategy.read(state(ConnectFourProtocol.PHASE_PLAYING, 0, 4, OTHER, ME), ME))
            .isEqualTo(new GameStrategy.State(true, 1, false, 4));
        assertThat(strategy.read(state(ConnectFourProtocol.PHASE_OVER, 1, 5, OTHER, ME), ME))
            .isEqualTo(new GameStrategy.State(true, 1, false, 5));
        assertThat(strategy.read(new byte[ConnectFourProtocol.STATE_LENGTH - 1], ME)).isNull();
    }

    @Test
    void shouldMoveOnlyIntoColumnsThatAreNotFull()
    {
        final byte[] state = state(ConnectFourProtocol.PHASE_PLAYING, 0, 20, ME, OTHER);
        for (int column = 0; column < ConnectFourProtocol.COLUMNS; column++)
        {
            if (column != 2 && column != 5)
            {
                state[ConnectFourProtocol.cell(ConnectFourProtocol.ROWS - 1, column)] = 1;
            }
        }
        final SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 50; i++)
        {
            final GameStrategy.Move move = strategy.move(state, random);
            assertThat(move.kind()).isEqualTo(ConnectFourProtocol.MSG_MOVE);
            assertThat(move.payload()).hasSize(1);
            assertThat((int)move.payload()[0]).isIn(2, 5);
        }

        state[ConnectFourProtocol.cell(ConnectFourProtocol.ROWS - 1, 2)] = 2;
        state[ConnectFourProtocol.cell(ConnectFourProtocol.ROWS - 1, 5)] = 2;
        assertThat(strategy.move(state, random)).isNull();
    }

    private static byte[] state(final int phase, final int toMove, final int moveCount, final long player0,
        final long player1)
    {
        final byte[] state = new byte[ConnectFourProtocol.STATE_LENGTH];
        final UnsafeBuffer buffer = new UnsafeBuffer(state);
        buffer.putByte(ConnectFourProtocol.STATE_PHASE, (byte)phase);
        buffer.putByte(ConnectFourProtocol.STATE_TO_MOVE, (byte)toMove);
        buffer.putByte(ConnectFourProtocol.STATE_MOVE_COUNT, (byte)moveCount);
        buffer.putByte(ConnectFourProtocol.STATE_LAST_COLUMN, (byte)ConnectFourProtocol.NONE);
        buffer.putLong(ConnectFourProtocol.STATE_PLAYERS, player0, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(ConnectFourProtocol.STATE_PLAYERS + 8, player1, ByteOrder.LITTLE_ENDIAN);
        return state;
    }
}
