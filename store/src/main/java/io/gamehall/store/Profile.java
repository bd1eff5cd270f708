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
    /** The rating of a new account's profile, the middle of the usual Elo scale. */
    public static final int INITIAL_RATING = 1200;

    /**
     * @return the profile of a new account: the initial rating, no games.
     */
    public static Profile initial(final long accountId, final String displayName, final long lastSeenMs)
    {
        return new Profile(accountId, displayName, INITIAL_RATING, 0, 0, 0, lastSeenMs);
    }
}
