package io.gamehall.bot;

import io.gamehall.client.GameClientListener;
import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.CloseCause;
import io.gamehall.sbe.client.KickCause;
import io.gamehall.sbe.client.ResumeKind;
import org.agrona.DirectBuffer;

import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * The events of one connection (one generation of a bot) as the bot needs them: called by the
 * client on its I/O thread, it keeps only what the bot acts on (state events as its strategy
 * names them, copied; closes; kicks other than a gateway closing; drops, resumes, give-ups) and
 * hands each to the bot's executor, where an event of an earlier connection is dropped.
 * Protocol errors are counted at once (they need no state of the bot).
 */
final class ClientEventAdapter implements GameClientListener
{
    /**
     * What the bot does with its events, on its executor, for the connection they came from.
     */
    interface BotEvents
    {
        /**
         * @return whether the bot is stopping: events are no longer handed over.
         */
        boolean stopping();

        /**
         * @param generation the connection an event came from.
         * @return whether it is still the bot's connection (false also when the bot is stopping).
         */
        boolean current(long generation);

        /**
         * A state event of a game (a copy of its payload).
         */
        void onState(long generation, long instanceId, byte[] state);

        /**
         * An instance the bot was in was closed.
         */
        void onClosed(long generation, long instanceId, CloseCause cause);

        /**
         * The gateway ended the session (not because it is closing: the SDK moves then).
         */
        void onKicked(long generation, KickCause cause);

        /**
         * The connection dropped at {@code atNanos}; the SDK reconnects.
         */
        void onDisconnected(long generation, long atNanos);

        /**
         * The session was resumed after a drop.
         */
        void onResumed(long generation);

        /**
         * The SDK gave up reconnecting.
         */
        void onGaveUp(long generation);

        /**
         * The gateway refused a frame it could not read (no instance, no sequence): counted, nothing else.
         */
        void onProtocolError(ClientCode code);
    }

    private final long generation;
    private final GameStrategy strategy;
    private final Executor executor;
    private final BotEvents events;
    private final LongSupplier nanoClock;

    /**
     * @param generation the bot's connection this listener serves.
     * @param strategy   says which game events carry the state.
     * @param executor   the bot's executor.
     * @param events     where the events go.
     * @param nanoClock  when a drop happened (System::nanoTime).
     */
    ClientEventAdapter(final long generation, final GameStrategy strategy, final Executor executor, final BotEvents events,
        final LongSupplier nanoClock)
    {
        this.generation = generation;
        this.strategy = strategy;
        this.executor = executor;
        this.events = events;
        this.nanoClock = nanoClock;
    }

    @Override
    public void onGameEvent(final long instance, final int kind, final DirectBuffer payload, final int offset, final int length)
    {
        if (!strategy.isState(kind))
        {
            return;
        }
        final byte[] state = new byte[length];
        payload.getBytes(offset, state);
        hand(() -> events.onState(generation, instance, state));
    }

    @Override
    public void onGameError(final long instance, final long sequence, final ClientCode code, final String reason)
    {
        if (sequence == 0 && instance == 0)
        {
            events.onProtocolError(code);
        }
    }

    @Override
    public void onInstanceClosed(final long instance, final CloseCause cause, final String summary)
    {
        hand(() -> events.onClosed(generation, instance, cause));
    }

    @Override
    public void onKicked(final KickCause cause)
    {
        if (cause == KickCause.GATEWAY_CLOSING)
        {
            return; // the SDK moves to another gateway
        }
        hand(() -> events.onKicked(generation, cause));
    }

    @Override
    public void onDisconnected(final String reason)
    {
        final long at = nanoClock.getAsLong();
        hand(() -> events.onDisconnected(generation, at));
    }

    @Override
    public void onResumed(final ResumeKind kind, final String gatewayUrl)
    {
        hand(() -> events.onResumed(generation));
    }

    @Override
    public void onGaveUp(final String reason)
    {
        hand(() -> events.onGaveUp(generation));
    }

    private void hand(final Runnable work)
    {
        if (events.stopping())
        {
            return;
        }
        try
        {
            executor.execute(() ->
            {
                if (events.current(generation))
                {
                    work.run();
                }
            });
        }
        catch (final RuntimeException ex)
        {
            // the event loop is shutting down: the bot is being stopped
        }
    }
}
