package io.gamehall.master.directory;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IdTableTest
{
    private static final int CAPACITY = 300;
    private final IdTable<User> table = new IdTable<>(CAPACITY);
    private final User[] users = new User[CAPACITY];

    IdTableTest()
    {
        for (int slot = 0; slot < CAPACITY; slot++)
        {
            users[slot] = new User(slot);
        }
    }

    @Test
    void shouldFindEntitiesAndForgetRemovedOnes()
    {
        final User a = user(0, 42);
        final User b = user(1, 0);
        final User c = user(2, -5);
        table.put(a);
        table.put(b);
        table.put(c);

        assertSame(a, table.get(42));
        assertSame(b, table.get(0));
        assertSame(c, table.get(-5));
        assertNull(table.get(43));

        table.remove(b);
        assertNull(table.get(0));
        assertEquals(2, table.size());
        assertArrayEquals(new long[]{-5, 42}, table.sortedIds());
    }

    @Test
    void shouldRefuseDuplicateIdAbsentEntityAndOverflow()
    {
        table.put(user(0, 1));
        assertThrows(IllegalStateException.class, () -> table.put(user(1, 1)));
        assertThrows(IllegalStateException.class, () -> table.remove(user(2, 2)));
        for (int slot = 1; slot < CAPACITY; slot++)
        {
            table.put(user(slot, 1 + slot));
        }
        assertThrows(IllegalStateException.class, () -> table.put(new User(CAPACITY)));
    }

    @Test
    void shouldAgreeWithHashMapUnderRandomChurn()
    {
        final Random random = new Random(11);
        final Map<Long, User> model = new HashMap<>();
        final boolean[] used = new boolean[CAPACITY];
        for (int step = 0; step < 200_000; step++)
        {
            final long id = random.nextInt(4) == 0 ? random.nextLong() : 1_000_000 + random.nextInt(600);
            final User held = model.remove(id);
            if (held != null)
            {
                table.remove(held);
                used[held.slot] = false;
            }
            else if (model.size() < CAPACITY)
            {
                int slot = random.nextInt(CAPACITY);
                while (used[slot])
                {
                    slot = (slot + 1) % CAPACITY;
                }
                used[slot] = true;
                final User user = user(slot, id);
                table.put(user);
                model.put(id, user);
            }
            final long probe = 1_000_000 + random.nextInt(600);
            assertSame(model.get(probe), table.get(probe), "id " + probe);
        }
        assertEquals(model.size(), table.size());
        assertArrayEquals(model.keySet().stream().mapToLong(Long::longValue).sorted().toArray(), table.sortedIds());
    }

    private User user(final int slot, final long id)
    {
        final User user = users[slot];
        user.id = id;
        return user;
    }
}
