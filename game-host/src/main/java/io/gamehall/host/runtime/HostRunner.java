package io.gamehall.host.runtime;

import io.gamehall.host.api.GameCatalog;
import io.gamehall.host.api.GameContext;
import io.gamehall.host.api.GameLogic;
import io.gamehall.host.api.GameResult;
import io.gamehall.host.api.InstanceSettings;
import io.gamehall.sbe.host.GameErrorCode;
import io.gamehall.sbe.host.InstanceCloseReason;
import io.gamehall.sbe.host.PlayerMessageDecoder;
import io.gamehall.sbe.master.MessageHeaderDecoder;
import io.gamehall.sbe.master.PlayerJoinedDecoder;
import io.gamehall.sbe.master.PlayerLeftDecoder;
import io.gamehall.sbe.master.PlayerReattachedDecoder;
import io.gamehall.sbe.master.RestoreInstanceDecoder;
import io.gamehall.sbe.master.SpawnInstanceDecoder;
import io.gamehall.sbe.master.TerminateInstanceDecoder;
import io.gamehall.store.GameEvent;
import io.gamehall.store.InstanceBackup;
import io.gamehall.store.PlayerOutcome;
import io.gamehall.store.Store;
import io.gamehall.store.StoreError;
import io.gamehall.store.StoreException;
import org.agrona.DeadlineTimerWheel;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.ExpandableRingBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One runner thread: many instances, each an actor whose input (player messages, master
 * events, timers, store completions) is handled in order, one at a time. Everything here runs
 * on the runner's thread; other threads reach it through {@link #offer} and {@link #execute}.
 */
public final class HostRunner implements Agent
{
    /** Inbox record: a host-protocol PlayerMessage, header first. */
    static final int PLAYER_MESSAGE = 1;
    /** Inbox record: a master-protocol event about one instance, header first. */
    static final int MASTER_EVENT = 2;
    /** Deferred record: a game timer (8 bytes, its id). */
    static final int TIMER = 3;
    /** Inbox record: a host-protocol PlayerSync, header first. */
    static final int PLAYER_SYNC = 4;

    private static final Logger LOG = LoggerFactory.getLogger(HostRunner.class);
    private static final long BACKUP_RETRY_TIMER = Long.MIN_VALUE + 1;
    private static final long MAX_BACKUP_BACKOFF_MS = 2_000;
    private static final int TICK_RESOLUTION_MS = 2;
    /** Failures logged with their stack trace; later ones get one line (a broken game fails everywhere). */
    private static final int FULL_FAILURE_REPORTS = 20;

    private final int index;
    private final ManyToOneRingBuffer inbox;
    private final ManyToOneConcurrentLinkedQueue<Runnable> tasks = new ManyToOneConcurrentLinkedQueue<>();
    private final Long2ObjectHashMap<Instance> instances = new Long2ObjectHashMap<>();
    private final DeadlineTimerWheel wheel;
    private final Long2ObjectHashMap<Instance> timerOwner = new Long2ObjectHashMap<>();
    private final Long2LongHashMap timerGameId = new Long2LongHashMap(Long.MIN_VALUE);
    private final GameCatalog catalog;
    private final Store store;
    private final MasterReports master;
    private final GameFinisher finisher;
    private final HostCounters counters;
    private final AtomicInteger load;
    private final EpochClock clock;
    private final Outbox outbox;
    private final BackupCodec backupCodec = new BackupCodec();
    private final Context ctx = new Context();
    private final MessageHandler inboxHandler = this::onInbox;
    private final DeadlineTimerWheel.TimerHandler timerHandler = this::onTimerExpiry;
    private final ExpandableRingBuffer.MessageConsumer deferredConsumer = this::onDeferred;
    private final MessageHeaderDecoder masterHeader = new MessageHeaderDecoder();
    private final io.gamehall.sbe.host.MessageHeaderDecoder hostHeader = new io.gamehall.sbe.host.MessageHeaderDecoder();
    private final PlayerMessageDecoder playerMessage = new PlayerMessageDecoder();
    private final io.gamehall.sbe.host.PlayerSyncDecoder playerSync = new io.gamehall.sbe.host.PlayerSyncDecoder();
    private final SpawnInstanceDecoder spawn = new SpawnInstanceDecoder();
    private final RestoreInstanceDecoder restore = new RestoreInstanceDecoder();
    private final PlayerJoinedDecoder joined = new PlayerJoinedDecoder();
    private final PlayerLeftDecoder left = new PlayerLeftDecoder();
    private final PlayerReattachedDecoder reattached = new PlayerReattachedDecoder();
    private final TerminateInstanceDecoder terminate = new TerminateInstanceDecoder();
    private final UnsafeBuffer payloadView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer timerRecord = new UnsafeBuffer(new byte[12]);
    private long now;
    private volatile boolean dropAllRequested;

