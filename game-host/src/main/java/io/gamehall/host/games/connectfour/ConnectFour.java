package io.gamehall.host.games.connectfour;

import io.gamehall.host.api.GameCatalog;
import io.gamehall.host.api.GameContext;
import io.gamehall.host.api.GameLogic;
import io.gamehall.host.api.GameResult;
import io.gamehall.store.PlayerOutcome;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.gamehall.games.protocol.ConnectFourProtocol.EVENT_GAME_OVER;
import static io.gamehall.games.protocol.ConnectFourProtocol.EVENT_STATE;
import static io.gamehall.games.protocol.ConnectFourProtocol.HISTORY_LEFT;
import static io.gamehall.games.protocol.ConnectFourProtocol.HISTORY_MOVE;
import static io.gamehall.games.protocol.ConnectFourProtocol.HISTORY_TIMEOUT;
import static io.gamehall.games.protocol.ConnectFourProtocol.MODE_BLITZ;
import static io.gamehall.games.protocol.ConnectFourProtocol.MODE_RELAXED;
import static io.gamehall.games.protocol.ConnectFourProtocol.MODE_STANDARD;
import static io.gamehall.games.protocol.ConnectFourProtocol.MSG_MOVE;
import static io.gamehall.games.protocol.ConnectFourProtocol.NAME;
import static io.gamehall.games.protocol.ConnectFourProtocol.NONE;
import static io.gamehall.games.protocol.ConnectFourProtocol.OVER_BOARD_FULL;
import static io.gamehall.games.protocol.ConnectFourProtocol.OVER_FOUR_IN_A_ROW;
import static io.gamehall.games.protocol.ConnectFourProtocol.OVER_LEFT;
import static io.gamehall.games.protocol.ConnectFourProtocol.OVER_LENGTH;
import static io.gamehall.games.protocol.ConnectFourProtocol.OVER_LINE;
import static io.gamehall.games.protocol.ConnectFourProtocol.OVER_OUT_OF_TIME;
import static io.gamehall.games.protocol.ConnectFourProtocol.OVER_REASON;
import static io.gamehall.games.protocol.ConnectFourProtocol.OVER_WINNER;
import static io.gamehall.games.protocol.ConnectFourProtocol.PHASE_OVER;
import static io.gamehall.games.protocol.ConnectFourProtocol.PHASE_PLAYING;
import static io.gamehall.games.protocol.ConnectFourProtocol.PHASE_WAITING;
import static io.gamehall.games.protocol.ConnectFourProtocol.STATE_LAST_COLUMN;
import static io.gamehall.games.protocol.ConnectFourProtocol.STATE_LENGTH;
import static io.gamehall.games.protocol.ConnectFourProtocol.STATE_MOVE_COUNT;
import static io.gamehall.games.protocol.ConnectFourProtocol.STATE_PHASE;
import static io.gamehall.games.protocol.ConnectFourProtocol.STATE_PLAYERS;
import static io.gamehall.games.protocol.ConnectFourProtocol.STATE_TO_MOVE;
import static io.gamehall.games.protocol.ConnectFourProtocol.STATE_TURN_LEFT_MS;
import static io.gamehall.games.protocol.ConnectFourProtocol.TYPE_ID;

/**
 * Authoritative Connect Four for two players (7 columns, 6 rows): the owner plays first, the
 * game starts when the second player sits down. Every accepted move is committed before it is
 * acknowledged. Each move has a clock chosen by {@link io.gamehall.host.api.InstanceSettings#mode()};
 * running out of it loses, and so does leaving a started game. Its messages and events are laid out as
 * {@link io.gamehall.games.protocol.ConnectFourProtocol} says; its backup as {@code docs/sample-games.md}
 * says; all numbers are little-endian.
 */
public final class ConnectFour implements GameLogic
{
    static final long TIMER_TURN = 1;
    /** Closes a table nobody sits at. */
    static final long TIMER_EMPTY = 2;
    /** How long an empty table waits for a player before it closes. */
    public static final long EMPTY_TABLE_MS = 60_000;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int BACKUP_VERSION = 1;
    private static final int BACKUP_END = 0xC4ED;
    private static final int BACKUP_LENGTH = 3 + 4 + 1 + 1 + 1 + 4 + 16 + Board.CELLS + 2;

    private final Board board = new Board();
    private final long[] seats = new long[2];
    private final int[] line = new int[Board.LINE];
    private int turnMs;
    private int phase = PHASE_WAITING;
    private int moveCount;
    private int lastColumn = NONE;
    private long turnDeadlineMs;
    private long lastNowMs;

