package io.gamehall.matchmaker;

/**
 * What one partition is and how much it holds: its queue, its rating range {@code [lower, upper)},
 * the most tickets it keeps waiting, and the sizes of its preallocated structures. Set the
 * values, then {@link #conclude()}, which checks them and refuses bad ones with an
 * {@link IllegalArgumentException} that says which value and why.
 * <p>
 * Only {@code queueId}, {@code lower} and {@code upper} decide what the engine does; the sizes
 * ({@code maxTickets}, {@code ratingBuckets}, {@code maxRegions}) only decide how much memory it
 * takes and when it refuses for being full. {@code scanLimit} bounds the work of one match search
 * and so is part of the behaviour: every engine that replays a partition needs the same.
 */
public final class PartitionConfig
{
    /** Most tickets one partition may hold. */
    public static final int MAX_TICKETS = 1 << 24;
    /** Most rating buckets of one region's index. */
    public static final int MAX_RATING_BUCKETS = 1 << 22;
    /** Fewest rating buckets of one region's index. */
    public static final int MIN_RATING_BUCKETS = 64;

    private int queueId = 1;
    private int lower;
    private int upper = 5_000;
    private int maxTickets = 65_536;
    private int ratingBuckets = 4_096;
    private int maxRegions = 32;
    private int scanLimit = 256;
    private boolean concluded;

    /**
     * @param queueId the queue, 1 or more.
     * @return this.
     */
    public PartitionConfig queueId(final int queueId)
    {
        requireOpen();
        this.queueId = queueId;
        return this;
    }

    /**
     * @param lower lowest rating taken.
     * @return this.
     */
    public PartitionConfig lower(final int lower)
    {
        requireOpen();
        this.lower = lower;
        return this;
    }

    /**
     * @param upper first rating above the range (exclusive).
     * @return this.
     */
    public PartitionConfig upper(final int upper)
    {
        requireOpen();
        this.upper = upper;
        return this;
    }

    /**
     * @param maxTickets most tickets waiting at once; more are refused with PARTITION_FULL.
     * @return this.
     */
    public PartitionConfig maxTickets(final int maxTickets)
    {
        requireOpen();
        this.maxTickets = maxTickets;
        return this;
    }

    /**
     * @param ratingBuckets buckets of a region's rating index, a power of two: a bucket spans
     *                      {@code range / ratingBuckets} rating points rounded up to a power of two.
     * @return this.
     */
    public PartitionConfig ratingBuckets(final int ratingBuckets)
    {
        requireOpen();
        this.ratingBuckets = ratingBuckets;
        return this;
    }

    /**
     * @param maxRegions regions with waiting tickets at once when the queue is region strict;
     *                   a ticket of one more is refused with TOO_MANY_REGIONS.
     * @return this.
     */
    public PartitionConfig maxRegions(final int maxRegions)
    {
        requireOpen();
        this.maxRegions = maxRegions;
        return this;
    }

    /**
     * @param scanLimit most waiting tickets one match search looks at on each side of a ticket's rating.
     * @return this.
     */
    public PartitionConfig scanLimit(final int scanLimit)
    {
        requireOpen();
        this.scanLimit = scanLimit;
        return this;
    }

    /**
     * Check the values and freeze them.
     *
     * @return this.
     * @throws IllegalArgumentException naming the first value that is wrong and why.
     */
    public PartitionConfig conclude()
    {
        if (concluded)
        {
            return this;
        }
        if (queueId < 1)
        {
            throw bad("queueId must be 1 or more, was " + queueId);
        }
        if (lower >= upper)
        {
            throw bad("the range [lower, upper) must not be empty, was [" + lower + ", " + upper + ")");
        }
        if (maxTickets < 1 || maxTickets > MAX_TICKETS)
        {
            throw bad("maxTickets must be 1.." + MAX_TICKETS + ", was " + maxTickets);
        }
        if (ratingBuckets < MIN_RATING_BUCKETS || ratingBuckets > MAX_RATING_BUCKETS ||
            Integer.bitCount(ratingBuckets) != 1)
        {
            throw bad("ratingBuckets must be a power of two, " + MIN_RATING_BUCKETS + ".." + MAX_RATING_BUCKETS +
                ", was " + ratingBuckets);
        }
        if (maxRegions < 1 || maxRegions > 4_096)
        {
            throw bad("maxRegions must be 1..4096, was " + maxRegions);
        }
        if (scanLimit < 1 || scanLimit > 1_000_000)
        {
            throw bad("scanLimit must be 1..1000000, was " + scanLimit);
        }
        concluded = true;
        return this;
    }

    public int queueId()
    {
        return queueId;
    }

    public int lower()
    {
        return lower;
    }

    public int upper()
    {
        return upper;
    }

    public int maxTickets()
    {
        return maxTickets;
    }

    public int ratingBuckets()
    {
        return ratingBuckets;
    }

    public int maxRegions()
    {
        return maxRegions;
    }

    public int scanLimit()
    {
        return scanLimit;
    }

    private void requireOpen()
    {
        if (concluded)
        {
            throw new IllegalStateException("partition config is frozen once concluded");
        }
    }

    private static IllegalArgumentException bad(final String message)
    {
        return new IllegalArgumentException("partition config: " + message);
    }
}
