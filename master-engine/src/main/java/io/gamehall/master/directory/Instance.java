package io.gamehall.master.directory;

import io.gamehall.sbe.master.InstanceState;

/**
 * A game instance: where it runs, who sits in it and what it is. Players are kept in seat
 * order (the order they joined), which is part of the deterministic state.
 */
public final class Instance extends Entity
{
    int gameType;
    InstanceState state;
    InstanceState resumeState;
    long hostId;
    long ownerId;
    int maxPlayers;
    int region;
    int mode;
    int ratingBand;
    long createdTime;
    long[] players = new long[4];
    int playerCount;

    Instance(final int slot)
    {
        super(slot);
    }

    public long id()
    {
        return id;
    }

    public int gameType()
    {
        return gameType;
    }

    public InstanceState state()
    {
        return state;
    }

    /**
     * @return the state a suspended instance returns to once restored.
     */
    public InstanceState resumeState()
    {
        return resumeState;
    }

    /**
     * @return the host running the instance, 0 when suspended and not yet re-placed.
     */
    public long hostId()
    {
        return hostId;
    }

    public long ownerId()
    {
        return ownerId;
    }

    public int maxPlayers()
    {
        return maxPlayers;
    }

    public int region()
    {
        return region;
    }

    public int mode()
    {
        return mode;
    }

    public int ratingBand()
    {
        return ratingBand;
    }

    public long createdTime()
    {
        return createdTime;
    }

    public int playerCount()
    {
        return playerCount;
    }

    public long player(final int seat)
    {
        return players[seat];
    }

    public int openSeats()
    {
        return maxPlayers - playerCount;
    }

    /**
     * @param userId a user id.
     * @return true when that user has a seat here.
     */
    public boolean hasPlayer(final long userId)
    {
        for (int i = 0; i < playerCount; i++)
        {
            if (players[i] == userId)
            {
                return true;
            }
        }
        return false;
    }
}
