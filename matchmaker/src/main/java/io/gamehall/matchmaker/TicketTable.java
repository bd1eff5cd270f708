package io.gamehall.matchmaker;

import org.agrona.collections.Long2LongHashMap;

/**
 * The waiting tickets, one slot each, field by field in preallocated arrays: id, created time,
 * region, party rating (the members' average, rounded down), party size, the sum of the
 * members' ratings, the members themselves, and the widening step the ticket was last tried at.
 * Ticket ids and user ids map to slots through Agrona's primitive maps, so nothing is boxed.
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

    final int capacity;
    final int maxParty;
    final int spare;
    final long[] ticketId;
    final long[] created;
    final int[] region;
    final int[] rating;
    final int[] partySize;
    final long[] ratingSum;
    final int[] attemptStep;
    final long[] memberUser;
    final int[] memberRating;

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
        ticketId = new long[slots];
        created = new long[slots];
        region = new int[slots];
        rating = new int[slots];
        partySize = new int[slots];
        ratingSum = new long[slots];
        attemptStep = new int[slots];
        memberUser = new long[slots * maxParty];
        memberRating = new int[slots * maxParty];
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
        ticketId[slot] = id;
        created[slot] = createdTime;
        region[slot] = regionValue;
        partySize[slot] = 0;
        ratingSum[slot] = 0;
        rating[slot] = 0;
        attemptStep[slot] = 0;
    }

    /**
     * Add a member to a written ticket and update its party rating.
     */
    void putMember(final int slot, final long userId, final int memberRatingValue)
    {
        final int n = partySize[slot];
        final int at = slot * maxParty + n;
        memberUser[at] = userId;
        memberRating[at] = memberRatingValue;
        partySize[slot] = n + 1;
        ratingSum[slot] += memberRatingValue;
        rating[slot] = (int)Math.floorDiv(ratingSum[slot], (long)(n + 1));
    }

    long memberUser(final int slot, final int i)
    {
        return memberUser[slot * maxParty + i];
    }

    int memberRating(final int slot, final int i)
    {
        return memberRating[slot * maxParty + i];
    }

    /**
     * @return the highest minus the lowest member rating: how far apart a party is.
     */
    int partySpread(final int slot)
    {
        final int base = slot * maxParty;
        int min = memberRating[base];
        int max = min;
        for (int i = 1; i < partySize[slot]; i++)
        {
            final int r = memberRating[base + i];
            min = Math.min(min, r);
            max = Math.max(max, r);
        }
        return max - min;
    }

    /**
     * Make a written ticket findable by its id and its members' ids.
     */
    void register(final int slot)
    {
        slotByTicket.put(ticketId[slot], slot);
        final int base = slot * maxParty;
        for (int i = 0; i < partySize[slot]; i++)
        {
            slotByUser.put(memberUser[base + i], slot);
        }
        size++;
    }

    /**
     * Forget a registered ticket's ids; the slot must then be {@link #release released}.
     */
    void unregister(final int slot)
    {
        slotByTicket.remove(ticketId[slot]);
        final int base = slot * maxParty;
        for (int i = 0; i < partySize[slot]; i++)
        {
            slotByUser.remove(memberUser[base + i]);
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
        if (rating[a] != rating[b])
        {
            return rating[a] < rating[b];
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
        if (created[a] != created[b])
        {
            return created[a] < created[b];
        }
        return ticketId[a] < ticketId[b];
    }
}
