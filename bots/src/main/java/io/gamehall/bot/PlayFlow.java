package io.gamehall.bot;

import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.CloseCause;

import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A bot in a game: from the seat it got in the lobby to the game's close. It reads each state
 * event through {@link TurnTracker}, starts the stall watch once the game has started, sends its
 * strategy's move on its turn (after the think time; never while away or with a move in
 * flight), counts the game's end, and hands the bot back to the lobby after a close, a stall
 * or a wait for an opponent that ran out. With drops on, it drops the connection once in a game,
 * right after a move was acknowledged.
 * <p>
 * It runs on the bot's executor and acts through a {@link Port}: the connection, the bot's one
 * timer, its phase and its way back to the lobby.
 */
final class PlayFlow
{
    /**
     * What the play flow needs of the bot, called on the bot's executor.
     */
    interface Port
    {
        /**
         * @return whether a callback of connection {@code generation} still counts (false when stopping).
         */
        boolean current(long generation);

        /**
         * @return the bot's user id.
         */
        long userId();

        /**
         * @return the instance the bot sits in, 0 for none.
         */
        long instanceId();

        /**
         * @return where the bot is in its loop.
         */
        Bot.Phase phase();

        /**
         * @param phase where the bot is now.
         */
        void phase(Bot.Phase phase);

        /**
         * @return whether the connection is down and the SDK reconnecting.
         */
        boolean away();

        /**
         * Drop the connection on purpose (the load mix) and be away at once.
         *
         * @return false when there is no connection to drop.
         */
        boolean dropConnection();

        /**
         * Send a move.
         */
        CompletableFuture<Void> send(long instanceId, int kind, byte[] payload);

        /**
         * Set the bot's one timer (replacing the one set before).
         */
        void timer(long delayMs, Runnable action);

        /**
         * Run an action later on the bot's executor (0: as soon as it can).
         */
        void later(long delayMs, Runnable action);

        /**
         * Run an action after the jittered retry delay, unless the connection changed meanwhile.
         */
        void retry(long generation, Runnable action);

        /**
         * Seated: be WAITING and set the timer for the (jittered) wait for an opponent.
         */
        void waitForStart(long generation, long instanceId);

        /**
         * Leave an instance (0: whichever the bot sits in), then back to the lobby.
         */
        void leaveThenLobby(long generation, long instanceId);

        /**
         * No instance any more: the timer cancelled, the phase LOBBY, the lobby again after a delay.
         */
        void lobbyAfter(long generation, long delayMs);

        /**
         * @return the bot's executor, for the answers of its requests.
         */
        Executor executor();
    }

    private final Port port;
    private final GameStrategy strategy;
    private final TurnTracker turns;
    private final SplittableRandom random;
    private final BotStats stats;
    private final long thinkMs;
    private final long stallTimeoutMs;
    private final long afterGameDelayMs;
    private final int dropPercent;
    private boolean dropThisGame;

    /**
     * @param port             the bot.
     * @param strategy         how it plays.
     * @param random           the bot's seeded source (shared with its lobby, so a seed makes the same choices).
     * @param stats            where it records.
     * @param thinkMs          pause before each move.
     * @param stallTimeoutMs   a game without a state event for this long is left.
     * @param afterGameDelayMs pause between a game's close and the lobby.
     * @param dropPercent      share of games in which the connection is dropped once.
     */
    PlayFlow(final Port port, final GameStrategy strategy, final SplittableRandom random, final BotStats stats,
        final long thinkMs, final long stallTimeoutMs, final long afterGameDelayMs, final int dropPercent)
    {
        this.port = port;
        this.strategy = strategy;
        this.turns = new TurnTracker(strategy);
        this.random = random;
        this.stats = stats;
        this.thinkMs = thinkMs;
        this.stallTimeoutMs = stallTimeoutMs;
        this.afterGameDelayMs = afterGameDelayMs;
        this.dropPercent = dropPercent;
    }

    /**
     * Back in the lobby: nothing of the last game is kept.
     */
    void reset()
    {
        turns.reset();
    }

    /**
     * @return the seat of the bot's player in its game (-1 before it is known).
     */
    int seat()
    {
        return turns.seat();
    }

