package io.gamehall.perf.gateway;

import io.gamehall.host.api.GameContext;
import io.gamehall.host.api.GameLogic;
import org.agrona.DirectBuffer;

/**
 * A one-seat game that sends every message straight back to its sender: the relay path
 * client → gateway → host → gateway → client with no game logic in it.
 */
public final class EchoGame implements GameLogic
{
    /** Game type id the benchmark registers it under. */
    public static final int TYPE_ID = 90;

    public void onCreate(final GameContext ctx)
    {
    }

    public void onPlayerJoined(final GameContext ctx, final long userId)
    {
    }

    public void onPlayerLeft(final GameContext ctx, final long userId)
    {
    }

    public void onMessage(final GameContext ctx, final long userId, final int kind, final DirectBuffer payload,
        final int offset, final int length)
    {
        ctx.send(userId, kind, payload, offset, length);
    }

    public byte[] saveState()
    {
        return new byte[0];
    }

    public void onRestore(final GameContext ctx, final byte[] state)
    {
    }
}
