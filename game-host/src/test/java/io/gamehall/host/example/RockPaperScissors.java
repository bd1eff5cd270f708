package io.gamehall.host.example;

import io.gamehall.host.api.GameContext;
import io.gamehall.host.api.GameLogic;
import io.gamehall.host.api.GameResult;
import org.agrona.DirectBuffer;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The smallest useful game, shown in game-host/README.md ("Adding a game"): two players each
 * pick once (kind 1, one byte: 0 rock, 1 paper, 2 scissors); both then hear the picks (kind 101).
 */
public final class RockPaperScissors implements GameLogic
{
    private final long[] players = new long[2];
    private final int[] picks = { -1, -1 };

    public void onCreate(final GameContext ctx)
    {
        players[0] = ctx.players().get(0);
    }

    public void onPlayerJoined(final GameContext ctx, final long userId)
    {
        players[1] = userId;
    }

    public void onPlayerLeft(final GameContext ctx, final long userId)
    {
        final long other = userId == players[0] ? players[1] : players[0];
        ctx.end(other == 0 ? GameResult.draw(List.of(userId), "left before the game began") :
            GameResult.win(other, List.of(players[0], players[1]), "the other player left"));
    }

    public void onMessage(
        final GameContext ctx, final long userId, final int kind, final DirectBuffer payload, final int offset, final int length)
    {
        final int seat = userId == players[0] ? 0 : 1;
        if (kind != 1 || length != 1 || payload.getByte(offset) < 0 || payload.getByte(offset) > 2)
        {
            ctx.reject("send kind 1 with one byte: 0 rock, 1 paper, 2 scissors");
            return;
        }
        if (players[1] == 0 || picks[seat] >= 0)
        {
            ctx.reject(players[1] == 0 ? "wait for an opponent" : "you already picked");
            return;
        }
        picks[seat] = payload.getByte(offset);
        ctx.commit();
        if (picks[1 - seat] >= 0)
        {
            ctx.scratch().putByte(0, (byte)picks[0]);
            ctx.scratch().putByte(1, (byte)picks[1]);
            ctx.broadcast(101, ctx.scratch(), 0, 2);
            final int beats = (picks[0] - picks[1] + 3) % 3;
            ctx.end(beats == 0 ? GameResult.draw(ctx.players(), "draw") :
                GameResult.win(players[beats == 1 ? 0 : 1], ctx.players(), "won"));
        }
    }

    public byte[] saveState()
    {
        return ByteBuffer.allocate(18).putLong(players[0]).putLong(players[1])
            .put((byte)picks[0]).put((byte)picks[1]).array();
    }

    public void onRestore(final GameContext ctx, final byte[] state)
    {
        final ByteBuffer in = ByteBuffer.wrap(state);
        players[0] = in.getLong();
        players[1] = in.getLong();
        picks[0] = in.get();
        picks[1] = in.get();
    }
}
