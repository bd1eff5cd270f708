package io.gamehall.host.runtime;

import io.gamehall.host.api.GameCatalog;
import io.gamehall.host.api.GameLogic;
import io.gamehall.host.api.GameResult;
import io.gamehall.host.api.InstanceSettings;
import io.gamehall.sbe.host.InstanceCloseReason;
import io.gamehall.store.GameEvent;
import io.gamehall.store.InstanceBackup;
import io.gamehall.store.PlayerOutcome;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The instances of one runner from birth to end: spawned (onCreate), restored from a backup
 * (onRestore, then everybody reconnected) or started again without one, finished (history,
 * profiles and the master, then the players), failed (the game threw), terminated, or dropped
 * (another host runs it). Holds the runner's instances and the host's load count.
 */
final class InstanceLifecycle
{
    /** Failures logged with their stack trace; later ones get one line (a broken game fails everywhere). */
    static final int FULL_FAILURE_REPORTS = 20;
    /** Longest summary of a failed game in its history record. */
    static final int MAX_FAILURE_SUMMARY = 256;
    private static final Logger LOG = LoggerFactory.getLogger(InstanceLifecycle.class);

    /**
     * Runs game callbacks for the lifecycle (implemented by the runner).
     */
    interface Steps
    {
        /**
         * Run one callback as a step: what the game asked for is done; a throw fails the instance.
         *
         * @param callback one of {@link Callback}.
         * @param arg      the user id the callback takes.
         * @param state    the backup bytes for onRestore.
         * @return false when the game threw (the instance is gone).
         */
        boolean step(Instance instance, Callback callback, long arg, byte[] state);

        /**
         * Apply the input that waited while the instance was loading.
         */
        void drainDeferred(Instance instance);
    }

    /**
     * The game callbacks other than onMessage.
     */
    enum Callback
    {
        ON_CREATE("onCreate"),
        ON_JOINED("onPlayerJoined"),
        ON_LEFT("onPlayerLeft"),
        ON_RECONNECTED("onPlayerReconnected"),
        ON_TIMER("onTimer"),
        ON_RESTORE("onRestore");

        final String method;

        Callback(final String method)
        {
            this.method = method;
        }
    }

    /**
     * What happens after a game ends, off the runner ({@link GameFinisher#finish}).
     */
    interface Ending
    {
        CompletableFuture<Void> finish(long instanceId, int gameType, long startTimeMs, long endTimeMs,
            List<GameEvent> history, GameResult result);
    }

    private final Long2ObjectHashMap<Instance> instances = new Long2ObjectHashMap<>();
    private final GameCatalog catalog;
    private final MasterReports master;
    private final Ending ending;
    private final HostCounters counters;
    private final AtomicInteger load;
    private final Outbox outbox;
    private final InstanceTimers timers;
    private final InstanceBackups backups;
    private final RunnerContext context;
    private final Executor runner;
    private final LongSupplier clock;
    private Steps steps;

    InstanceLifecycle(
        final GameCatalog catalog,
        final MasterReports master,
        final Ending ending,
        final HostCounters counters,
        final AtomicInteger load,
        final Outbox outbox,
        final InstanceTimers timers,
        final InstanceBackups backups,
        final RunnerContext context,
        final Executor runner,
        final LongSupplier clock)
    {
        this.catalog = catalog;
        this.master = master;
        this.ending = ending;
        this.counters = counters;
        this.load = load;
        this.outbox = outbox;
        this.timers = timers;
        this.backups = backups;
        this.context = context;
        this.runner = runner;
        this.clock = clock;
    }

    void steps(final Steps steps)
    {
        this.steps = steps;
    }

    Instance get(final long instanceId)
    {
        return instances.get(instanceId);
    }

    /**
     * @return true while {@code instance} is one of this runner's (not removed nor replaced).
     */
    boolean isLive(final Instance instance)
    {
        return instances.get(instance.id) == instance;
    }

    int count()
    {
        return instances.size();
    }

    /**
     * The master placed a new instance here: the owner is seated, the game created, the master told.
     */
    void spawn(final long instanceId, final InstanceSettings settings, final long ownerGatewayId)
    {
        if (instances.containsKey(instanceId))
        {
            return;
        }
        final Instance instance = newInstance(instanceId, settings);
        if (instance == null)
        {
            return;
        }
        instance.phase = Instance.Phase.ACTIVE;
        instance.startTimeMs = clock.getAsLong();
        instance.seat(settings.ownerId(), ownerGatewayId);
        counters.instancesStarted.incrementAndGet();
        if (steps.step(instance, Callback.ON_CREATE, 0, null))
        {
            master.instanceReady(instanceId);
        }
    }

