package io.gamehall.aeron;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdleSettingsTest
{
    @Test
    void shouldBackOffByDefaultWithTheDocumentedValues()
    {
        assertThat(IdleSettings.DEFAULT).isEqualTo(new IdleSettings(IdleKind.BACKOFF, 10, 20, 100, 0, 100));
        assertThat(IdleSettings.DEFAULT.newStrategy()).isInstanceOf(BackoffIdleStrategy.class);
        assertThat(IdleSettings.DEFAULT.newStrategy()).isNotSameAs(IdleSettings.DEFAULT.newStrategy());
    }

    @Test
    void shouldBeAgronasBackoffUnlessQuietThreadsAreAskedFor()
    {
        // no longer than the longest park: off
        assertThat(IdleSettings.DEFAULT.withQuietParkMicros(100).newStrategy()).isInstanceOf(BackoffIdleStrategy.class);
        assertThat(IdleSettings.DEFAULT.withQuietParkMicros(1000).newStrategy())
            .isInstanceOf(QuietingBackoffIdleStrategy.class);
        assertThat(IdleSettings.DEFAULT.withQuietParkMicros(1000).withMaxParkMicros(1000).newStrategy())
            .isInstanceOf(BackoffIdleStrategy.class);
    }

    @Test
    void shouldMakeTheStrategyOfEachKind()
    {
        assertThat(IdleSettings.DEFAULT.withKind(IdleKind.YIELDING).newStrategy()).isInstanceOf(YieldingIdleStrategy.class);
        assertThat(IdleSettings.DEFAULT.withKind(IdleKind.BUSY_SPIN).newStrategy()).isInstanceOf(BusySpinIdleStrategy.class);
        assertThat(IdleSettings.DEFAULT.withKind(IdleKind.SLEEPING).newStrategy())
            .isInstanceOf(SleepingMillisIdleStrategy.class);
    }

    @Test
    void shouldCarryEachValueIntoTheBackoff()
    {
        final String described = IdleSettings.DEFAULT.withSpins(3).withYields(0).withMaxParkMicros(50)
            .withQuietParkMicros(2000).withQuietWakeups(7).newStrategy().toString();
        assertThat(described).contains("spins=3", "yields=0", "maxParkNs=50000", "quietWakeups=7", "quietParkNs=2000000");
    }

    @Test
    void shouldPauseTheJournalWriterQuietlyAtItsOwnThreshold()
    {
        assertThat(IdleSettings.DEFAULT.withQuietWakeups(5).pausing(1_000_000, 10_000_000).toString())
            .contains("quietWakeups=5", "maxParkNs=1000000", "quietParkNs=10000000");
    }

    @Test
    void shouldNameTheValueOutOfRange()
    {
        assertThatThrownBy(() -> IdleSettings.DEFAULT.withSpins(-1))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("idle spins must be at least 0: -1");
        assertThatThrownBy(() -> IdleSettings.DEFAULT.withYields(-2))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("idle yields must be at least 0: -2");
        assertThatThrownBy(() -> IdleSettings.DEFAULT.withMaxParkMicros(0))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("longest park (µs) must be at least 1: 0");
        assertThatThrownBy(() -> IdleSettings.DEFAULT.withQuietParkMicros(-1))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("quiet park (µs) must be at least 0: -1");
        assertThatThrownBy(() -> IdleSettings.DEFAULT.withQuietWakeups(-1))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("quiet wake-ups must be at least 0: -1");
        assertThatThrownBy(() -> IdleSettings.DEFAULT.withMaxParkMicros(2_000_000))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 1 s");
        assertThatThrownBy(() -> IdleSettings.DEFAULT.withKind(null))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BACKOFF, YIELDING, BUSY_SPIN, SLEEPING");
    }
}
