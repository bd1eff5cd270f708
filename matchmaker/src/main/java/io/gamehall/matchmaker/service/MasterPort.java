package io.gamehall.matchmaker.service;

/**
 * Where a matchmaker sends the matches it formed: the master, which seats all the players of a
 * match or none ({@code CreateMatch}). The answer comes back through
 * {@link MatchmakerService#onMatchSeated} or {@link MatchmakerService#onMatchRefused}; the port
 * retries a request the master did not answer with the same request id until it is answered
 * (the master answers a retry from memory), so every match gets exactly one answer.
 */
@FunctionalInterface
public interface MasterPort
{
    /**
     * Ask the master to seat a match.
     *
     * @param matchId     the matchmaker's id for it.
     * @param gameType    the queue's game type.
     * @param mode        the queue's mode (an instance attribute).
     * @param region      the region of the match's first ticket.
     * @param players     user ids in seat order, teams one after the other; valid only during the call.
     * @param playerCount how many.
     */
    void createMatch(long matchId, int gameType, int mode, int region, long[] players, int playerCount);
}
