package io.gamehall.bot;

import java.util.SplittableRandom;

/**
 * How a bot plays one game: which game it asks for, which events carry the state it plays
 * from, what that state says for the bot's player, and what to send on its turn. Everything
 * else a bot does (connecting, the lobby, waiting for an opponent, resuming, leaving) is the
 * same for every game and stays in {@link Bot}.
 * <p>
 * Called on a bot's event loop. One strategy may serve many bots on several event loops (a
 * fleet's settings may give every bot the same one), so it keeps nothing of a game between calls.
 */
public interface GameStrategy
{
    /**
     * What a state event says for the bot's player.
     *
     * @param started whether the game has started (no longer waiting for players).
     * @param seat    the player's seat, -1 when not seated; the player of seat 0 counts a finished game.
     * @param myTurn  whether the game is on and it is the player's turn to move.
     * @param turn    a number that changes with every move (e.g. the move count), so that a state
     *                sent again does not make the bot move twice.
     */
    record State(boolean started, int seat, boolean myTurn, int turn)
    {
    }

    /**
     * A message to the game.
     *
     * @param kind    the message kind.
     * @param payload its bytes.
     */
    record Move(int kind, byte[] payload)
    {
    }

    /**
     * @return the game type id to search for and create.
     */
    int gameType();

    /**
     * @return the mode of the instances the bot creates, unless its settings give one.
     */
    int defaultMode();

    /**
     * @return the seats of the instances the bot creates.
     */
    int seats();

    /**
     * @param eventKind the kind of a game event.
     * @return whether events of this kind carry the state the bot plays from.
     */
    boolean isState(int eventKind);

    /**
     * @param state  the payload of a state event.
     * @param userId the bot's player.
     * @return what it says for that player, or null when it is not a state of this game (too short).
     */
    State read(byte[] state, long userId);

    /**
     * @param state  the payload of a state event in which it is the bot's turn.
     * @param random the bot's seeded random source, for the choices a strategy makes.
     * @return the move to send, or null when there is none (the game's end is on its way).
     */
    Move move(byte[] state, SplittableRandom random);
}
