package io.gamehall.host.runtime;

import io.gamehall.host.api.GameResult;
import io.gamehall.store.GameEvent;
import io.gamehall.store.GamePlayer;
import io.gamehall.store.GameRecord;
import io.gamehall.store.PlayerOutcome;
import io.gamehall.store.Profile;
import io.gamehall.store.Store;
import io.gamehall.store.StoreError;
import io.gamehall.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * What happens after a game ends, off the runner threads: the game goes to history, each
 * player's profile counts the result (and a rating moves, Elo for two players), the master
 * hears that the instance ended, and the backup is deleted. History is retried while the store
 * is unavailable; the master is told in any case so the players are not stuck.
 */
final class GameFinisher
{
    private static final Logger LOG = LoggerFactory.getLogger(GameFinisher.class);
    private static final int ELO_K = 32;
    private static final int HISTORY_ATTEMPTS = 5;

    private final Store store;
    private final MasterReports master;
    private final HostCounters counters;

    GameFinisher(final Store store, final MasterReports master, final HostCounters counters)
    {
        this.store = store;
        this.master = master;
        this.counters = counters;
    }

    /**
     * @return completes when the master knows the instance ended (never exceptionally): the
     * players' seats are free then; the backup is deleted afterwards.
     */
    CompletableFuture<Void> finish(
        final long instanceId,
        final int gameType,
        final long startTimeMs,
        final long endTimeMs,
        final List<GameEvent> history,
        final GameResult result)
    {
        final List<GamePlayer> players = new ArrayList<>();
        for (final Map.Entry<Long, PlayerOutcome> e : result.outcomes().entrySet())
        {
            players.add(new GamePlayer(e.getKey(), e.getValue()));
        }
        final CompletableFuture<Void> recorded = players.isEmpty() ?
            CompletableFuture.completedFuture(null) :
            saveGame(new GameRecord(instanceId, gameType, startTimeMs, endTimeMs, players,
                List.copyOf(history), result.summary()), 1)
                .thenCompose(saved -> updateProfiles(result, endTimeMs));
        final CompletableFuture<Void> told = recorded.handle((ok, ex) ->
        {
            if (ex != null)
            {
                counters.historyFailures.incrementAndGet();
                LOG.error("instance {}: history or profiles not written: {}", instanceId, rootMessage(ex));
            }
            return null;
        }).thenCompose(v -> master.instanceEnded(instanceId));
        told.thenCompose(v -> store.deleteBackup(instanceId)).whenComplete((deleted, ex) ->
        {
            if (ex != null)
            {
                LOG.warn("instance {}: backup not deleted: {}", instanceId, rootMessage(ex));
            }
        });
        return told;
    }

    private CompletableFuture<Void> saveGame(final GameRecord record, final int attempt)
    {
        return store.saveGame(record).handle((saved, ex) ->
        {
            if (ex == null)
            {
                counters.gamesRecorded.incrementAndGet();
                return CompletableFuture.<Void>completedFuture(null);
            }
            final StoreException se = storeException(ex);
            if (se != null && se.error().isTransient() && attempt < HISTORY_ATTEMPTS)
            {
                final Executor later = CompletableFuture.delayedExecutor(100L << attempt, TimeUnit.MILLISECONDS);
                return CompletableFuture.supplyAsync(() -> null, later)
                    .thenCompose(v -> saveGame(record, attempt + 1));
            }
            return CompletableFuture.<Void>failedFuture(ex);
        }).thenCompose(f -> f);
    }

    private CompletableFuture<Void> updateProfiles(final GameResult result, final long nowMs)
    {
        final Map<Long, PlayerOutcome> outcomes = result.outcomes();
        if (outcomes.size() == 2 && !outcomes.containsValue(PlayerOutcome.ABANDONED))
        {
            final Long[] ids = outcomes.keySet().toArray(new Long[0]);
            return CompletableFuture.allOf(profileOrNew(ids[0]), profileOrNew(ids[1]))
                .thenCompose(v -> CompletableFuture.allOf(
                    count(ids[0], outcomes.get(ids[0]), ids[1], nowMs),
                    count(ids[1], outcomes.get(ids[1]), ids[0], nowMs)));
        }
        final List<CompletableFuture<?>> updates = new ArrayList<>();
        for (final Map.Entry<Long, PlayerOutcome> e : outcomes.entrySet())
        {
            updates.add(profileOrNew(e.getKey()).thenCompose(p -> store.updateProfile(e.getKey(),
                current -> counted(current, e.getValue(), current.rating(), nowMs))));
        }
        return CompletableFuture.allOf(updates.toArray(new CompletableFuture<?>[0]));
    }

    /**
     * Both ratings are read before either changes, so the two updates agree on the expectation.
     */
    private CompletableFuture<Profile> count(
        final long playerId, final PlayerOutcome outcome, final long opponentId, final long nowMs)
    {
        return store.profile(opponentId).thenCompose(opponent -> store.updateProfile(playerId,
            current -> counted(current, outcome, newRating(current.rating(), opponent.rating(), outcome), nowMs)));
    }

    static int newRating(final int rating, final int opponentRating, final PlayerOutcome outcome)
    {
        final double expected = 1.0 / (1.0 + Math.pow(10.0, (opponentRating - rating) / 400.0));
        final double score = switch (outcome)
        {
            case WIN -> 1.0;
            case DRAW -> 0.5;
            case LOSS, ABANDONED -> 0.0;
        };
        return (int)Math.round(rating + ELO_K * (score - expected));
    }

    private static Profile counted(final Profile p, final PlayerOutcome outcome, final int rating, final long nowMs)
    {
        return new Profile(p.accountId(), p.displayName(), rating,
            p.wins() + (outcome == PlayerOutcome.WIN ? 1 : 0),
            p.losses() + (outcome == PlayerOutcome.LOSS || outcome == PlayerOutcome.ABANDONED ? 1 : 0),
            p.draws() + (outcome == PlayerOutcome.DRAW ? 1 : 0),
            Math.max(p.lastSeenMs(), nowMs));
    }

    /**
     * A player without a profile (an account made before profiles, or a test) gets a fresh one.
     */
    private CompletableFuture<Profile> profileOrNew(final long playerId)
    {
        return store.profile(playerId).handle((profile, ex) ->
        {
            if (ex == null)
            {
                return CompletableFuture.completedFuture(profile);
            }
            final StoreException se = storeException(ex);
            if (se != null && se.error() == StoreError.NOT_FOUND)
            {
                return store.saveProfile(Profile.initial(playerId, "player-" + playerId, 0));
            }
            return CompletableFuture.<Profile>failedFuture(ex);
        }).thenCompose(f -> f);
    }

    static StoreException storeException(final Throwable ex)
    {
        Throwable t = ex;
        while (t instanceof CompletionException && t.getCause() != null)
        {
            t = t.getCause();
        }
        return t instanceof StoreException se ? se : null;
    }

    static String rootMessage(final Throwable ex)
    {
        Throwable t = ex;
        while (t.getCause() != null && t instanceof CompletionException)
        {
            t = t.getCause();
        }
        return t.toString();
    }
}
