package io.gamehall.matchmaker.support;

/**
 * The best team placement by brute force: every assignment of parties to teams, the full ones
 * only, the smallest difference between the highest and lowest team rating sum.
 */
public final class BestPlacement
{
    private BestPlacement()
    {
    }

    /**
     * @return the smallest difference, or Long.MAX_VALUE when no assignment fills every team.
     */
    public static long difference(
        final int[] sizes, final long[] sums, final int parties, final int teams, final int teamSize)
    {
        long best = Long.MAX_VALUE;
        long combinations = 1;
        for (int i = 0; i < parties; i++)
        {
            combinations *= teams;
        }
        final long[] teamSum = new long[teams];
        final int[] fill = new int[teams];
        for (long c = 0; c < combinations; c++)
        {
            java.util.Arrays.fill(teamSum, 0);
            java.util.Arrays.fill(fill, 0);
            long code = c;
            for (int i = 0; i < parties; i++)
            {
                final int t = (int)(code % teams);
                code /= teams;
                teamSum[t] += sums[i];
                fill[t] += sizes[i];
            }
            boolean full = true;
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int t = 0; t < teams; t++)
            {
                full &= fill[t] == teamSize;
                min = Math.min(min, teamSum[t]);
                max = Math.max(max, teamSum[t]);
            }
            if (full)
            {
                best = Math.min(best, max - min);
            }
        }
        return best;
    }
}
