package io.gamehall.matchmaker.service;

import io.gamehall.matchmaker.QueueRules;

/**
 * A queue a matchmaker serves: the game its matches play, the instance mode they are created
 * with, and the rules its partitions follow.
 *
 * @param queueId  the queue, 1 or more.
 * @param gameType the game type the master places matches of this queue as.
 * @param mode     the mode attribute of their instances (0 for none).
 * @param rules    the queue's rules.
 */
public record Queue(int queueId, int gameType, int mode, QueueRules rules)
{
    /**
     * @throws IllegalArgumentException for a queue id or game type below 1, or rules that do not conclude.
     */
    public Queue
    {
        if (queueId < 1)
        {
            throw new IllegalArgumentException("queueId must be 1 or more, was " + queueId);
        }
        if (gameType < 1)
        {
            throw new IllegalArgumentException("gameType must be 1 or more, was " + gameType);
        }
        rules.conclude();
    }
}
