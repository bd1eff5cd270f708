package io.gamehall.store;

import io.gamehall.store.couchbase.CouchbaseBackend;
import io.gamehall.store.kv.KeyValueBackend;
import io.gamehall.store.open.Stores;
import io.gamehall.store.support.CouchbaseMockCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract suite over a Couchbase bucket served by CouchbaseMock in this JVM; "restart"
 * connects a new client to the same mock. Plus what only the distributed store meets: the
 * cluster going away and coming back.
 */
class CouchbaseStoreTest extends StoreContractTest
{
    private static CouchbaseMockCluster cluster;

    @BeforeAll
    static void startMock() throws Exception
    {
        cluster = CouchbaseMockCluster.start();
    }

    @AfterAll
    static void stopMock()
    {
        if (cluster != null)
        {
            cluster.close();
        }
    }

    @BeforeEach
    void emptyBucket()
    {
        cluster.startNodes();
        cluster.flush();
    }

    protected StoreConfig newConfig()
    {
        return cluster.storeConfig().couchbaseKvTimeoutMs(1_000);
    }

    protected KeyValueBackend openBackend(final StoreConfig config)
    {
        return CouchbaseBackend.connect(config);
    }

    /**
     * A create that timed out may still have happened (the last try can land after the
     * deadline): repeating it with the same hash gives the same account either way.
     */
    @Test
    void shouldFailClearlyWhileTheClusterIsDownAndWorkAgainAfter()
    {
        final Account account = await(store.createAccount("lena", hasher.hash("pw".toCharArray())));
        store.close();
        final StoreConfig config = newConfig()
            .operationTimeoutMs(1_500)
            .couchbaseKvTimeoutMs(300)
            .retryInitialBackoffMs(50)
            .retryMaxBackoffMs(200)
            .conclude();
        backend = openBackend(config);
        store = new RecordStore(config, backend);

        final PasswordHash monaHash = hasher.hash("pw".toCharArray());
        cluster.stopNodes();
        try
        {
            final StoreException failure = exceptionOf(store.account(account.id()));
            assertThat(failure.error()).isIn(StoreError.TIMEOUT, StoreError.UNAVAILABLE);
            assertThat(failure.error().isTransient()).isTrue();
            assertThat(errorOf(store.createAccount("mona", monaHash))).isIn(StoreError.TIMEOUT, StoreError.UNAVAILABLE);
            assertThat(store.counters().retries()).isPositive();
        }
        finally
        {
            cluster.startNodes();
        }

        assertThat(eventually(() -> store.account(account.id()))).isEqualTo(account);
        final Account mona = eventually(() -> store.createAccount("mona", monaHash));
        assertThat(await(store.accountByName("mona"))).isEqualTo(mona);
        assertThat(errorOf(store.createAccount("mona", hasher.hash("pw".toCharArray())))).isEqualTo(StoreError.CONFLICT);
    }

    @Test
    void shouldRetryABackupWithBackoffUntilTheClusterIsBack() throws Exception
    {
        store.close();
        final StoreConfig config = newConfig()
            .operationTimeoutMs(15_000)
            .couchbaseKvTimeoutMs(300)
            .retryInitialBackoffMs(50)
            .retryMaxBackoffMs(400)
            .conclude();
        backend = openBackend(config);
        store = new RecordStore(config, backend);
        await(store.saveBackup(81, 1, bytes("one")));

        cluster.stopNodes();
        final CompletableFuture<InstanceBackup> save;
        try
        {
            save = store.saveBackup(81, 2, bytes("two"));
            Thread.sleep(1_200);
            assertThat(save).isNotDone();
        }
        finally
        {
            cluster.startNodes();
        }

        assertThat(await(save).version()).isEqualTo(2);
        assertThat(await(store.backup(81)).state()).isEqualTo(bytes("two"));
        assertThat(store.counters().retries()).isPositive();
    }

    /**
     * The first requests after the node returns may time out while the client reconnects.
     */
    private static <T> T eventually(final Supplier<CompletableFuture<T>> operation)
    {
        for (int attempt = 1; attempt < 10; attempt++)
        {
            final CompletableFuture<T> future = operation.get();
            final StoreError error = outcome(future);
            if (error == null)
            {
                return await(future);
            }
            assertThat(error.isTransient()).as("only transient failures while reconnecting: %s", error).isTrue();
        }
        return await(operation.get());
    }

    @Test
    void shouldSayWhenTheClusterCannotBeReached()
    {
        final StoreConfig config = new StoreConfig()
            .type(StoreType.COUCHBASE)
            .couchbaseConnectionString("couchbase://127.0.0.1:1=kv,127.0.0.1:2=manager")
            .couchbasePassword("x")
            .couchbaseDnsSrv(false)
            .couchbaseConnectTimeoutMs(1_000)
            .conclude();

        assertThatThrownBy(() -> Stores.open(config)).isInstanceOfSatisfying(StoreException.class, (ex) ->
        {
            assertThat(ex.error()).isEqualTo(StoreError.UNAVAILABLE);
            assertThat(ex.getMessage()).contains("127.0.0.1:1");
        });
    }

    @Test
    void shouldWriteWithoutDurabilityByDefaultWhenTheBucketHasNoReplicas()
    {
        assertThat(((CouchbaseBackend)backend).durability()).isEqualTo(CouchbaseDurability.NONE);
        assertThat(store.describe()).contains("durability NONE (auto, 0 replicas)");
    }

    /**
     * The replica count is read from the bucket's configuration as the SDK got it from the
     * cluster; what MAJORITY then does on a failover needs a real cluster (the mock refuses any
     * durability level but NONE, so no write is made here).
     */
    @Test
    void shouldChooseMajorityByDefaultWhenTheBucketHasReplicas() throws Exception
    {
        try (CouchbaseMockCluster replicated = CouchbaseMockCluster.start(1, 1);
            CouchbaseBackend connected = CouchbaseBackend.connect(replicated.storeConfig().conclude()))
        {
            assertThat(connected.durability()).isEqualTo(CouchbaseDurability.MAJORITY);
            assertThat(connected.describe()).contains("durability MAJORITY (auto, 1 replicas)");
        }
        try (CouchbaseMockCluster replicated = CouchbaseMockCluster.start(1, 1);
            CouchbaseBackend connected = CouchbaseBackend.connect(replicated.storeConfig()
                .couchbaseDurability(CouchbaseDurability.NONE).conclude()))
        {
            assertThat(connected.durability()).as("chosen explicitly").isEqualTo(CouchbaseDurability.NONE);
        }
    }
}
