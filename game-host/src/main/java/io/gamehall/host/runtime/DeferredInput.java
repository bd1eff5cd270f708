package io.gamehall.host.runtime;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableRingBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Predicate;

/**
 * Input an instance cannot take yet (it is loading its backup, or holding output back until one
 * is written) kept in its own queue as undecoded records {@code [type:4][record]}, and applied in
 * order once it can: inbox records through the {@link RunnerInboxAdapter} again, timers through
 * the {@link TimerStep}.
 */
final class DeferredInput
{
    /** Initial size of an instance's queue, bytes. */
    static final int INITIAL_BYTES = 256;
    /** Largest queue of one instance, bytes; input past it is dropped (and logged). */
    static final int MAX_BYTES = 64 * 1024 * 1024;
    private static final int TYPE_LENGTH = 4;
    private static final Logger LOG = LoggerFactory.getLogger(DeferredInput.class);

    /**
     * Fires a game timer that waited.
     */
    @FunctionalInterface
    interface TimerStep
    {
        void fire(Instance instance, long gameTimerId);
    }

    private final Predicate<Instance> live;
    private final RunnerInboxAdapter adapter;
    private final TimerStep timerStep;
    private final ExpandableRingBuffer.MessageConsumer consumer = this::onRecord;
    private final UnsafeBuffer timerRecord = new UnsafeBuffer(new byte[Long.BYTES]);
    private Instance draining;

    /**
     * @param live true while an instance is still its runner's.
     */
    DeferredInput(final Predicate<Instance> live, final RunnerInboxAdapter adapter, final TimerStep timerStep)
    {
        this.live = live;
        this.adapter = adapter;
        this.timerStep = timerStep;
    }

    /**
     * Keep an inbox record of {@code type} (see {@link RunnerInboxAdapter}) for later.
     */
    void defer(final Instance instance, final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        if (instance.deferred == null)
        {
            instance.deferred = new ExpandableRingBuffer(INITIAL_BYTES, MAX_BYTES, false);
        }
        final UnsafeBuffer record = new UnsafeBuffer(new byte[TYPE_LENGTH + length]);
        record.putInt(0, type);
        record.putBytes(TYPE_LENGTH, buffer, offset, length);
        if (!instance.deferred.append(record, 0, record.capacity()))
        {
            LOG.error("instance {}: too much input waiting for its backup; input dropped", instance.id);
        }
    }

    /**
     * Keep a game timer that expired for later.
     */
    void deferTimer(final Instance instance, final long gameTimerId)
    {
        timerRecord.putLong(0, gameTimerId);
        defer(instance, RunnerInboxAdapter.TIMER, timerRecord, 0, Long.BYTES);
    }

    /**
     * Apply what waited, in order, while the instance is live, active and holds nothing back.
     */
    void drain(final Instance instance)
    {
        while (instance.deferred != null && !instance.deferred.isEmpty() &&
            live.test(instance) && !instance.isHolding() && instance.phase == Instance.Phase.ACTIVE)
        {
            draining = instance;
            instance.deferred.consume(consumer, 1);
        }
        draining = null;
    }

    private boolean onRecord(final MutableDirectBuffer buffer, final int offset, final int length, final int headOffset)
    {
        final int type = buffer.getInt(offset);
        if (type == RunnerInboxAdapter.TIMER)
        {
            timerStep.fire(draining, buffer.getLong(offset + TYPE_LENGTH));
        }
        else
        {
            adapter.onRecord(type, buffer, offset + TYPE_LENGTH, length - TYPE_LENGTH, true);
        }
        return true;
    }
}
