package io.gamehall.master.index;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NameIndexTest
{
    private static final int CAPACITY = 300;
    private final byte[][] names = new byte[CAPACITY][];
    private final NameIndex index = new NameIndex(CAPACITY, new NameIndex.Names()
    {
        public byte[] nameBytes(final int slot)
        {
            return names[slot];
        }

        public int nameLength(final int slot)
        {
            return names[slot].length;
        }
    });

    @Test
    void shouldFindByNameAndForgetRemovedNames()
    {
        set(0, "alice");
        set(1, "bob");
        index.insert(0);
        index.insert(1);

        assertEquals(0, find("alice"));
        assertEquals(1, find("bob"));
        assertEquals(OrderedIndex.NONE, find("carol"));
        assertEquals(OrderedIndex.NONE, find("alic"));

        index.remove(0);
        assertEquals(OrderedIndex.NONE, find("alice"));
        assertEquals(1, find("bob"));
    }

    @Test
    void shouldRefuseDuplicateName()
    {
        set(0, "alice");
        set(1, "alice");
        index.insert(0);
        assertThrows(IllegalStateException.class, () -> index.insert(1));
    }

    @Test
    void shouldAgreeWithHashMapUnderRandomChurn()
    {
        final Random random = new Random(7);
        final Map<String, Integer> model = new HashMap<>();
        final boolean[] in = new boolean[CAPACITY];
        for (int step = 0; step < 100_000; step++)
        {
            final int slot = random.nextInt(CAPACITY);
            if (in[slot])
            {
                model.remove(new String(names[slot], StandardCharsets.US_ASCII));
                index.remove(slot);
                in[slot] = false;
            }
            else
            {
                final String name = "u" + random.nextInt(2000);
                if (!model.containsKey(name))
                {
                    set(slot, name);
                    index.insert(slot);
                    model.put(name, slot);
                    in[slot] = true;
                }
            }
            final String probe = "u" + random.nextInt(2000);
            assertEquals(model.getOrDefault(probe, OrderedIndex.NONE).intValue(), find(probe), probe);
        }
        assertEquals(model.size(), index.size());
    }

    private void set(final int slot, final String name)
    {
        names[slot] = name.getBytes(StandardCharsets.US_ASCII);
    }

    private int find(final String name)
    {
        final byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        return index.find(bytes, bytes.length);
    }
}