    /**
     * The master moved an instance here: its players seated, its backup read.
     */
    void restore(
        final long instanceId, final InstanceSettings settings, final LongArrayList users, final LongArrayList gateways)
    {
        if (instances.containsKey(instanceId))
        {
            return;
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
        backups.read(instance);
    }

    /**
     * The backup of a restored instance was read: the game resumes from it.
     */
    void onLoaded(final Instance instance, final InstanceBackup backup)
    {
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
        if (!steps.step(instance, Callback.ON_RESTORE, 0, decoded.gameState()))
        {
            return;
        }
        for (int i = 0; i < instance.players.size() && isLive(instance); i++)
        {
            steps.step(instance, Callback.ON_RECONNECTED, instance.players.getLong(i), null);
        }
        if (isLive(instance))
        {
            LOG.info("instance {}: restored from backup version {}", instance.id, backup.version());
            master.instanceReady(instance.id);
            steps.drainDeferred(instance);
        }
    }

    /**
     * A restore order without a backup: the game had not saved anything yet, so it starts again
     * with the players the master seated.
     */
    void startFresh(final Instance instance)
    {
        final LongArrayList users = new LongArrayList();
        final LongArrayList gateways = new LongArrayList();
        users.addAll(instance.players);
        gateways.addAll(instance.playerGateways);
        instance.players.clear();
        instance.playerGateways.clear();
        instance.phase = Instance.Phase.ACTIVE;
        instance.startTimeMs = clock.getAsLong();
        final long ownerId = instance.settings.ownerId();
        final int ownerSeat = users.indexOf(ownerId);
        instance.seat(ownerId, ownerSeat >= 0 ? gateways.getLong(ownerSeat) : 0);
        counters.instancesRestored.incrementAndGet();
        if (!steps.step(instance, Callback.ON_CREATE, 0, null))
        {
            return;
        }
        if (ownerSeat < 0)
        {
            instance.unseat(ownerId);
        }
        for (int i = 0; i < users.size() && isLive(instance); i++)
        {
            final long userId = users.getLong(i);
            if (userId != ownerId)
            {
                instance.seat(userId, gateways.getLong(i));
                if (!steps.step(instance, Callback.ON_JOINED, userId, null))
                {
                    return;
                }
            }
        }
        if (isLive(instance))
        {
            LOG.info("instance {}: no backup yet, started again", instance.id);
            master.instanceReady(instance.id);
            steps.drainDeferred(instance);
        }
    }

    /**
     * The game is over: history, profiles, the master — and then the players hear it, so that a
     * player told the game is over already has a free seat for the next one.
     */
    void finish(final Instance instance)
    {
        final GameResult result = instance.result;
        remove(instance);
        counters.instancesEnded.incrementAndGet();
        ending.finish(instance.id, instance.settings.gameType(), instance.startTimeMs, clock.getAsLong(),
            new ArrayList<>(instance.history), result)
            .whenComplete((v, ex) -> runner.execute(() -> closeToPlayers(instance, InstanceCloseReason.GAME_OVER,
                result.summary())));
    }

    /**
     * The game's code threw: the instance ends with an error report; the players are told,
     * the game goes to history without counting in anyone's profile, the master hears it ended.
     */
    void fail(final Instance instance, final String where, final Throwable ex)
    {
        context.finish();
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
        final String summary = "game error in " + where + ": " + ex.getClass().getSimpleName();
        remove(instance);
        ending.finish(instance.id, instance.settings.gameType(), instance.startTimeMs, clock.getAsLong(),
            new ArrayList<>(instance.history), new GameResult(outcomes, summary.length() > MAX_FAILURE_SUMMARY ?
                summary.substring(0, MAX_FAILURE_SUMMARY) : summary))
            .whenComplete((v, failure) -> runner.execute(() -> closeToPlayers(instance, InstanceCloseReason.GAME_ERROR,
                "the game stopped after an error")));
    }

    /**
     * An owner or operator destroyed the instance: the players are told, no history is written,
     * the backup is deleted.
     */
    void terminate(final long instanceId)
    {
        final Instance instance = instances.get(instanceId);
        if (instance != null)
        {
            closeToPlayers(instance, InstanceCloseReason.TERMINATED, "the instance was closed");
            remove(instance);
            backups.delete(instance);
        }
    }

    /**
     * Forget every instance without telling anyone.
     *
     * @param why logged for each instance, or null for nothing.
     */
    void removeAll(final String why)
    {
        for (final Instance instance : new ArrayList<>(instances.values()))
        {
            if (why != null)
            {
                LOG.warn("instance {}: dropped, {}", instance.id, why);
            }
            remove(instance);
        }
    }

    /**
     * Forget the instance: it takes no input and its timers are cancelled.
     */
    void remove(final Instance instance)
    {
        if (instances.remove(instance.id) == null)
        {
            return;
        }
        instance.phase = Instance.Phase.FINISHING;
        timers.cancelAll(instance);
        load.decrementAndGet();
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
}
