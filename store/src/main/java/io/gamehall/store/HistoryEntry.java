package io.gamehall.store;

/**
 * One game in a user's history: enough to list it; {@link Store#game(long)} loads the whole game.
 *
 * @param sequence  its position in the user's history, 0 for the first game they finished.
 * @param gameId    the game.
 * @param gameType  its type.
 * @param endTimeMs when it ended.
 * @param outcome   how it ended for this user.
 */
public record HistoryEntry(long sequence, long gameId, int gameType, long endTimeMs, PlayerOutcome outcome)
{
}
