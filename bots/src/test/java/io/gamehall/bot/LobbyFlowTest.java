package io.gamehall.bot;

import io.gamehall.client.ClientException;
import io.gamehall.client.GameClient;
import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.InstancePhase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bot in the lobby against a fake port whose requests the test answers, retries run when the
 * test says.
 */
class LobbyFlowTest
{
    private static final long GEN = 1;
    private static final long ME = 5;
    private static final int GAME_TYPE = 3;
    private static final int SEATS = 2;
    private static final int MODE = 1;

    private final FakePort port = new FakePort();
    private final BotStats stats = new BotStats();
    private final LobbyFlow lobby = new LobbyFlow(port, new SplittableRandom(1), stats, GAME_TYPE, SEATS, MODE);

    @Test
    void theBotJoinsATableSomeoneElseWaitsAt()
    {
        lobby.enter(GEN);
        assertThat(port.calls).containsExactly("unseat", "forget game", "search 3 " + LobbyRules.SEARCH_PAGE_SIZE + " 0");

        port.answer(page(0, table(1, ME), table(4, 8)));
        assertThat(port.lastCall()).isEqualTo("join 4");
        port.answer(new GameClient.Instance(4, GAME_TYPE, SEATS));

        assertThat(port.lastCall()).isEqualTo("seated 4");
        assertThat(stats.snapshot().total().get(BotStats.Operation.JOIN).count()).isEqualTo(1);
    }

    @Test
    void anEmptyPageReadsTheNextOneAndTheLastCreatesATableOfTheGamesSeatsAndMode()
    {
        lobby.enter(GEN);
        port.answer(page(40));
        assertThat(port.lastCall()).isEqualTo("search 3 " + LobbyRules.SEARCH_PAGE_SIZE + " 40");

        for (int i = 1; i < LobbyRules.SEARCH_PAGES && port.lastCall().startsWith("search"); i++)
        {
            port.answer(page(40 + i));
        }
        assertThat(port.lastCall()).isEqualTo("create 3 2 1");
        port.answer(new GameClient.Instance(12, GAME_TYPE, SEATS));

        assertThat(port.lastCall()).isEqualTo("seated 12");
    }

    @Test
    void noRequestWhileTheConnectionIsDownTheLobbyWaitsForTheResume()
    {
        port.away = true;
        lobby.enter(GEN);
        assertThat(port.calls).isEmpty();

        port.away = false;
        port.runRetries();

        assertThat(port.lastCall()).startsWith("search");
    }

    @Test
    void aLostRaceIsCountedNotAnErrorAndTheLobbyTriedAgain()
    {
        lobby.enter(GEN);
        port.answer(page(0, table(4, 8)));
        port.refuse(ClientCode.INSTANCE_FULL);

        assertThat(stats.snapshot().lostRaces()).isEqualTo(1);
        assertThat(stats.snapshot().errorCount()).isZero();
        assertThat(port.retries).hasSize(1);
        port.runRetries();
        assertThat(port.lastCall()).startsWith("search");
    }

    @Test
    void stillSeatedTooOftenGivesUpTheSeatTheBotDoesNotKnow()
    {
        for (int i = 0; i <= LobbyRules.MAX_STILL_SEATED_IN_A_ROW; i++)
        {
            lobby.enter(GEN);
            port.answer(page(0));
            assertThat(port.lastCall()).isEqualTo("create 3 2 1");
            port.refuse(ClientCode.ALREADY_IN_INSTANCE);
            port.retries.clear();
        }

        assertThat(port.lastCall()).isEqualTo("leave 0");
        assertThat(stats.snapshot().stillSeated()).isEqualTo(LobbyRules.MAX_STILL_SEATED_IN_A_ROW);
    }

