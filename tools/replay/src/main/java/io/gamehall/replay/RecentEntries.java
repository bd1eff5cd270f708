package io.gamehall.replay;

import io.gamehall.sbe.journal.JournalCommandDecoder;
import io.gamehall.sbe.journal.JournalTimerDecoder;
import io.gamehall.sbe.journal.MessageHeaderDecoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The last few commands and timers of a replay, kept as copies of their journal records and
 * turned into text only when asked (at a divergence): replay stays free of per-command text
 * work and allocation.
 */
final class RecentEntries
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;

    private final byte[][] slots;
    private final int[] lengths;
    private long added;

    /**
     * @param capacity entries kept; 0 keeps none.
     */
    RecentEntries(final int capacity)
    {
        slots = new byte[capacity][];
        lengths = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            slots[i] = new byte[256];
        }
    }

    void add(final JournalCommandDecoder record)
    {
        copy(record.buffer(), record.offset() - HEADER, HEADER + record.encodedLength());
    }

    void add(final JournalTimerDecoder record)
    {
        copy(record.buffer(), record.offset() - HEADER, HEADER + record.encodedLength());
    }

    /**
     * @return the entries kept, oldest first, one line each.
     */
    List<String> lines()
    {
        final List<String> lines = new ArrayList<>();
        final int capacity = slots.length;
        final long first = Math.max(0, added - capacity);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final JournalCommandDecoder command = new JournalCommandDecoder();
        final JournalTimerDecoder timer = new JournalTimerDecoder();
        final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        final UnsafeBuffer payload = new UnsafeBuffer(0, 0);
        for (long n = first; n < added; n++)
        {
            final int slot = (int)(n % capacity);
            view.wrap(slots[slot], 0, lengths[slot]);
            header.wrap(view, 0);
            if (header.templateId() == JournalCommandDecoder.TEMPLATE_ID)
            {
                command.wrap(view, HEADER, header.blockLength(), header.version());
                command.wrapPayload(payload);
                lines.add(CommandRecord.of(command, payload, 0, payload.capacity()).toText());
            }
            else
            {
                timer.wrap(view, HEADER, header.blockLength(), header.version());
                lines.add(Instant.ofEpochMilli(timer.timestamp()) + " pos=" + timer.logPosition() + " timer " +
                    timer.correlationId());
            }
        }
        return lines;
    }

    private void copy(final org.agrona.DirectBuffer buffer, final int offset, final int length)
    {
        if (slots.length == 0)
        {
            return;
        }
        final int slot = (int)(added++ % slots.length);
        if (slots[slot].length < length)
        {
            slots[slot] = new byte[Math.max(length, slots[slot].length * 2)];
        }
        buffer.getBytes(offset, slots[slot], 0, length);
        lengths[slot] = length;
    }
}
