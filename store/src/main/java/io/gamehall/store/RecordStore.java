package io.gamehall.store;

import io.gamehall.store.kv.KeyValueBackend;
import io.gamehall.store.kv.Keyspace;
import io.gamehall.store.kv.VersionedValue;
import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;

/**
 * The {@link Store}: records, their key design and their consistency rules, written once over
 * any {@link KeyValueBackend}, with a {@link KeyOrderedExecutor} in front.
 * <p>
 * Multi-record writes are ordered so that a failure half-way leaves nothing wrong, only something
 * a repeat completes: an account is written before the name that points to it (a name never
 * points nowhere); a game is written before it is added to its players' histories, and an
 * addition to a history is recognised when repeated. Read-modify-writes use compare-and-set, so
 * they stay correct when several store clients (several game hosts on one Couchbase bucket)
 * write the same record.
 */
public final class RecordStore implements Store
{
    private static final Logger LOG = LoggerFactory.getLogger(RecordStore.class);

    /** Longest profile display name, in characters. */
    public static final int MAX_DISPLAY_NAME_CHARS = 64;
    /** Longest game summary, in characters. */
    public static final int MAX_SUMMARY_CHARS = 256;
    /** Most players of one game. */
    public static final int MAX_PLAYERS = 64;
    /** Most events of one game. */
    public static final int MAX_EVENTS = 65_535;
    /** Largest payload of one event, in bytes. */
    public static final int MAX_EVENT_PAYLOAD_BYTES = 65_535;
    /** Largest game type id. */
    public static final int MAX_GAME_TYPE = 65_534;

    private static final String ACCOUNT_SEQUENCE = "account";
    private static final long CAS_BACKOFF_UNIT_NS = 100_000;
    private static final int CAS_BACKOFF_MAX_SHIFT = 7;
    private static final AtomicInteger STORE_NUMBER = new AtomicInteger();

    private final StoreConfig config;
    private final KeyValueBackend backend;
    private final KeyOrderedExecutor executor;
    private final EpochClock clock;
    private final long timeoutMs;
    private final ThreadLocal<RecordCodec> codecs = ThreadLocal.withInitial(RecordCodec::new);

    /**
     * A store over a backend the caller opened (tests and tools); {@link Store#open(StoreConfig)}
     * is the usual way in.
     *
     * @param config  the configuration; concluded here.
     * @param backend the storage; closed with the store.
     */
    public RecordStore(final StoreConfig config, final KeyValueBackend backend)
    {
        this.config = config.conclude();
        this.backend = backend;
        this.clock = config.clock();
        this.timeoutMs = config.operationTimeoutMs();
        executor = new KeyOrderedExecutor("store-" + STORE_NUMBER.incrementAndGet(), config.workerThreads(), config.queueCapacity(),
            config.submitWaitMs(), config.closeTimeoutMs());
        LOG.info("store open: {}", backend.describe());
    }

