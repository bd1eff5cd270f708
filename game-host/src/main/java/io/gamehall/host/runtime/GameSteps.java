package io.gamehall.host.runtime;

import io.gamehall.host.api.GameLogic;
import io.gamehall.host.runtime.InstanceLifecycle.Callback;
import io.gamehall.sbe.host.GameErrorCode;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * One game callback as a step: the {@link RunnerContext} pointed at the instance, the callback
 * run (a throw fails the instance), then what the game asked for: a rejection answered to the
 * sender; a commit backed up with the callback's output (and the sender's acknowledgement)
 * held until the backup is written; a checkpoint; an ended game finished.
 */
final class GameSteps implements InstanceLifecycle.Steps
{
    /** Initial size of an instance's held output, bytes. */
    static final int HELD_INITIAL_BYTES = 1024;

    private final RunnerContext ctx;
    private final Outbox outbox;
    private final InstanceBackups backups;
    private final InstanceLifecycle lifecycle;
    private final HostCounters counters;
    private DeferredInput deferred;

    GameSteps(
        final RunnerContext ctx,
        final Outbox outbox,
        final InstanceBackups backups,
        final InstanceLifecycle lifecycle,
        final HostCounters counters)
    {
        this.ctx = ctx;
        this.outbox = outbox;
        this.backups = backups;
        this.lifecycle = lifecycle;
        this.counters = counters;
    }

    void deferred(final DeferredInput deferred)
    {
        this.deferred = deferred;
    }

    public boolean step(final Instance instance, final Callback callback, final long arg, final byte[] state)
    {
        ctx.begin(instance, 0, 0, 0, false);
        try
        {
            final GameLogic logic = instance.logic;
            switch (callback)
            {
                case ON_CREATE -> logic.onCreate(ctx);
                case ON_JOINED -> logic.onPlayerJoined(ctx, arg);
                case ON_LEFT -> logic.onPlayerLeft(ctx, arg);
                case ON_RECONNECTED -> logic.onPlayerReconnected(ctx, arg);
                case ON_TIMER -> logic.onTimer(ctx, arg);
                case ON_RESTORE -> logic.onRestore(ctx, state);
                default -> throw new IllegalArgumentException("callback " + callback);
            }
        }
        catch (final Throwable ex)
        {
            lifecycle.fail(instance, callback.method, ex);
            return false;
        }
        endStep(instance);
        return true;
    }

    /**
     * A player's message, from a seated player through the gateway that seated them.
     */
    void message(
        final Instance instance,
        final long userId,
        final long gatewayId,
        final long sequence,
        final int kind,
        final DirectBuffer payload,
        final int offset,
        final int length)
    {
        ctx.begin(instance, userId, gatewayId, sequence, true);
        try
        {
            instance.logic.onMessage(ctx, userId, kind, payload, offset, length);
        }
        catch (final Throwable ex)
        {
            lifecycle.fail(instance, "onMessage", ex);
            return;
        }
        endStep(instance);
    }

    public void drainDeferred(final Instance instance)
    {
        deferred.drain(instance);
    }

    /**
     * The backup the instance's output waited for is written: the output goes out, then an
     * ended game finishes, or a pending checkpoint is written and waiting input applied.
     */
    void release(final Instance instance)
    {
        instance.holdUntilVersion = 0;
        outbox.publish(instance.held, 0, instance.heldLength);
        instance.heldLength = 0;
        if (instance.result != null)
        {
            lifecycle.finish(instance);
            return;
        }
        backups.writePendingCheckpoint(instance);
        deferred.drain(instance);
    }

    private void endStep(final Instance instance)
    {
        ctx.finish();
        final String rejection = ctx.rejection();
        if (rejection != null)
        {
            counters.rejected.incrementAndGet();
            outbox.error(ctx.senderGateway(), instance.id, ctx.sender(), ctx.sequence(), GameErrorCode.REJECTED,
                rejection);
        }
        if (ctx.result() != null && instance.result == null)
        {
            instance.result = ctx.result();
        }
        if (ctx.commitRequested() && rejection == null)
        {
            if (ctx.inMessage())
            {
                outbox.accepted(ctx.senderGateway(), instance.id, ctx.sender(), ctx.sequence());
            }
            if (!backups.write(instance))
            {
                return;
            }
            instance.holdUntilVersion = instance.issuedVersion;
            if (instance.held == null)
            {
                instance.held = new ExpandableArrayBuffer(HELD_INITIAL_BYTES);
            }
            instance.held.checkLimit(instance.heldLength + outbox.length());
            instance.heldLength = outbox.moveTo(instance.held, instance.heldLength);
        }
        else
        {
            outbox.flush();
            if (ctx.checkpointRequested() && instance.result == null)
            {
                backups.checkpoint(instance);
            }
        }
        if (instance.result != null && !instance.isHolding())
        {
            lifecycle.finish(instance);
        }
    }
}
