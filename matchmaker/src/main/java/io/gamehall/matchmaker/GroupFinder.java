package io.gamehall.matchmaker;

/**
 * Finds the best match for one ticket, the anchor: tickets that fill the match with it, every
 * one within every other's current window, in the smallest rating spread, and that can be put
 * into full teams without splitting a party.
 * <p>
 * How, in order:
 * <ol>
 *     <li>Candidates: walking out from the anchor's rating in its region's index, on each side
 *     the nearest tickets that fit (no larger than the players still needed) and are mutually
 *     in window with the anchor (their distance within both windows); on each side as many as
 *     the players still needed, twice that when more than one is needed; never looking at more
 *     than {@code scanLimit} tickets a side, never past the anchor's window.</li>
 *     <li>Groups: the candidates and the anchor in rating order; for each candidate at or
 *     below the anchor as the lowest member, the anchor and that candidate, then each next
 *     candidate up that fits (players, and in window with every member and every member in
 *     its window) until the match is full.</li>
 *     <li>Best: the smallest spread (highest minus lowest ticket rating); then the longest
 *     waiting (smallest sum of created times); then the lowest ticket id other than the
 *     anchor's; then the first found. A group whose parties cannot fill the teams exactly is
 *     skipped.</li>
 * </ol>
 * For single players this finds the smallest spread among the candidates exactly; with a
 * 1v1 queue, the nearest ticket in mutual window whenever there is one. Allocation-free.
 */
final class GroupFinder
{
    private static final int NONE = TicketTable.NONE;

    private final TicketTable tickets;
    private final RatingIndexes indexes;
    private final QueueRules rules;
    private final TeamBalancer balancer;
    private final int scanLimit;
    private final int players;
    private final boolean anyParties;

    private final int[] left;
    private final int[] leftWindow;
    private final int[] right;
    private final int[] rightWindow;
    private final int[] candidates;
    private final int[] windows;
    private final int[] trial;
    private final int[] best;
    private final int[] team;
    private int candidateCount;
    private int trialCount;
    private int trialPlayers;
    private int bestCount;
    private int bestSpread;
    private long bestCreatedSum;
    private long bestLowestId;
    private int minRating;
    private int maxRating;
    private long ceiling;
    private long floor;

    GroupFinder(
        final TicketTable tickets,
        final RatingIndexes indexes,
        final QueueRules rules,
        final TeamBalancer balancer,
        final int scanLimit)
    {
        this.tickets = tickets;
        this.indexes = indexes;
        this.rules = rules;
        this.balancer = balancer;
        this.scanLimit = scanLimit;
        players = rules.playersPerMatch();
        anyParties = rules.maxPartySize() > 1 && rules.teams() > 1;
        final int side = 2 * players;
        left = new int[side];
        leftWindow = new int[side];
        right = new int[side];
        rightWindow = new int[side];
        candidates = new int[2 * side + 1];
        windows = new int[2 * side + 1];
        trial = new int[players];
        best = new int[players];
        team = new int[players];
    }

    /**
     * Look for the anchor's best match.
     *
     * @param anchor       the ticket; it may or may not be in the index.
     * @param anchorWindow its window now.
     * @param now          the time windows are taken at.
     * @return whether a match was found; then {@link #count()}, {@link #member(int)}, {@link #teamOf(int)} and
     *     {@link #spread()} describe it, members in placement order (team by team).
     */
    boolean find(final int anchor, final int anchorWindow, final long now)
    {
        final int need = players - tickets.partySize(anchor);
        if (need == 0)
        {
            bestCount = 0;
            best[bestCount++] = anchor;
            bestSpread = 0;
            return place();
        }
        final RatingIndex index = indexes.find(tickets.region(anchor));
        if (index == null)
        {
            return false;
        }
        final int perSide = need == 1 ? 1 : Math.min(2 * need, left.length);
        final int anchorRating = tickets.rating(anchor);

        int rightCount = 0;
        int visited = 0;
        final long highest = (long)anchorRating + anchorWindow;
        for (int s = index.firstAtOrAbove(anchorRating, highest); s != NONE && rightCount < perSide &&
            visited < scanLimit; s = index.next(s, highest))
        {
            if (s == anchor)
            {
                continue;
            }
            final long distance = (long)tickets.rating(s) - anchorRating;
            if (distance > anchorWindow)
            {
                break;
            }
            visited++;
            if (tickets.partySize(s) <= need)
            {
                final int window = rules.window(now - tickets.created(s));
                if (window >= distance)
                {
                    right[rightCount] = s;
                    rightWindow[rightCount++] = window;
                }
            }
        }

        int leftCount = 0;
        visited = 0;
        final long lowest = (long)anchorRating - anchorWindow;
        for (int s = index.lastBelow(anchorRating, lowest); s != NONE && leftCount < perSide && visited < scanLimit;
            s = index.previous(s, lowest))
        {
            if (s == anchor)
            {
                continue;
            }
            final long distance = (long)anchorRating - tickets.rating(s);
            if (distance > anchorWindow)
            {
                break;
            }
            visited++;
            if (tickets.partySize(s) <= need)
            {
                final int window = rules.window(now - tickets.created(s));
                if (window >= distance)
                {
                    left[leftCount] = s;
                    leftWindow[leftCount++] = window;
                }
            }
        }
        if (leftCount + rightCount == 0)
        {
            return false;
        }

        int n = 0;
        for (int i = leftCount - 1; i >= 0; i--)
        {
            candidates[n] = left[i];
            windows[n++] = leftWindow[i];
        }
        int anchorAt = n;
        int r = 0;
        while (r < rightCount && tickets.ratingBefore(right[r], anchor))
        {
            candidates[n] = right[r];
            windows[n++] = rightWindow[r++];
            anchorAt = n;
        }
        candidates[n] = anchor;
        windows[n++] = anchorWindow;
        while (r < rightCount)
        {
            candidates[n] = right[r];
            windows[n++] = rightWindow[r++];
        }
        candidateCount = n;

        bestCount = 0;
        bestSpread = Integer.MAX_VALUE;
        for (int low = 0; low <= anchorAt; low++)
        {
            tryGroup(low, anchorAt);
        }
        return bestCount > 0 && place();
    }

