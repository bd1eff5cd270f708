package io.gamehall.host.runtime;

import io.gamehall.host.api.GameCatalog;
import io.gamehall.host.api.InstanceSettings;
import io.gamehall.host.runtime.InstanceLifecycle.Callback;
import io.gamehall.sbe.host.GameErrorCode;
import io.gamehall.store.InstanceBackup;
import io.gamehall.store.Store;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One runner thread: many instances, each an actor whose input (player messages, master
 * events, timers, store completions) is handled in order, one at a time. Everything here runs
 * on the runner's thread; other threads reach it through {@link #offer} and {@link #execute}.
 * The runner is the duty cycle and routes each input to its instance; the roles around it are
 * {@link RunnerInboxAdapter} (decoding), {@link DeferredInput}, {@link GameSteps} (a callback and
 * what the game asked for), {@link InstanceTimers}, {@link InstanceBackups}, {@link InstanceLifecycle}
 * and {@link RunnerContext} (the game's view).
 */
public final class HostRunner implements Agent, RunnerInboxAdapter.Handler, InstanceTimers.Expiry,
    InstanceBackups.Listener
{
    /** Inbox record: a host-protocol PlayerMessage, header first. */
    static final int PLAYER_MESSAGE = RunnerInboxAdapter.PLAYER_MESSAGE;
    /** Inbox record: a master-protocol event about one instance, header first. */
    static final int MASTER_EVENT = RunnerInboxAdapter.MASTER_EVENT;
    /** Inbox record: a host-protocol PlayerSync, header first. */
    static final int PLAYER_SYNC = RunnerInboxAdapter.PLAYER_SYNC;
    /** Inbox records read in one duty cycle. */
    static final int INBOX_READS_PER_CYCLE = 256;
    /** Tasks (store completions) run in one duty cycle. */
    static final int TASKS_PER_CYCLE = 64;

    private final int index;
    private final ManyToOneRingBuffer inbox;
    private final ManyToOneConcurrentLinkedQueue<Runnable> tasks = new ManyToOneConcurrentLinkedQueue<>();
    private final HostCounters counters;
    private final EpochClock clock;
    private final Outbox outbox;
    private final InstanceTimers timers;
    private final InstanceBackups backups;
    private final InstanceLifecycle lifecycle;
    private final GameSteps steps;
    private final RunnerInboxAdapter adapter = new RunnerInboxAdapter(this);
    private final DeferredInput deferred;
    private long now;
    private volatile boolean dropAllRequested;

    HostRunner(
        final int index,
        final int inboxCapacity,
        final GameCatalog catalog,
        final Store store,
        final MasterReports master,
        final GatewaySink gateways,
        final HostCounters counters,
        final AtomicInteger load,
        final EpochClock clock)
    {
        this.index = index;
        this.inbox = new ManyToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(inboxCapacity + RingBufferDescriptor.TRAILER_LENGTH)));
        this.counters = counters;
        this.clock = clock;
        this.now = clock.time();
        this.outbox = new Outbox(gateways, counters);
        this.timers = new InstanceTimers(now);
        this.backups = new InstanceBackups(new StoreBackups(store), this::execute, timers, counters, this::now);
        final RunnerContext ctx = new RunnerContext(outbox, timers, this::now);
        final GameFinisher finisher = new GameFinisher(store, master, counters);
        this.lifecycle = new InstanceLifecycle(catalog, master, finisher::finish, counters, load, outbox, timers,
            backups, ctx, this::execute, this::now);
        this.steps = new GameSteps(ctx, outbox, backups, lifecycle, counters);
        this.deferred = new DeferredInput(lifecycle::isLive, adapter,
            (instance, gameTimerId) -> steps.step(instance, Callback.ON_TIMER, gameTimerId, null));
        steps.deferred(deferred);
        timers.expiry(this);
        backups.listener(this);
        lifecycle.steps(steps);
    }

    @Override
    public String roleName()
    {
        return "game-runner-" + index;
    }

    /**
     * Queue input for this runner; safe from any thread.
     *
     * @return false when the inbox is full.
     */
    boolean offer(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        return inbox.write(type, buffer, offset, length);
    }

    /**
     * Run a task on this runner's thread; safe from any thread.
     */
    void execute(final Runnable task)
    {
        tasks.offer(task);
    }

    /**
     * Forget every instance without telling anyone (the master re-placed them: this host was
     * declared dead and registered again). Safe from any thread.
     */
    void dropAll()
    {
        dropAllRequested = true;
    }

    /**
     * @return instances on this runner (runner thread, or tests when stopped).
     */
    int instanceCount()
    {
        return lifecycle.count();
    }

    @Override
    public int doWork()
    {
        now = clock.time();
        int work = 0;
        if (dropAllRequested)
        {
            dropAllRequested = false;
            lifecycle.removeAll("the master placed it elsewhere");
        }
        work += inbox.read(adapter, INBOX_READS_PER_CYCLE);
        for (int i = 0; i < TASKS_PER_CYCLE; i++)
        {
            final Runnable task = tasks.poll();
            if (task == null)
            {
                break;
            }
            task.run();
            work++;
        }
        work += timers.poll(now);
        return work;
    }

    @Override
    public void onClose()
    {
        lifecycle.removeAll(null);
    }

    private long now()
    {
        return now;
    }

    // ------------------------------------------------------------------ input (RunnerInboxAdapter.Handler)

    public boolean onPlayerMessage(
        final long gatewayId,
        final long instanceId,
        final long userId,
        final long sequence,
        final int kind,
        final DirectBuffer payload,
        final int payloadOffset,
        final int payloadLength,
        final boolean replay)
    {
        final Instance instance = lifecycle.get(instanceId);
        if (!replay)
        {
            counters.playerMessages.incrementAndGet();
        }
        if (instance == null)
        {
            sendError(gatewayId, instanceId, userId, sequence, GameErrorCode.UNKNOWN_INSTANCE,
                "no instance " + instanceId + " on this host");
            return true;
        }
        if (!replay && instance.mustDefer())
        {
            return false;
        }
        if (!seatedThrough(instance, gatewayId, userId, sequence))
        {
            return true;
        }
        steps.message(instance, userId, gatewayId, sequence, kind, payload, payloadOffset, payloadLength);
        return true;
    }

    public boolean onPlayerSync(final long gatewayId, final long instanceId, final long userId, final boolean replay)
    {
        final Instance instance = lifecycle.get(instanceId);
        if (instance == null)
        {
            sendError(gatewayId, instanceId, userId, 0, GameErrorCode.UNKNOWN_INSTANCE,
                "no instance " + instanceId + " on this host");
            return true;
        }
        if (!replay && instance.mustDefer())
        {
            return false;
        }
        if (seatedThrough(instance, gatewayId, userId, 0))
        {
            steps.step(instance, Callback.ON_RECONNECTED, userId, null);
        }
        return true;
    }

    public void onSpawn(final long instanceId, final InstanceSettings settings, final long ownerGatewayId)
    {
        lifecycle.spawn(instanceId, settings, ownerGatewayId);
    }

    public void onRestore(
        final long instanceId, final InstanceSettings settings, final LongArrayList users, final LongArrayList gateways)
    {
        lifecycle.restore(instanceId, settings, users, gateways);
    }

    public boolean onPlayerJoined(final long instanceId, final long userId, final long gatewayId, final boolean replay)
    {
        final Instance instance = lifecycle.get(instanceId);
        if (instance == null)
        {
            return true;
        }
        if (!replay && instance.mustDefer())
        {
            return false;
        }
        instance.seat(userId, gatewayId);
        announce(instance, userId, true);
        steps.step(instance, Callback.ON_JOINED, userId, null);
        return true;
    }

    public boolean onPlayerLeft(final long instanceId, final long userId, final boolean replay)
    {
        final Instance instance = lifecycle.get(instanceId);
        if (instance == null)
        {
            return true;
        }
        if (!replay && instance.mustDefer())
        {
            return false;
        }
        if (instance.unseat(userId))
        {
            announce(instance, userId, false);
            steps.step(instance, Callback.ON_LEFT, userId, null);
        }
        return true;
    }

    public boolean onPlayerReattached(
        final long instanceId, final long userId, final long gatewayId, final boolean replay)
    {
        final Instance instance = lifecycle.get(instanceId);
        if (instance == null)
        {
            return true;
        }
        if (!replay && instance.mustDefer())
        {
            return false;
        }
        if (instance.seatOf(userId) >= 0)
        {
            instance.seat(userId, gatewayId);
            steps.step(instance, Callback.ON_RECONNECTED, userId, null);
        }
        return true;
    }

    public void onTerminate(final long instanceId)
    {
        lifecycle.terminate(instanceId);
    }

    /**
     * The master seats a user through one gateway (join, spawn, restore; a resume elsewhere moves
     * it with PlayerReattached): input in the user's name from another gateway is refused.
     *
     * @return true when the user has a seat, taken through {@code gatewayId}; else the sender was told.
     */
    private boolean seatedThrough(final Instance instance, final long gatewayId, final long userId, final long sequence)
    {
        final int seat = instance.seatOf(userId);
        if (seat < 0)
        {
            sendError(gatewayId, instance.id, userId, sequence, GameErrorCode.NOT_A_PLAYER,
                "user " + userId + " has no seat in instance " + instance.id);
            return false;
        }
        if (instance.playerGateways.getLong(seat) != gatewayId)
        {
            counters.wrongGatewayRefused.incrementAndGet();
            sendError(gatewayId, instance.id, userId, sequence, GameErrorCode.NOT_A_PLAYER,
                "user " + userId + " is not seated in instance " + instance.id + " through this gateway");
            return false;
        }
        return true;
    }

    public void defer(final long instanceId, final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        deferred.defer(lifecycle.get(instanceId), type, buffer, offset, length);
    }

    // ------------------------------------------------------------------ timers (InstanceTimers.Expiry)

    public void onGameTimer(final Instance instance, final long gameTimerId)
    {
        if (!lifecycle.isLive(instance))
        {
            return;
        }
        if (instance.mustDefer())
        {
            deferred.deferTimer(instance, gameTimerId);
            return;
        }
        steps.step(instance, Callback.ON_TIMER, gameTimerId, null);
    }

    public void onRetryTimer(final Instance instance)
    {
        if (lifecycle.isLive(instance))
        {
            backups.retry(instance);
        }
    }

    // ------------------------------------------------------------------ backups (InstanceBackups.Listener)

    public boolean isLive(final Instance instance)
    {
        return lifecycle.isLive(instance);
    }

    public void onHeldWritten(final Instance instance)
    {
        steps.release(instance);
    }

    public void onTakenOver(final Instance instance)
    {
        lifecycle.remove(instance);
    }

    public void onFailed(final Instance instance, final String where, final Throwable cause)
    {
        lifecycle.fail(instance, where, cause);
    }

    public void onLoaded(final Instance instance, final InstanceBackup backup)
    {
        lifecycle.onLoaded(instance, backup);
    }

    public void onNoBackup(final Instance instance)
    {
        lifecycle.startFresh(instance);
    }

    /**
     * Tell the other players a seat was taken or given up (before the game hears of it, so
     * clients know the player before the game's own events name them).
     */
    private void announce(final Instance instance, final long userId, final boolean seated)
    {
        final LongArrayList gateways = instance.playerGateways;
        for (int i = 0, n = gateways.size(); i < n; i++)
        {
            final long gatewayId = gateways.getLong(i);
            if (gatewayId != 0 && gateways.indexOf(gatewayId) == i)
            {
                outbox.presence(instance.id, gatewayId, instance.players, gateways, userId, seated);
            }
        }
        outbox.flush();
    }

    private void sendError(
        final long gatewayId,
        final long instanceId,
        final long userId,
        final long sequence,
        final GameErrorCode code,
        final String reason)
    {
        outbox.error(gatewayId, instanceId, userId, sequence, code, reason);
        outbox.flush();
    }

    /**
     * The store's backup operations for {@link InstanceBackups}.
     */
    private record StoreBackups(Store store) implements InstanceBackups.Storage
    {
        public CompletableFuture<InstanceBackup> save(
            final long instanceId, final long version, final byte[] state)
        {
            return store.saveBackup(instanceId, version, state);
        }

        public CompletableFuture<InstanceBackup> load(final long instanceId)
        {
            return store.backup(instanceId);
        }

        public CompletableFuture<Boolean> delete(final long instanceId)
        {
            return store.deleteBackup(instanceId);
        }
    }
}
