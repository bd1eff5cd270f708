package io.gamehall.matchmaker;

import io.gamehall.matchmaker.support.BestPlacement;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TeamBalancerTest
{
    @Test
    void shouldSnakeDraftSinglePlayers()
    {
        final TeamBalancer balancer = new TeamBalancer(2, 3);
        final int[] ratings = {1000, 1100, 1200, 1300, 1400, 1600};
        for (int i = 0; i < ratings.length; i++)
        {
            balancer.add(1, ratings[i], i + 1);
        }
        assertThat(balancer.solve()).isTrue();
        assertThat(balancer.difference()).isZero();
        assertThat(balancer.teamOf(5)).as("the best player").isEqualTo(0);
        assertThat(balancer.teamOf(4)).isEqualTo(1);
    }

    @Test
    void shouldKeepPartiesWholeAndSayWhenTheyCannotFillTheTeams()
    {
        final TeamBalancer balancer = new TeamBalancer(2, 3);
        balancer.add(2, 3000, 1);
        balancer.add(2, 3000, 2);
        balancer.add(2, 3000, 3);
        assertThat(balancer.solve()).isFalse();

        balancer.clear();
        balancer.add(3, 3 * 1500, 1);
        balancer.add(2, 2 * 1400, 2);
        balancer.add(1, 1700, 3);
        assertThat(balancer.solve()).isTrue();
        assertThat(balancer.teamOf(1)).isEqualTo(balancer.teamOf(2)).isNotEqualTo(balancer.teamOf(0));
        assertThat(balancer.difference()).isEqualTo(4500 - 2800 - 1700);
    }

    @Test
    void shouldPutEveryoneInOneTeamWhenThereIsOne()
    {
        final TeamBalancer balancer = new TeamBalancer(1, 4);
        balancer.add(1, 900, 9);
        balancer.add(3, 3000, 4);
        assertThat(balancer.solve()).isTrue();
        assertThat(balancer.teamOf(0)).isZero();
        assertThat(balancer.teamOf(1)).isZero();
        assertThat(balancer.partyAt(0)).as("largest party first").isEqualTo(1);
    }

    /**
     * For up to ten players in two teams, and six in three, the placement is the best there is.
     */
    @Property(tries = 300)
    void shouldFindTheBestPlacement(
        @ForAll final long seed, @ForAll @IntRange(min = 2, max = 3) final int teams)
    {
        final Random random = new Random(seed);
        final int teamSize = teams == 2 ? 1 + random.nextInt(5) : 1 + random.nextInt(2);
        final TeamBalancer balancer = new TeamBalancer(teams, teamSize);
        final int players = teams * teamSize;
        final int[] sizes = new int[players];
        final long[] sums = new long[players];
        int parties = 0;
        int left = players;
        while (left > 0)
        {
            final int size = Math.min(left, 1 + (random.nextInt(3) == 0 ? random.nextInt(teamSize) : 0));
            sizes[parties] = size;
            for (int m = 0; m < size; m++)
            {
                sums[parties] += 1000 + random.nextInt(1000);
            }
            balancer.add(size, sums[parties], parties + 1);
            parties++;
            left -= size;
        }
        final long best = BestPlacement.difference(sizes, sums, parties, teams, teamSize);
        final boolean solved = balancer.solve();
        assertThat(solved).isEqualTo(best != Long.MAX_VALUE);
        if (solved)
        {
            assertThat(balancer.difference()).isEqualTo(best);
            final long[] teamSum = new long[teams];
            final int[] fill = new int[teams];
            for (int party = 0; party < parties; party++)
            {
                teamSum[balancer.teamOf(party)] += sums[party];
                fill[balancer.teamOf(party)] += sizes[party];
            }
            for (int t = 0; t < teams; t++)
            {
                assertThat(fill[t]).isEqualTo(teamSize);
            }
        }
        if (solved && teams == 2 && parties == players)
        {
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int party = 0; party < parties; party++)
            {
                min = Math.min(min, sums[party]);
                max = Math.max(max, sums[party]);
            }
            assertThat(balancer.difference()).as("the bound of a snake draft").isLessThanOrEqualTo(max - min);
        }
    }
}
