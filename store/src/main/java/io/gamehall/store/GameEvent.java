package io.gamehall.store;

/**
 * One move or event of a game, as the game defines it; replaying them in order reproduces the game.
 *
 * @param timeMs   when it happened, ms since the epoch.
 * @param playerId who caused it, 0 for events of the game itself.
 * @param kind     the game's own event kind.
 * @param payload  the game's own encoding of the event, at most 65535 bytes.
 */
public record GameEvent(long timeMs, long playerId, int kind, byte[] payload)
{
}
