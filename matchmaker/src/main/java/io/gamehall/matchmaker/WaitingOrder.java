package io.gamehall.matchmaker;

import java.util.Arrays;

/**
 * The waiting tickets in waiting order, longest waiting first (created time, then ticket id),
 * and where each widening step has got to.
 * <p>
 * The oldest ticket is the first to expire. For widening, a ticket reaches step {@code k} when
 * it has waited {@code k * widenEveryMs}; cursor {@code k} points at the first ticket in
 * waiting order that had not reached step {@code k} at the last tick. On a tick the engine
 * walks each cursor forward over the tickets that reach its step by the new time: the only
 * tickets whose windows widened. Inserting a ticket and removing one keep the cursors right
 * (a removed ticket's cursor moves to the ticket after it), so a tick never looks at a ticket
 * whose window did not change. An insert costs O(steps) plus the walk to its place from the
 * nearer end: O(1) for a new ticket or one older than all; a removal costs O(steps).
 */
final class WaitingOrder
{
    private static final int NONE = TicketTable.NONE;

    private final TicketTable tickets;
    private final int steps;
    private final long widenEveryMs;
    private final int[] cursor;
    private int head = NONE;
    private int tail = NONE;

    /**
     * @param tickets the ticket fields the order is read from.
     * @param rules   the queue's widening steps.
     */
    WaitingOrder(final TicketTable tickets, final QueueRules rules)
    {
        this.tickets = tickets;
        steps = rules.wideningSteps();
        widenEveryMs = rules.widenEveryMs();
        cursor = new int[steps + 1];
        Arrays.fill(cursor, NONE);
    }

    /**
     * @return the longest waiting ticket, or NONE.
     */
    int oldest()
    {
        return head;
    }

    /**
     * @return the ticket after a slot in waiting order, or NONE.
     */
    int next(final int slot)
    {
        return tickets.waitingNext(slot);
    }

    /**
     * Put a ticket in its place.
     *
     * @param slot     the ticket.
     * @param lastTick the time of the last tick: which steps the ticket had reached.
     */
    void insert(final int slot, final long lastTick)
    {
        final int before = placeOf(slot);
        final int after;
        if (before == NONE)
        {
            after = head;
            head = slot;
        }
        else
        {
            after = tickets.waitingNext(before);
            tickets.waitingNext(before, slot);
        }
        tickets.waitingLinks(slot, after, before);
        if (after == NONE)
        {
            tail = slot;
        }
        else
        {
            tickets.waitingPrevious(after, slot);
        }

        final long createdTime = tickets.created(slot);
        for (int k = 1; k <= steps; k++)
        {
            if (createdTime > lastTick - k * widenEveryMs && (cursor[k] == NONE || tickets.waitingBefore(slot, cursor[k])))
            {
                cursor[k] = slot;
            }
        }
    }

    /**
     * Where a ticket goes: after the ticket this returns (NONE: first). Looked for from the end
     * nearer in created time: a new ticket is found at once at the back, an old one (a ticket
     * handed over, or sent again after its partition was lost) from the front.
     */
    private int placeOf(final int slot)
    {
        if (head == NONE)
        {
            return NONE;
        }
        final long created = tickets.created(slot);
        if (created - tickets.created(head) < tickets.created(tail) - created)
        {
            int after = head;
            while (after != NONE && tickets.waitingBefore(after, slot))
            {
                after = tickets.waitingNext(after);
            }
            return after == NONE ? tail : tickets.waitingPrevious(after);
        }
        int before = tail;
        while (before != NONE && tickets.waitingBefore(slot, before))
        {
            before = tickets.waitingPrevious(before);
        }
        return before;
    }

    void remove(final int slot)
    {
        final int p = tickets.waitingPrevious(slot);
        final int n = tickets.waitingNext(slot);
        for (int k = 1; k <= steps; k++)
        {
            if (cursor[k] == slot)
            {
                cursor[k] = n;
            }
        }
        if (p == NONE)
        {
            head = n;
        }
        else
        {
            tickets.waitingNext(p, n);
        }
        if (n == NONE)
        {
            tail = p;
        }
        else
        {
            tickets.waitingPrevious(n, p);
        }
        tickets.waitingLinks(slot, NONE, NONE);
    }

    /**
     * @param step a widening step, 1..steps.
     * @return the first ticket that had not reached it at the last tick, or NONE.
     */
    int cursor(final int step)
    {
        return cursor[step];
    }

    /**
     * Move a step's cursor past its ticket, which has now reached the step.
     */
    void advance(final int step)
    {
        cursor[step] = tickets.waitingNext(cursor[step]);
    }
}
