package io.gamehall.store;

import io.gamehall.store.chronicle.ChronicleBackend;
import io.gamehall.store.kv.KeyValueBackend;
import io.gamehall.store.kv.Keyspace;
import io.gamehall.store.open.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract suite over Chronicle Map files in a temporary directory; "restart" reopens the
 * files. Plus what only the embedded store has: capacity, the directory lock, recovery.
 */
class ChronicleStoreTest extends StoreContractTest
{
    @TempDir
    File dir;

    protected StoreConfig newConfig()
    {
        return smallConfig(dir);
    }

    static StoreConfig smallConfig(final File dir)
    {
        return new StoreConfig()
            .type(StoreType.CHRONICLE)
            .chronicleDir(dir)
            .chronicleEntries(Keyspace.ACCOUNT, 1_000)
            .chronicleEntries(Keyspace.NAME, 1_000)
            .chronicleEntries(Keyspace.PROFILE, 1_000)
            .chronicleEntries(Keyspace.BACKUP, 500)
            .chronicleAverageValueBytes(Keyspace.BACKUP, 4096)
            .chronicleEntries(Keyspace.GAME, 500)
            .chronicleAverageValueBytes(Keyspace.GAME, 1024)
            .chronicleEntries(Keyspace.HISTORY, 2_000)
            .chronicleAverageValueBytes(Keyspace.HISTORY, 128)
            .chronicleEntries(Keyspace.SEQUENCE, 16);
    }

    protected KeyValueBackend openBackend(final StoreConfig config)
    {
        return ChronicleBackend.open(config);
    }

    @Test
    void shouldReportFullWhenAMapReachesItsCapacityAndKeepWhatItHolds()
    {
        store.close();
        final StoreConfig config = smallConfig(new File(dir, "tiny"))
            .chronicleEntries(Keyspace.GAME, 20)
            .chronicleAverageValueBytes(Keyspace.GAME, 256)
            .conclude();
        store = new RecordStore(config, ChronicleBackend.open(config));

        StoreException full = null;
        int saved = 0;
        for (int g = 1; g <= 1_000 && full == null; g++)
        {
            final StoreError error = outcome(store.saveGame(game(g, 1, 2, List.of(new GamePlayer(1, PlayerOutcome.WIN)), 1)));
            if (error == null)
            {
                saved++;
            }
            else
            {
                full = exceptionOf(store.saveGame(game(g, 1, 2, List.of(new GamePlayer(1, PlayerOutcome.WIN)), 1)));
            }
        }

        assertThat(full).as("the map filled up within 1000 games").isNotNull();
        assertThat(full.error()).isEqualTo(StoreError.FULL);
        assertThat(full.getMessage()).contains("games").contains("gamehall.store.chronicle.games.entries");
        assertThat(saved).isGreaterThanOrEqualTo(20);
        for (int g = 1; g <= saved; g++)
        {
            assertThat(await(store.game(g)).gameId()).isEqualTo(g);
        }
        assertThat(await(store.recentGames(1, HistoryPage.NEWEST, 100)).entries()).hasSize(Math.min(saved, 100));
    }

    @Test
    void shouldOpenTheConfiguredStoreThroughTheFactory()
    {
        final StoreConfig config = smallConfig(new File(dir, "factory"));
        try (Store opened = Stores.open(config))
        {
            assertThat(opened.describe()).contains("chronicle").contains("factory");
            assertThat(await(opened.saveBackup(1, 1, bytes("one"))).version()).isEqualTo(1);
        }
        try (Store reopened = Stores.open(smallConfig(new File(dir, "factory"))))
        {
            assertThat(await(reopened.backup(1)).state()).isEqualTo(bytes("one"));
        }
    }

    @Test
    void shouldCreateTheDirectoryAndItsFilesReadableByTheOwnerOnly() throws IOException
    {
        final File fresh = new File(dir, "parent/fresh");
        try (Store opened = Stores.open(smallConfig(fresh)))
        {
            await(opened.createAccount("ivan", hasher.hash("pw".toCharArray())));
            assertOwnerOnly(fresh);
        }
    }

    @Test
    void shouldMakeAnExistingDirectoryAndItsFilesOwnerOnlyWhenOpened() throws IOException
    {
        final File existing = new File(dir, "existing");
        try (Store opened = Stores.open(smallConfig(existing)))
        {
            await(opened.createAccount("judy", hasher.hash("pw".toCharArray())));
        }
        Files.setPosixFilePermissions(existing.toPath(), PosixFilePermissions.fromString("rwxr-xr-x"));
        try (java.util.stream.Stream<Path> files = Files.list(existing.toPath()))
        {
            for (final Path file : files.toList())
            {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }

        try (Store reopened = Stores.open(smallConfig(existing)))
        {
            assertOwnerOnly(existing);
            assertThat(await(reopened.accountByName("judy")).name()).isEqualTo("judy");
        }
    }

    private static void assertOwnerOnly(final File storeDir) throws IOException
    {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(storeDir.toPath())))
            .isEqualTo("rwx------");
        try (java.util.stream.Stream<Path> files = Files.list(storeDir.toPath()))
        {
            final List<Path> all = files.toList();
            assertThat(all).extracting(p -> p.getFileName().toString()).contains("accounts.cm3", "store.lock");
            for (final Path file : all)
            {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as("%s", file)
                    .isEqualTo("rw-------");
            }
        }
    }

    @Test
    void shouldRefuseToOpenADirectoryAnotherStoreHolds()
    {
        assertThatThrownBy(() -> ChronicleBackend.open(testConfig()))
            .isInstanceOfSatisfying(StoreException.class, (ex) ->
            {
                assertThat(ex.error()).isEqualTo(StoreError.UNAVAILABLE);
                assertThat(ex.getMessage()).contains("in use");
            });
    }

    @Test
    void shouldRecoverTheMapsWhenTheLastRunDidNotClose() throws IOException
    {
        await(store.saveBackup(5, 3, bytes("three")));
        store.close();
        Files.createFile(new File(dir, "open.marker").toPath());
        store = null;

        reopenAfterClose();

        assertThat(await(store.backup(5)).state()).isEqualTo(bytes("three"));
        assertThat(await(store.saveBackup(5, 4, bytes("four"))).version()).isEqualTo(4);
    }

    private void reopenAfterClose()
    {
        final StoreConfig config = testConfig();
        backend = openBackend(config);
        store = new RecordStore(config, backend);
    }
}
