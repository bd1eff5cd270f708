package io.gamehall.store;

import io.gamehall.store.kv.KeyValueBackend;
import io.gamehall.store.kv.Keyspace;
import io.gamehall.store.kv.VersionedValue;
import io.gamehall.store.support.SharedBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The behaviour every {@link Store} implementation must have. Each implementation runs this
 * whole suite through a subclass that says how to open its backend over the same data again.
 * <p>
 * Every wait is bounded ({@link #WAIT_SECONDS}); every loop has a fixed count.
 */
public abstract class StoreContractTest
{
    protected static final long WAIT_SECONDS = 20;
    protected static final int PAGE_SIZE = 4;

    protected final PasswordHasher hasher = new PasswordHasher(PasswordHasher.MIN_ITERATIONS);
    protected KeyValueBackend backend;
    protected Store store;
    private final List<Store> extraStores = new ArrayList<>();

    /**
     * @return a new configuration of the implementation, pointing at this test's data.
     */
    protected abstract StoreConfig newConfig();

    /**
     * @param config a concluded configuration from {@link #newConfig()}.
     * @return the backend over this test's data.
     */
    protected abstract KeyValueBackend openBackend(StoreConfig config);

    @BeforeEach
    void openStore()
    {
        store = open();
    }

    @AfterEach
    void closeStores()
    {
        for (final Store extra : extraStores)
        {
            extra.close();
        }
        if (store != null)
        {
            store.close();
        }
    }

    /**
     * The implementation's configuration with small pages (paging is exercised) and CAS attempts
     * bounded by the deadline rather than by count: the races below test correctness, not how
     * long a writer may lose to a busy one on a loaded machine.
     */
    protected StoreConfig testConfig()
    {
        return newConfig()
            .historyPageSize(PAGE_SIZE)
            .maxValueBytes(256 * 1024)
            .operationTimeoutMs(15_000)
            .casAttempts(1_000)
            .workerThreads(4)
            .conclude();
    }

    private Store open()
    {
        final StoreConfig config = testConfig();
        backend = openBackend(config);
        return new RecordStore(config, backend);
    }

    /**
     * Close the store and open a new one over the same data: files reopened, or a new client.
     */
    protected void reopen()
    {
        store.close();
        store = null;
        store = open();
    }

    /**
     * @return a second store with its own executor over the same backend: a second writer.
     */
    protected Store secondStore()
    {
        final Store second = new RecordStore(testConfig(), new SharedBackend(backend));
        extraStores.add(second);
        return second;
    }

    // ------------------------------------------------------------------ accounts

    @Test
    void shouldCreateAccountAndFindItByIdAndByNameInAnyCase()
    {
        final PasswordHash hash = hasher.hash("correct horse".toCharArray());
        final Account created = await(store.createAccount("Alice_01", hash));

        assertThat(created.id()).isPositive();
        assertThat(created.name()).isEqualTo("Alice_01");
        assertThat(created.createdTimeMs()).isPositive();
        final Account byId = await(store.account(created.id()));
        final Account byName = await(store.accountByName("alice_01"));
        assertThat(byId).isEqualTo(created);
        assertThat(byName).isEqualTo(created);
        assertThat(hasher.verify("correct horse".toCharArray(), byName.passwordHash())).isTrue();
        assertThat(hasher.verify("wrong horse".toCharArray(), byName.passwordHash())).isFalse();
    }

    @Test
    void shouldGiveEachAccountItsOwnId()
    {
        final Set<Long> ids = new HashSet<>();
        for (int i = 0; i < 10; i++)
        {
            ids.add(await(store.createAccount("user" + i, hasher.hash("pw".toCharArray()))).id());
        }
        assertThat(ids).hasSize(10);
    }

    @Test
    void shouldRefuseTakenNameWhateverItsCase()
    {
        await(store.createAccount("Bob", hasher.hash("one".toCharArray())));

        assertThat(errorOf(store.createAccount("bob", hasher.hash("two".toCharArray())))).isEqualTo(StoreError.CONFLICT);
        assertThat(errorOf(store.createAccount("BOB", hasher.hash("three".toCharArray())))).isEqualTo(StoreError.CONFLICT);
        assertThat(await(store.accountByName("bOb")).name()).isEqualTo("Bob");
    }

    @Test
    void shouldLetExactlyOneOfManyConcurrentCreatesOfOneNameWin() throws Exception
    {
        final Store second = secondStore();
        final int attempts = 8;
        final List<CompletableFuture<Account>> futures = new ArrayList<>();
        for (int i = 0; i < attempts; i++)
        {
            final Store target = i % 2 == 0 ? store : second;
            futures.add(target.createAccount(i % 3 == 0 ? "Carol" : "carol", hasher.hash(("pw" + i).toCharArray())));
        }

        int won = 0;
        int conflicts = 0;
        for (final CompletableFuture<Account> future : futures)
        {
            final StoreError error = outcome(future);
            if (error == null)
            {
                won++;
            }
            else
            {
                assertThat(error).isEqualTo(StoreError.CONFLICT);
                conflicts++;
            }
        }
        assertThat(won).isEqualTo(1);
        assertThat(conflicts).isEqualTo(attempts - 1);
    }

    @Test
    void shouldReturnTheSameAccountWhenACreateIsRepeated()
    {
        final PasswordHash hash = hasher.hash("pw".toCharArray());
        final Account first = await(store.createAccount("dave", hash));
        final Account again = await(store.createAccount("dave", hash));

        assertThat(again).isEqualTo(first);
    }

    @Test
    void shouldRefuseInvalidNames()
    {
        final PasswordHash hash = hasher.hash("pw".toCharArray());
        final String[] bad = {null, "", "ab", "a".repeat(33), "has space", "slash/name", "ünïcode", "tab\tname",
            "name::x"};
        for (final String name : bad)
        {
            assertThat(errorOf(store.createAccount(name, hash))).as("name %s", name).isEqualTo(StoreError.INVALID_ARGUMENT);
        }
        assertThat(errorOf(store.createAccount("valid", null))).isEqualTo(StoreError.INVALID_ARGUMENT);
        assertThat(errorOf(store.accountByName("x y"))).isEqualTo(StoreError.NOT_FOUND);
    }

    @Test
    void shouldChangePassword()
    {
        final Account account = await(store.createAccount("erin", hasher.hash("old".toCharArray())));
        final Account changed = await(store.changePassword(account.id(), hasher.hash("new".toCharArray())));

        final Account read = await(store.accountByName("erin"));
        assertThat(read).isEqualTo(changed);
        assertThat(hasher.verify("new".toCharArray(), read.passwordHash())).isTrue();
        assertThat(hasher.verify("old".toCharArray(), read.passwordHash())).isFalse();
        assertThat(errorOf(store.changePassword(999_999, hasher.hash("x".toCharArray())))).isEqualTo(StoreError.NOT_FOUND);
    }

    @Test
    void shouldRaiseTheTokenGenerationOnPasswordChangeAndRevocationOnly()
    {
        final PasswordHash first = hasher.hash("first".toCharArray());
        final Account account = await(store.createAccount("gwen", first));
        assertThat(account.tokenGeneration()).isZero();

        final Account revoked = await(store.revokeTokens(account.id()));
        assertThat(revoked.tokenGeneration()).isEqualTo(1);
        assertThat(revoked.passwordHash().sameAs(first)).isTrue();

        final PasswordHash rehashed = hasher.hash("first".toCharArray());
        final Account afterRehash = await(store.rehashPassword(account.id(), first, rehashed));
        assertThat(afterRehash.tokenGeneration()).isEqualTo(1);
        assertThat(afterRehash.passwordHash().sameAs(rehashed)).isTrue();

        final Account changed = await(store.changePassword(account.id(), hasher.hash("second".toCharArray())));
        assertThat(changed.tokenGeneration()).isEqualTo(2);
        assertThat(await(store.account(account.id()))).isEqualTo(changed);
        assertThat(await(store.accountByName("GWEN")).tokenGeneration()).isEqualTo(2);

        reopen();
        assertThat(await(store.account(account.id())).tokenGeneration()).isEqualTo(2);
        assertThat(errorOf(store.revokeTokens(999_999))).isEqualTo(StoreError.NOT_FOUND);
    }

    @Test
    void shouldNotLetARehashUndoAPasswordChangeMadeInBetween()
    {
        final PasswordHash old = hasher.hash("old-password".toCharArray());
        final Account account = await(store.createAccount("hank", old));
        final Account changed = await(store.changePassword(account.id(), hasher.hash("new-password".toCharArray())));

        final Account afterRehash = await(store.rehashPassword(account.id(), old, hasher.hash("old-password".toCharArray())));

        assertThat(afterRehash).isEqualTo(changed);
        assertThat(hasher.verify("new-password".toCharArray(), await(store.account(account.id())).passwordHash())).isTrue();
    }

    @Test
    void shouldReportNotFoundForMissingRecords()
    {
        assertThat(errorOf(store.account(424242))).isEqualTo(StoreError.NOT_FOUND);
        assertThat(errorOf(store.accountByName("nobody"))).isEqualTo(StoreError.NOT_FOUND);
        assertThat(errorOf(store.profile(424242))).isEqualTo(StoreError.NOT_FOUND);
        assertThat(errorOf(store.backup(424242))).isEqualTo(StoreError.NOT_FOUND);
        assertThat(errorOf(store.game(424242))).isEqualTo(StoreError.NOT_FOUND);
        assertThat(errorOf(store.updateProfile(424242, (p) -> p))).isEqualTo(StoreError.NOT_FOUND);
        assertThat(await(store.deleteBackup(424242))).isFalse();
        assertThat(await(store.recentGames(424242, HistoryPage.NEWEST, 10)).entries()).isEmpty();
    }

    // ------------------------------------------------------------------ profiles

    @Test
    void shouldSaveAndReadProfile()
    {
        final Profile profile = new Profile(7, "Frank the Bold ♞", 1500, 3, 2, 1, 1_700_000_000_000L);
        assertThat(await(store.saveProfile(profile))).isEqualTo(profile);
        assertThat(await(store.profile(7))).isEqualTo(profile);

        final Profile renamed = new Profile(7, "Frank", 1510, 4, 2, 1, 1_700_000_100_000L);
        await(store.saveProfile(renamed));
        assertThat(await(store.profile(7))).isEqualTo(renamed);
    }

    @Test
    void shouldApplyEveryConcurrentProfileUpdateExactlyOnce() throws Exception
    {
        await(store.saveProfile(new Profile(8, "Gina", 1500, 0, 0, 0, 0)));
        final Store second = secondStore();
        final int threads = 4;
        final int updatesPerThread = 10;
        final ExecutorService pool = Executors.newFixedThreadPool(threads);
        try
        {
            final List<Future<?>> submitters = new ArrayList<>();
            for (int t = 0; t < threads; t++)
            {
                final Store target = t % 2 == 0 ? store : second;
                submitters.add(pool.submit(() ->
                {
                    final List<CompletableFuture<Profile>> updates = new ArrayList<>();
                    for (int i = 0; i < updatesPerThread; i++)
                    {
                        updates.add(target.updateProfile(8, (p) -> new Profile(p.accountId(), p.displayName(),
                            p.rating() + 1, p.wins() + 1, p.losses(), p.draws(), p.lastSeenMs())));
                    }
                    updates.forEach(StoreContractTest::await);
                }));
            }
            for (final Future<?> submitter : submitters)
            {
                submitter.get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
        }
        finally
        {
            pool.shutdownNow();
        }

        final Profile result = await(store.profile(8));
        assertThat(result.wins()).isEqualTo(threads * updatesPerThread);
        assertThat(result.rating()).isEqualTo(1500 + threads * updatesPerThread);
    }

    @Test
    void shouldRefuseInvalidProfiles()
    {
        assertThat(errorOf(store.saveProfile(new Profile(0, "x", 0, 0, 0, 0, 0)))).isEqualTo(StoreError.INVALID_ARGUMENT);
        assertThat(errorOf(store.saveProfile(new Profile(9, "", 0, 0, 0, 0, 0)))).isEqualTo(StoreError.INVALID_ARGUMENT);
        assertThat(errorOf(store.saveProfile(new Profile(9, "x".repeat(65), 0, 0, 0, 0, 0))))
            .isEqualTo(StoreError.INVALID_ARGUMENT);
        assertThat(errorOf(store.saveProfile(new Profile(9, "bell\u0007", 0, 0, 0, 0, 0))))
            .isEqualTo(StoreError.INVALID_ARGUMENT);
        assertThat(errorOf(store.saveProfile(new Profile(9, "neg", 0, -1, 0, 0, 0)))).isEqualTo(StoreError.INVALID_ARGUMENT);

        await(store.saveProfile(new Profile(9, "Hal", 0, 0, 0, 0, 0)));
        assertThat(errorOf(store.updateProfile(9, (p) -> new Profile(10, "Hal", 0, 0, 0, 0, 0))))
            .isEqualTo(StoreError.INVALID_ARGUMENT);
        assertThat(await(store.profile(9)).accountId()).isEqualTo(9);
    }

    // ------------------------------------------------------------------ backups

    @Test
    void shouldSaveReadAndDeleteBackup()
    {
        final byte[] state = bytes("board after move 12");
        final InstanceBackup saved = await(store.saveBackup(31, 12, state));

        final InstanceBackup read = await(store.backup(31));
        assertThat(read.instanceId()).isEqualTo(31);
        assertThat(read.version()).isEqualTo(12);
        assertThat(read.state()).isEqualTo(state);
        assertThat(read.savedTimeMs()).isEqualTo(saved.savedTimeMs());

        assertThat(await(store.deleteBackup(31))).isTrue();
        assertThat(errorOf(store.backup(31))).isEqualTo(StoreError.NOT_FOUND);
        assertThat(await(store.deleteBackup(31))).isFalse();
    }

    @Test
    void shouldNeverLetAnOlderBackupReplaceANewerOne()
    {
        await(store.saveBackup(32, 5, bytes("v5")));

        assertThat(errorOf(store.saveBackup(32, 4, bytes("v4")))).isEqualTo(StoreError.CONFLICT);
        assertThat(errorOf(store.saveBackup(32, 5, bytes("other v5")))).isEqualTo(StoreError.CONFLICT);
        assertThat(await(store.saveBackup(32, 5, bytes("v5"))).version()).isEqualTo(5);
        assertThat(await(store.saveBackup(32, 6, bytes("v6"))).version()).isEqualTo(6);
        assertThat(await(store.backup(32)).state()).isEqualTo(bytes("v6"));
    }

    @Test
    void shouldKeepTheHighestBackupVersionWhenWritersRace() throws Exception
    {
        final Store second = secondStore();
        final int versions = 120;
        final List<Integer> order = new ArrayList<>();
        for (int v = 1; v <= versions; v++)
        {
            order.add(v);
        }
        Collections.shuffle(order, new Random(42));

        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong regressions = new AtomicLong();
        final Thread reader = new Thread(() ->
        {
            long last = 0;
            final long endNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (!stop.get() && System.nanoTime() < endNs)
            {
                final StoreError error = outcome(store.backup(33));
                if (error == null)
                {
                    final long version = await(store.backup(33)).version();
                    if (version < last)
                    {
                        regressions.incrementAndGet();
                    }
                    last = Math.max(last, version);
                }
            }
        }, "backup-reader");
        reader.start();

        final List<CompletableFuture<InstanceBackup>> saves = new ArrayList<>();
        for (int i = 0; i < order.size(); i++)
        {
            final int version = order.get(i);
            saves.add((i % 2 == 0 ? store : second).saveBackup(33, version, bytes("state " + version)));
        }
        int succeeded = 0;
        for (final CompletableFuture<InstanceBackup> save : saves)
        {
            final StoreError error = outcome(save);
            if (error == null)
            {
                succeeded++;
            }
            else
            {
                assertThat(error).isEqualTo(StoreError.CONFLICT);
            }
        }
        stop.set(true);
        reader.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));

        assertThat(succeeded).isPositive();
        final InstanceBackup last = await(store.backup(33));
        assertThat(last.version()).isEqualTo(versions);
        assertThat(last.state()).isEqualTo(bytes("state " + versions));
        assertThat(regressions.get()).isZero();
    }

    @Test
    void shouldRunOperationsOnOneKeyInSubmissionOrderUnderConcurrentSubmitters() throws Exception
    {
        final int submitters = 4;
        final int instancesPerSubmitter = 3;
        final int versions = 40;
        final CountDownLatch start = new CountDownLatch(1);
        final ExecutorService pool = Executors.newFixedThreadPool(submitters);
        try
        {
            final List<Future<List<CompletableFuture<InstanceBackup>>>> results = new ArrayList<>();
            for (int s = 0; s < submitters; s++)
            {
                final int submitter = s;
                results.add(pool.submit(() ->
                {
                    start.await(WAIT_SECONDS, TimeUnit.SECONDS);
                    final List<CompletableFuture<InstanceBackup>> saves = new ArrayList<>();
                    for (int v = 1; v <= versions; v++)
                    {
                        for (int i = 0; i < instancesPerSubmitter; i++)
                        {
                            saves.add(store.saveBackup(1000 + submitter * 100 + i, v, bytes("v" + v)));
                        }
                    }
                    return saves;
                }));
            }
            start.countDown();
            for (final Future<List<CompletableFuture<InstanceBackup>>> result : results)
            {
                for (final CompletableFuture<InstanceBackup> save : result.get(WAIT_SECONDS, TimeUnit.SECONDS))
                {
                    assertThat(outcome(save)).as("every save in order succeeds").isNull();
                }
            }
        }
        finally
        {
            pool.shutdownNow();
        }
        for (int s = 0; s < submitters; s++)
        {
            for (int i = 0; i < instancesPerSubmitter; i++)
            {
                assertThat(await(store.backup(1000 + s * 100 + i)).version()).isEqualTo(versions);
            }
        }
    }

    @Test
    void shouldRefuseOversizedAndInvalidBackups()
    {
        assertThat(errorOf(store.saveBackup(34, 1, new byte[256 * 1024 + 1]))).isEqualTo(StoreError.TOO_LARGE);
        assertThat(errorOf(store.saveBackup(34, 1, new byte[256 * 1024]))).isEqualTo(StoreError.TOO_LARGE);
        assertThat(errorOf(store.saveBackup(0, 1, bytes("x")))).isEqualTo(StoreError.INVALID_ARGUMENT);
        assertThat(errorOf(store.saveBackup(34, 0, bytes("x")))).isEqualTo(StoreError.INVALID_ARGUMENT);
        assertThat(errorOf(store.saveBackup(34, 1, null))).isEqualTo(StoreError.INVALID_ARGUMENT);
        assertThat(errorOf(store.backup(34))).isEqualTo(StoreError.NOT_FOUND);

        final byte[] big = new byte[200 * 1024];
        new Random(1).nextBytes(big);
        await(store.saveBackup(34, 1, big));
        assertThat(await(store.backup(34)).state()).isEqualTo(big);
    }

    // ------------------------------------------------------------------ games and history

    @Test
    void shouldStoreGameWithEveryEventAndLoadItForReplay()
    {
        final GameRecord game = game(501, 100, 200, List.of(
            new GamePlayer(1, PlayerOutcome.WIN), new GamePlayer(2, PlayerOutcome.LOSS)), 30);
        assertThat(await(store.saveGame(game))).isNotNull();

        final GameRecord loaded = await(store.game(501));
        assertSameGame(loaded, game);
    }

    @Test
    void shouldPageThroughHistoryNewestFirst()
    {
        final int games = 11;
        for (int g = 1; g <= games; g++)
        {
            await(store.saveGame(game(600 + g, 100 + g, 200 + g, List.of(
                new GamePlayer(11, g % 2 == 0 ? PlayerOutcome.WIN : PlayerOutcome.LOSS),
                new GamePlayer(12, g % 2 == 0 ? PlayerOutcome.LOSS : PlayerOutcome.WIN)), 2)));
        }

        final List<Long> seen = new ArrayList<>();
        long cursor = HistoryPage.NEWEST;
        int pages = 0;
        while (pages < 10)
        {
            final HistoryPage page = await(store.recentGames(11, cursor, 3));
            pages++;
            assertThat(page.entries().size()).isLessThanOrEqualTo(3);
            page.entries().forEach((entry) -> seen.add(entry.gameId()));
            if (!page.hasMore())
            {
                break;
            }
            cursor = page.nextCursor();
        }

        assertThat(pages).isEqualTo(4);
        final List<Long> expected = new ArrayList<>();
        for (int g = games; g >= 1; g--)
        {
            expected.add(600L + g);
        }
        assertThat(seen).isEqualTo(expected);

        final HistoryPage all = await(store.recentGames(12, HistoryPage.NEWEST, 100));
        assertThat(all.entries()).hasSize(games);
        assertThat(all.hasMore()).isFalse();
        final HistoryEntry newest = all.entries().get(0);
        assertThat(newest.gameId()).isEqualTo(611);
        assertThat(newest.sequence()).isEqualTo(games - 1);
        assertThat(newest.gameType()).isEqualTo(7);
        assertThat(newest.endTimeMs()).isEqualTo(211);
        assertThat(newest.outcome()).isEqualTo(PlayerOutcome.WIN);
        assertThat(await(store.recentGames(12, 2, 100)).entries()).extracting(HistoryEntry::gameId)
            .containsExactly(602L, 601L);
    }

    @Test
    void shouldNotAddAGameTwiceWhenItsSaveIsRepeated()
    {
        final GameRecord game = game(701, 1, 2, List.of(new GamePlayer(21, PlayerOutcome.DRAW),
            new GamePlayer(22, PlayerOutcome.DRAW)), 3);
        await(store.saveGame(game));
        await(store.saveGame(game));

        assertThat(await(store.recentGames(21, HistoryPage.NEWEST, 10)).entries()).hasSize(1);

        GameRecord last = game;
        for (int g = 2; g <= PAGE_SIZE; g++)
        {
            last = game(700 + g, g, g + 1, List.of(new GamePlayer(21, PlayerOutcome.WIN)), 1);
            await(store.saveGame(last));
        }
        await(store.saveGame(last));
        assertThat(await(store.recentGames(21, HistoryPage.NEWEST, 10)).entries()).as("a full page, repeated")
            .hasSize(PAGE_SIZE);

        final GameRecord different = game(701, 1, 3, List.of(new GamePlayer(21, PlayerOutcome.WIN)), 3);
        assertThat(errorOf(store.saveGame(different))).isEqualTo(StoreError.CONFLICT);
    }

    @Test
    void shouldKeepEveryGameInHistoryWhenGamesOfOnePlayerFinishConcurrently() throws Exception
    {
        final Store second = secondStore();
        final int games = 40;
        final List<CompletableFuture<GameRecord>> saves = new ArrayList<>();
        for (int g = 0; g < games; g++)
        {
            final GameRecord game = game(800 + g, g, g + 1, List.of(
                new GamePlayer(31, PlayerOutcome.WIN), new GamePlayer(32 + g % 3, PlayerOutcome.LOSS)), 1);
            saves.add((g % 2 == 0 ? store : second).saveGame(game));
        }
        for (final CompletableFuture<GameRecord> save : saves)
        {
            assertThat(outcome(save)).isNull();
        }

        final HistoryPage history = await(store.recentGames(31, HistoryPage.NEWEST, 100));
        assertThat(history.entries()).hasSize(games);
        final Set<Long> ids = new HashSet<>();
        for (final HistoryEntry entry : history.entries())
        {
            ids.add(entry.gameId());
        }
        assertThat(ids).hasSize(games);
        assertThat(history.entries().get(0).sequence()).isEqualTo(games - 1);
        assertThat(await(store.recentGames(32, HistoryPage.NEWEST, 100)).entries()).hasSize(14);
    }

    @Test
    void shouldRefuseInvalidAndOversizedGames()
    {
        final List<GamePlayer> players = List.of(new GamePlayer(41, PlayerOutcome.WIN));
        assertThat(errorOf(store.saveGame(new GameRecord(0, 7, 1, 2, players, List.of(), "")))).isEqualTo(StoreError.INVALID_ARGUMENT);
        assertThat(errorOf(store.saveGame(new GameRecord(1, 0, 1, 2, players, List.of(), "")))).isEqualTo(StoreError.INVALID_ARGUMENT);
        assertThat(errorOf(store.saveGame(new GameRecord(1, 7, 5, 2, players, List.of(), "")))).isEqualTo(StoreError.INVALID_ARGUMENT);
        assertThat(errorOf(store.saveGame(new GameRecord(1, 7, 1, 2, List.of(), List.of(), "")))).isEqualTo(StoreError.INVALID_ARGUMENT);
        assertThat(errorOf(store.saveGame(new GameRecord(1, 7, 1, 2, List.of(new GamePlayer(41, PlayerOutcome.WIN),
            new GamePlayer(41, PlayerOutcome.LOSS)), List.of(), "")))).isEqualTo(StoreError.INVALID_ARGUMENT);
        assertThat(errorOf(store.saveGame(new GameRecord(1, 7, 1, 2, players,
            List.of(new GameEvent(1, 41, 1, new byte[70_000])), "")))).isEqualTo(StoreError.INVALID_ARGUMENT);
        assertThat(errorOf(store.recentGames(41, HistoryPage.NEWEST, 0))).isEqualTo(StoreError.INVALID_ARGUMENT);
        assertThat(errorOf(store.recentGames(41, -5, 10))).isEqualTo(StoreError.INVALID_ARGUMENT);

        final List<GameEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++)
        {
            events.add(new GameEvent(i, 41, 1, new byte[60_000]));
        }
        assertThat(errorOf(store.saveGame(new GameRecord(2, 7, 1, 2, players, events, "too big"))))
            .isEqualTo(StoreError.TOO_LARGE);
        assertThat(errorOf(store.game(2))).isEqualTo(StoreError.NOT_FOUND);
        assertThat(await(store.recentGames(41, HistoryPage.NEWEST, 10)).entries()).isEmpty();
    }

    // ------------------------------------------------------------------ damage and restarts

    @Test
    void shouldReportCorruptStoredBytesClearly()
    {
        final Account account = await(store.createAccount("ivan", hasher.hash("pw".toCharArray())));
        await(store.saveBackup(51, 1, bytes("state")));
        await(store.saveGame(game(901, 1, 2, List.of(new GamePlayer(account.id(), PlayerOutcome.WIN)), 4)));
        await(store.saveProfile(new Profile(account.id(), "Ivan", 1, 0, 0, 0, 0)));

        flipOneByte(Keyspace.ACCOUNT, Long.toString(account.id()));
        flipOneByte(Keyspace.BACKUP, "51");
        backend.upsert(Keyspace.GAME, "901", bytes("not a record at all"));
        backend.upsert(Keyspace.PROFILE, Long.toString(account.id()), new byte[0]);
        final VersionedValue head = backend.get(Keyspace.HISTORY, Long.toString(account.id()));
        backend.upsert(Keyspace.HISTORY, Long.toString(account.id()), Arrays.copyOf(head.value(), head.value().length - 1));

        final StoreException accountError = exceptionOf(store.account(account.id()));
        assertThat(accountError.error()).isEqualTo(StoreError.CORRUPT);
        assertThat(accountError.getMessage()).contains("acct::" + account.id()).contains("checksum");
        assertThat(errorOf(store.accountByName("ivan"))).isEqualTo(StoreError.CORRUPT);
        assertThat(errorOf(store.backup(51))).isEqualTo(StoreError.CORRUPT);
        assertThat(errorOf(store.saveBackup(51, 2, bytes("new")))).isEqualTo(StoreError.CORRUPT);
        assertThat(errorOf(store.game(901))).isEqualTo(StoreError.CORRUPT);
        assertThat(errorOf(store.profile(account.id()))).isEqualTo(StoreError.CORRUPT);
        assertThat(errorOf(store.recentGames(account.id(), HistoryPage.NEWEST, 10))).isEqualTo(StoreError.CORRUPT);

        await(store.deleteBackup(51));
        assertThat(await(store.saveBackup(51, 2, bytes("fresh"))).version()).isEqualTo(2);
    }

    @Test
    void shouldKeepEverythingAcrossARestart()
    {
        final Account account = await(store.createAccount("judy", hasher.hash("pw".toCharArray())));
        final Profile profile = new Profile(account.id(), "Judy", 1600, 1, 0, 0, 123);
        await(store.saveProfile(profile));
        await(store.saveBackup(61, 9, bytes("nine")));
        final GameRecord game = game(961, 5, 9, List.of(new GamePlayer(account.id(), PlayerOutcome.WIN)), 5);
        await(store.saveGame(game));

        reopen();

        assertThat(await(store.accountByName("JUDY"))).isEqualTo(account);
        assertThat(await(store.profile(account.id()))).isEqualTo(profile);
        assertThat(await(store.backup(61)).state()).isEqualTo(bytes("nine"));
        assertThat(errorOf(store.saveBackup(61, 8, bytes("eight")))).isEqualTo(StoreError.CONFLICT);
        assertSameGame(await(store.game(961)), game);
        assertThat(await(store.recentGames(account.id(), HistoryPage.NEWEST, 5)).entries())
            .extracting(HistoryEntry::gameId).containsExactly(961L);
        final Account next = await(store.createAccount("kate", hasher.hash("pw".toCharArray())));
        assertThat(next.id()).isGreaterThan(account.id());
        assertThat(errorOf(store.createAccount("Judy", hasher.hash("pw".toCharArray())))).isEqualTo(StoreError.CONFLICT);
    }

    @Test
    void shouldCountOperations()
    {
        final StoreCounters before = store.counters();
        await(store.saveBackup(71, 1, bytes("x")));
        errorOf(store.backup(72));

        final StoreCounters after = store.counters();
        assertThat(after.submitted() - before.submitted()).isEqualTo(2);
        assertThat(after.succeeded() - before.succeeded()).isEqualTo(1);
        assertThat(after.failed() - before.failed()).isEqualTo(1);
        assertThat(after.queued()).isZero();
        assertThat(after.rejected()).isZero();
    }

    @Test
    void shouldFailOperationsAfterClose()
    {
        store.close();
        assertThat(errorOf(store.backup(1))).isEqualTo(StoreError.CLOSED);
        store = null;
    }

    // ------------------------------------------------------------------ helpers

    private void flipOneByte(final Keyspace keyspace, final String key)
    {
        final VersionedValue value = backend.get(keyspace, key);
        final byte[] damaged = value.value().clone();
        damaged[damaged.length / 2] ^= 0x10;
        backend.upsert(keyspace, key, damaged);
    }

    protected static GameRecord game(
        final long gameId, final long start, final long end, final List<GamePlayer> players, final int eventCount)
    {
        final List<GameEvent> events = new ArrayList<>();
        for (int i = 0; i < eventCount; i++)
        {
            final long player = players.get(i % players.size()).userId();
            events.add(new GameEvent(start + i, player, i % 5, bytes("move " + i + " of " + gameId)));
        }
        return new GameRecord(gameId, 7, start, end, players, events, "game " + gameId + " ended");
    }

    protected static void assertSameGame(final GameRecord actual, final GameRecord expected)
    {
        assertThat(actual.gameId()).isEqualTo(expected.gameId());
        assertThat(actual.gameType()).isEqualTo(expected.gameType());
        assertThat(actual.startTimeMs()).isEqualTo(expected.startTimeMs());
        assertThat(actual.endTimeMs()).isEqualTo(expected.endTimeMs());
        assertThat(actual.players()).isEqualTo(expected.players());
        assertThat(actual.summary()).isEqualTo(expected.summary());
        assertThat(actual.events()).hasSameSizeAs(expected.events());
        for (int i = 0; i < expected.events().size(); i++)
        {
            final GameEvent a = actual.events().get(i);
            final GameEvent e = expected.events().get(i);
            assertThat(a.timeMs()).isEqualTo(e.timeMs());
            assertThat(a.playerId()).isEqualTo(e.playerId());
            assertThat(a.kind()).isEqualTo(e.kind());
            assertThat(a.payload()).isEqualTo(e.payload());
        }
    }

    protected static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    protected static <T> T await(final CompletableFuture<T> future)
    {
        try
        {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final ExecutionException ex)
        {
            throw new AssertionError("operation failed: " + ex.getCause(), ex.getCause());
        }
        catch (final InterruptedException | TimeoutException ex)
        {
            throw new AssertionError("operation did not complete in " + WAIT_SECONDS + " s", ex);
        }
    }

    /**
     * @return null when the future succeeded, else its store error.
     */
    protected static StoreError outcome(final CompletableFuture<?> future)
    {
        try
        {
            future.get(WAIT_SECONDS, TimeUnit.SECONDS);
            return null;
        }
        catch (final ExecutionException ex)
        {
            final StoreException storeException = StoreException.unwrap(ex);
            if (storeException == null)
            {
                throw new AssertionError("failed with something other than a StoreException", ex.getCause());
            }
            return storeException.error();
        }
        catch (final InterruptedException | TimeoutException ex)
        {
            throw new AssertionError("operation did not complete in " + WAIT_SECONDS + " s", ex);
        }
    }

    protected static StoreError errorOf(final CompletableFuture<?> future)
    {
        return exceptionOf(future).error();
    }

    protected static StoreException exceptionOf(final CompletableFuture<?> future)
    {
        try
        {
            final Object result = future.get(WAIT_SECONDS, TimeUnit.SECONDS);
            return fail("expected a failure, got " + result);
        }
        catch (final ExecutionException ex)
        {
            final StoreException storeException = StoreException.unwrap(ex);
            if (storeException == null)
            {
                throw new AssertionError("failed with something other than a StoreException", ex.getCause());
            }
            return storeException;
        }
        catch (final InterruptedException | TimeoutException ex)
        {
            throw new AssertionError("operation did not complete in " + WAIT_SECONDS + " s", ex);
        }
    }
}
