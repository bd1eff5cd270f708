package io.gamehall.matchmaker;

import io.gamehall.matchmaker.support.Partition;
import io.gamehall.matchmaker.support.Recorder;
import io.gamehall.matchmaker.support.Recorder.Match;
import io.gamehall.matchmaker.support.Recorder.MatchPlayer;
import io.gamehall.matchmaker.support.Recorder.MatchTicket;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which tickets a partition matches, when, and in which teams: one rule per test.
 */
class MatchingTest
{
    private static QueueRules oneVersusOne()
    {
        return new QueueRules().playersPerMatch(2).teams(2).teamSize(1)
            .initialWindow(50).widenBy(50).widenEveryMs(10_000).maxWindow(200).maxWaitMs(60_000);
    }

    private static QueueRules twoVersusTwo()
    {
        return new QueueRules().playersPerMatch(4).teams(2).teamSize(2)
            .initialWindow(200).widenBy(0).maxWindow(200).maxWaitMs(60_000);
    }

    private static PartitionConfig range()
    {
        return new PartitionConfig().queueId(1).lower(0).upper(3_000).maxTickets(1_000);
    }

    private static List<Long> ticketsOf(final Match match)
    {
        return match.tickets().stream().map(MatchTicket::ticketId).sorted().toList();
    }

    @Test
    void shouldMatchTwoPlayersWithinEachOthersWindow()
    {
        final Partition p = new Partition(oneVersusOne(), range());
        p.tick(1_000);
        assertThat(p.add(1, 1_000, 11, 1500)).isEmpty();
        final List<String> out = p.add(2, 1_000, 12, 1540);

        assertThat(out).hasSize(1);
        final Match match = p.recorder().matches().get(0);
        assertThat(match.matchId()).isEqualTo(1);
        assertThat(match.time()).isEqualTo(1_000);
        assertThat(match.spread()).isEqualTo(40);
        assertThat(match.players()).extracting(MatchPlayer::userId).containsExactlyInAnyOrder(11L, 12L);
        assertThat(match.players()).extracting(MatchPlayer::team).containsExactlyInAnyOrder(0, 1);
        assertThat(p.engine().ticketCount()).isZero();
        assertThat(p.engine().isUserWaiting(11)).isFalse();
    }

    @Test
    void shouldNotMatchOutsideTheWindow()
    {
        final Partition p = new Partition(oneVersusOne(), range());
        p.add(1, 0, 11, 1500);
        assertThat(p.add(2, 0, 12, 1551)).isEmpty();
        assertThat(p.add(3, 0, 13, 1449)).isEmpty();
        assertThat(p.engine().ticketCount()).isEqualTo(3);
    }

    @Test
    void shouldRequireEachTicketInTheOthersWindow()
    {
        final Partition p = new Partition(oneVersusOne(), range());
        p.add(1, 0, 11, 1500);
        p.tick(30_000);
        assertThat(p.add(2, 30_000, 12, 1600)).as("ticket 1's window (200) holds 1600, ticket 2's (50) not 1500")
            .isEmpty();
        assertThat(p.tick(39_999)).isEmpty();
        assertThat(p.tick(40_000)).as("ticket 2's window widened to 100").hasSize(1);
        assertThat(ticketsOf(p.recorder().matches().get(0))).containsExactly(1L, 2L);
    }

    @Test
    void shouldPickTheNearestRating()
    {
        final Partition p = new Partition(oneVersusOne(), range());
        p.add(1, 0, 11, 1400);
        p.add(2, 0, 12, 1480);
        p.add(3, 0, 13, 1560);
        p.add(4, 0, 14, 1505);
        assertThat(ticketsOf(p.recorder().matches().get(0))).containsExactly(2L, 4L);
    }

    @Test
    void shouldBreakEqualDistancesByLongestWaiting()
    {
        final Partition p = new Partition(oneVersusOne(), range());
        p.add(1, 2_000, 11, 1470);
        p.add(2, 1_000, 12, 1530);
        p.add(3, 3_000, 13, 1500);
        assertThat(ticketsOf(p.recorder().matches().get(0))).containsExactly(2L, 3L);
    }

    @Test
    void shouldBreakFullTiesByLowestTicketId()
    {
        final Partition p = new Partition(oneVersusOne(), range());
        p.add(7, 1_000, 11, 1470);
        p.add(5, 1_000, 12, 1530);
        p.add(9, 1_000, 13, 1500);
        assertThat(ticketsOf(p.recorder().matches().get(0))).containsExactly(5L, 9L);
    }

    @Test
    void shouldWidenWindowsWithWaitingAndMatchOnTheTickThatWidensThem()
    {
        final Partition p = new Partition(oneVersusOne(), range());
        p.add(1, 0, 11, 1500);
        p.add(2, 0, 12, 1600);
        assertThat(p.tick(9_999)).isEmpty();
        assertThat(p.tick(10_000)).hasSize(1);
        final Match match = p.recorder().matches().get(0);
        assertThat(match.time()).isEqualTo(10_000);
        assertThat(match.spread()).isEqualTo(100);
    }