    /**
     * Register Connect Four under {@link #TYPE_ID} and {@link #NAME}.
     *
     * @return the catalog, for chaining.
     */
    public static GameCatalog register(final GameCatalog catalog)
    {
        return catalog.register(TYPE_ID, NAME, ConnectFour::new);
    }

    /**
     * @return the time per move of a mode.
     * @throws IllegalArgumentException for an unknown mode.
     */
    public static int turnMs(final int mode)
    {
        switch (mode)
        {
            case MODE_STANDARD:
                return 30_000;
            case MODE_BLITZ:
                return 10_000;
            case MODE_RELAXED:
                return 120_000;
            default:
                throw new IllegalArgumentException("connect-four has no mode " + mode + " (0 standard, 1 blitz, 2 relaxed)");
        }
    }

    @Override
    public void onCreate(final GameContext ctx)
    {
        lastNowMs = ctx.nowMs();
        if (ctx.settings().maxPlayers() != 2)
        {
            throw new IllegalArgumentException("connect-four needs exactly 2 seats, not " + ctx.settings().maxPlayers());
        }
        turnMs = turnMs(ctx.settings().mode());
        seats[0] = ctx.players().get(0);
        sendState(ctx, seats[0]);
    }

    @Override
    public void onPlayerJoined(final GameContext ctx, final long userId)
    {
        lastNowMs = ctx.nowMs();
        ctx.cancel(TIMER_EMPTY);
        seats[seats[0] == 0 ? 0 : 1] = userId;
        if (seats[0] != 0 && seats[1] != 0)
        {
            start(ctx);
        }
        else
        {
            sendState(ctx, userId);
        }
    }

    @Override
    public void onPlayerLeft(final GameContext ctx, final long userId)
    {
        lastNowMs = ctx.nowMs();
        final int seat = seatOf(userId);
        if (seat < 0)
        {
            return;
        }
        if (phase == PHASE_PLAYING)
        {
            ctx.record(userId, HISTORY_LEFT, ctx.scratch(), 0, 0);
            finish(ctx, OVER_LEFT, 1 - seat, false,
                "player " + seats[1 - seat] + " wins: player " + userId + " left");
        }
        else
        {
            seats[seat] = 0;
            if (phase == PHASE_WAITING && seats[0] == 0 && seats[1] == 0)
            {
                // an empty table: close it if nobody sits down within a while, so abandoned tables
                // do not hold the host's capacity
                ctx.schedule(TIMER_EMPTY, EMPTY_TABLE_MS);
            }
        }
    }

    @Override
    public void onPlayerReconnected(final GameContext ctx, final long userId)
    {
        lastNowMs = ctx.nowMs();
        sendState(ctx, userId);
    }

    @Override
    public void onMessage(
        final GameContext ctx, final long userId, final int kind, final DirectBuffer payload, final int offset, final int length)
    {
        lastNowMs = ctx.nowMs();
        if (kind != MSG_MOVE)
        {
            ctx.reject("unknown message kind " + kind + " (a move is kind " + MSG_MOVE + ")");
            return;
        }
        if (length != 1)
        {
            ctx.reject("a move is 1 byte (the column), not " + length);
            return;
        }
        if (phase == PHASE_WAITING)
        {
            ctx.reject("the game has not started: waiting for a second player");
            return;
        }
        if (phase == PHASE_OVER)
        {
            ctx.reject("the game is over");
            return;
        }
        if (userId != seats[toMove()])
        {
            ctx.reject("not your turn");
            return;
        }
        final int column = payload.getByte(offset) & 0xFF;
        if (column >= Board.COLUMNS)
        {
            ctx.reject("column must be 0.." + (Board.COLUMNS - 1) + ", not " + column);
            return;
        }
        if (board.isColumnFull(column))
        {
            ctx.reject("column " + column + " is full");
            return;
        }
        move(ctx, userId, column);
    }

    @Override
    public void onTimer(final GameContext ctx, final long timerId)
    {
        lastNowMs = ctx.nowMs();
        if (timerId == TIMER_EMPTY && phase == PHASE_WAITING && seats[0] == 0 && seats[1] == 0)
        {
            phase = PHASE_OVER;
            ctx.end(new GameResult(java.util.Map.of(), "closed: nobody sat down"));
            return;
        }
        if (timerId == TIMER_TURN && phase == PHASE_PLAYING)
        {
            final int loser = toMove();
            ctx.record(seats[loser], HISTORY_TIMEOUT, ctx.scratch(), 0, 0);
            finish(ctx, OVER_OUT_OF_TIME, 1 - loser, false,
                "player " + seats[1 - loser] + " wins: player " + seats[loser] + " ran out of time");
        }
    }

