package io.gamehall.bot;

import io.gamehall.client.GameClient;
import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.InstancePhase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class LobbyRulesTest
{
    private static final long ME = 5;
    private final LobbyRules lobby = new LobbyRules();
    private final SplittableRandom random = new SplittableRandom(1);

    @Test
    void joinsOnlyATableSomeoneElseWaitsAt()
    {
        final GameClient.SearchPage page = new GameClient.SearchPage(List.of(
            table(1, ME, 1, 2), table(2, 7, 0, 2), table(3, 7, 2, 2), table(4, 8, 1, 2)), 0);

        final LobbyRules.SearchStep step = lobby.afterPage(page, ME, LobbyRules.SEARCH_PAGES, random);

        assertThat(step.action()).isEqualTo(LobbyRules.Action.JOIN);
        assertThat(step.instanceId()).isEqualTo(4);
    }

    @Test
    void readsTheNextPageThenCreatesAndTheNextSearchGoesOnFromThere()
    {
        final GameClient.SearchPage empty = new GameClient.SearchPage(List.of(table(2, 7, 0, 2)), 40);

        assertThat(lobby.afterPage(empty, ME, 2, random)).isEqualTo(new LobbyRules.SearchStep(LobbyRules.Action.NEXT_PAGE, 0, 40));
        assertThat(lobby.searchFrom()).isZero();

        assertThat(lobby.afterPage(empty, ME, 1, random).action()).isEqualTo(LobbyRules.Action.CREATE);
        assertThat(lobby.searchFrom()).isEqualTo(40);

        assertThat(lobby.afterPage(new GameClient.SearchPage(List.of(), 0), ME, 5, random).action())
            .isEqualTo(LobbyRules.Action.CREATE);
        assertThat(lobby.searchFrom()).isZero();
    }

    @Test
    void refusals()
    {
        assertThat(lobby.refused(ClientCode.INSTANCE_FULL, true)).isEqualTo(LobbyRules.Refusal.LOST_RACE);
        assertThat(lobby.refused(ClientCode.UNKNOWN_INSTANCE, true)).isEqualTo(LobbyRules.Refusal.LOST_RACE);
        assertThat(lobby.refused(ClientCode.UNKNOWN_INSTANCE, false)).isEqualTo(LobbyRules.Refusal.ERROR);
        assertThat(lobby.refused(null, true)).isEqualTo(LobbyRules.Refusal.ERROR);
        assertThat(lobby.refused(ClientCode.ALREADY_IN_INSTANCE, false)).isEqualTo(LobbyRules.Refusal.STILL_SEATED);
    }

    @Test
    void stillSeatedForTooLongMeansASeatTheBotDoesNotKnow()
    {
        for (int i = 0; i < LobbyRules.MAX_STILL_SEATED_IN_A_ROW; i++)
        {
            assertThat(lobby.refused(ClientCode.ALREADY_IN_INSTANCE, true)).isEqualTo(LobbyRules.Refusal.STILL_SEATED);
        }
        assertThat(lobby.refused(ClientCode.ALREADY_IN_INSTANCE, true)).isEqualTo(LobbyRules.Refusal.LEAVE_UNKNOWN_SEAT);
        assertThat(lobby.refused(ClientCode.ALREADY_IN_INSTANCE, true)).isEqualTo(LobbyRules.Refusal.STILL_SEATED);
    }

    @Test
    void aSeatTakenStartsTheCountAgain()
    {
        for (int i = 0; i < LobbyRules.MAX_STILL_SEATED_IN_A_ROW; i++)
        {
            lobby.refused(ClientCode.ALREADY_IN_INSTANCE, true);
        }
        lobby.seated();

        assertThat(lobby.refused(ClientCode.ALREADY_IN_INSTANCE, true)).isEqualTo(LobbyRules.Refusal.STILL_SEATED);
    }

    private static GameClient.InstanceSummary table(final long id, final long owner, final int players, final int seats)
    {
        return new GameClient.InstanceSummary(id, 1, InstancePhase.OPEN, owner, seats, players, 0, 0, 0);
    }
}
