package io.gamehall.master.index;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderedIndexTest
{
    private static final int CAPACITY = 512;
    private final long[] keys = new long[CAPACITY];
    private final long[] ids = new long[CAPACITY];
    private final OrderedIndex index = new OrderedIndex("test", CAPACITY, new OrderedIndex.Keys()
    {
        public long key(final int slot)
        {
            return keys[slot];
        }

        public long id(final int slot)
        {
            return ids[slot];
        }
    });

    @Test
    void shouldWalkEntriesInKeyThenIdOrder()
    {
        put(0, 5, 50);
        put(1, 1, 30);
        put(2, 5, 10);
        put(3, 1, 20);

        assertEquals(List.of(3, 1, 2, 0), walk());
        assertNull(index.verify());
    }

    @Test
    void shouldSeekCeilingAndFirstWithKey()
    {
        put(0, 1, 10);
        put(1, 2, 20);
        put(2, 2, 30);
        put(3, 4, 40);

        assertEquals(1, index.ceiling(2, 0));
        assertEquals(2, index.ceiling(2, 21));
        assertEquals(3, index.ceiling(2, 31));
        assertEquals(OrderedIndex.NONE, index.ceiling(4, 41));
        assertEquals(1, index.firstWithKey(2));
        assertEquals(OrderedIndex.NONE, index.firstWithKey(3));
    }

    @Test
    void shouldRefuseDoubleInsertAndRemovalOfAbsentSlot()
    {
        put(0, 1, 1);
        assertThrows(IllegalStateException.class, () -> index.insert(0));
        assertThrows(IllegalStateException.class, () -> index.remove(1));
    }

    @Test
    void shouldAgreeWithTreeSetUnderRandomInsertsRemovesAndKeyChanges()
    {
        final Random random = new Random(42);
        final TreeSet<long[]> model = new TreeSet<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        final boolean[] in = new boolean[CAPACITY];

        for (int step = 0; step < 50_000; step++)
        {
            final int slot = random.nextInt(CAPACITY);
            if (in[slot])
            {
                model.remove(new long[]{keys[slot], ids[slot]});
                index.remove(slot);
                in[slot] = false;
                if (random.nextBoolean())
                {
                    keys[slot] = random.nextInt(16);
                    index.insert(slot);
                    model.add(new long[]{keys[slot], ids[slot]});
                    in[slot] = true;
                }
            }
            else
            {
                keys[slot] = random.nextInt(16);
                ids[slot] = slot;
                index.insert(slot);
                model.add(new long[]{keys[slot], ids[slot]});
                in[slot] = true;
            }

            if (step % 997 == 0)
            {
                assertNull(index.verify());
                final List<long[]> walked = new ArrayList<>();
                for (int s = index.first(); s != OrderedIndex.NONE; s = index.next(s))
                {
                    walked.add(new long[]{keys[s], ids[s]});
                }
                assertEquals(model.size(), walked.size());
                int i = 0;
                for (final long[] expected : model)
                {
                    assertTrue(expected[0] == walked.get(i)[0] && expected[1] == walked.get(i)[1], "entry " + i);
                    i++;
                }
                final long seekKey = random.nextInt(16);
                final long[] expectedCeiling = model.ceiling(new long[]{seekKey, 100});
                final int ceiling = index.ceiling(seekKey, 100);
                if (expectedCeiling == null)
                {
                    assertEquals(OrderedIndex.NONE, ceiling);
                }
                else
                {
                    assertEquals(expectedCeiling[1], ids[ceiling]);
                }
            }
        }
        assertEquals(model.size(), index.size());
    }

    @Test
    void shouldKeepTheFirstEntryOfEachKeyAtHandUnderRandomChurn()
    {
        final OrderedIndex withFirsts = new OrderedIndex("firsts", CAPACITY, new OrderedIndex.Keys()
        {
            public long key(final int slot)
            {
                return keys[slot];
            }

            public long id(final int slot)
            {
                return ids[slot];
            }
        }, true);
        final Random random = new Random(7);
        final TreeSet<long[]> model = new TreeSet<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        final boolean[] in = new boolean[CAPACITY];

        for (int step = 0; step < 20_000; step++)
        {
            final int slot = random.nextInt(CAPACITY);
            if (in[slot])
            {
                model.remove(new long[]{keys[slot], ids[slot]});
                withFirsts.remove(slot);
                in[slot] = false;
            }
            else
            {
                keys[slot] = random.nextInt(8);
                ids[slot] = random.nextInt(1_000) * CAPACITY + slot;
                withFirsts.insert(slot);
                model.add(new long[]{keys[slot], ids[slot]});
                in[slot] = true;
            }

            final long seekKey = random.nextInt(9);
            final long seekId = random.nextBoolean() ? 0 : random.nextInt(1_000 * CAPACITY);
            final long[] expected = model.ceiling(new long[]{seekKey, seekId});
            final int found = withFirsts.ceilingWithKey(seekKey, seekId);
            if (expected == null || expected[0] != seekKey)
            {
                assertEquals(OrderedIndex.NONE, found, "step " + step);
            }
            else
            {
                assertEquals(expected[1], ids[found], "step " + step);
            }
            final long[] first = model.ceiling(new long[]{seekKey, Long.MIN_VALUE});
            assertEquals(first == null || first[0] != seekKey ? OrderedIndex.NONE : (int)(first[1] % CAPACITY),
                withFirsts.firstWithKey(seekKey), "step " + step);
            if (step % 101 == 0)
            {
                assertNull(withFirsts.verify(), "step " + step);
            }
        }
    }

    private void put(final int slot, final long key, final long id)
    {
        keys[slot] = key;
        ids[slot] = id;
        index.insert(slot);
    }

    private List<Integer> walk()
    {
        final List<Integer> slots = new ArrayList<>();
        for (int s = index.first(); s != OrderedIndex.NONE; s = index.next(s))
        {
            slots.add(s);
        }
        return slots;
    }
}
