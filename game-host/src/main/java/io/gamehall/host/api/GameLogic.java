package io.gamehall.host.api;

import org.agrona.DirectBuffer;

/**
 * The rules of one game instance. A game developer implements this (one class is enough) and
 * registers it under a game type id with a {@link GameCatalog}.
 * <p>
 * The host calls an instance's logic from one thread at a time and in order: messages and
 * timers never overlap, so the logic needs no locking. Everything the logic does goes through
 * the {@link GameContext} it is handed; it must not block or start threads. An exception thrown
 * from a callback ends the instance with an error report (players are told); the host goes on.
 * Bad input from a player is not an exception: answer it with {@link GameContext#reject(String)}.
 */
public interface GameLogic
{
    /**
     * A new instance was created; its owner is already seated ({@link GameContext#players()}).
     */
    void onCreate(GameContext ctx);

    /**
     * A player took a seat.
     */
    void onPlayerJoined(GameContext ctx, long userId);

    /**
     * A player left the seat (left, logged out, or their gateway was lost for good).
     */
    void onPlayerLeft(GameContext ctx, long userId);

    /**
     * A seated player's connection came back (through the same or another gateway): a good
     * moment to send them the whole state again.
     */
    default void onPlayerReconnected(final GameContext ctx, final long userId)
    {
    }

    /**
     * A message from a seated player. {@code kind} and the payload bytes are the game's own.
     * The buffer is valid only during the call.
     */
    void onMessage(GameContext ctx, long userId, int kind, DirectBuffer payload, int offset, int length);

    /**
     * A timer set with {@link GameContext#schedule(long, long)} fired.
     */
    default void onTimer(final GameContext ctx, final long timerId)
    {
    }

    /**
     * @return the whole game state as bytes, for the backup another host resumes from.
     */
    byte[] saveState();

    /**
     * Resume on this host from a backup written by {@link #saveState()} (possibly on another
     * host). Timers are not carried over: set them again here. Players are seated as the master
     * knows them ({@link GameContext#players()}).
     */
    void onRestore(GameContext ctx, byte[] state);
}
