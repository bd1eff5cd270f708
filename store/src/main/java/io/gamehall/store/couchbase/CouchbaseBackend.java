package io.gamehall.store.couchbase;

import com.couchbase.client.core.config.BucketConfig;
import com.couchbase.client.core.config.CouchbaseBucketConfig;
import com.couchbase.client.core.error.AuthenticationFailureException;
import com.couchbase.client.core.error.CasMismatchException;
import com.couchbase.client.core.error.CouchbaseException;
import com.couchbase.client.core.error.DocumentExistsException;
import com.couchbase.client.core.error.DocumentNotFoundException;
import com.couchbase.client.core.error.DurabilityImpossibleException;
import com.couchbase.client.core.error.DurabilityLevelNotAvailableException;
import com.couchbase.client.core.error.InvalidArgumentException;
import com.couchbase.client.core.error.TimeoutException;
import com.couchbase.client.core.error.ValueTooLargeException;
import com.couchbase.client.core.msg.kv.DurabilityLevel;
import com.couchbase.client.java.Bucket;
import com.couchbase.client.java.Cluster;
import com.couchbase.client.java.ClusterOptions;
import com.couchbase.client.java.Collection;
import com.couchbase.client.java.codec.RawBinaryTranscoder;
import com.couchbase.client.java.env.ClusterEnvironment;
import com.couchbase.client.java.kv.GetOptions;
import com.couchbase.client.java.kv.GetResult;
import com.couchbase.client.java.kv.IncrementOptions;
import com.couchbase.client.java.kv.InsertOptions;
import com.couchbase.client.java.kv.RemoveOptions;
import com.couchbase.client.java.kv.ReplaceOptions;
import com.couchbase.client.java.kv.UpsertOptions;
import io.gamehall.store.CouchbaseDurability;
import io.gamehall.store.StoreConfig;
import io.gamehall.store.StoreError;
import io.gamehall.store.StoreException;
import io.gamehall.store.kv.KeyValueBackend;
import io.gamehall.store.kv.Keyspace;
import io.gamehall.store.kv.VersionedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The distributed backend: every record is a binary document in one Couchbase collection, keyed
 * {@code <prefix>::<key>} ({@link Keyspace#documentKey(String)}), read and written by key with
 * the server's CAS. Counters are Couchbase counters. No query service, no indexes: key-value
 * access is all the store needs, and it is what scales.
 * <p>
 * Request timeouts are the SDK's ({@code couchbase.kv-timeout-ms}); the SDK retries what it knows
 * to be safe (a node that is rebalancing, a vBucket that moved). The store retries the rest above
 * this class. Writes use the configured durability level; {@link CouchbaseDurability#AUTO} is
 * resolved here from the bucket's replica count ({@link DurabilityChoice}).
 */
public final class CouchbaseBackend implements KeyValueBackend
{
    private static final Logger LOG = LoggerFactory.getLogger(CouchbaseBackend.class);
    private static final AtomicBoolean WARNED_NO_DURABILITY = new AtomicBoolean();

    private final ClusterEnvironment environment;
    private final Cluster cluster;
    private final Collection collection;
    private final DurabilityLevel durability;
    private final String description;
    private boolean closed;

    private CouchbaseBackend(
        final ClusterEnvironment environment,
        final Cluster cluster,
        final Collection collection,
        final DurabilityLevel durability,
        final String description)
    {
        this.environment = environment;
        this.cluster = cluster;
        this.collection = collection;
        this.durability = durability;
        this.description = description;
    }

    /**
     * Connect to the cluster and wait until the bucket is ready.
     *
     * @param config a concluded configuration.
     * @return the backend.
     * @throws StoreException UNAVAILABLE when the bucket is not ready within the connect timeout.
     */
    public static CouchbaseBackend connect(final StoreConfig config)
    {
        final Duration connectTimeout = Duration.ofMillis(config.couchbaseConnectTimeoutMs());
        final ClusterEnvironment environment = ClusterEnvironment.builder()
            .ioConfig((io) -> io.enableDnsSrv(config.couchbaseDnsSrv()))
            .timeoutConfig((timeouts) -> timeouts
                .kvTimeout(Duration.ofMillis(config.couchbaseKvTimeoutMs()))
                .kvDurableTimeout(Duration.ofMillis(Math.max(config.couchbaseKvTimeoutMs(), 10_000)))
                .connectTimeout(connectTimeout))
            .build();
        final String where = "couchbase " + config.couchbaseConnectionString() + " bucket " +
            config.couchbaseBucket() + " collection " + config.couchbaseScope() + "." + config.couchbaseCollection();
        Cluster cluster = null;
        try
        {
            cluster = Cluster.connect(config.couchbaseConnectionString(), ClusterOptions
                .clusterOptions(config.couchbaseUsername(), config.couchbasePassword())
                .environment(environment));
            final Bucket bucket = cluster.bucket(config.couchbaseBucket());
            bucket.waitUntilReady(connectTimeout);
            final Collection collection = bucket.scope(config.couchbaseScope()).collection(config.couchbaseCollection());
            final int replicas = replicasOf(bucket, config.couchbaseBucket());
            final CouchbaseDurability durability = DurabilityChoice.choose(config.couchbaseDurability(), replicas);
            final String description = where + " durability " + durability + (config.couchbaseDurability() ==
                CouchbaseDurability.AUTO ? " (auto, " + (replicas == DurabilityChoice.UNKNOWN_REPLICAS ?
                "replicas unknown" : replicas + " replicas") + ")" : "");
            if (durability == CouchbaseDurability.NONE && !WARNED_NO_DURABILITY.getAndSet(true))
            {
                LOG.warn("{}: writes count as done once the active node has them in memory; a failover before " +
                    "they reach a replica loses them", description);
            }
            LOG.info("connected to {}", description);
            return new CouchbaseBackend(environment, cluster, collection, durabilityLevel(durability), description);
        }
        catch (final RuntimeException ex)
        {
            if (cluster != null)
            {
                disconnectQuietly(cluster);
            }
            environment.shutdown();
            throw new StoreException(StoreError.UNAVAILABLE, "cannot connect to " + where + ": " + ex, ex);
        }
    }

    /**
     * @return the bucket's replica count from the configuration the SDK holds (its core API), or
     * {@link DurabilityChoice#UNKNOWN_REPLICAS} when it has none for the bucket.
     */
    @SuppressWarnings("deprecation") // the SDK's public API does not tell a bucket's replica count
    private static int replicasOf(final Bucket bucket, final String name)
    {
        try
        {
            final BucketConfig config = bucket.core().clusterConfig().bucketConfig(name);
            return config instanceof CouchbaseBucketConfig couchbase ? couchbase.numberOfReplicas() :
                DurabilityChoice.UNKNOWN_REPLICAS;
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("cannot read the replica count of bucket {}: {}", name, ex.toString());
            return DurabilityChoice.UNKNOWN_REPLICAS;
        }
    }

    /**
     * @return the durability level writes use (what {@link CouchbaseDurability#AUTO} chose).
     */
    public CouchbaseDurability durability()
    {
        return switch (durability)
        {
            case MAJORITY -> CouchbaseDurability.MAJORITY;
            case MAJORITY_AND_PERSIST_TO_ACTIVE -> CouchbaseDurability.MAJORITY_AND_PERSIST_TO_ACTIVE;
            case PERSIST_TO_MAJORITY -> CouchbaseDurability.PERSIST_TO_MAJORITY;
            default -> CouchbaseDurability.NONE;
        };
    }

    private static DurabilityLevel durabilityLevel(final CouchbaseDurability durability)
    {
        return switch (durability)
        {
            case NONE -> DurabilityLevel.NONE;
            case MAJORITY -> DurabilityLevel.MAJORITY;
            case MAJORITY_AND_PERSIST_TO_ACTIVE -> DurabilityLevel.MAJORITY_AND_PERSIST_TO_ACTIVE;
            case PERSIST_TO_MAJORITY -> DurabilityLevel.PERSIST_TO_MAJORITY;
            case AUTO -> throw new IllegalArgumentException("AUTO is resolved before");
        };
    }

    public VersionedValue get(final Keyspace keyspace, final String key)
    {
        final String id = keyspace.documentKey(key);
        try
        {
            final GetResult result = collection.get(id, GetOptions.getOptions().transcoder(RawBinaryTranscoder.INSTANCE));
            return new VersionedValue(result.contentAs(byte[].class), result.cas());
        }
        catch (final DocumentNotFoundException ex)
        {
            return null;
        }
        catch (final RuntimeException ex)
        {
            throw translate(ex, id, 0);
        }
    }

    public long insert(final Keyspace keyspace, final String key, final byte[] value)
    {
        final String id = keyspace.documentKey(key);
        try
        {
            final InsertOptions options = InsertOptions.insertOptions().transcoder(RawBinaryTranscoder.INSTANCE);
            if (durability != DurabilityLevel.NONE)
            {
                options.durability(durability);
            }
            return collection.insert(id, value, options).cas();
        }
        catch (final DocumentExistsException ex)
        {
            return EXISTS;
        }
        catch (final RuntimeException ex)
        {
            throw translate(ex, id, value.length);
        }
    }

    public long replace(final Keyspace keyspace, final String key, final byte[] value, final long cas)
    {
        final String id = keyspace.documentKey(key);
        try
        {
            final ReplaceOptions options = ReplaceOptions.replaceOptions()
                .transcoder(RawBinaryTranscoder.INSTANCE)
                .cas(cas);
            if (durability != DurabilityLevel.NONE)
            {
                options.durability(durability);
            }
            return collection.replace(id, value, options).cas();
        }
        catch (final CasMismatchException ex)
        {
            return CAS_MISMATCH;
        }
        catch (final DocumentNotFoundException ex)
        {
            return NOT_FOUND;
        }
        catch (final RuntimeException ex)
        {
            throw translate(ex, id, value.length);
        }
    }

    public long upsert(final Keyspace keyspace, final String key, final byte[] value)
    {
        final String id = keyspace.documentKey(key);
        try
        {
            final UpsertOptions options = UpsertOptions.upsertOptions().transcoder(RawBinaryTranscoder.INSTANCE);
            if (durability != DurabilityLevel.NONE)
            {
                options.durability(durability);
            }
            return collection.upsert(id, value, options).cas();
        }
        catch (final RuntimeException ex)
        {
            throw translate(ex, id, value.length);
        }
    }

    public long remove(final Keyspace keyspace, final String key, final long cas)
    {
        final String id = keyspace.documentKey(key);
        try
        {
            final RemoveOptions options = RemoveOptions.removeOptions();
            if (cas != 0)
            {
                options.cas(cas);
            }
            if (durability != DurabilityLevel.NONE)
            {
                options.durability(durability);
            }
            collection.remove(id, options);
            return 0;
        }
        catch (final CasMismatchException ex)
        {
            return CAS_MISMATCH;
        }
        catch (final DocumentNotFoundException ex)
        {
            return NOT_FOUND;
        }
        catch (final RuntimeException ex)
        {
            throw translate(ex, id, 0);
        }
    }

    public long increment(final Keyspace keyspace, final String key)
    {
        final String id = keyspace.documentKey(key);
        try
        {
            final IncrementOptions options = IncrementOptions.incrementOptions().initial(1);
            if (durability != DurabilityLevel.NONE)
            {
                options.durability(durability);
            }
            return collection.binary().increment(id, options).content();
        }
        catch (final RuntimeException ex)
        {
            throw translate(ex, id, 0);
        }
    }

    public String describe()
    {
        return description;
    }

    /**
     * Disconnect from the cluster and stop the SDK's threads. Idempotent.
     */
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        disconnectQuietly(cluster);
        environment.shutdown();
        LOG.info("disconnected from {}", description);
    }

    private static void disconnectQuietly(final Cluster cluster)
    {
        try
        {
            cluster.disconnect();
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("disconnect failed: {}", ex.toString());
        }
    }

    private StoreException translate(final RuntimeException ex, final String id, final int valueLength)
    {
        if (ex instanceof StoreException)
        {
            return (StoreException)ex;
        }
        if (ex instanceof TimeoutException)
        {
            return new StoreException(StoreError.TIMEOUT, "no answer from Couchbase for " + id + " in time (" +
                ex.getClass().getSimpleName() + ")", ex);
        }
        if (ex instanceof ValueTooLargeException)
        {
            return new StoreException(StoreError.TOO_LARGE,
                "Couchbase refused " + valueLength + " bytes for " + id + " as too large", ex);
        }
        if (ex instanceof DurabilityLevelNotAvailableException || ex instanceof DurabilityImpossibleException)
        {
            return new StoreException(StoreError.UNAVAILABLE, "the cluster cannot give durability " + durability +
                " for " + id + " (too few replicas?)", ex);
        }
        if (ex instanceof AuthenticationFailureException)
        {
            return new StoreException(StoreError.UNAVAILABLE, "Couchbase refused the credentials (" + description +
                ")", ex);
        }
        if (ex instanceof InvalidArgumentException)
        {
            return new StoreException(StoreError.INTERNAL, "the Couchbase SDK refused the request for " + id +
                ": " + ex.getMessage(), ex);
        }
        if (ex instanceof CouchbaseException)
        {
            return new StoreException(StoreError.UNAVAILABLE, "Couchbase failed on " + id + ": " +
                ex.getClass().getSimpleName(), ex);
        }
        return new StoreException(StoreError.INTERNAL, "unexpected failure on " + id + ": " + ex, ex);
    }
}
