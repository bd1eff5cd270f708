package io.gamehall.store;

import java.util.List;

/**
 * A page of a user's recent games, newest first.
 *
 * @param entries    newest first.
 * @param nextCursor pass it as {@code before} to {@link Store#recentGames(long, long, int)} for the
 *                   next (older) page; {@link #END} when there are no older games.
 */
public record HistoryPage(List<HistoryEntry> entries, long nextCursor)
{
    /** Cursor for the newest games. */
    public static final long NEWEST = Long.MAX_VALUE;
    /** {@link #nextCursor()} when nothing older is left. */
    public static final long END = -1;

    public boolean hasMore()
    {
        return nextCursor != END;
    }
}