    public CompletableFuture<Account> createAccount(final String name, final PasswordHash passwordHash)
    {
        try
        {
            AccountName.requireValid(name);
            requirePasswordHash(passwordHash);
        }
        catch (final StoreException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
        final String nameKey = AccountName.uniquenessKey(name);
        return submitRetrying(Keyspace.NAME, nameKey, (deadlineNs) -> insertAccount(name, nameKey, passwordHash));
    }

    private Account insertAccount(final String name, final String nameKey, final PasswordHash passwordHash)
    {
        final RecordCodec codec = codecs.get();
        final VersionedValue holder = backend.get(Keyspace.NAME, nameKey);
        if (holder != null)
        {
            final long holderId = codec.decodeName(holder.value(), Keyspace.NAME.documentKey(nameKey));
            final VersionedValue held = backend.get(Keyspace.ACCOUNT, Long.toString(holderId));
            if (held != null)
            {
                final Account existing = codec.decodeAccount(held.value(), Keyspace.ACCOUNT.documentKey(Long.toString(holderId)));
                if (existing.name().equals(name) && existing.passwordHash().sameAs(passwordHash))
                {
                    return existing;
                }
                throw new StoreException(StoreError.CONFLICT, "the account name \"" + name + "\" is taken");
            }
            LOG.warn("name {} pointed to missing account {}; releasing it", nameKey, holderId);
            backend.remove(Keyspace.NAME, nameKey, holder.cas());
        }

        final long id = backend.increment(Keyspace.SEQUENCE, ACCOUNT_SEQUENCE);
        final Account account = new Account(id, name, passwordHash, clock.time());
        final String idKey = Long.toString(id);
        if (backend.insert(Keyspace.ACCOUNT, idKey, codec.encodeAccount(account)) == KeyValueBackend.EXISTS)
        {
            throw new StoreException(StoreError.INTERNAL, "account id " + id + " from " +
                Keyspace.SEQUENCE.documentKey(ACCOUNT_SEQUENCE) + " is already in use: the sequence is behind");
        }
        if (backend.insert(Keyspace.NAME, nameKey, codec.encodeName(id)) == KeyValueBackend.EXISTS)
        {
            backend.remove(Keyspace.ACCOUNT, idKey, 0);
            throw new StoreException(StoreError.CONFLICT, "the account name \"" + name + "\" is taken");
        }
        return account;
    }

    public CompletableFuture<Account> account(final long accountId)
    {
        if (accountId <= 0)
        {
            return invalid("account id must be positive: " + accountId);
        }
        final String key = Long.toString(accountId);
        return submitRetrying(Keyspace.ACCOUNT, key, (deadlineNs) -> readAccount(key));
    }

    private Account readAccount(final String key)
    {
        final VersionedValue value = backend.get(Keyspace.ACCOUNT, key);
        if (value == null)
        {
            throw notFound(Keyspace.ACCOUNT, key);
        }
        return codecs.get().decodeAccount(value.value(), Keyspace.ACCOUNT.documentKey(key));
    }

    public CompletableFuture<Account> accountByName(final String name)
    {
        if (!AccountName.isValid(name))
        {
            return CompletableFuture.failedFuture(
                new StoreException(StoreError.NOT_FOUND, "no account is named " + (name == null ? "null" : '"' +
                (name.length() > 40 ? name.substring(0, 40) + "..." : name) + '"') + " (not a valid name)"));
        }
        final String nameKey = AccountName.uniquenessKey(name);
        return submitRetrying(Keyspace.NAME, nameKey, (deadlineNs) ->
        {
            final VersionedValue holder = backend.get(Keyspace.NAME, nameKey);
            if (holder == null)
            {
                throw notFound(Keyspace.NAME, nameKey);
            }
            final long id = codecs.get().decodeName(holder.value(), Keyspace.NAME.documentKey(nameKey));
            return readAccount(Long.toString(id));
        });
    }

    public CompletableFuture<Account> changePassword(final long accountId, final PasswordHash passwordHash)
    {
        try
        {
            requirePasswordHash(passwordHash);
        }
        catch (final StoreException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
        return updateAccount(accountId, old -> new Account(old.id(), old.name(), passwordHash, old.createdTimeMs(),
            old.tokenGeneration() + 1));
    }

    public CompletableFuture<Account> rehashPassword(final long accountId, final PasswordHash expected,
        final PasswordHash rehashed)
    {
        try
        {
            requirePasswordHash(expected);
            requirePasswordHash(rehashed);
        }
        catch (final StoreException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
        return updateAccount(accountId, old -> old.passwordHash().sameAs(expected) ?
            new Account(old.id(), old.name(), rehashed, old.createdTimeMs(), old.tokenGeneration()) : null);
    }

    public CompletableFuture<Account> revokeTokens(final long accountId)
    {
        return updateAccount(accountId, old -> new Account(old.id(), old.name(), old.passwordHash(),
            old.createdTimeMs(), old.tokenGeneration() + 1));
    }

    /**
     * Compare-and-set an account record by a function of its current value; the function answers
     * null to leave it as it is. Repeated after UNAVAILABLE or TIMEOUT: every change made through it
     * may be applied twice (a generation raised by two is as revoked as one raised by one).
     */
    private CompletableFuture<Account> updateAccount(final long accountId, final UnaryOperator<Account> change)
    {
        try
        {
            requirePositive("account id", accountId);
        }
        catch (final StoreException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
        final String key = Long.toString(accountId);
        return submitRetrying(Keyspace.ACCOUNT, key, (deadlineNs) ->
        {
            final RecordCodec codec = codecs.get();
            for (int attempt = 0; attempt < config.casAttempts(); attempt++)
            {
                casBackoff(attempt);
                final VersionedValue value = backend.get(Keyspace.ACCOUNT, key);
                if (value == null)
                {
                    throw notFound(Keyspace.ACCOUNT, key);
                }
                final Account old = codec.decodeAccount(value.value(), Keyspace.ACCOUNT.documentKey(key));
                final Account updated = change.apply(old);
                if (updated == null)
                {
                    return old;
                }
                if (backend.replace(Keyspace.ACCOUNT, key, codec.encodeAccount(updated), value.cas()) > 0)
                {
                    return updated;
                }
            }
            throw contended(Keyspace.ACCOUNT, key);
        });
    }

    public CompletableFuture<Profile> profile(final long accountId)
    {
        if (accountId <= 0)
        {
            return invalid("account id must be positive: " + accountId);
        }
        final String key = Long.toString(accountId);
        return submitRetrying(Keyspace.PROFILE, key, (deadlineNs) ->
        {
            final VersionedValue value = backend.get(Keyspace.PROFILE, key);
            if (value == null)
            {
                throw notFound(Keyspace.PROFILE, key);
            }
            return codecs.get().decodeProfile(value.value(), Keyspace.PROFILE.documentKey(key));
        });
    }

    public CompletableFuture<Profile> saveProfile(final Profile profile)
    {
        try
        {
            requireValid(profile);
        }
        catch (final StoreException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
        final String key = Long.toString(profile.accountId());
        return submitRetrying(Keyspace.PROFILE, key, (deadlineNs) ->
        {
            backend.upsert(Keyspace.PROFILE, key, codecs.get().encodeProfile(profile));
            return profile;
        });
    }

    public CompletableFuture<Profile> updateProfile(final long accountId, final UnaryOperator<Profile> change)
    {
        if (accountId <= 0 || change == null)
        {
            return invalid("account id must be positive and the change given: " + accountId);
        }
        final String key = Long.toString(accountId);
        return executor.submit(Keyspace.PROFILE.documentKey(key), timeoutMs, (deadlineNs) ->
        {
            final RecordCodec codec = codecs.get();
            for (int attempt = 0; attempt < config.casAttempts(); attempt++)
            {
                casBackoff(attempt);
                final VersionedValue value = backend.get(Keyspace.PROFILE, key);
                if (value == null)
                {
                    throw notFound(Keyspace.PROFILE, key);
                }
                final Profile current = codec.decodeProfile(value.value(), Keyspace.PROFILE.documentKey(key));
                final Profile updated = applyChange(change, current);
                if (backend.replace(Keyspace.PROFILE, key, codec.encodeProfile(updated), value.cas()) > 0)
                {
                    return updated;
                }
            }
            throw contended(Keyspace.PROFILE, key);
        });
    }

    private static Profile applyChange(final UnaryOperator<Profile> change, final Profile current)
    {
        final Profile updated;
        try
        {
            updated = change.apply(current);
        }
        catch (final RuntimeException ex)
        {
            throw new StoreException(StoreError.INVALID_ARGUMENT, "the profile change failed: " + ex, ex);
        }
        if (updated == null || updated.accountId() != current.accountId())
        {
            throw new StoreException(StoreError.INVALID_ARGUMENT,
                "a profile change must return a profile of the same account " + current.accountId());
        }
        requireValid(updated);
        return updated;
    }

    public CompletableFuture<InstanceBackup> saveBackup(final long instanceId, final long version, final byte[] state)
    {
        try
        {
            requirePositive("instance id", instanceId);
            requirePositive("backup version", version);
            if (state == null)
            {
                throw new StoreException(StoreError.INVALID_ARGUMENT, "a backup needs a state");
            }
            requireFits("the state of instance " + instanceId, state.length);
        }
        catch (final StoreException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
        final byte[] copy = state.clone();
        final String key = Long.toString(instanceId);
        return submitRetrying(Keyspace.BACKUP, key, (deadlineNs) -> writeBackup(instanceId, version, copy, key));
    }

    private InstanceBackup writeBackup(final long instanceId, final long version, final byte[] state, final String key)
    {
        final RecordCodec codec = codecs.get();
        final String documentKey = Keyspace.BACKUP.documentKey(key);
        for (int attempt = 0; attempt < config.casAttempts(); attempt++)
        {
            casBackoff(attempt);
            final InstanceBackup backup = new InstanceBackup(instanceId, version, clock.time(), state);
            final byte[] bytes = codec.encodeBackup(backup);
            requireFits(documentKey, bytes.length);
            final VersionedValue value = backend.get(Keyspace.BACKUP, key);
            if (value == null)
            {
                if (backend.insert(Keyspace.BACKUP, key, bytes) > 0)
                {
                    return backup;
                }
                continue;
            }
            final InstanceBackup stored = codec.decodeBackup(value.value(), documentKey);
            if (stored.version() > version || (stored.version() == version && !Arrays.equals(stored.state(), state)))
            {
                throw new StoreException(StoreError.CONFLICT, documentKey + " is at version " + stored.version() +
                    "; version " + version + " may not replace it");
            }
            if (stored.version() == version)
            {
                return stored;
            }
            if (backend.replace(Keyspace.BACKUP, key, bytes, value.cas()) > 0)
            {
                return backup;
            }
        }
        throw contended(Keyspace.BACKUP, key);
    }

    public CompletableFuture<InstanceBackup> backup(final long instanceId)
    {
        if (instanceId <= 0)
        {
            return invalid("instance id must be positive: " + instanceId);
        }
        final String key = Long.toString(instanceId);
        return submitRetrying(Keyspace.BACKUP, key, (deadlineNs) ->
        {
            final VersionedValue value = backend.get(Keyspace.BACKUP, key);
            if (value == null)
            {
                throw notFound(Keyspace.BACKUP, key);
            }
            return codecs.get().decodeBackup(value.value(), Keyspace.BACKUP.documentKey(key));
        });
    }

    public CompletableFuture<Boolean> deleteBackup(final long instanceId)
    {
        if (instanceId <= 0)
        {
            return invalid("instance id must be positive: " + instanceId);
        }
        final String key = Long.toString(instanceId);
        return submitRetrying(Keyspace.BACKUP, key, (deadlineNs) -> backend.remove(Keyspace.BACKUP, key, 0) == 0);
    }

    public CompletableFuture<GameRecord> saveGame(final GameRecord game)
    {
        try
        {
            requireValid(game);
        }
        catch (final StoreException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
        final GameRecord copy = new GameRecord(game.gameId(), game.gameType(), game.startTimeMs(), game.endTimeMs(),
            List.copyOf(game.players()), List.copyOf(game.events()), game.summary() == null ? "" : game.summary());
        final String key = Long.toString(game.gameId());
        return submitRetrying(Keyspace.GAME, key, (deadlineNs) -> writeGame(copy, key));
    }

    private GameRecord writeGame(final GameRecord game, final String key)
    {
        final RecordCodec codec = codecs.get();
        final String documentKey = Keyspace.GAME.documentKey(key);
        final byte[] bytes = codec.encodeGame(game);
        requireFits(documentKey, bytes.length);
        if (backend.insert(Keyspace.GAME, key, bytes) == KeyValueBackend.EXISTS)
        {
            final VersionedValue stored = backend.get(Keyspace.GAME, key);
            if (stored == null || !Arrays.equals(stored.value(), bytes))
            {
                throw new StoreException(StoreError.CONFLICT, "a different game is stored as " + documentKey);
            }
        }
        for (final GamePlayer player : game.players())
        {
            appendToHistory(codec, player.userId(), new HistoryEntry(
                0, game.gameId(), game.gameType(), game.endTimeMs(), player.outcome()));
        }
        return game;
    }

    /**
     * Add a game to a user's history: the entry goes onto the page its sequence number falls in,
     * then the head's count moves past it, each with compare-and-set. A writer that finds an entry
     * beyond the head's count (another writer stopped between the two steps) moves the count on
     * first; an entry already on the page is not added again.
     */
    private void appendToHistory(final RecordCodec codec, final long userId, final HistoryEntry entry)
    {
        final String headKey = Long.toString(userId);
        long writtenAt = -1;
        for (int attempt = 0; attempt < config.casAttempts(); attempt++)
        {
            casBackoff(attempt);
            final VersionedValue headValue = backend.get(Keyspace.HISTORY, headKey);
            final RecordCodec.HistoryHead head = headValue == null ?
                new RecordCodec.HistoryHead(userId, 0, config.historyPageSize()) :
                codec.decodeHistoryHead(headValue.value(), Keyspace.HISTORY.documentKey(headKey));
            if (writtenAt >= 0 && head.count() > writtenAt)
            {
                return;
            }
            final long page = head.count() / head.pageSize();
            final String pageKey = pageKey(userId, page);
            final VersionedValue pageValue = backend.get(Keyspace.HISTORY, pageKey);
            final List<HistoryEntry> entries = pageValue == null ? new ArrayList<>() :
                codec.decodeHistoryPage(pageValue.value(), Keyspace.HISTORY.documentKey(pageKey), head.pageSize());
            final long pageEnd = page * head.pageSize() + entries.size();

            if (pageEnd > head.count())
            {
                final boolean moved = writeHead(
                    codec, headKey, headValue, new RecordCodec.HistoryHead(userId, pageEnd, head.pageSize()));
                if (moved && containsGame(entries, entry.gameId()))
                {
                    return;
                }
                continue;
            }
            if (containsGame(entries, entry.gameId()) ||
                entries.isEmpty() && page > 0 && previousPageHolds(codec, userId, page - 1, head.pageSize(), entry.gameId()))
            {
                return;
            }

            entries.add(entry);
            final byte[] pageBytes = codec.encodeHistoryPage(userId, page, entries);
            final long written = pageValue == null ?
                backend.insert(Keyspace.HISTORY, pageKey, pageBytes) :
                backend.replace(Keyspace.HISTORY, pageKey, pageBytes, pageValue.cas());
            if (written > 0)
            {
                writtenAt = pageEnd;
                if (writeHead(codec, headKey, headValue, new RecordCodec.HistoryHead(userId, pageEnd + 1, head.pageSize())))
                {
                    return;
                }
            }
        }
        throw contended(Keyspace.HISTORY, headKey);
    }

    /**
     * A repeated save whose first attempt filled the user's newest page finds its entry there.
     */
    private boolean previousPageHolds(
        final RecordCodec codec, final long userId, final long page, final int pageSize, final long gameId)
    {
        final String pageKey = pageKey(userId, page);
        final VersionedValue value = backend.get(Keyspace.HISTORY, pageKey);
        return value != null &&
            containsGame(codec.decodeHistoryPage(value.value(), Keyspace.HISTORY.documentKey(pageKey), pageSize), gameId);
    }

    private boolean writeHead(
        final RecordCodec codec, final String headKey, final VersionedValue old, final RecordCodec.HistoryHead head)
    {
        final byte[] bytes = codec.encodeHistoryHead(head);
        final long written = old == null ?
            backend.insert(Keyspace.HISTORY, headKey, bytes) :
            backend.replace(Keyspace.HISTORY, headKey, bytes, old.cas());
        return written > 0;
    }

    private static boolean containsGame(final List<HistoryEntry> entries, final long gameId)
    {
        for (final HistoryEntry entry : entries)
        {
            if (entry.gameId() == gameId)
            {
                return true;
            }
        }
        return false;
    }

    private static String pageKey(final long userId, final long page)
    {
        return userId + "::" + page;
    }

    public CompletableFuture<GameRecord> game(final long gameId)
    {
        if (gameId <= 0)
        {
            return invalid("game id must be positive: " + gameId);
        }
        final String key = Long.toString(gameId);
        return submitRetrying(Keyspace.GAME, key, (deadlineNs) ->
        {
            final VersionedValue value = backend.get(Keyspace.GAME, key);
            if (value == null)
            {
                throw notFound(Keyspace.GAME, key);
            }
            return codecs.get().decodeGame(value.value(), Keyspace.GAME.documentKey(key));
        });
    }

    public CompletableFuture<HistoryPage> recentGames(final long userId, final long before, final int limit)
    {
        if (userId <= 0 || before < 0 || limit < 1 || limit > config.maxHistoryLimit())
        {
            return invalid("recent games need a positive user id, a cursor >= 0 and a limit of 1.." +
                config.maxHistoryLimit() + ": user " + userId + ", before " + before + ", limit " + limit);
        }
        final String headKey = Long.toString(userId);
        return submitRetrying(Keyspace.HISTORY, headKey, (deadlineNs) -> readHistory(userId, headKey, before, limit));
    }

    private HistoryPage readHistory(final long userId, final String headKey, final long before, final int limit)
    {
        final RecordCodec codec = codecs.get();
        final VersionedValue headValue = backend.get(Keyspace.HISTORY, headKey);
        if (headValue == null)
        {
            return new HistoryPage(List.of(), HistoryPage.END);
        }
        final RecordCodec.HistoryHead head =
            codec.decodeHistoryHead(headValue.value(), Keyspace.HISTORY.documentKey(headKey));
        final long end = Math.min(before, head.count());
        final long start = Math.max(0, end - limit);
        final List<HistoryEntry> newestFirst = new ArrayList<>((int)(end - start));
        if (end > start)
        {
            for (long page = (end - 1) / head.pageSize(); page >= start / head.pageSize(); page--)
            {
                final String pageKey = pageKey(userId, page);
                final VersionedValue pageValue = backend.get(Keyspace.HISTORY, pageKey);
                if (pageValue == null)
                {
                    throw new StoreException(StoreError.CORRUPT, Keyspace.HISTORY.documentKey(pageKey) +
                        " is missing, though " + Keyspace.HISTORY.documentKey(headKey) + " counts " + head.count() +
                        " games");
                }
                final List<HistoryEntry> entries = codec.decodeHistoryPage(
                    pageValue.value(), Keyspace.HISTORY.documentKey(pageKey), head.pageSize());
                for (int i = entries.size() - 1; i >= 0; i--)
                {
                    final HistoryEntry entry = entries.get(i);
                    if (entry.sequence() >= start && entry.sequence() < end)
                    {
                        newestFirst.add(entry);
                    }
                }
            }
        }
        return new HistoryPage(List.copyOf(newestFirst), start > 0 ? start : HistoryPage.END);
    }

    public StoreCounters counters()
    {
        return new StoreCounters(executor.queued(), executor.submitted(), executor.succeeded(), executor.failed(),
            executor.rejected(), executor.timedOut(), executor.retried());
    }

    public String describe()
    {
        return backend.describe();
    }

    public void close()
    {
        try
        {
            executor.close();
        }
        finally
        {
            backend.close();
        }
        LOG.info("store closed: {}", backend.describe());
    }

    /**
     * Run an operation that may be repeated: after UNAVAILABLE or TIMEOUT from the storage it is
     * tried again, after a pause that doubles from the initial backoff (with jitter) up to the
     * maximum, for as long as the deadline leaves room. While it waits, its lane runs other keys;
     * later operations on its key wait behind it, so the key's order holds.
     */
    private <T> CompletableFuture<T> submitRetrying(
        final Keyspace keyspace, final String key, final KeyOrderedExecutor.Operation<T> operation)
    {
        final String documentKey = keyspace.documentKey(key);
        return executor.submit(documentKey, timeoutMs, operation, (failure, attempt) ->
        {
            if (failure.error() != StoreError.UNAVAILABLE && failure.error() != StoreError.TIMEOUT)
            {
                return -1;
            }
            final long backoffMs = Math.min(config.retryInitialBackoffMs() << Math.min(attempt - 1, 20),
                config.retryMaxBackoffMs());
            final long pauseMs = backoffMs + ThreadLocalRandom.current().nextLong(backoffMs / 2 + 1);
            LOG.debug("{} failed ({}); retrying in {} ms", documentKey, failure.getMessage(), pauseMs);
            return pauseMs;
        });
    }

    /**
     * After a lost compare-and-set, wait a random moment whose bound doubles with each attempt
     * (0.1 ms, 0.2 ms ... 12.8 ms), so that a writer losing to a busy one in lock-step falls out
     * of step, and the busy one gets done.
     */
    private static void casBackoff(final int attempt)
    {
        if (attempt > 0)
        {
            final long boundNs = CAS_BACKOFF_UNIT_NS << Math.min(attempt - 1, CAS_BACKOFF_MAX_SHIFT);
            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(boundNs / 2, boundNs));
        }
    }

    private void requireFits(final String what, final int length)
    {
        if (length > config.maxValueBytes())
        {
            throw new StoreException(StoreError.TOO_LARGE, what + " takes " + length + " bytes; the limit is " +
                config.maxValueBytes() + " (" + StoreConfig.PROPERTY_PREFIX + "max-value-bytes)");
        }
    }

    private static void requirePositive(final String what, final long value)
    {
        if (value <= 0)
        {
            throw new StoreException(StoreError.INVALID_ARGUMENT, what + " must be positive: " + value);
        }
    }

    private static void requirePasswordHash(final PasswordHash hash)
    {
        if (hash == null || hash.iterations() < PasswordHasher.MIN_ITERATIONS ||
            hash.iterations() > PasswordHasher.MAX_ITERATIONS || hash.saltLength() < 8 || hash.saltLength() > 1024 ||
            hash.hashLength() < 16 || hash.hashLength() > 1024)
        {
            throw new StoreException(StoreError.INVALID_ARGUMENT, "not a password hash from PasswordHasher: " + hash);
        }
    }

    private static void requireValid(final Profile profile)
    {
        if (profile == null)
        {
            throw new StoreException(StoreError.INVALID_ARGUMENT, "no profile given");
        }
        requirePositive("account id", profile.accountId());
        requireText("display name", profile.displayName(), 1, MAX_DISPLAY_NAME_CHARS);
        if (profile.wins() < 0 || profile.losses() < 0 || profile.draws() < 0 || profile.lastSeenMs() < 0)
        {
            throw new StoreException(StoreError.INVALID_ARGUMENT,
                "wins, losses, draws and last seen may not be negative: " + profile);
        }
    }

    private static void requireValid(final GameRecord game)
    {
        if (game == null)
        {
            throw new StoreException(StoreError.INVALID_ARGUMENT, "no game given");
        }
        requirePositive("game id", game.gameId());
        if (game.gameType() < 1 || game.gameType() > MAX_GAME_TYPE)
        {
            throw new StoreException(StoreError.INVALID_ARGUMENT,
                "game type must be 1.." + MAX_GAME_TYPE + ": " + game.gameType());
        }
        if (game.startTimeMs() < 0 || game.endTimeMs() < game.startTimeMs())
        {
            throw new StoreException(StoreError.INVALID_ARGUMENT, "a game must end after it starts: " +
                game.startTimeMs() + ".." + game.endTimeMs());
        }
        if (game.players() == null || game.players().isEmpty() || game.players().size() > MAX_PLAYERS)
        {
            throw new StoreException(StoreError.INVALID_ARGUMENT, "a game has 1.." + MAX_PLAYERS + " players");
        }
        final Set<Long> seen = new HashSet<>();
        for (final GamePlayer player : game.players())
        {
            if (player == null || player.outcome() == null || player.userId() <= 0 || !seen.add(player.userId()))
            {
                throw new StoreException(StoreError.INVALID_ARGUMENT,
                    "each player needs a positive, distinct user id and an outcome: " + player);
            }
        }
        if (game.events() == null || game.events().size() > MAX_EVENTS)
        {
            throw new StoreException(StoreError.INVALID_ARGUMENT, "a game has at most " + MAX_EVENTS + " events");
        }
        for (final GameEvent event : game.events())
        {
            if (event == null || event.payload() == null || event.payload().length > MAX_EVENT_PAYLOAD_BYTES)
            {
                throw new StoreException(StoreError.INVALID_ARGUMENT,
                    "each event needs a payload of at most " + MAX_EVENT_PAYLOAD_BYTES + " bytes");
            }
        }
        if (game.summary() != null)
        {
            requireText("summary", game.summary(), 0, MAX_SUMMARY_CHARS);
        }
    }

    private static void requireText(final String what, final String text, final int minChars, final int maxChars)
    {
        if (text == null || text.length() < minChars || text.length() > maxChars)
        {
            throw new StoreException(StoreError.INVALID_ARGUMENT,
                what + " must have " + minChars + ".." + maxChars + " characters");
        }
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) &&
                !(Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) &&
                !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1))))
            {
                throw new StoreException(StoreError.INVALID_ARGUMENT,
                    what + " may not contain control characters or broken surrogate pairs");
            }
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > maxChars * 4)
        {
            throw new StoreException(StoreError.INVALID_ARGUMENT, what + " is too long");
        }
    }

    private static StoreException notFound(final Keyspace keyspace, final String key)
    {
        return new StoreException(StoreError.NOT_FOUND, keyspace.documentKey(key) + " does not exist");
    }

    private static StoreException contended(final Keyspace keyspace, final String key)
    {
        return new StoreException(StoreError.CONFLICT, keyspace.documentKey(key) +
            " kept changing under other writers; gave up after the configured cas-attempts");
    }

    private static <T> CompletableFuture<T> invalid(final String message)
    {
        return CompletableFuture.failedFuture(new StoreException(StoreError.INVALID_ARGUMENT, message));
    }
}
