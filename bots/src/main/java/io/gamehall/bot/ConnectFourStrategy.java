package io.gamehall.bot;

import io.gamehall.games.protocol.ConnectFourProtocol;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * Connect Four as a bot plays it: from each state event ({@link ConnectFourProtocol#EVENT_STATE}),
 * on its turn, a random column that is not full.
 */
public final class ConnectFourStrategy implements GameStrategy
{
    private static final int TOP_ROW = ConnectFourProtocol.ROWS - 1;

    @Override
    public int gameType()
    {
        return ConnectFourProtocol.TYPE_ID;
    }

    @Override
    public int defaultMode()
    {
        return ConnectFourProtocol.MODE_STANDARD;
    }

    @Override
    public int seats()
    {
        return 2;
    }

    @Override
    public boolean isState(final int eventKind)
    {
        return eventKind == ConnectFourProtocol.EVENT_STATE;
    }

    @Override
    public State read(final byte[] state, final long userId)
    {
        if (state.length < ConnectFourProtocol.STATE_LENGTH)
        {
            return null;
        }
        final int gamePhase = state[ConnectFourProtocol.STATE_PHASE] & 0xFF;
        final UnsafeBuffer view = new UnsafeBuffer(state);
        final long player0 = view.getLong(ConnectFourProtocol.STATE_PLAYERS, ByteOrder.LITTLE_ENDIAN);
        final long player1 = view.getLong(ConnectFourProtocol.STATE_PLAYERS + 8, ByteOrder.LITTLE_ENDIAN);
        final int seat = player0 == userId ? 0 : player1 == userId ? 1 : -1;
        final int toMove = state[ConnectFourProtocol.STATE_TO_MOVE] & 0xFF;
        final int moveCount = state[ConnectFourProtocol.STATE_MOVE_COUNT] & 0xFF;
        return new State(gamePhase != ConnectFourProtocol.PHASE_WAITING, seat,
            gamePhase == ConnectFourProtocol.PHASE_PLAYING && toMove == seat, moveCount);
    }

    @Override
    public Move move(final byte[] state, final SplittableRandom random)
    {
        final int[] free = new int[ConnectFourProtocol.COLUMNS];
        int count = 0;
        for (int column = 0; column < ConnectFourProtocol.COLUMNS; column++)
        {
            if (state[ConnectFourProtocol.cell(TOP_ROW, column)] == ConnectFourProtocol.EMPTY)
            {
                free[count++] = column;
            }
        }
        if (count == 0)
        {
            return null; // a full board ends the game
        }
        return new Move(ConnectFourProtocol.MSG_MOVE, new byte[]{(byte)free[random.nextInt(count)]});
    }
}
