package io.gamehall.host.api;

import io.gamehall.store.PlayerOutcome;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a game ended: each player's outcome and a line for people.
 *
 * @param outcomes per player id, in seat order.
 * @param summary  e.g. "red wins: four in a row" (at most 256 characters).
 */
public record GameResult(Map<Long, PlayerOutcome> outcomes, String summary)
{
    public GameResult
    {
        outcomes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
        if (summary == null || summary.length() > 256)
        {
            throw new IllegalArgumentException("summary must be 0..256 characters");
        }
    }

    /**
     * @return one winner, everybody else lost.
     */
    public static GameResult win(final long winner, final Iterable<Long> players, final String summary)
    {
        final Map<Long, PlayerOutcome> outcomes = new LinkedHashMap<>();
        for (final long player : players)
        {
            outcomes.put(player, player == winner ? PlayerOutcome.WIN : PlayerOutcome.LOSS);
        }
        return new GameResult(outcomes, summary);
    }

    /**
     * @return everybody drew.
     */
    public static GameResult draw(final Iterable<Long> players, final String summary)
    {
        final Map<Long, PlayerOutcome> outcomes = new LinkedHashMap<>();
        for (final long player : players)
        {
            outcomes.put(player, PlayerOutcome.DRAW);
        }
        return new GameResult(outcomes, summary);
    }
}
