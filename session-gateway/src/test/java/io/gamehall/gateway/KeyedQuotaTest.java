package io.gamehall.gateway;

import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyedQuotaTest
{
    private final CachedEpochClock clock = new CachedEpochClock();

    @Test
    void shouldAllowTheWholeQuotaAtOnceThenOneUsePerShareOfTheWindow()
    {
        final KeyedQuota quota = new KeyedQuota(4, 60_000, 100, clock);
        for (int i = 0; i < 4; i++)
        {
            assertThat(quota.tryTake("10.0.0.1")).isZero();
        }
        assertThat(quota.tryTake("10.0.0.1")).isEqualTo(15_000);
        assertThat(quota.tryTake("10.0.0.2")).as("another address has its own").isZero();

        clock.advance(14_999);
        assertThat(quota.tryTake("10.0.0.1")).isEqualTo(1);
        clock.advance(1);
        assertThat(quota.tryTake("10.0.0.1")).isZero();
        assertThat(quota.tryTake("10.0.0.1")).isEqualTo(15_000);

        clock.advance(10 * 60_000);
        for (int i = 0; i < 4; i++)
        {
            assertThat(quota.tryTake("10.0.0.1")).as("never more than the quota saved up").isZero();
        }
        assertThat(quota.tryTake("10.0.0.1")).isPositive();
    }
}
