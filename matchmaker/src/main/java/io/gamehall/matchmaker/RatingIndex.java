package io.gamehall.matchmaker;

import java.util.Arrays;

/**
 * The waiting tickets of one region (or of all, when the queue ignores regions) in rating
 * order: rating, then created time, then ticket id.
 * <p>
 * Ratings map to buckets, {@code (rating - base) >> shift}; a bucket holds its tickets in a
 * doubly linked list in order, and a two-level bitmap of the buckets that hold any lets a walk
 * jump over empty ones. A ticket usually goes in at the end of its bucket (it is the newest of
 * its rating), so inserting and removing cost O(1) and a walk to a neighbour a few reads.
 * Links live in the tickets' records ({@link TicketTable}); a bucket's first and last ticket
 * sit side by side. Nothing here allocates after construction.
 */
final class RatingIndex
{
    private static final int NONE = TicketTable.NONE;

    private final TicketTable tickets;
    private final int buckets;
    private final int[] ends;
    private final long[] words;
    private final long[] summary;
    private int base;
    private int shift;
    private int size;

    /**
     * @param tickets the tickets, their fields and links.
     * @param buckets bucket count, a power of two, at least 64.
     */
    RatingIndex(final TicketTable tickets, final int buckets)
    {
        this.tickets = tickets;
        this.buckets = buckets;
        ends = new int[2 * buckets];
        Arrays.fill(ends, NONE);
        final int wordCount = buckets >>> 6;
        words = new long[wordCount];
        summary = new long[(wordCount + 63) >>> 6];
    }

    /**
     * Set the ratings the buckets cover, {@code [base, base + (buckets << shift))}; only when empty.
     */
    void cover(final int base, final int shift)
    {
        if (size != 0)
        {
            throw new IllegalStateException("an index is re-based only when empty");
        }
        this.base = base;
        this.shift = shift;
    }

    int size()
    {
        return size;
    }

    void insert(final int slot)
    {
        final int b = bucketOf(tickets.rating(slot));
        int before = ends[2 * b + 1];
        while (before != NONE && tickets.ratingBefore(slot, before))
        {
            before = tickets.ratingPrevious(before);
        }
        final int after;
        if (before == NONE)
        {
            after = ends[2 * b];
            ends[2 * b] = slot;
        }
        else
        {
            after = tickets.ratingNext(before);
            tickets.ratingNext(before, slot);
        }
        tickets.ratingLinks(slot, after, before);
        if (after == NONE)
        {
            ends[2 * b + 1] = slot;
        }
        else
        {
            tickets.ratingPrevious(after, slot);
        }
        mark(b);
        size++;
    }

    void remove(final int slot)
    {
        final int b = bucketOf(tickets.rating(slot));
        final int p = tickets.ratingPrevious(slot);
        final int n = tickets.ratingNext(slot);
        if (p == NONE)
        {
            ends[2 * b] = n;
        }
        else
        {
            tickets.ratingNext(p, n);
        }
        if (n == NONE)
        {
            ends[2 * b + 1] = p;
        }
        else
        {
            tickets.ratingPrevious(n, p);
        }
        tickets.ratingLinks(slot, NONE, NONE);
        if (ends[2 * b] == NONE)
        {
            unmark(b);
        }
        size--;
    }

    /**
     * @param slot    a ticket in this index.
     * @param highest the highest rating of interest.
     * @return the ticket after it in rating order, or NONE when there is none or every one after
     *     it lies in a bucket wholly above {@code highest} (so the walk stops without reading them).
     */
    int next(final int slot, final long highest)
    {
        final int n = tickets.ratingNext(slot);
        if (n != NONE)
        {
            return n;
        }
        return headFrom(bucketOf(tickets.rating(slot)) + 1, highest);
    }

    /**
     * @param slot   a ticket in this index.
     * @param lowest the lowest rating of interest.
     * @return the ticket before it in rating order, or NONE when there is none or every one
     *     before it lies in a bucket wholly below {@code lowest}.
     */
    int previous(final int slot, final long lowest)
    {
        final int p = tickets.ratingPrevious(slot);
        if (p != NONE)
        {
            return p;
        }
        return tailFrom(bucketOf(tickets.rating(slot)) - 1, lowest);
    }

