package io.gamehall.host.runtime;

import io.gamehall.host.api.GameContext;
import io.gamehall.host.api.GameLogic;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A game for runtime tests: each callback is recorded and runs {@link #script} (null: nothing).
 */
final class ScriptedGame implements GameLogic
{
    final List<String> calls = new ArrayList<>();
    Consumer<GameContext> script;

    public void onCreate(final GameContext ctx)
    {
        run(ctx, "onCreate");
    }

    public void onPlayerJoined(final GameContext ctx, final long userId)
    {
        run(ctx, "onPlayerJoined " + userId);
    }

    public void onPlayerLeft(final GameContext ctx, final long userId)
    {
        run(ctx, "onPlayerLeft " + userId);
    }

    public void onPlayerReconnected(final GameContext ctx, final long userId)
    {
        run(ctx, "onPlayerReconnected " + userId);
    }

    public void onTimer(final GameContext ctx, final long timerId)
    {
        run(ctx, "onTimer " + timerId);
    }

    public void onMessage(final GameContext ctx, final long userId, final int kind, final DirectBuffer payload,
        final int offset, final int length)
    {
        run(ctx, "onMessage " + userId + " kind=" + kind + " length=" + length);
    }

    public byte[] saveState()
    {
        return new byte[]{ 1 };
    }

    public void onRestore(final GameContext ctx, final byte[] state)
    {
        run(ctx, "onRestore");
    }

    private void run(final GameContext ctx, final String call)
    {
        calls.add(call);
        if (script != null)
        {
            script.accept(ctx);
        }
    }
}
