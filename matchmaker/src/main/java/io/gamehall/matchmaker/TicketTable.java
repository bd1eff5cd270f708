package io.gamehall.matchmaker;

import org.agrona.collections.Long2LongHashMap;

/**
 * The waiting tickets, one slot each. What a match search, a match and an index update read of
 * a ticket lies in one record of eight longs (64 bytes), so that touching a ticket costs one or
 * two cache lines instead of one per field:
 * <pre>
 *   0 ticket id          1 created time          2 sum of the members' ratings
 *   3 rating | region    4 first member's rating | party size (16 bits) | widening step tried (16 bits)
 *   5 next | previous in the rating index        6 next | previous in waiting order
 *   7 first member's user id
 * </pre>
 * The rating is the party's: the members' average, rounded down. Other members of a party live
 * in arrays of their own, read only when a match is said or a ticket leaves. Ticket ids and user
 * ids map to slots through Agrona's primitive maps, so nothing is boxed.
 * <p>
 * One slot more than the capacity is kept aside: a ticket that arrives is written into a free
 * slot, or into that spare one when the table is full, so that it can be tried for a match
 * before the engine decides whether it must wait (and is refused when there is no room).
 * A slot is {@link #register(int) registered} once its ticket waits; slot numbers never reach
 * any output, hash or snapshot.
 */
final class TicketTable
{
    /** No slot. */
    static final int NONE = -1;

    private static final int STRIDE = 8;
    private static final int ID = 0;
    private static final int CREATED = 1;
    private static final int RATING_SUM = 2;
    private static final int RATING_REGION = 3;
    private static final int FIRST_SIZE_STEP = 4;
    private static final int RATING_LINKS = 5;
    private static final int WAITING_LINKS = 6;
    private static final int FIRST_USER = 7;
    private static final long NO_LINKS = pack(NONE, NONE);

    final int capacity;
    final int maxParty;
    private final int spare;
    private final long[] records;
    private final long[] otherUsers;
    private final int[] otherRatings;

    private final int[] free;
    private int freeCount;
    private boolean spareInUse;
    private int size;
    private final Long2LongHashMap slotByTicket;
    private final Long2LongHashMap slotByUser;

