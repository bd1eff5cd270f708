package io.gamehall.store.support;

import com.couchbase.mock.Bucket;
import com.couchbase.mock.BucketConfiguration;
import com.couchbase.mock.CouchbaseMock;
import com.couchbase.mock.memcached.MemcachedServer;
import io.gamehall.store.StoreConfig;
import io.gamehall.store.StoreType;

import java.util.List;

/**
 * CouchbaseMock started in this JVM: one node (or as asked), one Couchbase bucket, free ports; the key-value
 * port listens on 127.0.0.1 and every client connects over loopback. (The mock's REST port binds
 * the wildcard address; nothing reaches it from outside this machine's sandbox.)
 */
public final class CouchbaseMockCluster implements AutoCloseable
{
    public static final String BUCKET = "gamehall";
    public static final String PASSWORD = "gamehall-test-secret";

    private final CouchbaseMock mock;

    private CouchbaseMockCluster(final CouchbaseMock mock)
    {
        this.mock = mock;
    }

    /**
     * @return a started mock.
     * @throws Exception when it cannot start.
     */
    public static CouchbaseMockCluster start() throws Exception
    {
        return start(1, 0);
    }

    /**
     * @param nodes    key-value nodes.
     * @param replicas the bucket's replicas (what the SDK reads from the bucket's configuration).
     * @return a started mock.
     * @throws Exception when it cannot start.
     */
    public static CouchbaseMockCluster start(final int nodes, final int replicas) throws Exception
    {
        final BucketConfiguration bucket = new BucketConfiguration();
        bucket.numNodes = nodes;
        bucket.numReplicas = replicas;
        bucket.numVBuckets = 64;
        bucket.name = BUCKET;
        bucket.password = PASSWORD;
        bucket.type = Bucket.BucketType.COUCHBASE;
        bucket.hostname = "127.0.0.1";
        bucket.bucketStartPort = 0;
        final CouchbaseMock mock = new CouchbaseMock(0, List.of(bucket));
        mock.start();
        mock.waitForStartup();
        return new CouchbaseMockCluster(mock);
    }

    /**
     * @return {@code couchbase://127.0.0.1:<kv>=kv,127.0.0.1:<http>=manager}.
     */
    public String connectionString()
    {
        return "couchbase://127.0.0.1:" + mock.getCarrierPort(BUCKET) + "=kv,127.0.0.1:" + mock.getHttpPort() + "=manager";
    }

    /**
     * @return a store configuration pointing at this mock (DNS SRV off, bucket credentials).
     */
    public StoreConfig storeConfig()
    {
        return new StoreConfig()
            .type(StoreType.COUCHBASE)
            .couchbaseConnectionString(connectionString())
            .couchbaseBucket(BUCKET)
            .couchbaseUsername(BUCKET)
            .couchbasePassword(PASSWORD)
            .couchbaseDnsSrv(false);
    }

    /**
     * Remove every document.
     */
    public void flush()
    {
        for (final MemcachedServer server : servers())
        {
            server.flushAll();
        }
    }

    /**
     * Stop the key-value node (documents are kept): clients see time-outs.
     */
    public void stopNodes()
    {
        for (final MemcachedServer server : servers())
        {
            server.shutdown();
        }
    }

    /**
     * Start the key-value node again.
     */
    public void startNodes()
    {
        for (final MemcachedServer server : servers())
        {
            server.startup();
        }
    }

    private MemcachedServer[] servers()
    {
        return mock.getBuckets().get(BUCKET).getServers();
    }

    public void close()
    {
        mock.stop();
    }
}
