package io.gamehall.matchmaker.service;

import io.gamehall.matchmaker.QueueRules;
import io.gamehall.sbe.matchmaker.MatchmakerCode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class MatchmakerServiceTest
{
    private static final long GW_A = 11;
    private static final long GW_B = 12;
    private static final int ONE_V_ONE = 1;
    private static final int FREE_FOR_ALL = 2;
    private static final int TWO_V_TWO = 3;

    private final List<Created> created = new ArrayList<>();
    private final List<Ended> ended = new ArrayList<>();
    private final MatchmakerService service = new MatchmakerService(
        List.of(
            new Queue(ONE_V_ONE, 1, 0, new QueueRules().maxWaitMs(10_000)),
            new Queue(FREE_FOR_ALL, 2, 4, new QueueRules().playersPerMatch(4).teams(4).teamSize(1)),
            new Queue(TWO_V_TWO, 2, 2, new QueueRules().playersPerMatch(4).teams(2).teamSize(2))),
        0,
        5_000,
        (matchId, gameType, mode, region, players, count) ->
            created.add(new Created(matchId, gameType, mode, region, java.util.Arrays.copyOf(players, count))),
        (gatewayId, userId, end, instanceId) -> ended.add(new Ended(gatewayId, userId, end, instanceId)));

    private record Created(long matchId, int gameType, int mode, int region, long[] players)
    {
    }

    private record Ended(long gatewayId, long userId, TicketEnd end, long instanceId)
    {
    }

    private MatchmakerCode find(final long gatewayId, final int queueId, final long createdTime, final long userId, final int rating)
    {
        return service.onFindMatch(gatewayId, queueId, 0, createdTime, new long[]{ userId }, new int[]{ rating }, 1);
    }

    @Test
    void shouldSendAMatchToTheMasterAndEndItsTicketsWhenSeated()
    {
        assertThat(find(GW_A, ONE_V_ONE, 0, 1, 1000)).isEqualTo(MatchmakerCode.OK);
        assertThat(created).isEmpty();
        assertThat(find(GW_B, ONE_V_ONE, 0, 2, 1010)).isEqualTo(MatchmakerCode.OK);

        assertThat(created).hasSize(1);
        assertThat(created.get(0).gameType()).isEqualTo(1);
        assertThat(created.get(0).players()).containsExactlyInAnyOrder(1L, 2L);
        assertThat(service.pendingMatches()).isEqualTo(1);
        assertThat(service.onCancelMatch(GW_A, 1)).as("too late to cancel").isEqualTo(MatchmakerCode.MATCH_BEING_SEATED);
        assertThat(ended).isEmpty();

        service.onMatchSeated(created.get(0).matchId(), 55);

        assertThat(ended).containsExactlyInAnyOrder(
            new Ended(GW_A, 1, TicketEnd.MATCHED, 55), new Ended(GW_B, 2, TicketEnd.MATCHED, 55));
        assertThat(service.openTickets()).isZero();
        assertThat(service.pendingMatches()).isZero();
        assertThat(find(GW_A, ONE_V_ONE, 100, 1, 1000)).as("free to look again").isEqualTo(MatchmakerCode.OK);
    }

    @Test
    void shouldPutTheAvailablePlayersBackWhenOneWasNotFree()
    {
        find(GW_A, ONE_V_ONE, 0, 1, 1000);
        find(GW_B, ONE_V_ONE, 0, 2, 1010);
        final Created first = created.get(0);
        final int seatOfTwo = first.players()[0] == 2 ? 0 : 1;

        service.onMatchRefused(first.matchId(), 1L << seatOfTwo);

        assertThat(ended).containsExactly(new Ended(GW_B, 2, TicketEnd.PLAYER_UNAVAILABLE, 0));
        assertThat(service.waiting(ONE_V_ONE)).as("player 1 waits again").isEqualTo(1);
        assertThat(find(GW_B, ONE_V_ONE, 0, 3, 990)).isEqualTo(MatchmakerCode.OK);
        assertThat(created).hasSize(2);
        assertThat(created.get(1).players()).containsExactlyInAnyOrder(1L, 3L);
        assertThat(created.get(1).matchId()).isNotEqualTo(first.matchId());
    }

    @Test
    void shouldEndEveryTicketOfAMatchTheMasterCouldNotSeat()
    {
        find(GW_A, ONE_V_ONE, 0, 1, 1000);
        find(GW_A, ONE_V_ONE, 0, 2, 1000);

        service.onMatchRefused(created.get(0).matchId(), 0);

        assertThat(ended).extracting(Ended::end).containsExactly(TicketEnd.NOT_SEATED, TicketEnd.NOT_SEATED);
        assertThat(service.openTickets()).isZero();
    }

    @Test
    void shouldSeatTeamsOneAfterTheOther()
    {
        find(GW_A, TWO_V_TWO, 0, 1, 1000);
        find(GW_A, TWO_V_TWO, 0, 2, 1010);
        find(GW_A, TWO_V_TWO, 0, 3, 1020);
        find(GW_A, TWO_V_TWO, 0, 4, 1030);

        assertThat(created).hasSize(1);
        final long[] seats = created.get(0).players();
        final Map<Long, Integer> rating = Map.of(1L, 1000, 2L, 1010, 3L, 1020, 4L, 1030);
        assertThat(rating.get(seats[0]) + rating.get(seats[1])).as("balanced teams: 1000+1030 against 1010+1020")
            .isEqualTo(2030);
        assertThat(rating.get(seats[2]) + rating.get(seats[3])).isEqualTo(2030);
        assertThat(created.get(0).mode()).isEqualTo(2);
    }

    @Test
    void shouldRefuseBadTicketsAndKeepNothing()
    {
        assertThat(find(GW_A, 99, 0, 1, 1000)).isEqualTo(MatchmakerCode.UNKNOWN_QUEUE);
        assertThat(find(GW_A, ONE_V_ONE, 0, 1, 9_999)).as("the partition's own code").isEqualTo(MatchmakerCode.RATING_OUT_OF_RANGE);
        assertThat(service.onFindMatch(GW_A, ONE_V_ONE, 0, 0, new long[0], new int[0], 0)).isEqualTo(MatchmakerCode.EMPTY_PARTY);
        assertThat(service.onFindMatch(GW_A, ONE_V_ONE, 0, 0, new long[]{ 5, 5 }, new int[]{ 1000, 1000 }, 2))
            .isIn(MatchmakerCode.DUPLICATE_PARTY_MEMBER, MatchmakerCode.PARTY_TOO_LARGE);
        assertThat(service.openTickets()).isZero();

        assertThat(find(GW_A, FREE_FOR_ALL, 0, 1, 1000)).isEqualTo(MatchmakerCode.OK);
        assertThat(find(GW_A, ONE_V_ONE, 0, 1, 1000)).as("one ticket per user across queues")
            .isEqualTo(MatchmakerCode.USER_ALREADY_WAITING);
        assertThat(find(GW_A, ONE_V_ONE, 0, 5, 1000)).as("user 5 was refused above, so holds nothing").isEqualTo(MatchmakerCode.OK);
        assertThat(ended).isEmpty();
    }

    @Test
    void shouldCancelOnceAndOnlyForItsGateway()
    {
        find(GW_A, FREE_FOR_ALL, 0, 1, 1000);

        assertThat(service.onCancelMatch(GW_B, 1)).isEqualTo(MatchmakerCode.UNKNOWN_TICKET);
        assertThat(service.onCancelMatch(GW_A, 1)).isEqualTo(MatchmakerCode.OK);
        assertThat(service.onCancelMatch(GW_A, 1)).isEqualTo(MatchmakerCode.UNKNOWN_TICKET);
        assertThat(ended).containsExactly(new Ended(GW_A, 1, TicketEnd.CANCELLED, 0));
    }

    @Test
    void shouldExpireATicketThatWaitedTooLong()
    {
        find(GW_A, ONE_V_ONE, 0, 1, 1000);
        service.onTick(9_999);
        assertThat(ended).isEmpty();

        service.onTick(10_000);

        assertThat(ended).containsExactly(new Ended(GW_A, 1, TicketEnd.EXPIRED, 0));
    }

    @Test
    void shouldDropTheTicketsOfALostGatewayWithoutAWord()
    {
        find(GW_A, FREE_FOR_ALL, 0, 1, 1000);
        find(GW_B, FREE_FOR_ALL, 0, 2, 1000);

        service.onGatewayLost(GW_A);

        assertThat(ended).isEmpty();
        assertThat(service.waiting(FREE_FOR_ALL)).isEqualTo(1);
        assertThat(find(GW_B, FREE_FOR_ALL, 0, 1, 1000)).as("user 1 resumed elsewhere").isEqualTo(MatchmakerCode.OK);
    }

    @Test
    void shouldEndEveryAcceptedTicketExactlyOnceAndNeverMatchAPlayerTwice()
    {
        for (long seed = 1; seed <= 20; seed++)
        {
            final List<Created> matches = new ArrayList<>();
            final List<Ended> ends = new ArrayList<>();
            final java.util.Set<Long> inUnansweredMatch = new java.util.HashSet<>();
            final MatchmakerService mm = new MatchmakerService(
                List.of(new Queue(ONE_V_ONE, 1, 0, new QueueRules().maxWaitMs(5_000)),
                    new Queue(FREE_FOR_ALL, 2, 0, new QueueRules().playersPerMatch(4).teams(4).teamSize(1).maxWaitMs(5_000))),
                0, 5_000,
                (matchId, gameType, mode, region, players, count) ->
                {
                    for (int i = 0; i < count; i++)
                    {
                        assertThat(inUnansweredMatch.add(players[i])).as("player " + players[i] + " in two matches").isTrue();
                    }
                    matches.add(new Created(matchId, gameType, mode, region, java.util.Arrays.copyOf(players, count)));
                },
                (gatewayId, userId, end, instanceId) -> ends.add(new Ended(gatewayId, userId, end, instanceId)));
            final Random random = new Random(seed);
            final Map<Long, Integer> accepted = new HashMap<>();
            int answered = 0;
            long now = 0;
            for (int step = 0; step < 3_000; step++)
            {
                final int op = random.nextInt(8);
                final long user = 1 + random.nextInt(60);
                if (op < 5)
                {
                    if (mm.onFindMatch(GW_A + user % 2, 1 + random.nextInt(2), 0, now,
                        new long[]{ user }, new int[]{ 900 + random.nextInt(300) }, 1) == MatchmakerCode.OK)
                    {
                        accepted.merge(user, 1, Integer::sum);
                    }
                }
                else if (op == 5)
                {
                    mm.onCancelMatch(GW_A + user % 2, user);
                }
                else
                {
                    now += random.nextInt(1_500);
                    mm.onTick(now);
                }
                while (answered < matches.size() && random.nextBoolean())
                {
                    answered = answer(mm, matches, answered, random, inUnansweredMatch);
                }
            }
            while (answered < matches.size())
            {
                answered = answer(mm, matches, answered, random, inUnansweredMatch);
                mm.onTick(now += 10_000);
            }
            mm.onTick(now + 10_000);

            final Map<Long, Integer> endsPerUser = new HashMap<>();
            ends.forEach(e -> endsPerUser.merge(e.userId(), 1, Integer::sum));
            assertThat(accepted).as("seed " + seed).isNotEmpty();
            assertThat(endsPerUser).as("seed " + seed + ": every accepted ticket ended exactly once").isEqualTo(accepted);
            assertThat(mm.openTickets()).isZero();
            assertThat(mm.pendingMatches()).isZero();
            assertThat(ends).extracting(Ended::end).as("seed " + seed).contains(TicketEnd.MATCHED, TicketEnd.CANCELLED,
                TicketEnd.EXPIRED, TicketEnd.PLAYER_UNAVAILABLE, TicketEnd.NOT_SEATED);
        }
    }

    private static int answer(
        final MatchmakerService mm,
        final List<Created> matches,
        final int index,
        final Random random,
        final java.util.Set<Long> inUnansweredMatch)
    {
        final Created match = matches.get(index);
        for (final long player : match.players())
        {
            inUnansweredMatch.remove(player);
        }
        switch (random.nextInt(3))
        {
            case 0 -> mm.onMatchSeated(match.matchId(), 1000 + match.matchId());
            case 1 -> mm.onMatchRefused(match.matchId(), 1L << random.nextInt(match.players().length));
            default -> mm.onMatchRefused(match.matchId(), 0);
        }
        return index + 1;
    }
}
