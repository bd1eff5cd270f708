package io.gamehall.bot;

/**
 * The game side of a bot: the states its game sends, read through the {@link GameStrategy}, and
 * when to move: once per turn, never with a move in flight, and a state that arrives before the
 * bot knows it is seated kept until it does. Holds no connection; the bot acts on its answers.
 */
final class TurnTracker
{
    /**
     * What a state asks of the bot.
     */
    enum Step
    {
        /** The state is not for the game the bot is in yet: kept for {@link #takePending}. */
        KEPT,
        /** The strategy could not read it. */
        BAD_STATE,
        /** Nothing to do (not the bot's turn, a move in flight, or this turn's move made). */
        WAIT,
        /** The bot's turn: move (see {@link #moveCount()}). */
        MOVE
    }

    private final GameStrategy strategy;
    private long pendingInstance;
    private byte[] pending;
    private byte[] lastState;
    private int seat = -1;
    private int movedAtCount = -1;
    private int moveCount;
    private boolean moveInFlight;
    private boolean started;

    TurnTracker(final GameStrategy strategy)
    {
        this.strategy = strategy;
    }

    /**
     * A new game, or back in the lobby: nothing known of a game (a kept state stays kept).
     */
    void reset()
    {
        seat = -1;
        lastState = null;
        movedAtCount = -1;
        moveInFlight = false;
        started = false;
    }

    /**
     * A state of {@code instance}.
     *
     * @param seatedIn the instance the bot knows it plays in (0 for none).
     * @param inGame   whether the bot waits for or plays a game.
     * @param playing  whether the game had started already.
     */
    Step onState(
        final long instance, final byte[] state, final long userId, final long seatedIn, final boolean inGame,
        final boolean playing)
    {
        if (instance != seatedIn || !inGame)
        {
            // may come before the answer to our join or create
            pendingInstance = instance;
            pending = state;
            return Step.KEPT;
        }
        final GameStrategy.State view = strategy.read(state, userId);
        if (view == null)
        {
            return Step.BAD_STATE;
        }
        lastState = state;
        started = view.started() || playing;
        seat = view.seat();
        final int turn = view.turn();
        if (!view.myTurn() || moveInFlight || movedAtCount == turn)
        {
            return Step.WAIT;
        }
        movedAtCount = turn;
        moveCount = turn;
        return Step.MOVE;
    }

    /**
     * @return the state kept for {@code instance} (then forgotten), or null.
     */
    byte[] takePending(final long instance)
    {
        if (pendingInstance != instance || pending == null)
        {
            return null;
        }
        final byte[] state = pending;
        pending = null;
        return state;
    }

    /**
     * @return whether the last state said (or an earlier one had said) the game started.
     */
    boolean started()
    {
        return started;
    }

    /**
     * @return the turn of the last {@link Step#MOVE}.
     */
    int moveCount()
    {
        return moveCount;
    }

    /**
     * @return whether the move for turn {@code turn} is still the one to make.
     */
    boolean isCurrent(final int turn)
    {
        return movedAtCount == turn && !moveInFlight;
    }

    /**
     * The move for the current turn was not made (away) or not applied: ask again on the next state.
     */
    void forgetMove(final int turn)
    {
        if (movedAtCount == turn)
        {
            movedAtCount = -1;
        }
    }

    void moveSent()
    {
        moveInFlight = true;
    }

    void moveAnswered()
    {
        moveInFlight = false;
    }

    /**
     * @return the bot's seat in its game, -1 when not known.
     */
    int seat()
    {
        return seat;
    }

    /**
     * @return the last state read in the bot's game, or null.
     */
    byte[] lastState()
    {
        return lastState;
    }
}
