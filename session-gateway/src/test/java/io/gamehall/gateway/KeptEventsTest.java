package io.gamehall.gateway;

import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeptEventsTest
{
    @Test
    void shouldKeepEveryEventInOrderUntilFull()
    {
        final KeptEvents kept = new KeptEvents(10);
        for (long seq = 1; seq <= 7; seq++)
        {
            kept.add(frame(seq, 20), 20);
        }

        assertThat(kept.count()).isEqualTo(7);
        assertThat(sequences(kept)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void shouldDropTheOldestWhenFullAndKeepTheLastOnes()
    {
        final KeptEvents kept = new KeptEvents(5);
        for (long seq = 1; seq <= 23; seq++)
        {
            kept.add(frame(seq, 20 + (int)(seq % 3) * 40), 20 + (int)(seq % 3) * 40);
        }

        assertThat(kept.count()).isEqualTo(5);
        assertThat(sequences(kept)).containsExactly(19L, 20L, 21L, 22L, 23L);
        for (int i = 0; i < kept.count(); i++)
        {
            final long seq = kept.sequence(i);
            assertThat(kept.length(i)).isEqualTo(20 + (int)(seq % 3) * 40);
            assertThat(kept.frame(i)[kept.length(i) - 1]).isEqualTo((byte)seq); // the whole frame, not a stale one
        }
    }

    @Test
    void shouldReuseItsArraysOnceItHasComeRound()
    {
        final KeptEvents kept = new KeptEvents(4);
        final List<byte[]> firstRound = new ArrayList<>();
        for (long seq = 1; seq <= 4; seq++)
        {
            firstRound.add(kept.add(frame(seq, 30), 30));
        }
        final List<byte[]> secondRound = new ArrayList<>();
        for (long seq = 5; seq <= 8; seq++)
        {
            secondRound.add(kept.add(frame(seq, 30), 30));
        }

        for (int i = 0; i < 4; i++)
        {
            assertThat(secondRound.get(i)).isSameAs(firstRound.get(i));
        }
        assertThat(sequences(kept)).containsExactly(5L, 6L, 7L, 8L);
    }

    @Test
    void shouldTakeFramesGivenAsArraysAlike()
    {
        final KeptEvents kept = new KeptEvents(3);
        final ExpandableArrayBuffer frame = frame(41, 24);
        final byte[] bytes = new byte[24];
        frame.getBytes(0, bytes);

        kept.add(bytes);

        assertThat(kept.sequence(0)).isEqualTo(41);
        assertThat(KeptEvents.sequenceOf(kept.frame(0))).isEqualTo(41);
        assertThat(kept.length(0)).isEqualTo(24);
    }

    @Test
    void shouldRefuseToKeepNothing()
    {
        assertThatThrownBy(() -> new KeptEvents(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static ExpandableArrayBuffer frame(final long sequence, final int length)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(length);
        buffer.setMemory(0, length, (byte)0x55);
        buffer.putLong(KeptEvents.EVENT_SEQUENCE_OFFSET, sequence, ByteOrder.LITTLE_ENDIAN);
        buffer.putByte(length - 1, (byte)sequence);
        return buffer;
    }

    private static List<Long> sequences(final KeptEvents kept)
    {
        final List<Long> sequences = new ArrayList<>();
        for (int i = 0; i < kept.count(); i++)
        {
            sequences.add(kept.sequence(i));
        }
        return sequences;
    }
}
