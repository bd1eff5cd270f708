package io.gamehall.master.directory;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EntityPoolTest
{
    @Test
    void shouldHandOutTheLowestFreeSlot()
    {
        final EntityPool<User> pool = new EntityPool<>(200, User::new);
        for (int i = 0; i < 130; i++)
        {
            assertThat(pool.acquire().slot).isEqualTo(i);
        }
        pool.release(70);
        pool.release(3);
        pool.release(128);

        assertThat(pool.acquire().slot).isEqualTo(3);
        assertThat(pool.acquire().slot).isEqualTo(70);
        assertThat(pool.acquire().slot).isEqualTo(128);
        assertThat(pool.acquire().slot).isEqualTo(130);
        assertThat(pool.inUse()).isEqualTo(131);
    }

    @Test
    void shouldReuseTheEntityOfAFreedSlot()
    {
        final EntityPool<User> pool = new EntityPool<>(8, User::new);
        final User first = pool.acquire();
        pool.release(first.slot);

        assertThat(pool.acquire()).isSameAs(first);
    }

    @Test
    void shouldFillToACapacityThatIsNoMultipleOf64AndNoFurther()
    {
        final EntityPool<User> pool = new EntityPool<>(100, User::new);
        for (int i = 0; i < 100; i++)
        {
            pool.acquire();
        }

        assertThat(pool.isFull()).isTrue();
        assertThatThrownBy(pool::acquire).isInstanceOf(IllegalStateException.class).hasMessageContaining("pool full");
        pool.release(99);
        assertThat(pool.acquire().slot).isEqualTo(99);
    }

    @Test
    void shouldTakeARecordedSlotAndRefuseATakenOrOutOfRangeOne()
    {
        final EntityPool<User> pool = new EntityPool<>(100, User::new);

        assertThat(pool.acquireAt(77).slot).isEqualTo(77);
        assertThat(pool.acquire().slot).isEqualTo(0);
        assertThatThrownBy(() -> pool.acquireAt(77)).hasMessageContaining("already in use");
        assertThatThrownBy(() -> pool.acquireAt(100)).hasMessageContaining("beyond the capacity");
        assertThatThrownBy(() -> pool.acquireAt(-1)).hasMessageContaining("beyond the capacity");
    }

    @Test
    void shouldWalkSlotsInUseInOrder()
    {
        final EntityPool<User> pool = new EntityPool<>(300, User::new);
        for (final int slot : new int[]{0, 5, 63, 64, 200, 299})
        {
            pool.acquireAt(slot);
        }

        assertThat(walk(pool, 0)).containsExactly(0, 5, 63, 64, 200, 299);
        assertThat(walk(pool, 6)).containsExactly(63, 64, 200, 299);
        assertThat(pool.nextInUse(300)).isEqualTo(EntityPool.NONE);
        assertThat(pool.nextInUse(1_000)).isEqualTo(EntityPool.NONE);
    }

    @Test
    void shouldAgreeWithASortedSetOverRandomChurn()
    {
        final Random random = new Random(42);
        final int capacity = 5_000;
        final EntityPool<User> pool = new EntityPool<>(capacity, User::new);
        final TreeSet<Integer> used = new TreeSet<>();
        for (int step = 0; step < 50_000; step++)
        {
            if (!used.isEmpty() && (used.size() == capacity || random.nextInt(100) < 45))
            {
                final int slot = pool.nextInUse(random.nextInt(capacity));
                final int victim = slot == EntityPool.NONE ? used.first() : slot;
                assertThat(used.ceiling(victim)).isEqualTo(victim);
                pool.release(victim);
                used.remove(victim);
            }
            else
            {
                int lowestFree = 0;
                while (used.contains(lowestFree))
                {
                    lowestFree++;
                }
                assertThat(pool.acquire().slot).isEqualTo(lowestFree);
                used.add(lowestFree);
            }
            assertThat(pool.inUse()).isEqualTo(used.size());
        }
        assertThat(walk(pool, 0)).containsExactlyElementsOf(used);
    }

    private static List<Integer> walk(final EntityPool<User> pool, final int from)
    {
        final List<Integer> slots = new ArrayList<>();
        for (int slot = pool.nextInUse(from); slot != EntityPool.NONE; slot = pool.nextInUse(slot + 1))
        {
            slots.add(slot);
        }
        return slots;
    }
}
