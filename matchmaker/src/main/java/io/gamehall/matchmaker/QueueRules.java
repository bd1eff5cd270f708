package io.gamehall.matchmaker;

/**
 * The rules of one queue: how many players a match takes and in how many teams, how far apart
 * in rating the tickets of a match may be and how that window widens while a ticket waits, how
 * long a ticket may wait, and whether players of different regions may meet.
 * <p>
 * A ticket's window after waiting {@code w} milliseconds is
 * {@code min(maxWindow, initialWindow + widenBy * floor(w / widenEveryMs))}: it widens in steps,
 * so it changes only at known times. A ticket that has waited {@code maxWaitMs} expires.
 * <p>
 * Set the values, then {@link #conclude()}, which checks them and refuses bad ones with an
 * {@link IllegalArgumentException} that says which value and why. Concluded rules are frozen:
 * every partition of a queue, and every engine that replays it, must run with equal rules.
 */
public final class QueueRules
{
    /** Most players one match may take. */
    public static final int MAX_PLAYERS_PER_MATCH = 32;
    /** Most widening steps from the initial window to the maximum one. */
    public static final int MAX_WIDENING_STEPS = 64;
    /** Largest window, rating points. */
    public static final int MAX_WINDOW = 1_000_000_000;
    /** Longest wait a queue may allow: about 31 years. */
    public static final long MAX_WAIT_MS = 1_000_000_000_000L;

    private int playersPerMatch = 2;
    private int teams = 2;
    private int teamSize = 1;
    private int maxPartySize;
    private int initialWindow = 50;
    private int widenBy = 25;
    private long widenEveryMs = 5_000;
    private int maxWindow = 400;
    private long maxWaitMs = 120_000;
    private boolean regionStrict;

    private boolean concluded;
    private int wideningSteps;
    private int[] windowAtStep;

    /**
     * @param playersPerMatch players one match takes, 2..{@value #MAX_PLAYERS_PER_MATCH}; teams x teamSize.
     * @return this.
     */
    public QueueRules playersPerMatch(final int playersPerMatch)
    {
        requireOpen();
        this.playersPerMatch = playersPerMatch;
        return this;
    }

    /**
     * @param teams teams per match: 2 for 1v1 or 5v5, 1 for a table where everyone plays everyone.
     * @return this.
     */
    public QueueRules teams(final int teams)
    {
        requireOpen();
        this.teams = teams;
        return this;
    }

    /**
     * @param teamSize players per team.
     * @return this.
     */
    public QueueRules teamSize(final int teamSize)
    {
        requireOpen();
        this.teamSize = teamSize;
        return this;
    }

    /**
     * @param maxPartySize largest party taken, at most a team (parties are never split); 0 for
     *                     that largest size (the team size, or every player when there is one team).
     * @return this.
     */
    public QueueRules maxPartySize(final int maxPartySize)
    {
        requireOpen();
        this.maxPartySize = maxPartySize;
        return this;
    }

    /**
     * @param initialWindow rating points a new ticket's window reaches on each side, 0 or more.
     * @return this.
     */
    public QueueRules initialWindow(final int initialWindow)
    {
        requireOpen();
        this.initialWindow = initialWindow;
        return this;
    }

    /**
     * @param widenBy rating points added to the window each {@link #widenEveryMs(long)}; 0 for a window that never widens.
     * @return this.
     */
    public QueueRules widenBy(final int widenBy)
    {
        requireOpen();
        this.widenBy = widenBy;
        return this;
    }

    /**
     * @param widenEveryMs waiting time per widening step, milliseconds, more than 0.
     * @return this.
     */
    public QueueRules widenEveryMs(final long widenEveryMs)
    {
        requireOpen();
        this.widenEveryMs = widenEveryMs;
        return this;
    }

    /**
     * @param maxWindow widest window, at least the initial one.
     * @return this.
     */
    public QueueRules maxWindow(final int maxWindow)
    {
        requireOpen();
        this.maxWindow = maxWindow;
        return this;
    }

    /**
     * @param maxWaitMs longest wait, milliseconds: a ticket that has waited this long expires.
     * @return this.
     */
    public QueueRules maxWaitMs(final long maxWaitMs)
    {
        requireOpen();
        this.maxWaitMs = maxWaitMs;
        return this;
    }

    /**
     * @param regionStrict true when only tickets of the same region may meet; false when region is ignored.
     * @return this.
     */
    public QueueRules regionStrict(final boolean regionStrict)
    {
        requireOpen();
        this.regionStrict = regionStrict;
        return this;
    }

