package io.gamehall.host.runtime;

import org.agrona.DeadlineTimerWheel;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.concurrent.TimeUnit;

/**
 * A runner's timers: each instance's game timers (ids the game chose) and its one backup retry
 * timer, on one Agrona {@link DeadlineTimerWheel}. Timers are data (wheel id → instance, game
 * timer id); an expiry reaches the {@link Expiry} handler once, and only for a timer still set.
 */
final class InstanceTimers
{
    /** Wheel tick, milliseconds. */
    static final int TICK_RESOLUTION_MS = 2;
    /** Game timer id the runtime keeps for the backup retry; a game may not use it. */
    static final long BACKUP_RETRY_TIMER = Long.MIN_VALUE + 1;
    /** No timer. */
    static final long NONE = Long.MIN_VALUE;
    private static final int TICKS_PER_WHEEL = 1024;
    private static final int EXPIRIES_PER_POLL = 1_000;
    private static final int MAX_POLLS = 1_000;

    /**
     * Called as timers expire, in deadline order.
     */
    interface Expiry
    {
        void onGameTimer(Instance instance, long gameTimerId);

        void onRetryTimer(Instance instance);
    }

    private final DeadlineTimerWheel wheel;
    private final Long2ObjectHashMap<Instance> owner = new Long2ObjectHashMap<>();
    private final Long2LongHashMap gameTimerIds = new Long2LongHashMap(NONE);
    private final DeadlineTimerWheel.TimerHandler timerHandler = this::onExpiry;
    private Expiry expiry;

    InstanceTimers(final long startTimeMs)
    {
        wheel = new DeadlineTimerWheel(TimeUnit.MILLISECONDS, startTimeMs, TICK_RESOLUTION_MS, TICKS_PER_WHEEL);
    }

    void expiry(final Expiry expiry)
    {
        this.expiry = expiry;
    }

    /**
     * @return true when {@code timerId} is reserved by the runtime.
     */
    static boolean isReserved(final long timerId)
    {
        return timerId == BACKUP_RETRY_TIMER || timerId == NONE;
    }

    /**
     * Set (or move) a game timer of {@code instance}.
     */
    void schedule(final Instance instance, final long gameTimerId, final long deadlineMs)
    {
        final long existing = instance.timers.get(gameTimerId);
        if (existing != NONE)
        {
            cancelWheel(existing);
        }
        instance.timers.put(gameTimerId, scheduleWheel(instance, gameTimerId, deadlineMs));
    }

    /**
     * Cancel a game timer of {@code instance}, if set.
     */
    void cancel(final Instance instance, final long gameTimerId)
    {
        final long existing = instance.timers.remove(gameTimerId);
        if (existing != NONE)
        {
            cancelWheel(existing);
        }
    }

    /**
     * Set the instance's retry timer unless one is set.
     *
     * @return false when one was already set.
     */
    boolean scheduleRetry(final Instance instance, final long deadlineMs)
    {
        if (instance.retryTimerId != NONE)
        {
            return false;
        }
        instance.retryTimerId = scheduleWheel(instance, BACKUP_RETRY_TIMER, deadlineMs);
        return true;
    }

    /**
     * Cancel every timer of {@code instance}.
     */
    void cancelAll(final Instance instance)
    {
        instance.timers.forEach((gameTimerId, wheelId) -> cancelWheel(wheelId));
        instance.timers.clear();
        if (instance.retryTimerId != NONE)
        {
            cancelWheel(instance.retryTimerId);
            instance.retryTimerId = NONE;
        }
    }

    /**
     * @return timers set, of every instance.
     */
    long count()
    {
        return wheel.timerCount();
    }

    /**
     * Fire the timers due at {@code nowMs}.
     *
     * @return timers fired.
     */
    int poll(final long nowMs)
    {
        int work = 0;
        if (wheel.timerCount() == 0)
        {
            if (nowMs - wheel.currentTickTime() > TICK_RESOLUTION_MS * 2L)
            {
                wheel.resetStartTime(nowMs);
            }
        }
        else
        {
            for (int i = 0; i < MAX_POLLS && nowMs >= wheel.currentTickTime(); i++)
            {
                work += wheel.poll(nowMs, timerHandler, EXPIRIES_PER_POLL);
            }
            work += wheel.poll(nowMs, timerHandler, EXPIRIES_PER_POLL);
        }
        return work;
    }

    private boolean onExpiry(final TimeUnit timeUnit, final long nowMs, final long wheelId)
    {
        final Instance instance = owner.remove(wheelId);
        final long gameTimerId = gameTimerIds.remove(wheelId);
        if (instance == null)
        {
            return true;
        }
        if (gameTimerId == BACKUP_RETRY_TIMER)
        {
            if (instance.retryTimerId == wheelId)
            {
                instance.retryTimerId = NONE;
                expiry.onRetryTimer(instance);
            }
            return true;
        }
        if (instance.timers.get(gameTimerId) != wheelId)
        {
            return true;
        }
        instance.timers.remove(gameTimerId);
        expiry.onGameTimer(instance, gameTimerId);
        return true;
    }

    private long scheduleWheel(final Instance instance, final long gameTimerId, final long deadlineMs)
    {
        final long wheelId = wheel.scheduleTimer(deadlineMs);
        owner.put(wheelId, instance);
        gameTimerIds.put(wheelId, gameTimerId);
        return wheelId;
    }

    private void cancelWheel(final long wheelId)
    {
        wheel.cancelTimer(wheelId);
        owner.remove(wheelId);
        gameTimerIds.remove(wheelId);
    }
}
