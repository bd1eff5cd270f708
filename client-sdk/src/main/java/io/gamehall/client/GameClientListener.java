package io.gamehall.client;

import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.CloseCause;
import io.gamehall.sbe.client.KickCause;
import io.gamehall.sbe.client.ResumeKind;
import org.agrona.DirectBuffer;

import java.util.List;

/**
 * What a {@link GameClient} tells its owner. Called on the client's I/O thread, in the order the
 * gateway sent things: keep the work short, do not block (hand long work to your own thread).
 * Buffers are valid only during the call.
 */
public interface GameClientListener
{
    /**
     * A message from the game of an instance the user plays in.
     */
    default void onGameEvent(final long instanceId, final int kind, final DirectBuffer payload, final int offset,
        final int length)
    {
    }

    /**
     * A game message of the user's was applied (and backed up, for games that acknowledge).
     */
    default void onGameAck(final long instanceId, final long sequence)
    {
    }

    /**
     * A game message of the user's was refused.
     */
    default void onGameError(final long instanceId, final long sequence, final ClientCode code, final String reason)
    {
    }

    /**
     * Another player took ({@code seated}) or left a seat.
     */
    default void onPresence(final long instanceId, final long userId, final boolean seated)
    {
    }

    /**
     * The instance is over; the user is back in the lobby.
     */
    default void onInstanceClosed(final long instanceId, final CloseCause cause, final String summary)
    {
    }

    /**
     * The instance moved to another game host (the old one failed); play goes on.
     */
    default void onInstanceMoved(final long instanceId)
    {
    }

    /**
     * The session was ended by the gateway (logged in elsewhere, gateway closing...). The client
     * does not reconnect after this.
     */
    default void onKicked(final KickCause cause)
    {
    }

    /**
     * The connection was lost; the client is reconnecting (and will resume the session).
     */
    default void onDisconnected(final String reason)
    {
    }

    /**
     * The session was resumed after a reconnect or a move to another gateway.
     *
     * @param kind      CONTINUED: the events missed were sent again; NEW_SESSION: the game sends its whole state.
     * @param gatewayUrl where the client is connected now.
     */
    default void onResumed(final ResumeKind kind, final String gatewayUrl)
    {
    }

    /**
     * The client gave up reconnecting (no gateway answered within the reconnect budget).
     */
    default void onGaveUp(final String reason)
    {
    }

    /**
     * The live gateways changed.
     */
    default void onGatewayList(final List<String> urls)
    {
    }
}
