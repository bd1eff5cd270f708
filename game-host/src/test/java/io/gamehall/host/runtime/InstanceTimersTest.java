package io.gamehall.host.runtime;

import io.gamehall.host.api.InstanceSettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstanceTimersTest
{
    private static final long START = 1_000_000;
    private final InstanceTimers timers = new InstanceTimers(START);
    private final List<String> fired = new ArrayList<>();
    private final Instance a = new Instance(1, new InstanceSettings(1, 1, 2, 0, 0, 0), null);
    private final Instance b = new Instance(2, new InstanceSettings(1, 1, 2, 0, 0, 0), null);

    InstanceTimersTest()
    {
        timers.expiry(new InstanceTimers.Expiry()
        {
            public void onGameTimer(final Instance instance, final long gameTimerId)
            {
                fired.add(instance.id + ":" + gameTimerId);
            }

            public void onRetryTimer(final Instance instance)
            {
                fired.add(instance.id + ":retry");
            }
        });
    }

    @Test
    void timersFireInDeadlineOrderOnlyOnceDue()
    {
        timers.schedule(a, 7, START + 30);
        timers.schedule(b, 7, START + 10);
        timers.schedule(a, 8, START + 20);

        assertThat(timers.poll(START + 9)).isZero();
        assertThat(fired).isEmpty();

        timers.poll(START + 25);
        assertThat(fired).containsExactly("2:7", "1:8");

        timers.poll(START + 40);
        assertThat(fired).containsExactly("2:7", "1:8", "1:7");
        assertThat(a.timers.isEmpty()).isTrue();
        assertThat(timers.count()).isZero();
    }

    @Test
    void schedulingAnIdAgainMovesItsTimer()
    {
        timers.schedule(a, 7, START + 10);
        timers.schedule(a, 7, START + 50);

        timers.poll(START + 20);
        assertThat(fired).isEmpty();

        timers.poll(START + 60);
        assertThat(fired).containsExactly("1:7");
    }

    @Test
    void cancelledTimersNeverFire()
    {
        timers.schedule(a, 7, START + 10);
        timers.schedule(a, 8, START + 10);
        timers.schedule(b, 7, START + 10);
        timers.cancel(a, 7);
        timers.cancelAll(b);

        timers.poll(START + 100);

        assertThat(fired).containsExactly("1:8");
    }

    @Test
    void oneRetryTimerPerInstanceApartFromGameTimers()
    {
        assertThat(timers.scheduleRetry(a, START + 20)).isTrue();
        assertThat(timers.scheduleRetry(a, START + 5)).isFalse();
        timers.schedule(a, 1, START + 10);

        timers.poll(START + 30);

        assertThat(fired).containsExactly("1:1", "1:retry");
        assertThat(a.retryTimerId).isEqualTo(InstanceTimers.NONE);
        assertThat(timers.scheduleRetry(a, START + 40)).isTrue();
    }

    @Test
    void cancelAllCancelsTheRetryTimer()
    {
        timers.scheduleRetry(a, START + 20);
        timers.cancelAll(a);

        timers.poll(START + 30);

        assertThat(fired).isEmpty();
        assertThat(a.retryTimerId).isEqualTo(InstanceTimers.NONE);
    }

    @Test
    void aTimerSetWhileIdleFiresAfterItsDelayFromThen()
    {
        timers.poll(START + 10_000);
        timers.schedule(a, 3, START + 10_000 + 6);

        timers.poll(START + 10_004);
        assertThat(fired).isEmpty();
        timers.poll(START + 10_008);
        assertThat(fired).containsExactly("1:3");
    }

    @Test
    void reservedIds()
    {
        assertThat(InstanceTimers.isReserved(InstanceTimers.BACKUP_RETRY_TIMER)).isTrue();
        assertThat(InstanceTimers.isReserved(Long.MIN_VALUE)).isTrue();
        assertThat(InstanceTimers.isReserved(0)).isFalse();
        assertThatThrownBy(() -> new RunnerContext(null, timers, () -> START).schedule(1, 1))
            .isInstanceOf(IllegalStateException.class);
    }
}
