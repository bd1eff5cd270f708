package io.gamehall.bot;

import io.gamehall.client.ClientException;
import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.CloseCause;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bot in a game against a fake port (a virtual clock for its timer and delayed actions, moves
 * answered by the test) and a strategy whose state is four bytes: started, seat, whose turn (a
 * seat), turn number.
 */
class PlayFlowTest
{
    private static final long GEN = 1;
    private static final long GAME = 9;
    private static final long STALL_MS = 1_000;
    private static final long WAIT_MS = 400;
    private static final long AFTER_GAME_MS = 50;

    private final FakePort port = new FakePort();
    private final BotStats stats = new BotStats();

    @Test
    void onItsTurnTheBotSendsOneMoveAndNoSecondWhileItIsInFlight()
    {
        final PlayFlow play = flow(0, 0);
        play.enter(GEN, GAME);
        assertThat(port.phase).isEqualTo(Bot.Phase.WAITING);

        play.onState(GEN, GAME, state(1, 0, 0, 2));
        play.onState(GEN, GAME, state(1, 0, 0, 2));
        play.onState(GEN, GAME, state(1, 0, 0, 4)); // a newer turn while the move is in flight

        assertThat(port.phase).isEqualTo(Bot.Phase.PLAYING);
        assertThat(port.sent).hasSize(1);
        port.sent.get(0).complete(null);
        assertThat(stats.snapshot().moves()).isEqualTo(1);

        play.onState(GEN, GAME, state(1, 0, 0, 4));
        assertThat(port.sent).hasSize(2);
    }

    @Test
    void theOpponentsTurnSendsNothing()
    {
        final PlayFlow play = flow(0, 0);
        play.enter(GEN, GAME);

        play.onState(GEN, GAME, state(1, 0, 1, 1));

        assertThat(port.sent).isEmpty();
        assertThat(port.phase).isEqualTo(Bot.Phase.PLAYING);
    }

    @Test
    void aStateOfAnEarlierConnectionIsIgnored()
    {
        final PlayFlow play = flow(0, 0);
        play.enter(GEN, GAME);

        play.onState(GEN - 1, GAME, state(1, 0, 0, 2));

        assertThat(port.sent).isEmpty();
        assertThat(port.phase).isEqualTo(Bot.Phase.WAITING);
    }

    @Test
    void aStateThatCameBeforeTheSeatIsPlayedOnceSeated()
    {
        final PlayFlow play = flow(0, 0);
        play.onState(GEN, GAME, state(1, 0, 0, 2)); // in the lobby still: kept
        assertThat(port.sent).isEmpty();

        play.enter(GEN, GAME);

        assertThat(port.sent).hasSize(1);
    }

    @Test
    void withThinkTimeTheMoveGoesAfterItAndNotAtAllWhenTheTurnPassedMeanwhile()
    {
        final PlayFlow play = flow(100, 0);
        play.enter(GEN, GAME);
        play.onState(GEN, GAME, state(1, 0, 0, 2));
        port.advance(99);
        assertThat(port.sent).isEmpty();
        port.advance(1);
        assertThat(port.sent).hasSize(1);
        port.sent.get(0).complete(null);

        play.onState(GEN, GAME, state(1, 0, 0, 4));
        port.instanceId = 0; // the game was left before the think time ran out
        port.advance(100);
        assertThat(port.sent).hasSize(1);
    }

    @Test
    void awayTheMoveWaitsForTheResumeThenTheLastStateIsReadAgain()
    {
        final PlayFlow play = flow(0, 0);
        play.enter(GEN, GAME);
        port.away = true;
        play.onState(GEN, GAME, state(1, 0, 0, 2));
        assertThat(port.sent).isEmpty();

        port.away = false;
        play.afterResume(GEN);
        assertThat(port.sent).isEmpty();
        port.runRetries();

        assertThat(port.sent).hasSize(1);
    }

    @Test
    void aGameWithoutNewsIsLeftAfterTheStallTimeout()
    {
        final PlayFlow play = flow(0, 0);
        play.enter(GEN, GAME);
        play.onState(GEN, GAME, state(1, 0, 1, 1));
        port.advance(STALL_MS - 1);
        play.onState(GEN, GAME, state(1, 0, 1, 3)); // news: the watch starts over
        port.advance(STALL_MS - 1);
        assertThat(port.calls).isEmpty();

        port.advance(1);

        assertThat(port.calls).containsExactly("leave 9");
        assertThat(stats.snapshot().errors()).containsEntry("STALLED", 1L);
    }

