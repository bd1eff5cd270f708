package io.gamehall.host.api;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * What a game instance can see and do. Valid only inside a {@link GameLogic} callback, on the
 * thread that called it.
 */
public interface GameContext
{
    /**
     * @return this instance's id (unique in the whole system).
     */
    long instanceId();

    /**
     * @return what the instance was created with (game type, owner, seats, attributes).
     */
    InstanceSettings settings();

    /**
     * @return the host's clock, ms since the epoch.
     */
    long nowMs();

    /**
     * @return the seated players, in the order they took their seats (the owner first).
     */
    List<Long> players();

    /**
     * @return whether the user holds a seat.
     */
    boolean isPlayer(long userId);

    /**
     * Send a message to one seated player.
     */
    void send(long userId, int kind, DirectBuffer payload, int offset, int length);

    /**
     * Send a message to every seated player.
     */
    void broadcast(int kind, DirectBuffer payload, int offset, int length);

    /**
     * @return a buffer to encode outgoing payloads in (reused; valid until the callback returns).
     */
    MutableDirectBuffer scratch();

    /**
     * Refuse the message being handled: its sender gets an error with this reason, nobody else
     * hears of it. Change no state before rejecting.
     */
    void reject(String reason);

    /**
     * Call {@link GameLogic#onTimer} with this id after the delay; setting an id again moves it.
     */
    void schedule(long timerId, long delayMs);

    /**
     * Forget a timer; nothing happens if it is not set.
     */
    void cancel(long timerId);

    /**
     * Add an event to the game's history (kept with the finished game for review).
     *
     * @param playerId who caused it, 0 for the game itself.
     */
    void record(long playerId, int kind, DirectBuffer payload, int offset, int length);

    /**
     * The state changed in a way that must survive a host crash (a turn-based move): when the
     * callback returns the host writes a backup, and the messages this callback sent (and the
     * acknowledgement of the player's message) go out only once the backup is written.
     */
    void commit();

    /**
     * Back the state up when the callback returns without holding its messages back (real-time
     * games, every few ticks): a crash may lose what happened since the last backup.
     */
    void checkpoint();

    /**
     * The game is over: history is written, profiles updated and the players told.
     */
    void end(GameResult result);
}
