package io.gamehall.gateway;

import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginBackoffTest
{
    private final CachedEpochClock clock = new CachedEpochClock();
    private final LoginBackoff backoff = new LoginBackoff(3, 1_000, 8_000, 60_000, 100, clock);

    @Test
    void shouldLetTheFreeFailuresThroughThenWaitDoublingUpToTheMaximum()
    {
        clock.update(1_000_000);
        for (int i = 0; i < 3; i++)
        {
            assertThat(backoff.retryAfterMs("alice")).isZero();
            backoff.failed("alice");
        }
        assertThat(backoff.retryAfterMs("alice")).as("3 failures are free").isZero();

        final long[] expected = {1_000, 2_000, 4_000, 8_000, 8_000};
        for (final long wait : expected)
        {
            backoff.failed("alice");
            assertThat(backoff.retryAfterMs("alice")).isEqualTo(wait);
            clock.advance(wait - 1);
            assertThat(backoff.retryAfterMs("alice")).isEqualTo(1);
            clock.advance(1);
            assertThat(backoff.retryAfterMs("alice")).isZero();
        }
        assertThat(backoff.retryAfterMs("bob")).as("other keys are not affected").isZero();
    }

    @Test
    void shouldForgetOnSuccessAndAfterTheQuietTime()
    {
        for (int i = 0; i < 5; i++)
        {
            backoff.failed("alice");
            backoff.failed("10.0.0.1");
        }
        assertThat(backoff.retryAfterMs("alice")).isPositive();

        backoff.succeeded("alice");
        assertThat(backoff.retryAfterMs("alice")).isZero();
        backoff.failed("alice");
        assertThat(backoff.retryAfterMs("alice")).as("counting starts again").isZero();

        assertThat(backoff.retryAfterMs("10.0.0.1")).isPositive();
        clock.advance(60_000);
        assertThat(backoff.retryAfterMs("10.0.0.1")).isZero();
        backoff.failed("10.0.0.1");
        assertThat(backoff.retryAfterMs("10.0.0.1")).as("forgotten: the free failures again").isZero();
    }

    @Test
    void shouldRememberAtMostItsKeysDroppingTheLeastRecentlyUsed()
    {
        for (int i = 0; i < 5; i++)
        {
            backoff.failed("under-attack");
        }
        for (int n = 0; n < 1_000; n++)
        {
            backoff.failed("made-up-" + n);
            assertThat(backoff.retryAfterMs("under-attack")).isPositive(); // used, so kept
        }
        assertThat(backoff.size()).isEqualTo(100);
    }
}