    /**
     * Check the rules and freeze them.
     *
     * @return this.
     * @throws IllegalArgumentException naming the first value that is wrong and why.
     */
    public QueueRules conclude()
    {
        if (concluded)
        {
            return this;
        }
        if (playersPerMatch < 2 || playersPerMatch > MAX_PLAYERS_PER_MATCH)
        {
            throw bad("playersPerMatch must be 2.." + MAX_PLAYERS_PER_MATCH + ", was " + playersPerMatch);
        }
        if (teams < 1 || teamSize < 1 || (long)teams * teamSize != playersPerMatch)
        {
            throw bad("teams x teamSize must equal playersPerMatch (" + playersPerMatch + "), was " + teams + " x " +
                teamSize);
        }
        final int largestParty = teams == 1 ? playersPerMatch : teamSize;
        if (maxPartySize == 0)
        {
            maxPartySize = largestParty;
        }
        if (maxPartySize < 1 || maxPartySize > largestParty)
        {
            throw bad("maxPartySize must be 1.." + largestParty + " (parties are never split across teams), was " +
                maxPartySize);
        }
        if (initialWindow < 0 || initialWindow > MAX_WINDOW)
        {
            throw bad("initialWindow must be 0.." + MAX_WINDOW + ", was " + initialWindow);
        }
        if (maxWindow < initialWindow || maxWindow > MAX_WINDOW)
        {
            throw bad("maxWindow must be initialWindow (" + initialWindow + ").." + MAX_WINDOW + ", was " + maxWindow);
        }
        if (widenBy < 0)
        {
            throw bad("widenBy must be 0 or more, was " + widenBy);
        }
        if (widenEveryMs <= 0 || widenEveryMs > MAX_WAIT_MS)
        {
            throw bad("widenEveryMs must be 1.." + MAX_WAIT_MS + ", was " + widenEveryMs);
        }
        if (maxWaitMs <= 0 || maxWaitMs > MAX_WAIT_MS)
        {
            throw bad("maxWaitMs must be 1.." + MAX_WAIT_MS + ", was " + maxWaitMs);
        }
        final long gap = (long)maxWindow - initialWindow;
        final long steps = widenBy == 0 || gap == 0 ? 0 : (gap + widenBy - 1) / widenBy;
        if (steps > MAX_WIDENING_STEPS)
        {
            throw bad("the window widens from " + initialWindow + " to " + maxWindow + " in " + steps + " steps of " +
                widenBy + "; at most " + MAX_WIDENING_STEPS + " steps: widen by more each step");
        }
        wideningSteps = (int)steps;
        windowAtStep = new int[wideningSteps + 1];
        for (int s = 0; s <= wideningSteps; s++)
        {
            windowAtStep[s] = (int)Math.min(maxWindow, initialWindow + (long)widenBy * s);
        }
        concluded = true;
        return this;
    }

    public int playersPerMatch()
    {
        return playersPerMatch;
    }

    public int teams()
    {
        return teams;
    }

    public int teamSize()
    {
        return teamSize;
    }

    public int maxPartySize()
    {
        return maxPartySize;
    }

    public int initialWindow()
    {
        return initialWindow;
    }

    public int widenBy()
    {
        return widenBy;
    }

    public long widenEveryMs()
    {
        return widenEveryMs;
    }

    public int maxWindow()
    {
        return maxWindow;
    }

    public long maxWaitMs()
    {
        return maxWaitMs;
    }

    public boolean regionStrict()
    {
        return regionStrict;
    }

    /**
     * @return widening steps from the initial window to the widest: 0 when the window never widens.
     */
    public int wideningSteps()
    {
        return wideningSteps;
    }

    /**
     * @param waitedMs how long a ticket has waited; negative counts as 0.
     * @return its widening step, 0..{@link #wideningSteps()}.
     */
    public int step(final long waitedMs)
    {
        if (waitedMs <= 0 || wideningSteps == 0)
        {
            return 0;
        }
        final long step = waitedMs / widenEveryMs;
        return step >= wideningSteps ? wideningSteps : (int)step;
    }

    /**
     * @param step a widening step, 0..{@link #wideningSteps()}.
     * @return the window at that step.
     */
    public int windowAtStep(final int step)
    {
        return windowAtStep[step];
    }

    /**
     * @param waitedMs how long a ticket has waited.
     * @return its window, rating points on each side.
     */
    public int window(final long waitedMs)
    {
        return windowAtStep[step(waitedMs)];
    }

    /**
     * @return whether these rules are the same as another's.
     */
    public boolean sameAs(final QueueRules other)
    {
        return playersPerMatch == other.playersPerMatch && teams == other.teams && teamSize == other.teamSize &&
            maxPartySize == other.maxPartySize && initialWindow == other.initialWindow && widenBy == other.widenBy &&
            widenEveryMs == other.widenEveryMs && maxWindow == other.maxWindow && maxWaitMs == other.maxWaitMs &&
            regionStrict == other.regionStrict;
    }

    public String toString()
    {
        return "QueueRules{playersPerMatch=" + playersPerMatch + ", teams=" + teams + ", teamSize=" + teamSize +
            ", maxPartySize=" + maxPartySize + ", initialWindow=" + initialWindow + ", widenBy=" + widenBy +
            ", widenEveryMs=" + widenEveryMs + ", maxWindow=" + maxWindow + ", maxWaitMs=" + maxWaitMs +
            ", regionStrict=" + regionStrict + "}";
    }

    private void requireOpen()
    {
        if (concluded)
        {
            throw new IllegalStateException("queue rules are frozen once concluded");
        }
    }

    private static IllegalArgumentException bad(final String message)
    {
        return new IllegalArgumentException("queue rules: " + message);
    }
}
