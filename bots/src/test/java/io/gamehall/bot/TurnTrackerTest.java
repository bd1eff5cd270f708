package io.gamehall.bot;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The game side of a bot against a strategy whose state is four bytes: started, seat, whose
 * turn (a seat), turn number; a first byte of -1 cannot be read.
 */
class TurnTrackerTest
{
    private static final long USER = 5;
    private static final long GAME = 9;
    private final TurnTracker turns = new TurnTracker(new FakeStrategy());

    @Test
    void theBotMovesOncePerTurnOnItsTurnOnly()
    {
        assertThat(onState(state(1, 0, 1, 1), false)).isEqualTo(TurnTracker.Step.WAIT);
        assertThat(turns.started()).isTrue();
        assertThat(turns.seat()).isZero();

        assertThat(onState(state(1, 0, 0, 2), true)).isEqualTo(TurnTracker.Step.MOVE);
        assertThat(turns.moveCount()).isEqualTo(2);
        assertThat(turns.isCurrent(2)).isTrue();

        assertThat(onState(state(1, 0, 0, 2), true)).isEqualTo(TurnTracker.Step.WAIT);
        assertThat(onState(state(1, 0, 0, 4), true)).isEqualTo(TurnTracker.Step.MOVE);
        assertThat(turns.isCurrent(2)).isFalse();
    }

    @Test
    void noSecondMoveWhileOneIsInFlight()
    {
        onState(state(1, 0, 0, 2), true);
        turns.moveSent();

        assertThat(turns.isCurrent(2)).isFalse();
        assertThat(onState(state(1, 0, 0, 4), true)).isEqualTo(TurnTracker.Step.WAIT);

        turns.moveAnswered();
        assertThat(onState(state(1, 0, 0, 4), true)).isEqualTo(TurnTracker.Step.MOVE);
    }

    @Test
    void aMoveNotAppliedIsAskedForAgainByTheSameState()
    {
        onState(state(1, 0, 0, 2), true);
        turns.forgetMove(2);

        assertThat(onState(state(1, 0, 0, 2), true)).isEqualTo(TurnTracker.Step.MOVE);
    }

    @Test
    void aStateBeforeTheBotKnowsItsSeatIsKeptForIt()
    {
        final byte[] early = state(0, 1, 1, 0);

        assertThat(turns.onState(GAME, early, USER, 0, false, false)).isEqualTo(TurnTracker.Step.KEPT);
        assertThat(turns.takePending(GAME + 1)).isNull();
        assertThat(turns.takePending(GAME)).isSameAs(early);
        assertThat(turns.takePending(GAME)).isNull();
        assertThat(turns.lastState()).isNull();
    }

    @Test
    void aStateOfAnotherInstanceOrOutsideAGameIsKeptNotPlayed()
    {
        assertThat(turns.onState(GAME + 1, state(1, 0, 0, 2), USER, GAME, true, true)).isEqualTo(TurnTracker.Step.KEPT);
        assertThat(turns.onState(GAME, state(1, 0, 0, 2), USER, GAME, false, false)).isEqualTo(TurnTracker.Step.KEPT);
    }

    @Test
    void anUnreadableStateChangesNothing()
    {
        onState(state(1, 1, 0, 1), true);

        assertThat(onState(new byte[]{ -1, 0, 0, 0 }, true)).isEqualTo(TurnTracker.Step.BAD_STATE);
        assertThat(turns.seat()).isEqualTo(1);
    }

    @Test
    void resetForgetsTheGame()
    {
        onState(state(1, 1, 1, 3), true);

        turns.reset();

        assertThat(turns.seat()).isEqualTo(-1);
        assertThat(turns.lastState()).isNull();
        assertThat(onState(state(0, 1, 1, 3), false)).isEqualTo(TurnTracker.Step.MOVE);
        assertThat(turns.started()).isFalse();
    }

    private TurnTracker.Step onState(final byte[] state, final boolean playing)
    {
        return turns.onState(GAME, state, USER, GAME, true, playing);
    }

    private static byte[] state(final int started, final int seat, final int turnOf, final int turn)
    {
        return new byte[]{ (byte)started, (byte)seat, (byte)turnOf, (byte)turn };
    }

    private static final class FakeStrategy implements GameStrategy
    {
        public int gameType()
        {
            return 1;
        }

        public int defaultMode()
        {
            return 0;
        }

        public int seats()
        {
            return 2;
        }

        public boolean isState(final int eventKind)
        {
            return true;
        }

        public State read(final byte[] state, final long userId)
        {
            if (state[0] < 0)
            {
                return null;
            }
            return new State(state[0] == 1, state[1], state[1] == state[2], state[3]);
        }

        public Move move(final byte[] state, final SplittableRandom random)
        {
            return new Move(1, new byte[]{ 0 });
        }
    }
}