    /**
     * The clock of the player to move is saved as the time left at the last callback, so a
     * host with another clock resumes it where it stood.
     */
    @Override
    public byte[] saveState()
    {
        final byte[] state = new byte[BACKUP_LENGTH];
        final UnsafeBuffer buffer = new UnsafeBuffer(state);
        int at = 0;
        buffer.putShort(at, (short)TYPE_ID, ORDER);
        buffer.putByte(at + 2, (byte)BACKUP_VERSION);
        at += 3;
        buffer.putInt(at, turnMs, ORDER);
        buffer.putByte(at + 4, (byte)phase);
        buffer.putByte(at + 5, (byte)moveCount);
        buffer.putByte(at + 6, (byte)lastColumn);
        buffer.putInt(at + 7, turnLeftMs(), ORDER);
        at += 11;
        buffer.putLong(at, seats[0], ORDER);
        buffer.putLong(at + 8, seats[1], ORDER);
        at += 16;
        for (int index = 0; index < Board.CELLS; index++)
        {
            buffer.putByte(at + index, board.cell(index));
        }
        at += Board.CELLS;
        buffer.putShort(at, (short)BACKUP_END, ORDER);
        return state;
    }

    /**
     * A player of a started game who is no longer seated forfeits; the turn clock goes on
     * with the time that was left; everybody is sent the state.
     *
     * @throws IllegalArgumentException if the bytes are not a Connect Four backup of this version.
     */
    @Override
    public void onRestore(final GameContext ctx, final byte[] state)
    {
        lastNowMs = ctx.nowMs();
        final UnsafeBuffer buffer = new UnsafeBuffer(state);
        if (state.length != BACKUP_LENGTH || (buffer.getShort(0, ORDER) & 0xFFFF) != TYPE_ID ||
            buffer.getByte(2) != BACKUP_VERSION || (buffer.getShort(BACKUP_LENGTH - 2, ORDER) & 0xFFFF) != BACKUP_END)
        {
            throw new IllegalArgumentException("not a connect-four backup of version " + BACKUP_VERSION);
        }
        int at = 3;
        turnMs = buffer.getInt(at, ORDER);
        phase = buffer.getByte(at + 4);
        moveCount = buffer.getByte(at + 5) & 0xFF;
        lastColumn = buffer.getByte(at + 6) & 0xFF;
        final int turnLeftMs = buffer.getInt(at + 7, ORDER);
        at += 11;
        seats[0] = buffer.getLong(at, ORDER);
        seats[1] = buffer.getLong(at + 8, ORDER);
        at += 16;
        final byte[] cells = new byte[Board.CELLS];
        buffer.getBytes(at, cells);
        board.load(cells);
        if (board.pieces() != moveCount || phase < PHASE_WAITING || phase > PHASE_PLAYING)
        {
            throw new IllegalArgumentException("connect-four backup is inconsistent: phase " + phase + ", " +
                moveCount + " moves, " + board.pieces() + " pieces");
        }
        if (phase == PHASE_PLAYING)
        {
            resume(ctx, turnLeftMs);
        }
        else
        {
            reseat(ctx);
        }
    }

    private void resume(final GameContext ctx, final int turnLeftMs)
    {
        for (int seat = 0; seat < 2; seat++)
        {
            if (!ctx.isPlayer(seats[seat]))
            {
                ctx.record(seats[seat], HISTORY_LEFT, ctx.scratch(), 0, 0);
                final boolean bothLeft = !ctx.isPlayer(seats[1 - seat]);
                finish(ctx, OVER_LEFT, 1 - seat, bothLeft, "player " + seats[seat] + " left while the host was down");
                return;
            }
        }
        armTurn(ctx, turnLeftMs);
        broadcastState(ctx);
    }

    private void reseat(final GameContext ctx)
    {
        for (int seat = 0; seat < 2; seat++)
        {
            if (seats[seat] != 0 && !ctx.isPlayer(seats[seat]))
            {
                seats[seat] = 0;
            }
        }
        for (final long player : ctx.players())
        {
            if (seatOf(player) < 0)
            {
                onPlayerJoined(ctx, player);
            }
        }
        if (phase == PHASE_WAITING)
        {
            broadcastState(ctx);
        }
    }