    /**
     * @return tickets in the match found.
     */
    int count()
    {
        return bestCount;
    }

    /**
     * @param i 0..count-1, in placement order.
     * @return the slot of that ticket.
     */
    int member(final int i)
    {
        return best[i];
    }

    /**
     * @param i 0..count-1, in placement order.
     * @return the team of that ticket.
     */
    int teamOf(final int i)
    {
        return team[i];
    }

    /**
     * @return the match's rating spread: highest minus lowest ticket rating.
     */
    int spread()
    {
        return bestSpread;
    }

    private void tryGroup(final int low, final int anchorAt)
    {
        trialCount = 0;
        trialPlayers = 0;
        minRating = Integer.MAX_VALUE;
        maxRating = Integer.MIN_VALUE;
        ceiling = Long.MAX_VALUE;
        floor = Long.MIN_VALUE;
        long createdSum = 0;
        long lowestId = Long.MAX_VALUE;

        join(anchorAt);
        if (low != anchorAt)
        {
            if (!fits(low))
            {
                return;
            }
            join(low);
            createdSum += tickets.created(candidates[low]);
            lowestId = tickets.ticketId(candidates[low]);
        }
        final int lowRating = tickets.rating(candidates[low]);
        for (int k = low + 1; k < candidateCount && trialPlayers < players; k++)
        {
            if (k == anchorAt)
            {
                continue;
            }
            final int slot = candidates[k];
            if ((long)tickets.rating(slot) - lowRating > bestSpread)
            {
                break;
            }
            if (fits(k))
            {
                join(k);
                createdSum += tickets.created(slot);
                lowestId = Math.min(lowestId, tickets.ticketId(slot));
            }
        }
        if (trialPlayers != players)
        {
            return;
        }
        final int spread = maxRating - minRating;
        if (spread > bestSpread ||
            (spread == bestSpread && (createdSum > bestCreatedSum ||
            (createdSum == bestCreatedSum && lowestId >= bestLowestId))))
        {
            return;
        }
        if (anyParties && trialPlayers != trialCount && !packs())
        {
            return;
        }
        bestSpread = spread;
        bestCreatedSum = createdSum;
        bestLowestId = lowestId;
        bestCount = trialCount;
        for (int i = 0; i < trialCount; i++)
        {
            best[i] = trial[i];
        }
    }

    private boolean fits(final int k)
    {
        final int slot = candidates[k];
        if (trialPlayers + tickets.partySize(slot) > players)
        {
            return false;
        }
        final long rating = tickets.rating(slot);
        final long window = windows[k];
        return rating <= ceiling && rating >= floor && rating - window <= minRating && rating + window >= maxRating;
    }

    private void join(final int k)
    {
        final int slot = candidates[k];
        final int rating = tickets.rating(slot);
        trial[trialCount++] = slot;
        trialPlayers += tickets.partySize(slot);
        minRating = Math.min(minRating, rating);
        maxRating = Math.max(maxRating, rating);
        ceiling = Math.min(ceiling, (long)rating + windows[k]);
        floor = Math.max(floor, (long)rating - windows[k]);
    }

    private boolean packs()
    {
        balancer.clear();
        for (int i = 0; i < trialCount; i++)
        {
            final int slot = trial[i];
            balancer.add(tickets.partySize(slot), tickets.ratingSum(slot), tickets.ticketId(slot));
        }
        return balancer.solve();
    }

    /**
     * Place the best group into teams and reorder it team by team, in placement order within a team.
     */
    private boolean place()
    {
        balancer.clear();
        for (int i = 0; i < bestCount; i++)
        {
            final int slot = best[i];
            balancer.add(tickets.partySize(slot), tickets.ratingSum(slot), tickets.ticketId(slot));
        }
        if (!balancer.solve())
        {
            return false;
        }
        for (int i = 0; i < bestCount; i++)
        {
            trial[i] = best[i];
        }
        int out = 0;
        for (int t = 0; t < rules.teams(); t++)
        {
            for (int rank = 0; rank < bestCount; rank++)
            {
                final int party = balancer.partyAt(rank);
                if (balancer.teamOf(party) == t)
                {
                    best[out] = trial[party];
                    team[out++] = t;
                }
            }
        }
        return true;
    }
}