    /**
     * @param rating  where to start.
     * @param highest the highest rating of interest.
     * @return the first ticket rated {@code rating} or more, or NONE as for {@link #next(int, long)}.
     */
    int firstAtOrAbove(final int rating, final long highest)
    {
        final long offset = (long)rating - base;
        if (offset < 0)
        {
            return headFrom(0, highest);
        }
        final long bucket = offset >> shift;
        if (bucket >= buckets)
        {
            return NONE;
        }
        final int b = (int)bucket;
        for (int s = ends[2 * b]; s != NONE; s = tickets.ratingNext(s))
        {
            if (tickets.rating(s) >= rating)
            {
                return s;
            }
        }
        return headFrom(b + 1, highest);
    }

    /**
     * @param rating where to start.
     * @param lowest the lowest rating of interest.
     * @return the last ticket rated below {@code rating}, or NONE as for {@link #previous(int, long)}.
     */
    int lastBelow(final int rating, final long lowest)
    {
        final long offset = (long)rating - base;
        if (offset < 0)
        {
            return NONE;
        }
        final long bucket = offset >> shift;
        if (bucket >= buckets)
        {
            return tailFrom(buckets - 1, lowest);
        }
        final int b = (int)bucket;
        for (int s = ends[2 * b + 1]; s != NONE; s = tickets.ratingPrevious(s))
        {
            if (tickets.rating(s) < rating)
            {
                return s;
            }
        }
        return tailFrom(b - 1, lowest);
    }

    /**
     * @return the first ticket of the first bucket at or after {@code from} that holds any, unless
     *     that bucket lies wholly above {@code highest}; else NONE.
     */
    private int headFrom(final int from, final long highest)
    {
        final int b = nextBucket(from);
        if (b < 0 || base + ((long)b << shift) > highest)
        {
            return NONE;
        }
        return ends[2 * b];
    }

    /**
     * @return the last ticket of the last bucket at or before {@code from} that holds any, unless
     *     that bucket lies wholly below {@code lowest}; else NONE.
     */
    private int tailFrom(final int from, final long lowest)
    {
        final int b = previousBucket(from);
        if (b < 0 || base + ((long)(b + 1) << shift) - 1 < lowest)
        {
            return NONE;
        }
        return ends[2 * b + 1];
    }

    private int bucketOf(final int rating)
    {
        return (int)(((long)rating - base) >> shift);
    }

    private void mark(final int b)
    {
        final int w = b >>> 6;
        words[w] |= 1L << b;
        summary[w >>> 6] |= 1L << w;
    }

    private void unmark(final int b)
    {
        final int w = b >>> 6;
        words[w] &= ~(1L << b);
        if (words[w] == 0)
        {
            summary[w >>> 6] &= ~(1L << w);
        }
    }

    /**
     * @return the first bucket at or after {@code from} that holds a ticket, or -1.
     */
    private int nextBucket(final int from)
    {
        if (from >= buckets)
        {
            return -1;
        }
        final int w = from >>> 6;
        final long bits = words[w] & (-1L << from);
        if (bits != 0)
        {
            return (w << 6) + Long.numberOfTrailingZeros(bits);
        }
        final int fromWord = w + 1;
        if (fromWord >= words.length)
        {
            return -1;
        }
        int s = fromWord >>> 6;
        long summaryBits = summary[s] & (-1L << fromWord);
        while (summaryBits == 0)
        {
            if (++s >= summary.length)
            {
                return -1;
            }
            summaryBits = summary[s];
        }
        final int word = (s << 6) + Long.numberOfTrailingZeros(summaryBits);
        return (word << 6) + Long.numberOfTrailingZeros(words[word]);
    }

    /**
     * @return the last bucket at or before {@code from} that holds a ticket, or -1.
     */
    private int previousBucket(final int from)
    {
        if (from < 0)
        {
            return -1;
        }
        final int w = from >>> 6;
        final long bits = words[w] & (-1L >>> (63 - (from & 63)));
        if (bits != 0)
        {
            return (w << 6) + 63 - Long.numberOfLeadingZeros(bits);
        }
        final int fromWord = w - 1;
        if (fromWord < 0)
        {
            return -1;
        }
        int s = fromWord >>> 6;
        long summaryBits = summary[s] & (-1L >>> (63 - (fromWord & 63)));
        while (summaryBits == 0)
        {
            if (--s < 0)
            {
                return -1;
            }
            summaryBits = summary[s];
        }
        final int word = (s << 6) + 63 - Long.numberOfLeadingZeros(summaryBits);
        return (word << 6) + 63 - Long.numberOfLeadingZeros(words[word]);
    }
}
