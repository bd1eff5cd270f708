package io.gamehall.aeron;

import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuietingBackoffIdleStrategyTest
{
    private static final long MS = 1_000_000L;

    private final CachedNanoClock clock = new CachedNanoClock();
    private final List<Long> parks = new ArrayList<>();

    /** Parking advances the clock by the park, as a real park would; a window of 1 s, quiet at 10 wake-ups. */
    private QuietingBackoffIdleStrategy strategy(final long spins, final long yields, final long quietParkNs)
    {
        return new QuietingBackoffIdleStrategy(spins, yields, 1_000, 100_000, 1_000 * MS, 10, quietParkNs, clock,
            (ns) ->
            {
                parks.add(ns);
                clock.advance(ns);
            });
    }

    /** Idles until the clock has moved on by at least {@code ns}. */
    private static void idleFor(final QuietingBackoffIdleStrategy idle, final CachedNanoClock clock, final long ns)
    {
        final long until = clock.nanoTime() + ns;
        while (clock.nanoTime() < until)
        {
            idle.idle(0);
        }
    }

    @Test
    void shouldSpinThenYieldThenParkDoublingUpToTheLongestPark()
    {
        final QuietingBackoffIdleStrategy idle = strategy(2, 3, MS);

        for (int i = 0; i < 5; i++)
        {
            idle.idle(0);
        }
        assertThat(parks).isEmpty();

        for (int i = 0; i < 10; i++)
        {
            idle.idle(0);
        }
        assertThat(parks).containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 64_000L, 100_000L,
            100_000L, 100_000L);
        assertThat(idle.quiet()).isFalse();
    }

    @Test
    void shouldParkTheQuietParkAfterAWindowWithFewWakeupsAndStillBackOffAfterWork()
    {
        final QuietingBackoffIdleStrategy idle = strategy(0, 0, MS);

        idleFor(idle, clock, 1_000 * MS); // a window with no work at all
        assertThat(parks).allMatch((ns) -> ns <= 100_000L);
        idle.idle(0);
        assertThat(idle.quiet()).isTrue();
        assertThat(parks.get(parks.size() - 1)).isEqualTo(MS);

        idle.idle(1); // work: the back-off starts again, its longest park is then the quiet one
        parks.clear();
        for (int i = 0; i < 10; i++)
        {
            idle.idle(0);
        }
        assertThat(parks).containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 64_000L, MS, MS, MS);
    }

    @Test
    void shouldStayQuietThroughAFewWakeupsASecondAndWakeUpUnderLoad()
    {
        final QuietingBackoffIdleStrategy idle = strategy(0, 0, MS);
        idleFor(idle, clock, 1_001 * MS);
        assertThat(idle.quiet()).isTrue();

        for (int second = 0; second < 3; second++) // 10 wake-ups with work a second: still quiet
        {
            for (int i = 0; i < 10; i++)
            {
                idle.idle(1);
                idleFor(idle, clock, 100 * MS);
            }
            assertThat(idle.quiet()).isTrue();
        }

        for (int i = 0; i < 50; i++) // 50 in a second: load, no longer quiet after the window
        {
            idle.idle(1);
            idleFor(idle, clock, 20 * MS);
        }
        idleFor(idle, clock, 2 * MS);
        assertThat(idle.quiet()).isFalse();
        parks.clear();
        idleFor(idle, clock, 10 * MS);
        assertThat(parks).allMatch((ns) -> ns <= 100_000L);
    }

    @Test
    void shouldNeverGoQuietUnderSteadyWork()
    {
        final QuietingBackoffIdleStrategy idle = strategy(0, 0, MS);

        for (int i = 0; i < 100_000; i++) // work every ~0.5 ms for ~50 s
        {
            idle.idle(1);
            idleFor(idle, clock, 300_000);
        }
        assertThat(parks).allMatch((ns) -> ns <= 100_000L);
        assertThat(idle.quiet()).isFalse();
    }

    @Test
    void shouldNotQuietWhenTheQuietParkIsNoLongerThanTheLongestPark()
    {
        final QuietingBackoffIdleStrategy idle = strategy(0, 0, 50_000);

        idleFor(idle, clock, 2_000 * MS);
        assertThat(parks).allMatch((ns) -> ns <= 100_000L);
        assertThat(idle.quiet()).isFalse();
    }

    @Test
    void shouldRefuseNonsense()
    {
        assertThatThrownBy(() -> new QuietingBackoffIdleStrategy(-1, 0, 1, 1, 1, 0, 0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QuietingBackoffIdleStrategy(0, 0, 10, 5, 1, 0, 0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QuietingBackoffIdleStrategy(0, 0, 0, 5, 1, 0, 0))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
