package io.gamehall.master.directory;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The radix sort of ids carrying their slots agrees with {@link Arrays#sort(long[])} on ids of
 * every sign and width, and moves every slot with its id.
 */
class IdOrderTest
{
    @Test
    void shouldSortLikeArraysSortAndCarryTheSlots()
    {
        final Random random = new Random(26);
        for (int round = 0; round < 40; round++)
        {
            final int count = round < 4 ? round : 1 + random.nextInt(5_000);
            final long[] ids = new long[count];
            for (int i = 0; i < count; i++)
            {
                switch (round % 4)
                {
                    case 0:
                        ids[i] = random.nextLong();
                        break;
                    case 1:
                        ids[i] = 1_000_000 + i;
                        break;
                    case 2:
                        ids[i] = random.nextInt() - (long)Integer.MAX_VALUE;
                        break;
                    default:
                        ids[i] = (long)i << 40 | random.nextInt(1 << 20);
                        break;
                }
            }
            if (count > 0)
            {
                ids[0] = Long.MIN_VALUE;
            }
            if (count > 1)
            {
                ids[count - 1] = Long.MAX_VALUE;
            }
            for (int i = count - 1; i > 0; i--)
            {
                final int j = random.nextInt(i + 1);
                final long t = ids[i];
                ids[i] = ids[j];
                ids[j] = t;
            }
            final int[] slots = new int[count];
            final long[] idOfSlot = new long[count];
            for (int i = 0; i < count; i++)
            {
                slots[i] = i;
                idOfSlot[i] = ids[i];
            }
            final long[] expected = ids.clone();
            Arrays.sort(expected);

            IdOrder.sort(ids, slots, count);

            assertThat(ids).as("round " + round).isEqualTo(expected);
            for (int i = 0; i < count; i++)
            {
                assertThat(idOfSlot[slots[i]]).as("round " + round + " slot of " + ids[i]).isEqualTo(ids[i]);
            }
        }
    }
}
