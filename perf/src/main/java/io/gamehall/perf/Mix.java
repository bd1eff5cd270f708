package io.gamehall.perf;

/**
 * What a block of 100 consecutive script commands holds. Paired kinds count pairs: each pair
 * is two commands whose effects cancel out (join then leave, check-out then check-in, create
 * then the host's InstanceEnded), so the directories are the same after every block.
 * Within a block the commands are shuffled, the second of a pair always after the first.
 */
public enum Mix
{
    /**
     * Production-like: 20 heartbeats, 20 joins + 20 leaves, 20 searches, 8 instance lookups,
     * 4 check-outs + 4 check-ins, 2 creates + 2 InstanceEnded.
     */
    REALISTIC(20, 20, 20, 8, 4, 2),
    /** ServerHeartbeat only, gateways and hosts in turn. */
    HEARTBEAT(100, 0, 0, 0, 0, 0),
    /** JoinInstance then LeaveInstance of the same seat. */
    JOIN_LEAVE(0, 50, 0, 0, 0, 0),
    /** SearchInstances only, in the same variants as the realistic mix. */
    SEARCH(0, 0, 100, 0, 0, 0),
    /** GetInstance only. */
    GET_INSTANCE(0, 0, 0, 100, 0, 0),
    /** CheckOutUser then CheckInUser of the same lobby user. */
    CHECK_OUT_IN(0, 0, 0, 0, 50, 0),
    /** CreateInstance then InstanceEnded of it by its host. */
    CREATE_END(0, 0, 0, 0, 0, 50);

    /** Commands in one block. */
    public static final int BLOCK = 100;

    final int heartbeats;
    final int joinLeavePairs;
    final int searches;
    final int lookups;
    final int checkOutInPairs;
    final int createEndPairs;

    Mix(
        final int heartbeats,
        final int joinLeavePairs,
        final int searches,
        final int lookups,
        final int checkOutInPairs,
        final int createEndPairs)
    {
        this.heartbeats = heartbeats;
        this.joinLeavePairs = joinLeavePairs;
        this.searches = searches;
        this.lookups = lookups;
        this.checkOutInPairs = checkOutInPairs;
        this.createEndPairs = createEndPairs;
        if (heartbeats + 2 * joinLeavePairs + searches + lookups + 2 * checkOutInPairs + 2 * createEndPairs != BLOCK)
        {
            throw new IllegalArgumentException(name() + " does not add up to " + BLOCK + " commands");
        }
    }
}