    @Test
    void shouldWidenNoFurtherThanTheMaximumWindow()
    {
        final Partition p = new Partition(oneVersusOne(), range());
        p.add(1, 0, 11, 1000);
        p.add(2, 0, 12, 1201);
        assertThat(p.tick(59_999)).as("windows stop at 200").isEmpty();
        assertThat(p.tick(60_000)).hasSize(2).allMatch(line -> line.startsWith("TicketExpired"));
    }

    @Test
    void shouldTryTheLongestWaitingFirstWhenWindowsWidenOnOneTick()
    {
        final Partition p = new Partition(oneVersusOne(), range());
        p.add(1, 0, 11, 1500);
        p.add(2, 500, 12, 1590);
        p.add(3, 900, 13, 1680);
        assertThat(p.engine().ticketCount()).isEqualTo(3);
        p.tick(10_900);
        assertThat(p.recorder().matches()).hasSize(1);
        assertThat(ticketsOf(p.recorder().matches().get(0))).as("ticket 1 goes first and takes ticket 2")
            .containsExactly(1L, 2L);
        assertThat(p.engine().isWaiting(3)).isTrue();
    }

    @Test
    void shouldKeepRegionsApartWhenTheQueueIsRegionStrict()
    {
        final Partition p = new Partition(oneVersusOne().regionStrict(true), range());
        p.add(1, 1, 0, new long[]{11}, new int[]{1500});
        assertThat(p.add(2, 2, 0, new long[]{12}, new int[]{1500})).isEmpty();
        p.add(3, 1, 0, new long[]{13}, new int[]{1510});
        assertThat(ticketsOf(p.recorder().matches().get(0))).containsExactly(1L, 3L);
        assertThat(p.engine().isWaiting(2)).isTrue();
    }

