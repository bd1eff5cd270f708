package io.gamehall.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler whose one-shot tasks run only when the test says ({@link #runDue}): the grace
 * timers of sessions, without waiting.
 */
final class ManualTimers extends ScheduledThreadPoolExecutor
{
    /**
     * A task waiting for the test.
     */
    static final class Timer implements ScheduledFuture<Object>
    {
        final Runnable task;
        final long delayMs;
        private boolean cancelled;
        private boolean done;

        Timer(final Runnable task, final long delayMs)
        {
            this.task = task;
            this.delayMs = delayMs;
        }

        @Override
        public long getDelay(final TimeUnit unit)
        {
            return unit.convert(delayMs, TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(final Delayed other)
        {
            return Long.compare(delayMs, other.getDelay(TimeUnit.MILLISECONDS));
        }

        @Override
        public synchronized boolean cancel(final boolean mayInterruptIfRunning)
        {
            if (done)
            {
                return false;
            }
            cancelled = true;
            done = true;
            return true;
        }

        @Override
        public synchronized boolean isCancelled()
        {
            return cancelled;
        }

        @Override
        public synchronized boolean isDone()
        {
            return done;
        }

        @Override
        public Object get()
        {
            return null;
        }

        @Override
        public Object get(final long timeout, final TimeUnit unit)
        {
            return null;
        }
    }

    final List<Timer> timers = new ArrayList<>();

    ManualTimers()
    {
        super(0);
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(final Runnable command, final long delay, final TimeUnit unit)
    {
        final Timer timer = new Timer(command, unit.toMillis(delay));
        timers.add(timer);
        return timer;
    }

    /**
     * Run every timer not cancelled yet.
     *
     * @return how many ran.
     */
    int runDue()
    {
        final List<Timer> due;
        synchronized (this)
        {
            due = new ArrayList<>(timers);
            timers.clear();
        }
        int ran = 0;
        for (final Timer timer : due)
        {
            if (!timer.isDone())
            {
                synchronized (timer)
                {
                    timer.done = true;
                }
                timer.task.run();
                ran++;
            }
        }
        return ran;
    }
}
