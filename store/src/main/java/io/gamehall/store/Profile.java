package io.gamehall.store;

/**
 * What other players see of an account, and its results.
 *
 * @param accountId    the account it belongs to.
 * @param displayName  1..64 characters of UTF-8 without control characters.
 * @param rating       the game's rating (the store keeps, never computes it).
 * @param wins         games won.
 * @param losses       games lost.
 * @param draws        games drawn.
 * @param lastSeenMs   when the user was last online, ms since the epoch.
 */
public record Profile(long accountId, String displayName, int rating, int wins, int losses, int draws, long lastSeenMs)
{
}
