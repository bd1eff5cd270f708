package io.gamehall.host.games.connectfour;

import io.gamehall.games.protocol.ConnectFourProtocol;

/**
 * The Connect Four grid and its rules, free of any host code: pieces drop to the lowest empty
 * cell of a column; four of one colour in a line (across, up, or either diagonal) win.
 * <p>
 * Cell {@code row * COLUMNS + column}, row 0 at the bottom, holds {@link #EMPTY} or the piece
 * of a seat ({@code seat + 1}).
 */
final class Board
{
    static final int COLUMNS = ConnectFourProtocol.COLUMNS;
    static final int ROWS = ConnectFourProtocol.ROWS;
    static final int CELLS = ConnectFourProtocol.CELLS;
    static final int LINE = ConnectFourProtocol.LINE;
    static final byte EMPTY = ConnectFourProtocol.EMPTY;

    private static final int[][] DIRECTIONS = { { 1, 0 }, { 0, 1 }, { 1, 1 }, { 1, -1 } };

    private final byte[] cells = new byte[CELLS];

    byte cell(final int index)
    {
        return cells[index];
    }

    boolean isColumnFull(final int column)
    {
        return cells[(ROWS - 1) * COLUMNS + column] != EMPTY;
    }

    boolean isFull()
    {
        for (int column = 0; column < COLUMNS; column++)
        {
            if (!isColumnFull(column))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the row the piece landed in; the column must not be full.
     */
    int drop(final int column, final byte piece)
    {
        int row = 0;
        while (cells[row * COLUMNS + column] != EMPTY)
        {
            row++;
        }
        cells[row * COLUMNS + column] = piece;
        return row;
    }

    /**
     * Whether the piece at this cell is part of four in a line.
     *
     * @param line receives the cell indexes of four of them, from one end.
     */
    boolean findLine(final int column, final int row, final int[] line)
    {
        final byte piece = cells[row * COLUMNS + column];
        for (final int[] direction : DIRECTIONS)
        {
            final int dc = direction[0];
            final int dr = direction[1];
            int startColumn = column;
            int startRow = row;
            while (isPiece(startColumn - dc, startRow - dr, piece))
            {
                startColumn -= dc;
                startRow -= dr;
            }
            int length = 1;
            while (isPiece(startColumn + length * dc, startRow + length * dr, piece))
            {
                length++;
            }
            if (length >= LINE)
            {
                for (int i = 0; i < LINE; i++)
                {
                    line[i] = (startRow + i * dr) * COLUMNS + startColumn + i * dc;
                }
                return true;
            }
        }
        return false;
    }

    /**
     * @return the number of pieces on the board.
     */
    int pieces()
    {
        int count = 0;
        for (final byte cell : cells)
        {
            if (cell != EMPTY)
            {
                count++;
            }
        }
        return count;
    }

    /**
     * Replace every cell.
     *
     * @throws IllegalArgumentException if a cell holds something other than empty or a seat's
     *                                  piece, or a piece floats above an empty cell.
     */
    void load(final byte[] source)
    {
        for (int index = 0; index < CELLS; index++)
        {
            final byte cell = source[index];
            if (cell < EMPTY || cell > 2)
            {
                throw new IllegalArgumentException("cell " + index + " holds " + cell);
            }
            if (cell != EMPTY && index >= COLUMNS && source[index - COLUMNS] == EMPTY)
            {
                throw new IllegalArgumentException("cell " + index + " floats above an empty cell");
            }
        }
        System.arraycopy(source, 0, cells, 0, CELLS);
    }

    private boolean isPiece(final int column, final int row, final byte piece)
    {
        return column >= 0 && column < COLUMNS && row >= 0 && row < ROWS && cells[row * COLUMNS + column] == piece;
    }
}