    @Test
    void aGameThatDoesNotStartIsLeftAfterTheWaitAndAStartedOneIsNot()
    {
        final PlayFlow waiting = flow(0, 0);
        waiting.enter(GEN, GAME);
        port.advance(WAIT_MS);
        assertThat(port.calls).containsExactly("leave 9");
        assertThat(stats.snapshot().waitedOut()).isEqualTo(1);

        port.calls.clear();
        port.phase = Bot.Phase.LOBBY;
        waiting.enter(GEN, GAME + 1);
        waiting.onState(GEN, GAME + 1, state(1, 1, 0, 1));
        port.advance(WAIT_MS);
        assertThat(port.calls).isEmpty();
    }

    @Test
    void aGameOverIsCountedOnceBySeatZeroThenTheLobbyAfterThePause()
    {
        final PlayFlow play = flow(0, 0);
        play.enter(GEN, GAME);
        play.onState(GEN, GAME, state(1, 0, 1, 1));

        play.onClosed(GEN, GAME + 1, CloseCause.GAME_OVER); // not the bot's game
        assertThat(port.calls).isEmpty();
        play.onClosed(GEN, GAME, CloseCause.GAME_OVER);

        assertThat(port.calls).containsExactly("lobby after 50");
        assertThat(stats.snapshot().gamesFinished()).isEqualTo(1);
        port.advance(STALL_MS);
        assertThat(port.calls).containsExactly("lobby after 50"); // the stall watch went with the game
    }

    @Test
    void aMoveTooLateForItsGameIsNoErrorAnyOtherRefusalIsAndTheTurnIsAskedAgain()
    {
        final PlayFlow play = flow(0, 0);
        play.enter(GEN, GAME);
        play.onState(GEN, GAME, state(1, 0, 0, 2));
        port.sent.get(0).completeExceptionally(new ClientException(ClientCode.UNKNOWN_INSTANCE, "ended", 0));
        assertThat(stats.snapshot().lateMoves()).isEqualTo(1);
        assertThat(stats.snapshot().errorCount()).isZero();

        play.onState(GEN, GAME, state(1, 0, 0, 4));
        port.sent.get(1).completeExceptionally(new ClientException(ClientCode.REJECTED, "no", 0));
        assertThat(stats.snapshot().errors()).containsEntry("REJECTED", 1L);

        play.onState(GEN, GAME, state(1, 0, 0, 4)); // the same turn again: not applied, so asked again
        assertThat(port.sent).hasSize(3);
    }

    @Test
    void withDropsOnTheConnectionIsDroppedOnceAfterTheFirstAcknowledgedMove()
    {
        final PlayFlow play = flow(0, 100);
        play.enter(GEN, GAME);
        play.onState(GEN, GAME, state(1, 0, 0, 2));
        port.sent.get(0).complete(null);
        assertThat(port.drops).isEqualTo(1);
        assertThat(port.away).isTrue();

        port.away = false;
        play.onState(GEN, GAME, state(1, 0, 0, 4));
        port.sent.get(1).complete(null);
        assertThat(port.drops).isEqualTo(1);
    }

    @Test
    void withoutDropsTheConnectionStays()
    {
        final PlayFlow play = flow(0, 0);
        play.enter(GEN, GAME);
        play.onState(GEN, GAME, state(1, 0, 0, 2));
        port.sent.get(0).complete(null);

        assertThat(port.drops).isZero();
    }

    @Test
    void anUnreadableStateIsCountedAndSendsNothing()
    {
        final PlayFlow play = flow(0, 0);
        play.enter(GEN, GAME);

        play.onState(GEN, GAME, new byte[]{ -1, 0, 0, 0 });

        assertThat(port.sent).isEmpty();
        assertThat(stats.snapshot().errors()).containsEntry("BAD_STATE", 1L);
    }

    private PlayFlow flow(final long thinkMs, final int dropPercent)
    {
        final PlayFlow play = new PlayFlow(port, new FakeStrategy(), new SplittableRandom(1), stats, thinkMs, STALL_MS,
            AFTER_GAME_MS, dropPercent);
        port.play = play;
        return play;
    }

    private static byte[] state(final int started, final int seat, final int whoseTurn, final int turn)
    {
        return new byte[]{ (byte)started, (byte)seat, (byte)whoseTurn, (byte)turn };
    }

