package io.gamehall.link;

import io.gamehall.sbe.host.GameErrorCode;
import io.gamehall.sbe.host.InstanceCloseReason;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongArrayList;

/**
 * What game hosts send a gateway, delivered by {@link GatewayLink#poll()} on the polling
 * thread. Buffers and lists are valid only during the call.
 */
public interface GatewayLinkListener
{
    /**
     * A game's message for some players of this gateway.
     */
    void onGameEvent(long instanceId, int kind, LongArrayList recipients, DirectBuffer payload, int offset, int length);

    /**
     * A player's message was applied, and backed up when the game asked for it: the move is safe.
     */
    void onAccepted(long instanceId, long userId, long sequence);

    /**
     * A player's message was not taken; for that player only.
     */
    void onError(long instanceId, long userId, long sequence, GameErrorCode code, String reason);

    /**
     * A player took ({@code seated}) or left a seat; for the other players of the instance.
     */
    default void onPresence(final long instanceId, final long userId, final boolean seated,
        final LongArrayList recipients)
    {
    }

    /**
     * The instance is over for these players.
     */
    void onClosed(long instanceId, InstanceCloseReason reason, LongArrayList recipients, String summary);
}