    private void start(final GameContext ctx)
    {
        phase = PHASE_PLAYING;
        armTurn(ctx, turnMs);
        broadcastState(ctx);
    }

    private void move(final GameContext ctx, final long userId, final int column)
    {
        final int seat = toMove();
        final int row = board.drop(column, (byte)(seat + 1));
        moveCount++;
        lastColumn = column;

        final MutableDirectBuffer scratch = ctx.scratch();
        scratch.putByte(0, (byte)column);
        scratch.putByte(1, (byte)row);
        ctx.record(userId, HISTORY_MOVE, scratch, 0, 2);
        ctx.commit();

        if (board.findLine(column, row, line))
        {
            finish(ctx, OVER_FOUR_IN_A_ROW, seat, false, "player " + userId + " wins: four in a row");
        }
        else if (board.isFull())
        {
            finish(ctx, OVER_BOARD_FULL, NONE, false, "draw: the board is full");
        }
        else
        {
            armTurn(ctx, turnMs);
            broadcastState(ctx);
        }
    }

    /**
     * @param winner   the winning seat, or {@link #NONE} for a draw.
     * @param allLeft  nobody is left to win: every player abandoned.
     */
    private void finish(final GameContext ctx, final int reason, final int winner, final boolean allLeft, final String summary)
    {
        phase = PHASE_OVER;
        ctx.cancel(TIMER_TURN);
        broadcastState(ctx);

        final MutableDirectBuffer scratch = ctx.scratch();
        scratch.putByte(OVER_REASON, (byte)reason);
        scratch.putByte(OVER_WINNER, (byte)winner);
        for (int i = 0; i < Board.LINE; i++)
        {
            scratch.putByte(OVER_LINE + i, (byte)(reason == OVER_FOUR_IN_A_ROW ? line[i] : NONE));
        }
        ctx.broadcast(EVENT_GAME_OVER, scratch, 0, OVER_LENGTH);

        final Map<Long, PlayerOutcome> outcomes = new LinkedHashMap<>();
        for (int seat = 0; seat < 2; seat++)
        {
            outcomes.put(seats[seat], outcome(reason, seat, winner, allLeft));
        }
        ctx.end(new GameResult(outcomes, summary));
    }

    private static PlayerOutcome outcome(final int reason, final int seat, final int winner, final boolean allLeft)
    {
        if (winner == NONE)
        {
            return PlayerOutcome.DRAW;
        }
        if (seat == winner)
        {
            return allLeft ? PlayerOutcome.ABANDONED : PlayerOutcome.WIN;
        }
        return reason == OVER_LEFT ? PlayerOutcome.ABANDONED : PlayerOutcome.LOSS;
    }

    private void armTurn(final GameContext ctx, final int delayMs)
    {
        turnDeadlineMs = ctx.nowMs() + delayMs;
        ctx.schedule(TIMER_TURN, delayMs);
    }

    private void broadcastState(final GameContext ctx)
    {
        ctx.broadcast(EVENT_STATE, encodeState(ctx.scratch()), 0, STATE_LENGTH);
    }

    private void sendState(final GameContext ctx, final long userId)
    {
        ctx.send(userId, EVENT_STATE, encodeState(ctx.scratch()), 0, STATE_LENGTH);
    }

    private MutableDirectBuffer encodeState(final MutableDirectBuffer buffer)
    {
        for (int index = 0; index < Board.CELLS; index++)
        {
            buffer.putByte(index, board.cell(index));
        }
        buffer.putByte(STATE_PHASE, (byte)phase);
        buffer.putByte(STATE_TO_MOVE, (byte)toMove());
        buffer.putByte(STATE_MOVE_COUNT, (byte)moveCount);
        buffer.putByte(STATE_LAST_COLUMN, (byte)lastColumn);
        buffer.putInt(STATE_TURN_LEFT_MS, turnLeftMs(), ORDER);
        buffer.putLong(STATE_PLAYERS, seats[0], ORDER);
        buffer.putLong(STATE_PLAYERS + 8, seats[1], ORDER);
        return buffer;
    }

    private int turnLeftMs()
    {
        return phase == PHASE_PLAYING ? (int)Math.max(0, turnDeadlineMs - lastNowMs) : 0;
    }

    private int toMove()
    {
        return moveCount % 2;
    }

    private int seatOf(final long userId)
    {
        return seats[0] == userId ? 0 : seats[1] == userId ? 1 : -1;
    }
}
