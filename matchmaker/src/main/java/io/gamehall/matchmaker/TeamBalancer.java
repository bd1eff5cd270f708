package io.gamehall.matchmaker;

/**
 * Puts the parties of a match into teams: every team full, no party split, and the teams'
 * rating sums (so their averages: teams are the same size) as close as it can find.
 * <p>
 * Parties are placed largest first, then highest rated (sum of members' ratings), then lowest
 * ticket id. A depth-first search tries each party in the teams with room, the lowest-rated team
 * first, and an empty team only once (empty teams are alike), keeping the placement with the
 * smallest difference between the highest and lowest team sum. Its first placement is the
 * greedy one ("the next party joins the weakest team"), which for single players is a snake
 * draft; the search then improves on it until the difference is 0 or it has visited
 * {@link #NODE_BUDGET} placements, so it is exact for the usual sizes (up to 5v5 of single
 * players: 512 placements) and bounded for any. When no placement fills every team exactly
 * (party sizes that do not pack), {@link #solve} says so.
 * <p>
 * With one team, everyone is in team 0. Allocation-free; not thread safe.
 */
final class TeamBalancer
{
    /** Most placements one search visits. */
    static final int NODE_BUDGET = 4_096;

    private final int teams;
    private final int teamSize;
    private final int maxParties;
    private final int[] order;
    private final int[] sizes;
    private final long[] sums;
    private final long[] ids;
    private final long[] teamSum;
    private final int[] teamFill;
    private final int[] assigned;
    private final int[] bestAssigned;
    private final int[][] tryOrder;
    private int parties;
    private int nodes;
    private long bestDifference;

    /**
     * @param teams    teams per match.
     * @param teamSize players per team.
     */
    TeamBalancer(final int teams, final int teamSize)
    {
        this.teams = teams;
        this.teamSize = teamSize;
        maxParties = teams * teamSize;
        order = new int[maxParties];
        sizes = new int[maxParties];
        sums = new long[maxParties];
        ids = new long[maxParties];
        teamSum = new long[teams];
        teamFill = new int[teams];
        assigned = new int[maxParties];
        bestAssigned = new int[maxParties];
        tryOrder = new int[maxParties][teams];
    }

    /**
     * Start a new set of parties.
     */
    void clear()
    {
        parties = 0;
    }

    /**
     * Add a party.
     *
     * @param size     its members.
     * @param sum      the sum of its members' ratings.
     * @param ticketId its ticket id (the last tie-breaker of the order).
     */
    void add(final int size, final long sum, final long ticketId)
    {
        sizes[parties] = size;
        sums[parties] = sum;
        ids[parties] = ticketId;
        parties++;
    }

    /**
     * Place the parties added since {@link #clear()}.
     *
     * @return whether they fill the teams exactly; then {@link #teamOf(int)} and {@link #difference()} tell the placement.
     */
    boolean solve()
    {
        int players = 0;
        for (int p = 0; p < parties; p++)
        {
            players += sizes[p];
            order[p] = p;
        }
        if (players != maxParties)
        {
            return false;
        }
        sortParties();
        if (teams == 1)
        {
            for (int p = 0; p < parties; p++)
            {
                bestAssigned[p] = 0;
            }
            bestDifference = 0;
            return true;
        }
        for (int t = 0; t < teams; t++)
        {
            teamSum[t] = 0;
            teamFill[t] = 0;
        }
        nodes = 0;
        bestDifference = Long.MAX_VALUE;
        search(0);
        return bestDifference != Long.MAX_VALUE;
    }

    /**
     * @param party a party, in the order they were added.
     * @return its team, 0..teams-1, after a successful {@link #solve()}.
     */
    int teamOf(final int party)
    {
        return bestAssigned[party];
    }

    /**
     * @return the highest minus the lowest team rating sum of the placement found.
     */
    long difference()
    {
        return bestDifference;
    }

    /**
     * @param rank 0 for the first party placed.
     * @return the party (in the order they were added) placed at that rank: largest, highest rated, lowest id first.
     */
    int partyAt(final int rank)
    {
        return order[rank];
    }

    private void sortParties()
    {
        for (int i = 1; i < parties; i++)
        {
            final int p = order[i];
            int j = i - 1;
            while (j >= 0 && placedBefore(p, order[j]))
            {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = p;
        }
    }

    private boolean placedBefore(final int a, final int b)
    {
        if (sizes[a] != sizes[b])
        {
            return sizes[a] > sizes[b];
        }
        if (sums[a] != sums[b])
        {
            return sums[a] > sums[b];
        }
        return ids[a] < ids[b];
    }

    private void search(final int depth)
    {
        if (depth == parties)
        {
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int t = 0; t < teams; t++)
            {
                min = Math.min(min, teamSum[t]);
                max = Math.max(max, teamSum[t]);
            }
            final long difference = max - min;
            if (difference < bestDifference)
            {
                bestDifference = difference;
                for (int p = 0; p < parties; p++)
                {
                    bestAssigned[p] = assigned[p];
                }
            }
            return;
        }
        if (nodes >= NODE_BUDGET)
        {
            return;
        }
        nodes++;

        final int party = order[depth];
        final int size = sizes[party];
        final int[] candidates = tryOrder[depth];
        int count = 0;
        boolean emptyTaken = false;
        for (int t = 0; t < teams; t++)
        {
            if (teamFill[t] + size > teamSize)
            {
                continue;
            }
            if (teamFill[t] == 0)
            {
                if (emptyTaken)
                {
                    continue;
                }
                emptyTaken = true;
            }
            int j = count - 1;
            while (j >= 0 && teamSum[candidates[j]] > teamSum[t])
            {
                candidates[j + 1] = candidates[j];
                j--;
            }
            candidates[j + 1] = t;
            count++;
        }
        for (int c = 0; c < count; c++)
        {
            final int t = candidates[c];
            assigned[party] = t;
            teamFill[t] += size;
            teamSum[t] += sums[party];
            search(depth + 1);
            teamFill[t] -= size;
            teamSum[t] -= sums[party];
            if (bestDifference == 0)
            {
                return;
            }
        }
    }
}
