package io.gamehall.gateway;

import org.agrona.DirectBuffer;

/**
 * The last events sent to a session, kept for a resume: a ring of byte arrays that are
 * written over once it has wrapped, so a session under steady game traffic keeps no garbage.
 * It grows on demand up to its capacity, so an idle session holds almost nothing. Not
 * thread-safe: the session's monitor guards it.
 */
final class KeptEvents
{
    /** Byte offset of eventSequence in every event frame (after the 8-byte SBE header). */
    static final int EVENT_SEQUENCE_OFFSET = 8;
    private static final int FIRST_SLOTS = 4;
    private static final int SLOT_ROUNDING = 64;
    private static final byte[][] NO_FRAMES = new byte[0][];
    private static final int[] NO_LENGTHS = new int[0];

    private final int capacity;
    private byte[][] frames = NO_FRAMES;
    private int[] lengths = NO_LENGTHS;
    private int oldest;
    private int count;

    /**
     * @param capacity how many events to keep (at least 1).
     */
    KeptEvents(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("keep at least one event: " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Keep a copy of a frame, dropping the oldest when full.
     *
     * @return the array the copy is in, from index 0 (valid until the ring comes round to it again).
     */
    byte[] add(final DirectBuffer frame, final int length)
    {
        final byte[] slot = claim(length);
        frame.getBytes(0, slot, 0, length);
        return slot;
    }

    /**
     * Keep a copy of a frame, dropping the oldest when full.
     *
     * @return the array the copy is in, from index 0 (valid until the ring comes round to it again).
     */
    byte[] add(final byte[] frame)
    {
        final byte[] slot = claim(frame.length);
        System.arraycopy(frame, 0, slot, 0, frame.length);
        return slot;
    }

    int count()
    {
        return count;
    }

    /**
     * @param i 0 for the oldest kept event.
     */
    byte[] frame(final int i)
    {
        return frames[index(i)];
    }

    /**
     * @param i 0 for the oldest kept event.
     */
    int length(final int i)
    {
        return lengths[index(i)];
    }

    /**
     * @param i 0 for the oldest kept event.
     */
    long sequence(final int i)
    {
        return sequenceOf(frames[index(i)]);
    }

    /**
     * @return the eventSequence of an event frame (little-endian, as all of the client protocol).
     */
    static long sequenceOf(final byte[] frame)
    {
        long value = 0;
        for (int b = 7; b >= 0; b--)
        {
            value = (value << 8) | (frame[EVENT_SEQUENCE_OFFSET + b] & 0xFF);
        }
        return value;
    }

    private byte[] claim(final int length)
    {
        if (count == frames.length && frames.length < capacity)
        {
            grow();
        }
        final int at;
        if (count == capacity)
        {
            at = oldest;
            oldest = (oldest + 1) % frames.length;
        }
        else
        {
            at = index(count);
            count++;
        }
        byte[] slot = frames[at];
        if (slot == null || slot.length < length)
        {
            slot = new byte[(length + SLOT_ROUNDING - 1) / SLOT_ROUNDING * SLOT_ROUNDING];
            frames[at] = slot;
        }
        lengths[at] = length;
        return slot;
    }

    private void grow()
    {
        final int size = Math.min(capacity, Math.max(FIRST_SLOTS, frames.length * 2));
        final byte[][] newFrames = new byte[size][];
        final int[] newLengths = new int[size];
        for (int i = 0; i < count; i++)
        {
            newFrames[i] = frames[index(i)];
            newLengths[i] = lengths[index(i)];
        }
        frames = newFrames;
        lengths = newLengths;
        oldest = 0;
    }

    private int index(final int i)
    {
        return (oldest + i) % frames.length;
    }
}
