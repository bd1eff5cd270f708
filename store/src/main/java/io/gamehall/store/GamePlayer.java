package io.gamehall.store;

/**
 * One player of a finished game and how it ended for them.
 *
 * @param userId  the player's account id.
 * @param outcome how the game ended for them.
 */
public record GamePlayer(long userId, PlayerOutcome outcome)
{
}
