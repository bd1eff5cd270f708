package io.gamehall.host.support;

import io.gamehall.host.api.GameContext;
import io.gamehall.host.api.GameLogic;
import io.gamehall.host.api.GameResult;
import org.agrona.DirectBuffer;

import java.nio.ByteBuffer;

/**
 * A tiny turn-free game for runtime tests: players add 1..9 to a shared total (kind 1, one byte);
 * every accepted move is committed and the total broadcast (kind 100, int); whoever brings it to
 * {@link #TARGET} or more wins. Kind 2 makes the game's code throw (failure isolation).
 */
public final class SumGame implements GameLogic
{
    public static final int TYPE = 77;
    public static final int TARGET = 15;
    public static final int TOTAL = 100;

    private int total;

    public void onCreate(final GameContext ctx)
    {
        broadcastTotal(ctx);
    }

    public void onPlayerJoined(final GameContext ctx, final long userId)
    {
        broadcastTotal(ctx);
    }

    public void onPlayerLeft(final GameContext ctx, final long userId)
    {
    }

    public void onPlayerReconnected(final GameContext ctx, final long userId)
    {
        ctx.scratch().putInt(0, total);
        ctx.send(userId, TOTAL, ctx.scratch(), 0, 4);
    }

    public void onMessage(final GameContext ctx, final long userId, final int kind, final DirectBuffer payload,
        final int offset, final int length)
    {
        if (kind == 2)
        {
            throw new IllegalStateException("boom");
        }
        if (kind != 1 || length != 1)
        {
            ctx.reject("expected kind 1 with one byte");
            return;
        }
        final int value = payload.getByte(offset);
        if (value < 1 || value > 9)
        {
            ctx.reject("value must be 1..9: " + value);
            return;
        }
        total += value;
        ctx.record(userId, 1, payload, offset, length);
        ctx.commit();
        broadcastTotal(ctx);
        if (total >= TARGET)
        {
            ctx.end(GameResult.win(userId, ctx.players(), "player " + userId + " reached " + total));
        }
    }

    public byte[] saveState()
    {
        return ByteBuffer.allocate(4).putInt(total).array();
    }

    public void onRestore(final GameContext ctx, final byte[] state)
    {
        total = ByteBuffer.wrap(state).getInt();
    }

    private void broadcastTotal(final GameContext ctx)
    {
        ctx.scratch().putInt(0, total);
        ctx.broadcast(TOTAL, ctx.scratch(), 0, 4);
    }

    /**
     * @return the total carried by a kind-100 payload.
     */
    public static int total(final byte[] payload)
    {
        return new org.agrona.concurrent.UnsafeBuffer(payload).getInt(0);
    }
}