    @Test
    void shouldMatchAcrossRegionsWhenTheQueueIsNotRegionStrict()
    {
        final Partition p = new Partition(oneVersusOne(), range());
        p.add(1, 1, 0, new long[]{11}, new int[]{1500});
        p.add(2, 2, 0, new long[]{12}, new int[]{1500});
        assertThat(p.recorder().matches().get(0).tickets()).extracting(MatchTicket::region).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void shouldKeepAPartyInOneTeam()
    {
        final Partition p = new Partition(twoVersusTwo(), range());
        p.add(1, 0, 0, new long[]{11, 12}, new int[]{1600, 1400});
        p.add(2, 0, 0, new long[]{13}, new int[]{1490});
        p.add(3, 0, 0, new long[]{14}, new int[]{1510});

        final Match match = p.recorder().matches().get(0);
        final Map<Long, Integer> team = match.players().stream()
            .collect(Collectors.toMap(MatchPlayer::userId, MatchPlayer::team));
        assertThat(team.get(11L)).isEqualTo(team.get(12L));
        assertThat(team.get(13L)).isEqualTo(team.get(14L)).isNotEqualTo(team.get(11L));
        assertThat(match.tickets()).extracting(MatchTicket::rating).containsExactly(1500, 1510, 1490);
    }

    @Test
    void shouldBalanceTeamsOfSinglePlayers()
    {
        final Partition p = new Partition(twoVersusTwo(), range());
        p.add(1, 0, 11, 1400);
        p.add(2, 0, 12, 1450);
        p.add(3, 0, 13, 1500);
        p.add(4, 0, 14, 1550);

        final Match match = p.recorder().matches().get(0);
        final Map<Integer, Integer> sums = match.players().stream()
            .collect(Collectors.groupingBy(MatchPlayer::team, Collectors.summingInt(MatchPlayer::rating)));
        assertThat(sums).containsEntry(0, 2950).containsEntry(1, 2950);
        assertThat(match.players()).extracting(MatchPlayer::userId).containsExactly(14L, 11L, 13L, 12L);
    }

    @Test
    void shouldNotMatchPartiesThatCannotFillTheTeamsExactly()
    {
        final Partition p = new Partition(
            new QueueRules().playersPerMatch(6).teams(2).teamSize(3).initialWindow(300).widenBy(0).maxWindow(300),
            range());
        p.add(1, 0, 0, new long[]{11, 12}, new int[]{1500, 1500});
        p.add(2, 0, 0, new long[]{21, 22}, new int[]{1500, 1500});
        assertThat(p.add(3, 0, 0, new long[]{31, 32}, new int[]{1500, 1500}))
            .as("three parties of two fill no team of three").isEmpty();
        p.add(4, 0, 41, 1500);
        assertThat(p.add(5, 0, 51, 1500)).hasSize(1);

        final Match match = p.recorder().matches().get(0);
        assertThat(match.players()).hasSize(6);
        assertThat(match.players().stream().collect(Collectors.groupingBy(MatchPlayer::team, Collectors.counting())))
            .containsEntry(0, 3L).containsEntry(1, 3L);
        assertThat(match.tickets()).extracting(MatchTicket::ticketId).doesNotHaveDuplicates().hasSize(4);
    }

    @Test
    void shouldFillASixPlayerTable()
    {
        final Partition p = new Partition(
            new QueueRules().playersPerMatch(6).teams(1).teamSize(6).initialWindow(100).widenBy(0).maxWindow(100),
            range());
        p.add(1, 0, 0, new long[]{11, 12, 13}, new int[]{1500, 1520, 1540});
        for (int i = 2; i <= 3; i++)
        {
            assertThat(p.add(i, 0, 10 * i + 10, 1500 + i)).isEmpty();
        }
        assertThat(p.add(4, 0, 99, 1450)).hasSize(1);
        final Match match = p.recorder().matches().get(0);
        assertThat(match.players()).hasSize(6).allMatch(player -> player.team() == 0);
        assertThat(match.tickets()).extracting(MatchTicket::ticketId).containsExactly(1L, 3L, 2L, 4L);
    }

    @Test
    void shouldMatchAPartyThatFillsTheMatchAtOnce()
    {
        final Partition p = new Partition(
            new QueueRules().playersPerMatch(4).teams(1).teamSize(4).initialWindow(0).widenBy(0).maxWindow(0),
            range());
        assertThat(p.add(1, 0, 0, new long[]{11, 12, 13, 14}, new int[]{1000, 1200, 1400, 1600})).hasSize(1);
        assertThat(p.recorder().matches().get(0).spread()).isZero();
    }

    @Test
    void shouldChooseTheGroupWithTheSmallestSpread()
    {
        final Partition p = new Partition(
            new QueueRules().playersPerMatch(3).teams(1).teamSize(3).initialWindow(150).widenBy(0).maxWindow(150),
            range());
        p.add(1, 0, 11, 1300);
        p.add(2, 0, 12, 1400);
        p.add(3, 0, 13, 1560);
        p.add(4, 0, 14, 1580);
        assertThat(p.engine().ticketCount()).as("no three of them within 150 of each other").isEqualTo(4);

        p.add(5, 0, 15, 1450);
        final Match match = p.recorder().matches().get(0);
        assertThat(ticketsOf(match)).as("{1450, 1560, 1580}, spread 130, not {1300, 1400, 1450}, spread 150")
            .containsExactly(3L, 4L, 5L);
        assertThat(match.spread()).isEqualTo(130);
    }

    @Test
    void shouldNotMatchATicketWithItself()
    {
        final Partition p = new Partition(oneVersusOne(), range());
        p.add(1, 0, 11, 1500);
        p.tick(50_000);
        assertThat(p.recorder().matches()).isEmpty();
        assertThat(p.engine().isWaiting(1)).isTrue();
    }

    @Test
    void shouldLookNoFurtherThanTheScanLimit()
    {
        for (final int scanLimit : new int[]{2, 3})
        {
            final Partition p = new Partition(
                new QueueRules().initialWindow(0).widenBy(100).widenEveryMs(1_000).maxWindow(1_000).maxWaitMs(60_000),
                new PartitionConfig().queueId(1).lower(0).upper(3_000).scanLimit(scanLimit));
            p.tick(10_000);
            p.add(1, 0, 11, 1505);
            p.add(2, 10_000, 12, 1501);
            p.add(3, 10_000, 13, 1502);
            assertThat(p.engine().ticketCount()).as("the young tickets' windows are 0").isEqualTo(3);

            p.add(4, 0, 14, 1500);
            if (scanLimit == 2)
            {
                assertThat(p.recorder().matches()).as("two young tickets looked at, ticket 1 not").isEmpty();
            }
            else
            {
                assertThat(ticketsOf(p.recorder().matches().get(0))).containsExactly(1L, 4L);
            }
        }
    }

    @Test
    void shouldNumberMatchesInOrder()
    {
        final Partition p = new Partition(oneVersusOne(), range());
        for (int i = 0; i < 6; i++)
        {
            p.add(i + 1, 0, 100 + i, 1000 + 400 * (i / 2));
        }
        assertThat(p.recorder().matches()).extracting(Match::matchId).containsExactly(1L, 2L, 3L);
    }

    @Test
    void shouldReportEveryPlayerWithItsTicketAndRating()
    {
        final Partition p = new Partition(twoVersusTwo(), range());
        p.add(1, 3, 100, new long[]{11, 12}, new int[]{1501, 1400});
        p.add(2, 4, 200, new long[]{21, 22}, new int[]{1450, 1470});
        final Match match = p.recorder().matches().get(0);
        assertThat(match.tickets()).containsExactly(
            new MatchTicket(2, 4, 200, 1460, 0), new MatchTicket(1, 3, 100, 1450, 1));
        assertThat(match.players()).containsExactly(
            new MatchPlayer(21, 2, 1450, 0), new MatchPlayer(22, 2, 1470, 0),
            new MatchPlayer(11, 1, 1501, 1), new MatchPlayer(12, 1, 1400, 1));
        assertThat(Recorder.class).isNotNull();
    }
}