    /**
     * Seated (created or joined): wait for the game to start; a state that came before the seat
     * was known is read now.
     */
    void enter(final long gen, final long instance)
    {
        // asked only when drops are on, so that bots without them make the same seeded choices
        dropThisGame = dropPercent > 0 && random.nextInt(100) < dropPercent;
        port.waitForStart(gen, instance);
        final byte[] pending = turns.takePending(instance);
        if (pending != null)
        {
            onState(gen, instance, pending);
        }
    }

    /**
     * A state event of a game.
     */
    void onState(final long gen, final long instance, final byte[] state)
    {
        if (!port.current(gen))
        {
            return;
        }
        final Bot.Phase phase = port.phase();
        final TurnTracker.Step step = turns.onState(instance, state, port.userId(), port.instanceId(),
            phase == Bot.Phase.WAITING || phase == Bot.Phase.PLAYING, phase == Bot.Phase.PLAYING);
        if (step == TurnTracker.Step.KEPT)
        {
            return;
        }
        if (step == TurnTracker.Step.BAD_STATE)
        {
            stats.error("BAD_STATE");
            return;
        }
        if (turns.started())
        {
            port.phase(Bot.Phase.PLAYING);
            port.timer(stallTimeoutMs, () -> stalled(gen, instance));
        }
        if (step != TurnTracker.Step.MOVE)
        {
            return;
        }
        final int moveCount = turns.moveCount();
        if (thinkMs > 0)
        {
            port.later(thinkMs, () -> move(gen, instance, moveCount, state));
        }
        else
        {
            move(gen, instance, moveCount, state);
        }
    }

    /**
     * The instance the bot was in was closed: its end counted, then the lobby.
     */
    void onClosed(final long gen, final long instance, final CloseCause cause)
    {
        if (!port.current(gen) || instance != port.instanceId())
        {
            return;
        }
        if (cause == CloseCause.GAME_OVER)
        {
            stats.gameOver(turns.seat() == 0);
        }
        else
        {
            stats.error("CLOSED_" + cause);
        }
        port.lobbyAfter(gen, afterGameDelayMs);
    }

    /**
     * The session was resumed in a game: a move whose answer the drop took may not have been
     * applied, so the last state is looked at again once the events kept for the bot are in.
     */
    void afterResume(final long gen)
    {
        final long instance = port.instanceId();
        port.retry(gen, () ->
        {
            final byte[] lastState = turns.lastState();
            if (instance == port.instanceId() && lastState != null)
            {
                onState(gen, instance, lastState);
            }
        });
    }

    /**
     * The wait for an opponent ran out: leave unless the game started meanwhile.
     */
    void waitedOut(final long gen, final long instance)
    {
        if (!port.current(gen) || port.instanceId() != instance || port.phase() != Bot.Phase.WAITING)
        {
            return;
        }
        stats.waitedOut();
        port.leaveThenLobby(gen, instance);
    }

    private void stalled(final long gen, final long instance)
    {
        if (!port.current(gen) || port.instanceId() != instance)
        {
            return;
        }
        stats.error("STALLED");
        port.leaveThenLobby(gen, instance);
    }

    private void move(final long gen, final long instance, final int moveCount, final byte[] state)
    {
        if (!port.current(gen) || instance != port.instanceId() || !turns.isCurrent(moveCount))
        {
            return;
        }
        if (port.away())
        {
            turns.forgetMove(moveCount); // reconnecting: asked again when the session is resumed
            return;
        }
        final GameStrategy.Move next = strategy.move(state, random);
        if (next == null)
        {
            return; // no legal move: the game's end is on its way
        }
        turns.moveSent();
        final long start = System.nanoTime();
        port.send(instance, next.kind(), next.payload()).whenCompleteAsync((v, ex) ->
        {
            turns.moveAnswered();
            if (!port.current(gen))
            {
                return;
            }
            if (ex == null)
            {
                stats.record(BotStats.Operation.MOVE, start);
                // the mix's connection drop: nothing else is in flight now, so the resume is all it costs
                if (dropThisGame && instance == port.instanceId() && port.dropConnection())
                {
                    dropThisGame = false;
                }
                return;
            }
            if (Failures.code(ex) == ClientCode.UNKNOWN_INSTANCE && instance == port.instanceId())
            {
                // the game ended before the move reached it; its close is on the way (the stall timer
                // covers a close that never comes)
                stats.lateMove();
                return;
            }
            stats.error(Failures.name(ex));
            turns.forgetMove(moveCount); // not applied as far as we know: the state resent after a resume asks again
        }, port.executor());
    }
}
