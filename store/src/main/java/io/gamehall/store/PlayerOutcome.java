package io.gamehall.store;

/**
 * How a finished game ended for one player; stored one-to-one as the SBE enum
 * {@code io.gamehall.sbe.store.PlayerResult}.
 */
public enum PlayerOutcome
{
    WIN,
    LOSS,
    DRAW,
    /** The player left or was dropped before the end. */
    ABANDONED
}