    /**
     * @param capacity most tickets waiting at once.
     * @param maxParty most members of one ticket.
     */
    TicketTable(final int capacity, final int maxParty)
    {
        this.capacity = capacity;
        this.maxParty = maxParty;
        spare = capacity;
        final int slots = capacity + 1;
        records = new long[slots * STRIDE];
        for (int s = 0; s < slots; s++)
        {
            records[s * STRIDE + RATING_LINKS] = NO_LINKS;
            records[s * STRIDE + WAITING_LINKS] = NO_LINKS;
        }
        otherUsers = new long[slots * (maxParty - 1)];
        otherRatings = new int[slots * (maxParty - 1)];
        free = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            free[i] = capacity - 1 - i;
        }
        freeCount = capacity;
        slotByTicket = new Long2LongHashMap(Math.max(16, capacity * 2), 0.65f, NONE);
        slotByUser = new Long2LongHashMap(Math.max(16, capacity * 2), 0.65f, NONE);
    }

    /**
     * @return tickets waiting.
     */
    int size()
    {
        return size;
    }

    /**
     * @return whether every slot but the spare one holds a waiting ticket.
     */
    boolean isFull()
    {
        return freeCount == 0;
    }

    /**
     * Take a slot to write an arriving ticket into: a free one, else the spare one.
     *
     * @return the slot.
     */
    int claim()
    {
        if (freeCount > 0)
        {
            return free[--freeCount];
        }
        if (spareInUse)
        {
            throw new IllegalStateException("the spare slot is already in use");
        }
        spareInUse = true;
        return spare;
    }

    /**
     * Give back a slot that was claimed and never registered, or was unregistered.
     */
    void release(final int slot)
    {
        if (slot == spare)
        {
            spareInUse = false;
        }
        else
        {
            free[freeCount++] = slot;
        }
    }

    /**
     * @return whether the slot is the spare one, which can never wait.
     */
    boolean isSpare(final int slot)
    {
        return slot == spare;
    }

    /**
     * Write a ticket's fields; then {@link #putMember} each member.
     */
    void write(final int slot, final long id, final long createdTime, final int regionValue)
    {
        final int at = slot * STRIDE;
        records[at + ID] = id;
        records[at + CREATED] = createdTime;
        records[at + RATING_SUM] = 0;
        records[at + RATING_REGION] = pack(0, regionValue);
        records[at + FIRST_SIZE_STEP] = 0;
        records[at + FIRST_USER] = 0;
    }

    /**
     * Add a member to a written ticket and update its party rating.
     */
    void putMember(final int slot, final long userId, final int memberRatingValue)
    {
        final int at = slot * STRIDE;
        final int n = partySize(slot);
        final long sum = records[at + RATING_SUM] + memberRatingValue;
        int first = memberRatingValue;
        if (n == 0)
        {
            records[at + FIRST_USER] = userId;
        }
        else
        {
            first = high(records[at + FIRST_SIZE_STEP]);
            final int other = slot * (maxParty - 1) + n - 1;
            otherUsers[other] = userId;
            otherRatings[other] = memberRatingValue;
        }
        records[at + RATING_SUM] = sum;
        records[at + FIRST_SIZE_STEP] = pack(first, ((n + 1) << 16) | attemptStep(slot));
        records[at + RATING_REGION] = pack((int)Math.floorDiv(sum, (long)(n + 1)), region(slot));
    }

    long ticketId(final int slot)
    {
        return records[slot * STRIDE + ID];
    }

    long created(final int slot)
    {
        return records[slot * STRIDE + CREATED];
    }

    /**
     * @return the sum of the members' ratings.
     */
    long ratingSum(final int slot)
    {
        return records[slot * STRIDE + RATING_SUM];
    }

    /**
     * @return the party's rating: its members' average, rounded down.
     */
    int rating(final int slot)
    {
        return high(records[slot * STRIDE + RATING_REGION]);
    }

    int region(final int slot)
    {
        return low(records[slot * STRIDE + RATING_REGION]);
    }

    int partySize(final int slot)
    {
        return low(records[slot * STRIDE + FIRST_SIZE_STEP]) >>> 16;
    }

    /**
     * @return the widening step the ticket was last tried for a match at.
     */
    int attemptStep(final int slot)
    {
        return low(records[slot * STRIDE + FIRST_SIZE_STEP]) & 0xFFFF;
    }

    void attemptStep(final int slot, final int step)
    {
        final int at = slot * STRIDE + FIRST_SIZE_STEP;
        final long record = records[at];
        records[at] = pack(high(record), (low(record) & 0xFFFF_0000) | step);
    }

    long memberUser(final int slot, final int i)
    {
        return i == 0 ? records[slot * STRIDE + FIRST_USER] : otherUsers[slot * (maxParty - 1) + i - 1];
    }

    int memberRating(final int slot, final int i)
    {
        return i == 0 ? high(records[slot * STRIDE + FIRST_SIZE_STEP]) : otherRatings[slot * (maxParty - 1) + i - 1];
    }

    int ratingNext(final int slot)
    {
        return high(records[slot * STRIDE + RATING_LINKS]);
    }

    int ratingPrevious(final int slot)
    {
        return low(records[slot * STRIDE + RATING_LINKS]);
    }

    void ratingLinks(final int slot, final int next, final int previous)
    {
        records[slot * STRIDE + RATING_LINKS] = pack(next, previous);
    }

    void ratingNext(final int slot, final int next)
    {
        final int at = slot * STRIDE + RATING_LINKS;
        records[at] = pack(next, low(records[at]));
    }

    void ratingPrevious(final int slot, final int previous)
    {
        final int at = slot * STRIDE + RATING_LINKS;
        records[at] = pack(high(records[at]), previous);
    }

    int waitingNext(final int slot)
    {
        return high(records[slot * STRIDE + WAITING_LINKS]);
    }

    int waitingPrevious(final int slot)
    {
        return low(records[slot * STRIDE + WAITING_LINKS]);
    }

    void waitingLinks(final int slot, final int next, final int previous)
    {
        records[slot * STRIDE + WAITING_LINKS] = pack(next, previous);
    }

    void waitingNext(final int slot, final int next)
    {
        final int at = slot * STRIDE + WAITING_LINKS;
        records[at] = pack(next, low(records[at]));
    }

    void waitingPrevious(final int slot, final int previous)
    {
        final int at = slot * STRIDE + WAITING_LINKS;
        records[at] = pack(high(records[at]), previous);
    }

    /**
     * Make a written ticket findable by its id and its members' ids.
     */
    void register(final int slot)
    {
        slotByTicket.put(ticketId(slot), slot);
        final int members = partySize(slot);
        for (int i = 0; i < members; i++)
        {
            slotByUser.put(memberUser(slot, i), slot);
        }
        size++;
    }

    /**
     * Forget a registered ticket's ids; the slot must then be {@link #release released}.
     */
    void unregister(final int slot)
    {
        slotByTicket.remove(ticketId(slot));
        final int members = partySize(slot);
        for (int i = 0; i < members; i++)
        {
            slotByUser.remove(memberUser(slot, i));
        }
        size--;
    }

    /**
     * @return the slot of a waiting ticket, or {@link #NONE}.
     */
    int slotOfTicket(final long id)
    {
        return (int)slotByTicket.get(id);
    }

    /**
     * @return the slot of the waiting ticket a user is in, or {@link #NONE}.
     */
    int slotOfUser(final long userId)
    {
        return (int)slotByUser.get(userId);
    }

    /**
     * The order of the rating index: rating, then created time, then ticket id.
     *
     * @return whether slot {@code a} comes before slot {@code b}.
     */
    boolean ratingBefore(final int a, final int b)
    {
        final int ra = rating(a);
        final int rb = rating(b);
        if (ra != rb)
        {
            return ra < rb;
        }
        return waitingBefore(a, b);
    }

    /**
     * The waiting order: created time, then ticket id; the longest waiting first.
     *
     * @return whether slot {@code a} comes before slot {@code b}.
     */
    boolean waitingBefore(final int a, final int b)
    {
        final long ca = created(a);
        final long cb = created(b);
        if (ca != cb)
        {
            return ca < cb;
        }
        return ticketId(a) < ticketId(b);
    }

    private static long pack(final int high, final int low)
    {
        return ((long)high << 32) | (low & 0xFFFF_FFFFL);
    }

    private static int high(final long packed)
    {
        return (int)(packed >> 32);
    }

    private static int low(final long packed)
    {
        return (int)packed;
    }
}
