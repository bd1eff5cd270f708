package io.gamehall.perf.gateway;

import io.gamehall.host.api.GameContext;
import io.gamehall.host.api.GameLogic;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * A one-seat game that sends every message straight back to its sender: the relay path
 * client → gateway → host → gateway → client with no game logic in it. A message of
 * {@link #STAMPED_LENGTH} bytes goes back with its second eight bytes replaced by the host's
 * {@link System#nanoTime()} when the game got it (big-endian), so that the sender, on the same
 * machine, can split the round trip into its way there and its way back.
 */
public final class EchoGame implements GameLogic
{
    /** Length of a message the game stamps. */
    public static final int STAMPED_LENGTH = 16;

    private final UnsafeBuffer stamped = new UnsafeBuffer(new byte[STAMPED_LENGTH]);

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
        if (length == STAMPED_LENGTH)
        {
            // the payload is a view of the host's receive buffer: copy, never write into it
            stamped.putBytes(0, payload, offset, Long.BYTES);
            stamped.putLong(Long.BYTES, System.nanoTime(), ByteOrder.BIG_ENDIAN);
            ctx.send(userId, kind, stamped, 0, STAMPED_LENGTH);
            return;
        }
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