    HostRunner(
        final int index,
        final int inboxCapacity,
        final GameCatalog catalog,
        final Store store,
        final MasterReports master,
        final GatewayLinks gateways,
        final HostCounters counters,
        final AtomicInteger load,
        final EpochClock clock)
    {
        this.index = index;
        this.inbox = new ManyToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(inboxCapacity + RingBufferDescriptor.TRAILER_LENGTH)));
        this.catalog = catalog;
        this.store = store;
        this.master = master;
        this.counters = counters;
        this.load = load;
        this.clock = clock;
        this.outbox = new Outbox(gateways, counters);
        this.finisher = new GameFinisher(store, master, counters);
        this.now = clock.time();
        this.wheel = new DeadlineTimerWheel(TimeUnit.MILLISECONDS, now, TICK_RESOLUTION_MS, 1024);
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
        return instances.size();
    }

    @Override
    public int doWork()
    {
        now = clock.time();
        int work = 0;
        if (dropAllRequested)
        {
            dropAllRequested = false;
            for (final Instance instance : new ArrayList<>(instances.values()))
            {
                LOG.warn("instance {}: dropped, the master placed it elsewhere", instance.id);
                remove(instance);
            }
        }
        work += inbox.read(inboxHandler, 256);
        for (int i = 0; i < 64; i++)
        {
            final Runnable task = tasks.poll();
            if (task == null)
            {
                break;
            }
            task.run();
            work++;
        }
        if (wheel.timerCount() == 0)
        {
            if (now - wheel.currentTickTime() > TICK_RESOLUTION_MS * 2L)
            {
                wheel.resetStartTime(now);
            }
        }
        else
        {
            for (int i = 0; i < 1_000 && now >= wheel.currentTickTime(); i++)
            {
                work += wheel.poll(now, timerHandler, 1_000);
            }
            work += wheel.poll(now, timerHandler, 1_000);
        }
        return work;
    }

    @Override
    public void onClose()
    {
        for (final Instance instance : new ArrayList<>(instances.values()))
        {
            remove(instance);
        }
    }

    // ------------------------------------------------------------------ input

    private void onInbox(final int type, final MutableDirectBuffer buffer, final int offset, final int length)
    {
        if (type == PLAYER_MESSAGE)
        {
            onPlayerMessage(buffer, offset, length, false);
        }
        else if (type == MASTER_EVENT)
        {
            onMasterEvent(buffer, offset, length, false);
        }
        else if (type == PLAYER_SYNC)
        {
            onPlayerSync(buffer, offset, length, false);
        }
    }

    private void onPlayerSync(final DirectBuffer buffer, final int offset, final int length, final boolean deferred)
    {
        playerSync.wrapAndApplyHeader(buffer, offset, hostHeader);
        final long gatewayId = playerSync.gatewayId();
        final long instanceId = playerSync.instanceId();
        final long userId = playerSync.userId();
        final Instance instance = instances.get(instanceId);
        if (instance == null)
        {
            sendError(gatewayId, instanceId, userId, 0, GameErrorCode.UNKNOWN_INSTANCE,
                "no instance " + instanceId + " on this host");
            return;
        }
        if (!deferred && instance.mustDefer())
        {
            defer(instance, PLAYER_SYNC, buffer, offset, length);
            return;
        }
        final int seat = instance.seatOf(userId);
        if (seat < 0)
        {
            sendError(gatewayId, instanceId, userId, 0, GameErrorCode.NOT_A_PLAYER,
                "user " + userId + " has no seat in instance " + instanceId);
            return;
        }
        if (instance.playerGateways.getLong(seat) != gatewayId)
        {
            notSeatedThrough(gatewayId, instanceId, userId, 0);
            return;
        }
        reconnected(instance, userId);
    }

    private void onPlayerMessage(final DirectBuffer buffer, final int offset, final int length, final boolean deferred)
    {
        playerMessage.wrapAndApplyHeader(buffer, offset, hostHeader);
        final long gatewayId = playerMessage.gatewayId();
        final long instanceId = playerMessage.instanceId();
        final long userId = playerMessage.userId();
        final long sequence = playerMessage.sequence();
        final int kind = playerMessage.kind();
        final Instance instance = instances.get(instanceId);
        if (!deferred)
        {
            counters.playerMessages.incrementAndGet();
        }
        if (instance == null)
        {
            sendError(gatewayId, instanceId, userId, sequence, GameErrorCode.UNKNOWN_INSTANCE,
                "no instance " + instanceId + " on this host");
            return;
        }
        if (!deferred && instance.mustDefer())
        {
            defer(instance, PLAYER_MESSAGE, buffer, offset, length);
            return;
        }
        final int seat = instance.seatOf(userId);
        if (seat < 0)
        {
            sendError(gatewayId, instanceId, userId, sequence, GameErrorCode.NOT_A_PLAYER,
                "user " + userId + " has no seat in instance " + instanceId);
            return;
        }
        if (instance.playerGateways.getLong(seat) != gatewayId)
        {
            notSeatedThrough(gatewayId, instanceId, userId, sequence);
            return;
        }
        playerMessage.wrapPayload(payloadView);
        ctx.begin(instance, userId, gatewayId, sequence, true);
        try
        {
            instance.logic.onMessage(ctx, userId, kind, payloadView, 0, payloadView.capacity());
        }
        catch (final Throwable ex)
        {
            fail(instance, "onMessage", ex);
            return;
        }
        endStep(instance);
    }

    /**
     * The master seats a user through one gateway (join, spawn, restore; a resume elsewhere moves
     * it with PlayerReattached): a message in the user's name from another gateway is refused.
     */
    private void notSeatedThrough(final long gatewayId, final long instanceId, final long userId, final long sequence)
    {
        counters.wrongGatewayRefused.incrementAndGet();
        sendError(gatewayId, instanceId, userId, sequence, GameErrorCode.NOT_A_PLAYER,
            "user " + userId + " is not seated in instance " + instanceId + " through this gateway");
    }

    private void onMasterEvent(final DirectBuffer buffer, final int offset, final int length, final boolean deferred)
    {
        masterHeader.wrap(buffer, offset);
        final int templateId = masterHeader.templateId();
        switch (templateId)
        {
            case SpawnInstanceDecoder.TEMPLATE_ID -> onSpawn(buffer, offset);
            case RestoreInstanceDecoder.TEMPLATE_ID -> onRestoreOrder(buffer, offset);
            case PlayerJoinedDecoder.TEMPLATE_ID ->
            {
                joined.wrapAndApplyHeader(buffer, offset, masterHeader);
                final Instance instance = instanceFor(joined.instanceId(), buffer, offset, length, deferred);
                if (instance != null)
                {
                    final long userId = joined.userId();
                    instance.seat(userId, joined.gatewayId());
                    announce(instance, userId, true);
                    step(instance, ON_JOINED, userId, null);
                }
            }
            case PlayerLeftDecoder.TEMPLATE_ID ->
            {
                left.wrapAndApplyHeader(buffer, offset, masterHeader);
                final Instance instance = instanceFor(left.instanceId(), buffer, offset, length, deferred);
                if (instance != null && instance.unseat(left.userId()))
                {
                    announce(instance, left.userId(), false);
                    step(instance, ON_LEFT, left.userId(), null);
                }
            }
            case PlayerReattachedDecoder.TEMPLATE_ID ->
            {
                reattached.wrapAndApplyHeader(buffer, offset, masterHeader);
                final Instance instance = instanceFor(reattached.instanceId(), buffer, offset, length, deferred);
                if (instance != null && instance.seatOf(reattached.userId()) >= 0)
                {
                    instance.seat(reattached.userId(), reattached.gatewayId());
                    reconnected(instance, reattached.userId());
                }
            }
            case TerminateInstanceDecoder.TEMPLATE_ID ->
            {
                terminate.wrapAndApplyHeader(buffer, offset, masterHeader);
                final Instance instance = instances.get(terminate.instanceId());
                if (instance != null)
                {
                    closeToPlayers(instance, InstanceCloseReason.TERMINATED, "the instance was closed");
                    remove(instance);
                    store.deleteBackup(instance.id);
                }
            }
            default -> LOG.debug("runner {}: master event template {} ignored", index, templateId);
        }
    }

    private Instance instanceFor(
        final long instanceId, final DirectBuffer buffer, final int offset, final int length, final boolean deferred)
    {
        final Instance instance = instances.get(instanceId);
        if (instance == null)
        {
            return null;
        }
        if (!deferred && instance.mustDefer())
        {
            defer(instance, MASTER_EVENT, buffer, offset, length);
            return null;
        }
        return instance;
    }

    private void onSpawn(final DirectBuffer buffer, final int offset)
    {
        spawn.wrapAndApplyHeader(buffer, offset, masterHeader);
        final long instanceId = spawn.instanceId();
        if (instances.containsKey(instanceId))
        {
            return;
        }
        final InstanceSettings settings = new InstanceSettings(spawn.gameType(), spawn.ownerId(), spawn.maxPlayers(),
            spawn.region(), spawn.mode(), spawn.ratingBand());
        final long ownerGatewayId = spawn.ownerGatewayId();
        final Instance instance = newInstance(instanceId, settings);
        if (instance == null)
        {
            return;
        }
        instance.phase = Instance.Phase.ACTIVE;
        instance.startTimeMs = now;
        instance.seat(settings.ownerId(), ownerGatewayId);
        counters.instancesStarted.incrementAndGet();
        if (!step(instance, ON_CREATE, 0, null))
        {
            return;
        }
        master.instanceReady(instanceId);
    }

    private void onRestoreOrder(final DirectBuffer buffer, final int offset)
    {
        restore.wrapAndApplyHeader(buffer, offset, masterHeader);
        final long instanceId = restore.instanceId();
        if (instances.containsKey(instanceId))
        {
            return;
        }
        final InstanceSettings settings = new InstanceSettings(restore.gameType(), restore.ownerId(),
            restore.maxPlayers(), restore.region(), restore.mode(), restore.ratingBand());
        final LongArrayList users = new LongArrayList();
        final LongArrayList gateways = new LongArrayList();
        for (final RestoreInstanceDecoder.PlayersDecoder player : restore.players())
        {
            users.addLong(player.userId());
            gateways.addLong(player.gatewayId());
        }
        final Instance instance = newInstance(instanceId, settings);
        if (instance == null)
        {
            return;
        }
        instance.phase = Instance.Phase.LOADING;
        for (int i = 0; i < users.size(); i++)
        {
            instance.seat(users.getLong(i), gateways.getLong(i));
        }
        loadBackup(instance, 0);
    }

    private Instance newInstance(final long instanceId, final InstanceSettings settings)
    {
        final GameCatalog.Entry game = catalog.get(settings.gameType());
        if (game == null)
        {
            LOG.error("instance {}: game type {} is not run by this host; reported as ended", instanceId,
                settings.gameType());
            master.instanceEnded(instanceId);
            return null;
        }
        final GameLogic logic;
        try
        {
            logic = game.factory().get();
        }
        catch (final Throwable ex)
        {
            LOG.error("instance {}: the {} factory failed; reported as ended", instanceId, game.name(), ex);
            master.instanceEnded(instanceId);
            return null;
        }
        final Instance instance = new Instance(instanceId, settings, logic);
        instances.put(instanceId, instance);
        load.incrementAndGet();
        return instance;
    }

    private void loadBackup(final Instance instance, final int attempt)
    {
        store.backup(instance.id).whenComplete((backup, ex) -> execute(() -> onBackupLoaded(instance, backup, ex, attempt)));
    }

    private void onBackupLoaded(final Instance instance, final InstanceBackup backup, final Throwable ex, final int attempt)
    {
        if (instances.get(instance.id) != instance)
        {
            return;
        }
        if (ex != null)
        {
            final StoreException se = GameFinisher.storeException(ex);
            if (se != null && se.error() == StoreError.NOT_FOUND)
            {
                startFresh(instance);
                return;
            }
            if (se != null && se.error().isTransient())
            {
                final long backoff = Math.min(MAX_BACKUP_BACKOFF_MS, 50L << Math.min(attempt, 10));
                LOG.warn("instance {}: backup not readable yet ({}), retry in {} ms", instance.id, se.error(), backoff);
                java.util.concurrent.CompletableFuture.delayedExecutor(backoff, TimeUnit.MILLISECONDS)
                    .execute(() -> execute(() -> loadBackup(instance, attempt + 1)));
                return;
            }
            fail(instance, "restore", ex);
            return;
        }
        final BackupCodec.Decoded decoded;
        try
        {
            decoded = BackupCodec.decode(backup.state());
        }
        catch (final RuntimeException bad)
        {
            fail(instance, "restore", bad);
            return;
        }
        instance.phase = Instance.Phase.ACTIVE;
        instance.startTimeMs = decoded.startTimeMs();
        instance.history.addAll(decoded.history());
        instance.issuedVersion = backup.version();
        instance.writtenVersion = backup.version();
        counters.instancesRestored.incrementAndGet();
        if (!step(instance, ON_RESTORE, 0, decoded.gameState()))
        {
            return;
        }
        for (int i = 0; i < instance.players.size() && instances.get(instance.id) == instance; i++)
        {
            reconnected(instance, instance.players.getLong(i));
        }
        if (instances.get(instance.id) == instance)
        {
            LOG.info("instance {}: restored from backup version {}", instance.id, backup.version());
            master.instanceReady(instance.id);
            drainDeferred(instance);
        }
    }

    /**
     * A restore order without a backup: the game had not saved anything yet, so it starts again
     * with the players the master seated.
     */
    private void startFresh(final Instance instance)
    {
        final LongArrayList users = new LongArrayList();
        final LongArrayList gateways = new LongArrayList();
        users.addAll(instance.players);
        gateways.addAll(instance.playerGateways);
        instance.players.clear();
        instance.playerGateways.clear();
        instance.phase = Instance.Phase.ACTIVE;
        instance.startTimeMs = now;
        final long ownerId = instance.settings.ownerId();
        final int ownerSeat = users.indexOf(ownerId);
        instance.seat(ownerId, ownerSeat >= 0 ? gateways.getLong(ownerSeat) : 0);
        counters.instancesRestored.incrementAndGet();
        if (!step(instance, ON_CREATE, 0, null))
        {
            return;
        }
        if (ownerSeat < 0)
        {
            instance.unseat(ownerId);
        }
        for (int i = 0; i < users.size() && instances.get(instance.id) == instance; i++)
        {
            final long userId = users.getLong(i);
            if (userId != ownerId)
            {
                instance.seat(userId, gateways.getLong(i));
                if (!step(instance, ON_JOINED, userId, null))
                {
                    return;
                }
            }
        }
        if (instances.get(instance.id) == instance)
        {
            LOG.info("instance {}: no backup yet, started again", instance.id);
            master.instanceReady(instance.id);
            drainDeferred(instance);
        }
    }

    private void reconnected(final Instance instance, final long userId)
    {
        step(instance, ON_RECONNECTED, userId, null);
    }

    // ------------------------------------------------------------------ timers

    private boolean onTimerExpiry(final TimeUnit timeUnit, final long now, final long wheelId)
    {
        final Instance instance = timerOwner.remove(wheelId);
        final long gameTimerId = timerGameId.remove(wheelId);
        if (instance == null || instances.get(instance.id) != instance)
        {
            return true;
        }
        if (gameTimerId == BACKUP_RETRY_TIMER)
        {
            instance.retryTimerId = Long.MIN_VALUE;
            retryBackup(instance);
            return true;
        }
        if (instance.timers.get(gameTimerId) != wheelId)
        {
            return true;
        }
        instance.timers.remove(gameTimerId);
        if (instance.mustDefer())
        {
            timerRecord.putLong(0, gameTimerId);
            defer(instance, TIMER, timerRecord, 0, 8);
            return true;
        }
        fireTimer(instance, gameTimerId);
        return true;
    }

    private void fireTimer(final Instance instance, final long gameTimerId)
    {
        step(instance, ON_TIMER, gameTimerId, null);
    }

    private long scheduleWheel(final Instance instance, final long gameTimerId, final long deadline)
    {
        final long wheelId = wheel.scheduleTimer(deadline);
        timerOwner.put(wheelId, instance);
        timerGameId.put(wheelId, gameTimerId);
        return wheelId;
    }

    private void cancelWheel(final long wheelId)
    {
        wheel.cancelTimer(wheelId);
        timerOwner.remove(wheelId);
        timerGameId.remove(wheelId);
    }

    // ------------------------------------------------------------------ deferral

    private void defer(
        final Instance instance, final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        if (instance.deferred == null)
        {
            instance.deferred = new ExpandableRingBuffer(256, 64 * 1024 * 1024, false);
        }
        final UnsafeBuffer record = new UnsafeBuffer(new byte[4 + length]);
        record.putInt(0, type);
        record.putBytes(4, buffer, offset, length);
        if (!instance.deferred.append(record, 0, record.capacity()))
        {
            LOG.error("instance {}: too much input waiting for its backup; input dropped", instance.id);
        }
    }

    private void drainDeferred(final Instance instance)
    {
        while (instance.deferred != null && !instance.deferred.isEmpty() &&
            instances.get(instance.id) == instance && !instance.isHolding() && instance.phase == Instance.Phase.ACTIVE)
        {
            currentDrain = instance;
            instance.deferred.consume(deferredConsumer, 1);
        }
        currentDrain = null;
    }

    private Instance currentDrain;

    private boolean onDeferred(final MutableDirectBuffer buffer, final int offset, final int length, final int headOffset)
    {
        final int type = buffer.getInt(offset);
        switch (type)
        {
            case PLAYER_MESSAGE -> onPlayerMessage(buffer, offset + 4, length - 4, true);
            case MASTER_EVENT -> onMasterEvent(buffer, offset + 4, length - 4, true);
            case PLAYER_SYNC -> onPlayerSync(buffer, offset + 4, length - 4, true);
            case TIMER -> fireTimer(currentDrain, buffer.getLong(offset + 4));
            default -> LOG.error("deferred record type {} unknown", type);
        }
        return true;
    }

    // ------------------------------------------------------------------ steps, backups, end

    private static final int ON_CREATE = 0;
    private static final int ON_JOINED = 1;
    private static final int ON_LEFT = 2;
    private static final int ON_RECONNECTED = 3;
    private static final int ON_TIMER = 4;
    private static final int ON_RESTORE = 5;
    private static final String[] CALLBACKS =
        {"onCreate", "onPlayerJoined", "onPlayerLeft", "onPlayerReconnected", "onTimer", "onRestore"};

    /**
     * Run one game callback (other than onMessage) as a step: a throw fails the instance.
     *
     * @param arg   the user id or timer id the callback takes.
     * @param state the backup bytes for onRestore.
     * @return false when the game threw (the instance is gone).
     */
    private boolean step(final Instance instance, final int callback, final long arg, final byte[] state)
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
                default -> logic.onRestore(ctx, state);
            }
        }
        catch (final Throwable ex)
        {
            fail(instance, CALLBACKS[callback], ex);
            return false;
        }
        endStep(instance);
        return true;
    }

    private void endStep(final Instance instance)
    {
        final Context c = ctx;
        c.current = null;
        if (c.rejection != null)
        {
            counters.rejected.incrementAndGet();
            outbox.error(c.senderGateway, instance.id, c.sender, c.sequence, GameErrorCode.REJECTED, c.rejection);
        }
        if (c.result != null && instance.result == null)
        {
            instance.result = c.result;
        }
        if (c.commitRequested && c.rejection == null)
        {
            if (c.inMessage)
            {
                outbox.accepted(c.senderGateway, instance.id, c.sender, c.sequence);
            }
            if (!startBackup(instance))
            {
                return;
            }
            instance.holdUntilVersion = instance.issuedVersion;
            if (instance.held == null)
            {
                instance.held = new ExpandableArrayBuffer(1024);
            }
            instance.held.checkLimit(instance.heldLength + outbox.length());
            instance.heldLength = outbox.moveTo(instance.held, instance.heldLength);
        }
        else
        {
            outbox.flush();
            if (c.checkpointRequested && instance.result == null)
            {
                if (instance.backupInFlight())
                {
                    instance.checkpointPending = true;
                }
                else
                {
                    startBackup(instance);
                }
            }
        }
        if (instance.result != null && !instance.isHolding())
        {
            startFinish(instance);
        }
    }

    /**
     * @return false when the instance failed (its state could not be saved).
     */
    private boolean startBackup(final Instance instance)
    {
        final byte[] blob;
        try
        {
            blob = backupCodec.encode(instance, instance.logic.saveState());
        }
        catch (final Throwable ex)
        {
            outbox.clear();
            fail(instance, "saveState", ex);
            return false;
        }
        final long version = ++instance.issuedVersion;
        store.saveBackup(instance.id, version, blob)
            .whenComplete((saved, ex) -> execute(() -> onBackupDone(instance, version, ex)));
        return true;
    }

    private void onBackupDone(final Instance instance, final long version, final Throwable ex)
    {
        if (instances.get(instance.id) != instance)
        {
            return;
        }
        if (ex == null)
        {
            counters.backupsWritten.incrementAndGet();
            instance.backupFailures = 0;
            instance.writtenVersion = Math.max(instance.writtenVersion, version);
            if (instance.isHolding() && instance.writtenVersion >= instance.holdUntilVersion)
            {
                release(instance);
            }
            else if (instance.checkpointPending && !instance.backupInFlight() && instances.get(instance.id) == instance)
            {
                instance.checkpointPending = false;
                startBackup(instance);
            }
            return;
        }
        counters.backupFailures.incrementAndGet();
        final StoreException se = GameFinisher.storeException(ex);
        if (se != null && se.error() == StoreError.CONFLICT)
        {
            LOG.warn("instance {}: a newer backup exists, another host runs it now; dropped here", instance.id);
            remove(instance);
            return;
        }
        if (se == null || !se.error().isTransient())
        {
            fail(instance, "backup", ex);
            return;
        }
        if (version == instance.issuedVersion && instance.retryTimerId == Long.MIN_VALUE)
        {
            final long backoff = Math.min(MAX_BACKUP_BACKOFF_MS, 20L << Math.min(instance.backupFailures++, 10));
            LOG.warn("instance {}: backup {} failed ({}), retry in {} ms", instance.id, version, se.error(), backoff);
            instance.retryTimerId = scheduleWheel(instance, BACKUP_RETRY_TIMER, now + backoff);
        }
    }

    private void retryBackup(final Instance instance)
    {
        if (startBackup(instance) && instance.isHolding())
        {
            instance.holdUntilVersion = instance.issuedVersion;
        }
    }

    private void release(final Instance instance)
    {
        instance.holdUntilVersion = 0;
        outbox.publish(instance.held, 0, instance.heldLength);
        instance.heldLength = 0;
        if (instance.result != null)
        {
            startFinish(instance);
            return;
        }
        if (instance.checkpointPending && !instance.backupInFlight())
        {
            instance.checkpointPending = false;
            startBackup(instance);
        }
        drainDeferred(instance);
    }

    /**
     * The game is over: history, profiles, the master — and then the players hear it, so that a
     * player told the game is over already has a free seat for the next one.
     */
    private void startFinish(final Instance instance)
    {
        final GameResult result = instance.result;
        remove(instance);
        counters.instancesEnded.incrementAndGet();
        finisher.finish(instance.id, instance.settings.gameType(), instance.startTimeMs, now,
            new ArrayList<>(instance.history), result)
            .whenComplete((v, ex) -> execute(() -> closeToPlayers(instance, InstanceCloseReason.GAME_OVER,
                result.summary())));
    }

    /**
     * The game's code threw: the instance ends with an error report; the players are told,
     * the game goes to history without counting in anyone's profile, the master hears it ended.
     */
    private void fail(final Instance instance, final String where, final Throwable ex)
    {
        ctx.current = null;
        outbox.clear();
        final long failures = counters.instancesFailed.incrementAndGet();
        if (failures <= FULL_FAILURE_REPORTS)
        {
            LOG.error("instance {} ({}): the game failed in {}; the instance ends", instance.id,
                instance.logic.getClass().getSimpleName(), where, ex);
        }
        else
        {
            LOG.error("instance {} ({}): the game failed in {}: {}; the instance ends ({} failures so far)",
                instance.id, instance.logic.getClass().getSimpleName(), where, ex, failures);
        }
        final Map<Long, PlayerOutcome> outcomes = new LinkedHashMap<>();
        for (int i = 0; i < instance.players.size(); i++)
        {
            outcomes.put(instance.players.getLong(i), PlayerOutcome.ABANDONED);
        }
        final String summary = ("game error in " + where + ": " + ex.getClass().getSimpleName());
        remove(instance);
        finisher.finish(instance.id, instance.settings.gameType(), instance.startTimeMs, now,
            new ArrayList<>(instance.history), new GameResult(outcomes, summary.length() > 256 ?
                summary.substring(0, 256) : summary))
            .whenComplete((v, failure) -> execute(() -> closeToPlayers(instance, InstanceCloseReason.GAME_ERROR,
                "the game stopped after an error")));
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

    private void closeToPlayers(final Instance instance, final InstanceCloseReason reason, final String summary)
    {
        final LongArrayList seen = new LongArrayList();
        for (int i = 0; i < instance.playerGateways.size(); i++)
        {
            final long gatewayId = instance.playerGateways.getLong(i);
            if (gatewayId != 0 && !seen.containsLong(gatewayId))
            {
                seen.addLong(gatewayId);
                outbox.closed(instance.id, gatewayId, instance.players, instance.playerGateways, reason, summary);
            }
        }
        outbox.flush();
    }

    private void remove(final Instance instance)
    {
        if (instances.remove(instance.id) == null)
        {
            return;
        }
        instance.phase = Instance.Phase.FINISHING;
        instance.timers.forEach((gameTimerId, wheelId) -> cancelWheel(wheelId));
        instance.timers.clear();
        if (instance.retryTimerId != Long.MIN_VALUE)
        {
            cancelWheel(instance.retryTimerId);
            instance.retryTimerId = Long.MIN_VALUE;
        }
        load.decrementAndGet();
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

    // ------------------------------------------------------------------ the game's view

    /**
     * The {@link GameContext} handed to game logic: one per runner, pointed at the instance
     * whose callback runs.
     */
    private final class Context implements GameContext
    {
        private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[64 * 1024]);
        private final PlayersView playersView = new PlayersView();
        private Instance current;
        private long sender;
        private long senderGateway;
        private long sequence;
        private boolean inMessage;
        private String rejection;
        private boolean commitRequested;
        private boolean checkpointRequested;
        private GameResult result;

        void begin(final Instance instance, final long sender, final long senderGateway, final long sequence,
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

        private Instance instance()
        {
            if (current == null)
            {
                throw new IllegalStateException("the game context is only valid inside a GameLogic callback");
            }
            return current;
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
            return now;
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
            rejection = reason == null || reason.isEmpty() ? "rejected" : reason;
        }

        public void schedule(final long timerId, final long delayMs)
        {
            final Instance instance = ended();
            if (timerId == BACKUP_RETRY_TIMER || timerId == Long.MIN_VALUE)
            {
                throw new IllegalArgumentException("timer id reserved: " + timerId);
            }
            final long existing = instance.timers.get(timerId);
            if (existing != Long.MIN_VALUE)
            {
                cancelWheel(existing);
            }
            instance.timers.put(timerId, scheduleWheel(instance, timerId, now + Math.max(0, delayMs)));
        }

        public void cancel(final long timerId)
        {
            final Instance instance = instance();
            final long existing = instance.timers.remove(timerId);
            if (existing != Long.MIN_VALUE)
            {
                cancelWheel(existing);
            }
        }

        public void record(final long playerId, final int kind, final DirectBuffer payload, final int offset,
            final int length)
        {
            final Instance instance = ended();
            final byte[] bytes = new byte[length];
            payload.getBytes(offset, bytes);
            instance.history.add(new GameEvent(now, playerId, kind, bytes));
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

        private Instance ended()
        {
            final Instance instance = instance();
            if (result != null || instance.result != null)
            {
                throw new IllegalStateException("the game has ended");
            }
            return instance;
        }
    }

    /**
     * The current instance's players as a read-only list, without copying.
     */
    private final class PlayersView extends AbstractList<Long>
    {
        public Long get(final int index)
        {
            return ctx.instance().players.getLong(index);
        }

        public int size()
        {
            return ctx.instance().players.size();
        }
    }
}
