package io.gamehall.games.protocol;

/**
 * Connect Four on the wire: its type id and name, the message and event kinds, the modes, and
 * the byte layout of its events, for the game itself and for any client that plays it (the
 * bots). All numbers are little-endian; offsets are in bytes. {@code docs/sample-games.md}
 * describes the game and every layout.
 * <p>
 * Cell {@code row * COLUMNS + column} ({@link #cell(int, int)}), row 0 at the bottom, holds
 * {@link #EMPTY} or the piece of a seat ({@code seat + 1}).
 */
public final class ConnectFourProtocol
{
    /** The game type id. */
    public static final int TYPE_ID = 1;
    /** The game's name. */
    public static final String NAME = "connect-four";

    /** Player → game: drop a piece; payload one byte, the column 0..6. */
    public static final int MSG_MOVE = 1;
    /** Game → players: the whole state ({@link #STATE_LENGTH} bytes). */
    public static final int EVENT_STATE = 101;
    /** Game → players: how it ended ({@link #OVER_LENGTH} bytes). */
    public static final int EVENT_GAME_OVER = 102;

    /** History: a move; payload column, row. */
    public static final int HISTORY_MOVE = 1;
    /** History: the player to move ran out of time; no payload. */
    public static final int HISTORY_TIMEOUT = 2;
    /** History: the player left a started game; no payload. */
    public static final int HISTORY_LEFT = 3;

    /** Mode 0: 30 s per move. */
    public static final int MODE_STANDARD = 0;
    /** Mode 1: 10 s per move. */
    public static final int MODE_BLITZ = 1;
    /** Mode 2: 120 s per move. */
    public static final int MODE_RELAXED = 2;

    /** Phase in a state event: waiting for the second player. */
    public static final int PHASE_WAITING = 0;
    /** Phase in a state event: started. */
    public static final int PHASE_PLAYING = 1;
    /** Phase in a state event: over. */
    public static final int PHASE_OVER = 2;

    /** Game-over reason: four in a row. */
    public static final int OVER_FOUR_IN_A_ROW = 1;
    /** Game-over reason: the board is full (a draw). */
    public static final int OVER_BOARD_FULL = 2;
    /** Game-over reason: the player to move ran out of time. */
    public static final int OVER_OUT_OF_TIME = 3;
    /** Game-over reason: a player left the started game. */
    public static final int OVER_LEFT = 4;

    /** "None" in a one-byte seat, column or cell field. */
    public static final int NONE = 255;

    /** Columns of the board. */
    public static final int COLUMNS = 7;
    /** Rows of the board. */
    public static final int ROWS = 6;
    /** Cells of the board, the first {@code CELLS} bytes of a state event. */
    public static final int CELLS = COLUMNS * ROWS;
    /** Pieces in a winning line. */
    public static final int LINE = 4;
    /** An empty cell. */
    public static final byte EMPTY = 0;

    /** State event: {@code phase} u8. */
    public static final int STATE_PHASE = CELLS;
    /** State event: {@code toMove} u8, the seat to move. */
    public static final int STATE_TO_MOVE = STATE_PHASE + 1;
    /** State event: {@code moveCount} u8. */
    public static final int STATE_MOVE_COUNT = STATE_TO_MOVE + 1;
    /** State event: {@code lastColumn} u8, {@link #NONE} before the first move. */
    public static final int STATE_LAST_COLUMN = STATE_MOVE_COUNT + 1;
    /** State event: {@code turnLeftMs} i32. */
    public static final int STATE_TURN_LEFT_MS = STATE_LAST_COLUMN + 1;
    /** State event: {@code player0}, {@code player1} i64 each (0 while the seat is free). */
    public static final int STATE_PLAYERS = STATE_TURN_LEFT_MS + 4;
    /** Length of a state event. */
    public static final int STATE_LENGTH = STATE_PLAYERS + 16;

    /** Game-over event: {@code reason} u8. */
    public static final int OVER_REASON = 0;
    /** Game-over event: {@code winner} u8, the seat, {@link #NONE} for a draw. */
    public static final int OVER_WINNER = 1;
    /** Game-over event: {@code line}, {@link #LINE} cells u8 ({@link #NONE} unless four in a row). */
    public static final int OVER_LINE = 2;
    /** Length of a game-over event. */
    public static final int OVER_LENGTH = OVER_LINE + LINE;

    private ConnectFourProtocol()
    {
    }

    /**
     * @return the index of a cell in a state event (and on the board).
     */
    public static int cell(final int row, final int column)
    {
        return row * COLUMNS + column;
    }
}