    @Test
    void aSeatAlreadyGoneIsNoErrorAnyOtherFailedLeaveIs()
    {
        lobby.leaveThenLobby(GEN, 9);
        assertThat(port.calls).containsExactly("unseat", "leave 9");
        port.refuse(ClientCode.UNKNOWN_INSTANCE);
        assertThat(stats.snapshot().errorCount()).isZero();
        port.runRetries();
        assertThat(port.lastCall()).startsWith("search");

        lobby.leaveThenLobby(GEN, 9);
        port.refuse(ClientCode.MASTER_UNAVAILABLE);
        assertThat(stats.snapshot().errors()).containsEntry("MASTER_UNAVAILABLE", 1L);
        assertThat(port.retries).hasSize(1);
    }

    @Test
    void anAnswerForAnEarlierConnectionIsDropped()
    {
        lobby.enter(GEN);
        port.generation = GEN + 1;

        port.answer(page(0, table(4, 8)));

        assertThat(port.lastCall()).startsWith("search");
        assertThat(port.retries).isEmpty();
    }

    @Test
    void aFailedSearchIsCountedAndTriedAgain()
    {
        lobby.enter(GEN);

        port.refuse(ClientCode.OVERLOADED);

        assertThat(stats.snapshot().errors()).containsEntry("OVERLOADED", 1L);
        assertThat(port.retries).hasSize(1);
    }

    private static GameClient.SearchPage page(final long nextCursor, final GameClient.InstanceSummary... tables)
    {
        return new GameClient.SearchPage(List.of(tables), nextCursor);
    }

    private static GameClient.InstanceSummary table(final long id, final long owner)
    {
        return new GameClient.InstanceSummary(id, GAME_TYPE, InstancePhase.OPEN, owner, SEATS, 1, 0, 0, 0);
    }

    /**
     * The bot as the lobby sees it: requests recorded, the last one answered by the test.
     */
    private static final class FakePort implements LobbyFlow.Port
    {
        private final List<String> calls = new ArrayList<>();
        private final List<Runnable> retries = new ArrayList<>();
        private CompletableFuture<Object> pending;
        private long generation = GEN;
        private boolean away;

        String lastCall()
        {
            return calls.get(calls.size() - 1);
        }

        void answer(final Object value)
        {
            final CompletableFuture<Object> answer = pending;
            pending = null;
            answer.complete(value);
        }

        void refuse(final ClientCode code)
        {
            final CompletableFuture<Object> answer = pending;
            pending = null;
            answer.completeExceptionally(new ClientException(code, "refused"));
        }

        void runRetries()
        {
            final List<Runnable> due = new ArrayList<>(retries);
            retries.clear();
            due.forEach(Runnable::run);
        }

        @SuppressWarnings("unchecked")
        private <T> CompletableFuture<T> request(final String call)
        {
            calls.add(call);
            pending = new CompletableFuture<>();
            return (CompletableFuture<T>)(CompletableFuture<?>)pending;
        }

        @Override
        public boolean current(final long gen)
        {
            return gen == generation;
        }

        @Override
        public long userId()
        {
            return ME;
        }

        @Override
        public boolean away()
        {
            return away;
        }

        @Override
        public void unseat()
        {
            calls.add("unseat");
        }

        @Override
        public void forgetGame()
        {
            calls.add("forget game");
        }

        @Override
        public void seated(final long gen, final long instanceId)
        {
            calls.add("seated " + instanceId);
        }

        @Override
        public void retry(final long gen, final Runnable action)
        {
            retries.add(action);
        }

        @Override
        public CompletableFuture<GameClient.SearchPage> search(final int gameType, final int maxResults, final long cursor)
        {
            return request("search " + gameType + " " + maxResults + " " + cursor);
        }

        @Override
        public CompletableFuture<GameClient.Instance> join(final long instanceId)
        {
            return request("join " + instanceId);
        }

        @Override
        public CompletableFuture<GameClient.Instance> create(final int gameType, final int maxPlayers, final int mode)
        {
            return request("create " + gameType + " " + maxPlayers + " " + mode);
        }

        @Override
        public CompletableFuture<Void> leave(final long instanceId)
        {
            return request("leave " + instanceId);
        }

        @Override
        public Executor executor()
        {
            return Runnable::run;
        }
    }
}