    /**
     * The bot as the play flow sees it, on a virtual clock: one timer, delayed actions, retries
     * run when the test says.
     */
    private static final class FakePort implements PlayFlow.Port
    {
        private final List<CompletableFuture<Void>> sent = new ArrayList<>();
        private final List<String> calls = new ArrayList<>();
        private final List<long[]> laterAt = new ArrayList<>();
        private final List<Runnable> later = new ArrayList<>();
        private final List<Runnable> retries = new ArrayList<>();
        private PlayFlow play;
        private long now;
        private long timerAt = -1;
        private Runnable timer;
        private long instanceId;
        private Bot.Phase phase = Bot.Phase.LOBBY;
        private boolean away;
        private int drops;

        void advance(final long ms)
        {
            final long until = now + ms;
            for (int i = 0; i < 100; i++)
            {
                long next = timerAt >= 0 && timerAt <= until ? timerAt : Long.MAX_VALUE;
                int laterIndex = -1;
                for (int j = 0; j < laterAt.size(); j++)
                {
                    if (laterAt.get(j)[0] <= until && laterAt.get(j)[0] < next)
                    {
                        next = laterAt.get(j)[0];
                        laterIndex = j;
                    }
                }
                if (next == Long.MAX_VALUE)
                {
                    break;
                }
                now = next;
                if (laterIndex >= 0)
                {
                    laterAt.remove(laterIndex);
                    later.remove(laterIndex).run();
                }
                else
                {
                    final Runnable due = timer;
                    timer = null;
                    timerAt = -1;
                    due.run();
                }
            }
            now = until;
        }

        void runRetries()
        {
            final List<Runnable> due = new ArrayList<>(retries);
            retries.clear();
            due.forEach(Runnable::run);
        }

        @Override
        public boolean current(final long generation)
        {
            return generation == GEN;
        }

        @Override
        public long userId()
        {
            return 5;
        }

        @Override
        public long instanceId()
        {
            return instanceId;
        }

        @Override
        public Bot.Phase phase()
        {
            return phase;
        }

        @Override
        public void phase(final Bot.Phase next)
        {
            phase = next;
        }

        @Override
        public boolean away()
        {
            return away;
        }

        @Override
        public boolean dropConnection()
        {
            drops++;
            away = true;
            return true;
        }

        @Override
        public CompletableFuture<Void> send(final long instance, final int kind, final byte[] payload)
        {
            final CompletableFuture<Void> answer = new CompletableFuture<>();
            sent.add(answer);
            return answer;
        }

        @Override
        public void timer(final long delayMs, final Runnable action)
        {
            timerAt = now + delayMs;
            timer = action;
        }

        @Override
        public void later(final long delayMs, final Runnable action)
        {
            laterAt.add(new long[]{ now + delayMs });
            later.add(action);
        }

        @Override
        public void retry(final long generation, final Runnable action)
        {
            retries.add(action);
        }

        @Override
        public void waitForStart(final long generation, final long instance)
        {
            instanceId = instance;
            phase = Bot.Phase.WAITING;
            timer(WAIT_MS, () -> play.waitedOut(generation, instance));
        }

        @Override
        public void leaveThenLobby(final long generation, final long instance)
        {
            calls.add("leave " + instance);
            toLobby();
        }

        @Override
        public void lobbyAfter(final long generation, final long delayMs)
        {
            calls.add("lobby after " + delayMs);
            toLobby();
        }

        @Override
        public Executor executor()
        {
            return Runnable::run;
        }

        private void toLobby()
        {
            timer = null;
            timerAt = -1;
            instanceId = 0;
            phase = Bot.Phase.LOBBY;
        }
    }

    /**
     * Reads the four-byte state; a first byte of -1 cannot be read; moves carry the turn.
     */
    private static final class FakeStrategy implements GameStrategy
    {
        @Override
        public int gameType()
        {
            return 1;
        }

        @Override
        public int defaultMode()
        {
            return 0;
        }

        @Override
        public int seats()
        {
            return 2;
        }

        @Override
        public boolean isState(final int eventKind)
        {
            return true;
        }

        @Override
        public State read(final byte[] state, final long userId)
        {
            if (state[0] < 0)
            {
                return null;
            }
            return new State(state[0] == 1, state[1], state[1] == state[2], state[3]);
        }

        @Override
        public Move move(final byte[] state, final SplittableRandom random)
        {
            return new Move(1, new byte[]{ state[3] });
        }
    }
}
