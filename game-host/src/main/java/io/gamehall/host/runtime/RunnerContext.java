package io.gamehall.host.runtime;

import io.gamehall.host.api.GameContext;
import io.gamehall.host.api.GameResult;
import io.gamehall.host.api.InstanceSettings;
import io.gamehall.store.GameEvent;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.AbstractList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The {@link GameContext} handed to game logic: one per runner, pointed at the instance whose
 * callback runs ({@link #begin} to {@link #finish}). What the game sends goes to the runner's
 * {@link Outbox}; what it asks for (reject, commit, checkpoint, end) is collected here for the
 * runner to act on after the callback.
 */
final class RunnerContext implements GameContext
{
    /** Size of {@link #scratch()}: the largest game event a game can encode in it. */
    static final int SCRATCH_BYTES = 64 * 1024;
    private static final String DEFAULT_REJECTION = "rejected";

    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[SCRATCH_BYTES]);
    private final PlayersView playersView = new PlayersView();
    private final Outbox outbox;
    private final InstanceTimers timers;
    private final LongSupplier clock;
    private Instance current;
    private long sender;
    private long senderGateway;
    private long sequence;
    private boolean inMessage;
    private String rejection;
    private boolean commitRequested;
    private boolean checkpointRequested;
    private GameResult result;

    /**
     * @param clock the runner's time, milliseconds ({@link #nowMs()}).
     */
    RunnerContext(final Outbox outbox, final InstanceTimers timers, final LongSupplier clock)
    {
        this.outbox = outbox;
        this.timers = timers;
        this.clock = clock;
    }

    /**
     * A callback of {@code instance} begins; for onMessage with its sender, else zeros.
     */
    void begin(
        final Instance instance, final long sender, final long senderGateway, final long sequence,
        final boolean inMessage)
    {
        this.current = instance;
        this.sender = sender;
        this.senderGateway = senderGateway;
        this.sequence = sequence;
        this.inMessage = inMessage;
        this.rejection = null;
        this.commitRequested = false;
        this.checkpointRequested = false;
        this.result = null;
    }

    /**
     * The callback returned or threw: the context is closed to the game until the next begin.
     */
    void finish()
    {
        current = null;
    }

    long sender()
    {
        return sender;
    }

    long senderGateway()
    {
        return senderGateway;
    }

    long sequence()
    {
        return sequence;
    }

    boolean inMessage()
    {
        return inMessage;
    }

    /**
     * @return the reason the game rejected the message with, or null.
     */
    String rejection()
    {
        return rejection;
    }

    boolean commitRequested()
    {
        return commitRequested;
    }

    boolean checkpointRequested()
    {
        return checkpointRequested;
    }

    /**
     * @return the result the game ended with in this callback, or null.
     */
    GameResult result()
    {
        return result;
    }

    public long instanceId()
    {
        return instance().id;
    }

    public InstanceSettings settings()
    {
        return instance().settings;
    }

    public long nowMs()
    {
        return clock.getAsLong();
    }

    public List<Long> players()
    {
        instance();
        return playersView;
    }

    public boolean isPlayer(final long userId)
    {
        return instance().seatOf(userId) >= 0;
    }

    public void send(final long userId, final int kind, final DirectBuffer payload, final int offset, final int length)
    {
        final Instance instance = ended();
        final int seat = instance.seatOf(userId);
        if (seat < 0)
        {
            return;
        }
        final long gatewayId = instance.playerGateways.getLong(seat);
        if (gatewayId != 0)
        {
            outbox.gameEvent(instance.id, gatewayId, instance.players, instance.playerGateways, userId, kind,
                payload, offset, length);
        }
    }

    public void broadcast(final int kind, final DirectBuffer payload, final int offset, final int length)
    {
        final Instance instance = ended();
        final LongArrayList gateways = instance.playerGateways;
        for (int i = 0, n = gateways.size(); i < n; i++)
        {
            final long gatewayId = gateways.getLong(i);
            if (gatewayId != 0 && gateways.indexOf(gatewayId) == i)
            {
                outbox.gameEvent(instance.id, gatewayId, instance.players, gateways, 0, kind, payload, offset,
                    length);
            }
        }
    }

    public MutableDirectBuffer scratch()
    {
        instance();
        return scratch;
    }

    public void reject(final String reason)
    {
        instance();
        if (!inMessage)
        {
            throw new IllegalStateException("reject() answers a player's message: call it from onMessage");
        }
        rejection = reason == null || reason.isEmpty() ? DEFAULT_REJECTION : reason;
    }

    public void schedule(final long timerId, final long delayMs)
    {
        final Instance instance = ended();
        if (InstanceTimers.isReserved(timerId))
        {
            throw new IllegalArgumentException("timer id reserved: " + timerId);
        }
        timers.schedule(instance, timerId, clock.getAsLong() + Math.max(0, delayMs));
    }

    public void cancel(final long timerId)
    {
        timers.cancel(instance(), timerId);
    }

    public void record(final long playerId, final int kind, final DirectBuffer payload, final int offset,
        final int length)
    {
        final Instance instance = ended();
        final byte[] bytes = new byte[length];
        payload.getBytes(offset, bytes);
        instance.history.add(new GameEvent(clock.getAsLong(), playerId, kind, bytes));
    }

    public void commit()
    {
        ended();
        commitRequested = true;
    }

    public void checkpoint()
    {
        ended();
        checkpointRequested = true;
    }

    public void end(final GameResult result)
    {
        ended();
        if (result == null)
        {
            throw new IllegalArgumentException("a game ends with a result");
        }
        this.result = result;
    }

    private Instance instance()
    {
        if (current == null)
        {
            throw new IllegalStateException("the game context is only valid inside a GameLogic callback");
        }
        return current;
    }

    private Instance ended()
    {
        final Instance instance = instance();
        if (result != null || instance.result != null)
        {
            throw new IllegalStateException("the game has ended");
        }
        return instance;
    }

    /**
     * The current instance's players as a read-only list, without copying.
     */
    private final class PlayersView extends AbstractList<Long>
    {
        public Long get(final int index)
        {
            return instance().players.getLong(index);
        }

        public int size()
        {
            return instance().players.size();
        }
    }
}
