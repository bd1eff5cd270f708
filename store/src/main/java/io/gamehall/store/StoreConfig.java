package io.gamehall.store;

import io.gamehall.store.kv.Keyspace;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;

import java.io.File;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Configuration of a {@link Store}: which storage, its settings, and the executor's limits.
 * Fluent setters, or {@link #fromProperties(Properties)} for the {@code gamehall.store.*}
 * properties listed in the store README; then {@link #conclude()} validates once and fills in
 * defaults before the store uses the values.
 */
public final class StoreConfig
{
    /** Prefix of every property {@link #fromProperties(Properties)} reads. */
    public static final String PROPERTY_PREFIX = "gamehall.store.";

    /** Default {@link #workerThreads(int)}. */
    public static final int DEFAULT_WORKER_THREADS = 4;
    /** Default {@link #queueCapacity(int)}. */
    public static final int DEFAULT_QUEUE_CAPACITY = 4096;
    /** Default {@link #submitWaitMs(long)}. */
    public static final long DEFAULT_SUBMIT_WAIT_MS = 10;
    /** Default {@link #operationTimeoutMs(long)}. */
    public static final long DEFAULT_OPERATION_TIMEOUT_MS = 5_000;
    /** Default {@link #closeTimeoutMs(long)}. */
    public static final long DEFAULT_CLOSE_TIMEOUT_MS = 5_000;
    /** Default {@link #retryInitialBackoffMs(long)}. */
    public static final long DEFAULT_RETRY_INITIAL_BACKOFF_MS = 10;
    /** Default {@link #retryMaxBackoffMs(long)}. */
    public static final long DEFAULT_RETRY_MAX_BACKOFF_MS = 500;
    /** Default {@link #casAttempts(int)}. */
    public static final int DEFAULT_CAS_ATTEMPTS = 32;
    /** Default {@link #maxValueBytes(int)}: 1 MiB. */
    public static final int DEFAULT_MAX_VALUE_BYTES = 1 << 20;
    /** Largest {@link #maxValueBytes(int)}: Couchbase refuses documents over 20 MiB. */
    public static final int MAX_VALUE_BYTES_LIMIT = 20 << 20;
    /** Default {@link #historyPageSize(int)}. */
    public static final int DEFAULT_HISTORY_PAGE_SIZE = 25;
    /** Default {@link #maxHistoryLimit(int)}. */
    public static final int DEFAULT_MAX_HISTORY_LIMIT = 100;
    /** Default {@link #chronicleDir(File)}. */
    public static final String DEFAULT_CHRONICLE_DIR = "gamehall-data/store";
    /** Default {@link #couchbaseBucket(String)}. */
    public static final String DEFAULT_COUCHBASE_BUCKET = "gamehall";
    /** The default scope and collection of a Couchbase bucket. */
    public static final String COUCHBASE_DEFAULT_COLLECTION = "_default";
    /** Default {@link #couchbaseKvTimeoutMs(long)}. */
    public static final long DEFAULT_COUCHBASE_KV_TIMEOUT_MS = 2_500;
    /** Default {@link #couchbaseConnectTimeoutMs(long)}. */
    public static final long DEFAULT_COUCHBASE_CONNECT_TIMEOUT_MS = 10_000;

    private static final Map<Keyspace, Long> DEFAULT_ENTRIES = new EnumMap<>(Keyspace.class);
    private static final Map<Keyspace, Integer> DEFAULT_AVERAGE_VALUE_BYTES = new EnumMap<>(Keyspace.class);

    static
    {
        defaultSize(Keyspace.ACCOUNT, 100_000, 160);
        defaultSize(Keyspace.NAME, 100_000, 24);
        defaultSize(Keyspace.PROFILE, 100_000, 96);
        defaultSize(Keyspace.BACKUP, 2_000, 16 << 10);
        defaultSize(Keyspace.GAME, 20_000, 8 << 10);
        defaultSize(Keyspace.HISTORY, 200_000, 400);
        defaultSize(Keyspace.SEQUENCE, 64, 16);
    }

    private StoreType type = StoreType.CHRONICLE;
    private int workerThreads = DEFAULT_WORKER_THREADS;
    private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
    private long submitWaitMs = DEFAULT_SUBMIT_WAIT_MS;
    private long operationTimeoutMs = DEFAULT_OPERATION_TIMEOUT_MS;
    private long closeTimeoutMs = DEFAULT_CLOSE_TIMEOUT_MS;
    private long retryInitialBackoffMs = DEFAULT_RETRY_INITIAL_BACKOFF_MS;
    private long retryMaxBackoffMs = DEFAULT_RETRY_MAX_BACKOFF_MS;
    private int casAttempts = DEFAULT_CAS_ATTEMPTS;
    private int maxValueBytes = DEFAULT_MAX_VALUE_BYTES;
    private int historyPageSize = DEFAULT_HISTORY_PAGE_SIZE;
    private int maxHistoryLimit = DEFAULT_MAX_HISTORY_LIMIT;
    private EpochClock clock = SystemEpochClock.INSTANCE;

    private File chronicleDir = new File(DEFAULT_CHRONICLE_DIR);
    private final Map<Keyspace, Long> chronicleEntries = new EnumMap<>(DEFAULT_ENTRIES);
    private final Map<Keyspace, Integer> chronicleAverageValueBytes = new EnumMap<>(DEFAULT_AVERAGE_VALUE_BYTES);

    private String couchbaseConnectionString;
    private String couchbaseBucket = DEFAULT_COUCHBASE_BUCKET;
    private String couchbaseUsername;
    private String couchbasePassword;
    private String couchbaseScope = COUCHBASE_DEFAULT_COLLECTION;
    private String couchbaseCollection = COUCHBASE_DEFAULT_COLLECTION;
    private long couchbaseKvTimeoutMs = DEFAULT_COUCHBASE_KV_TIMEOUT_MS;
    private long couchbaseConnectTimeoutMs = DEFAULT_COUCHBASE_CONNECT_TIMEOUT_MS;
    private boolean couchbaseDnsSrv = true;
    private CouchbaseDurability couchbaseDurability = CouchbaseDurability.AUTO;

    private boolean concluded;

    private static void defaultSize(final Keyspace keyspace, final long entries, final int averageValueBytes)
    {
        DEFAULT_ENTRIES.put(keyspace, entries);
        DEFAULT_AVERAGE_VALUE_BYTES.put(keyspace, averageValueBytes);
    }

    /**
     * Read the {@code gamehall.store.*} properties present; the others keep their defaults.
     *
     * @param properties for example {@link System#getProperties()} or a loaded config file.
     * @return a new configuration, not yet concluded.
     * @throws IllegalArgumentException naming an unknown {@code gamehall.store.*} key or a bad value.
     */
    public static StoreConfig fromProperties(final Properties properties)
    {
        final StoreConfig config = new StoreConfig();
        for (final String name : properties.stringPropertyNames())
        {
            if (name.startsWith(PROPERTY_PREFIX))
            {
                config.applyProperty(name.substring(PROPERTY_PREFIX.length()), properties.getProperty(name).trim());
            }
        }
        return config;
    }

    private void applyProperty(final String key, final String value)
    {
        switch (key)
        {
            case "type" -> type(enumValue(StoreType.class, key, value));
            case "workers" -> workerThreads(intValue(key, value));
            case "queue-capacity" -> queueCapacity(intValue(key, value));
            case "submit-wait-ms" -> submitWaitMs(longValue(key, value));
            case "operation-timeout-ms" -> operationTimeoutMs(longValue(key, value));
            case "close-timeout-ms" -> closeTimeoutMs(longValue(key, value));
            case "retry-initial-backoff-ms" -> retryInitialBackoffMs(longValue(key, value));
            case "retry-max-backoff-ms" -> retryMaxBackoffMs(longValue(key, value));
            case "cas-attempts" -> casAttempts(intValue(key, value));
            case "max-value-bytes" -> maxValueBytes(intValue(key, value));
            case "history-page-size" -> historyPageSize(intValue(key, value));
            case "max-history-limit" -> maxHistoryLimit(intValue(key, value));
            case "chronicle.dir" -> chronicleDir(new File(value));
            case "couchbase.connection-string" -> couchbaseConnectionString(value);
            case "couchbase.bucket" -> couchbaseBucket(value);
            case "couchbase.username" -> couchbaseUsername(value);
            case "couchbase.password" -> couchbasePassword(value);
            case "couchbase.scope" -> couchbaseScope(value);
            case "couchbase.collection" -> couchbaseCollection(value);
            case "couchbase.kv-timeout-ms" -> couchbaseKvTimeoutMs(longValue(key, value));
            case "couchbase.connect-timeout-ms" -> couchbaseConnectTimeoutMs(longValue(key, value));
            case "couchbase.dns-srv" -> couchbaseDnsSrv(booleanValue(key, value));
            case "couchbase.durability" -> couchbaseDurability(enumValue(CouchbaseDurability.class, key, value));
            default -> applySizingProperty(key, value);
        }
    }

    private void applySizingProperty(final String key, final String value)
    {
        for (final Keyspace keyspace : Keyspace.values())
        {
            final String prefix = "chronicle." + keyspace.fileName() + ".";
            if (key.equals(prefix + "entries"))
            {
                chronicleEntries(keyspace, longValue(key, value));
                return;
            }
            if (key.equals(prefix + "average-value-bytes"))
            {
                chronicleAverageValueBytes(keyspace, intValue(key, value));
                return;
            }
        }
        throw new IllegalArgumentException("unknown store property " + PROPERTY_PREFIX + key);
    }

    private static <E extends Enum<E>> E enumValue(final Class<E> type, final String key, final String value)
    {
        final String name = value.replace('-', '_').toUpperCase(Locale.ROOT);
        for (final E constant : type.getEnumConstants())
        {
            if (constant.name().equals(name))
            {
                return constant;
            }
        }
        final StringBuilder allowed = new StringBuilder();
        for (final E constant : type.getEnumConstants())
        {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw new IllegalArgumentException(PROPERTY_PREFIX + key + " must be one of " + allowed + ": " + value);
    }

    private static int intValue(final String key, final String value)
    {
        try
        {
            return Integer.parseInt(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(PROPERTY_PREFIX + key + " must be an integer: " + value, ex);
        }
    }

    private static long longValue(final String key, final String value)
    {
        try
        {
            return Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(PROPERTY_PREFIX + key + " must be an integer: " + value, ex);
        }
    }

    private static boolean booleanValue(final String key, final String value)
    {
        if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value))
        {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException(PROPERTY_PREFIX + key + " must be true or false: " + value);
    }

    /**
     * @param type which storage; default {@link StoreType#CHRONICLE}.
     * @return this.
     */
    public StoreConfig type(final StoreType type)
    {
        this.type = type;
        return this;
    }

    public StoreType type()
    {
        return type;
    }

    /**
     * @param workerThreads threads that run operations; operations on one key always run on the same one.
     * @return this.
     */
    public StoreConfig workerThreads(final int workerThreads)
    {
        this.workerThreads = workerThreads;
        return this;
    }

    public int workerThreads()
    {
        return workerThreads;
    }

    /**
     * @param queueCapacity operations each worker holds waiting; more are refused with OVERLOADED.
     * @return this.
     */
    public StoreConfig queueCapacity(final int queueCapacity)
    {
        this.queueCapacity = queueCapacity;
        return this;
    }

    public int queueCapacity()
    {
        return queueCapacity;
    }

    /**
     * @param submitWaitMs how long a caller waits for room in a full queue before OVERLOADED; 0 = not at all.
     * @return this.
     */
    public StoreConfig submitWaitMs(final long submitWaitMs)
    {
        this.submitWaitMs = submitWaitMs;
        return this;
    }

    public long submitWaitMs()
    {
        return submitWaitMs;
    }

    /**
     * @param operationTimeoutMs time from submission to completion, queueing and retries included;
     *                           past it the future fails with TIMEOUT.
     * @return this.
     */
    public StoreConfig operationTimeoutMs(final long operationTimeoutMs)
    {
        this.operationTimeoutMs = operationTimeoutMs;
        return this;
    }

    public long operationTimeoutMs()
    {
        return operationTimeoutMs;
    }

    /**
     * @param closeTimeoutMs how long close waits for queued operations to finish.
     * @return this.
     */
    public StoreConfig closeTimeoutMs(final long closeTimeoutMs)
    {
        this.closeTimeoutMs = closeTimeoutMs;
        return this;
    }

    public long closeTimeoutMs()
    {
        return closeTimeoutMs;
    }

    /**
     * @param retryInitialBackoffMs first pause before a retry after UNAVAILABLE or TIMEOUT; doubles each time.
     * @return this.
     */
    public StoreConfig retryInitialBackoffMs(final long retryInitialBackoffMs)
    {
        this.retryInitialBackoffMs = retryInitialBackoffMs;
        return this;
    }

    public long retryInitialBackoffMs()
    {
        return retryInitialBackoffMs;
    }

    /**
     * @param retryMaxBackoffMs longest pause between retries.
     * @return this.
     */
    public StoreConfig retryMaxBackoffMs(final long retryMaxBackoffMs)
    {
        this.retryMaxBackoffMs = retryMaxBackoffMs;
        return this;
    }

    public long retryMaxBackoffMs()
    {
        return retryMaxBackoffMs;
    }

    /**
     * @param casAttempts how often a read-modify-write is tried when another writer keeps winning;
     *                    then it fails with CONFLICT.
     * @return this.
     */
    public StoreConfig casAttempts(final int casAttempts)
    {
        this.casAttempts = casAttempts;
        return this;
    }

    public int casAttempts()
    {
        return casAttempts;
    }

    /**
     * @param maxValueBytes largest encoded record (a backup's state, a game with its events);
     *                      larger ones fail with TOO_LARGE.
     * @return this.
     */
    public StoreConfig maxValueBytes(final int maxValueBytes)
    {
        this.maxValueBytes = maxValueBytes;
        return this;
    }

    public int maxValueBytes()
    {
        return maxValueBytes;
    }

    /**
     * @param historyPageSize games per stored history page; fixed per user when their history starts.
     * @return this.
     */
    public StoreConfig historyPageSize(final int historyPageSize)
    {
        this.historyPageSize = historyPageSize;
        return this;
    }

    public int historyPageSize()
    {
        return historyPageSize;
    }

    /**
     * @param maxHistoryLimit most games one {@link Store#recentGames} call returns.
     * @return this.
     */
    public StoreConfig maxHistoryLimit(final int maxHistoryLimit)
    {
        this.maxHistoryLimit = maxHistoryLimit;
        return this;
    }

    public int maxHistoryLimit()
    {
        return maxHistoryLimit;
    }

    /**
     * @param clock time stamps for created, saved and ended records.
     * @return this.
     */
    public StoreConfig clock(final EpochClock clock)
    {
        this.clock = clock;
        return this;
    }

    public EpochClock clock()
    {
        return clock;
    }

    /**
     * @param chronicleDir directory of the Chronicle Map files; created if missing.
     * @return this.
     */
    public StoreConfig chronicleDir(final File chronicleDir)
    {
        this.chronicleDir = chronicleDir;
        return this;
    }

    public File chronicleDir()
    {
        return chronicleDir;
    }

    /**
     * @param keyspace which map.
     * @param entries  entries it is sized for; it takes up to about twice as many, then refuses
     *                 new keys with FULL. Fixed when the file is created.
     * @return this.
     */
    public StoreConfig chronicleEntries(final Keyspace keyspace, final long entries)
    {
        chronicleEntries.put(keyspace, entries);
        return this;
    }

    public long chronicleEntries(final Keyspace keyspace)
    {
        return chronicleEntries.get(keyspace);
    }

    /**
     * @param keyspace          which map.
     * @param averageValueBytes average stored value size it is sized for. Fixed when the file is created.
     * @return this.
     */
    public StoreConfig chronicleAverageValueBytes(final Keyspace keyspace, final int averageValueBytes)
    {
        chronicleAverageValueBytes.put(keyspace, averageValueBytes);
        return this;
    }

    public int chronicleAverageValueBytes(final Keyspace keyspace)
    {
        return chronicleAverageValueBytes.get(keyspace);
    }

    /**
     * @param connectionString for example {@code couchbase://cb1.example,cb2.example}; required for Couchbase.
     * @return this.
     */
    public StoreConfig couchbaseConnectionString(final String connectionString)
    {
        this.couchbaseConnectionString = connectionString;
        return this;
    }

    public String couchbaseConnectionString()
    {
        return couchbaseConnectionString;
    }

    /**
     * @param bucket the one bucket every record goes to.
     * @return this.
     */
    public StoreConfig couchbaseBucket(final String bucket)
    {
        this.couchbaseBucket = bucket;
        return this;
    }

    public String couchbaseBucket()
    {
        return couchbaseBucket;
    }

    /**
     * @param username RBAC user; defaults to the bucket name.
     * @return this.
     */
    public StoreConfig couchbaseUsername(final String username)
    {
        this.couchbaseUsername = username;
        return this;
    }

    public String couchbaseUsername()
    {
        return couchbaseUsername;
    }

    /**
     * @param password the user's password; required for Couchbase.
     * @return this.
     */
    public StoreConfig couchbasePassword(final String password)
    {
        this.couchbasePassword = password;
        return this;
    }

    public String couchbasePassword()
    {
        return couchbasePassword;
    }

    /**
     * @param scope scope of the collection; default {@code _default}.
     * @return this.
     */
    public StoreConfig couchbaseScope(final String scope)
    {
        this.couchbaseScope = scope;
        return this;
    }

    public String couchbaseScope()
    {
        return couchbaseScope;
    }

    /**
     * @param collection collection within the scope; default {@code _default}.
     * @return this.
     */
    public StoreConfig couchbaseCollection(final String collection)
    {
        this.couchbaseCollection = collection;
        return this;
    }

    public String couchbaseCollection()
    {
        return couchbaseCollection;
    }

    /**
     * @param kvTimeoutMs timeout of one key-value request to the cluster.
     * @return this.
     */
    public StoreConfig couchbaseKvTimeoutMs(final long kvTimeoutMs)
    {
        this.couchbaseKvTimeoutMs = kvTimeoutMs;
        return this;
    }

    public long couchbaseKvTimeoutMs()
    {
        return couchbaseKvTimeoutMs;
    }

    /**
     * @param connectTimeoutMs how long opening waits for the bucket to be ready.
     * @return this.
     */
    public StoreConfig couchbaseConnectTimeoutMs(final long connectTimeoutMs)
    {
        this.couchbaseConnectTimeoutMs = connectTimeoutMs;
        return this;
    }

    public long couchbaseConnectTimeoutMs()
    {
        return couchbaseConnectTimeoutMs;
    }

    /**
     * @param dnsSrv look the connection string's host up as a DNS SRV record (real clusters); false for tests.
     * @return this.
     */
    public StoreConfig couchbaseDnsSrv(final boolean dnsSrv)
    {
        this.couchbaseDnsSrv = dnsSrv;
        return this;
    }

    public boolean couchbaseDnsSrv()
    {
        return couchbaseDnsSrv;
    }

    /**
     * @param durability when a write counts as done; AUTO (the default) is MAJORITY when the bucket has
     *                   replicas (or their number cannot be read) and NONE when it has none.
     * @return this.
     */
    public StoreConfig couchbaseDurability(final CouchbaseDurability durability)
    {
        this.couchbaseDurability = durability;
        return this;
    }

    public CouchbaseDurability couchbaseDurability()
    {
        return couchbaseDurability;
    }

    /**
     * Validate the values and fill in derived defaults.
     *
     * @return this.
     * @throws IllegalArgumentException naming the first bad value.
     */
    public StoreConfig conclude()
    {
        if (concluded)
        {
            return this;
        }
        requireNonNull("type", type);
        requireNonNull("clock", clock);
        requireRange("workers", workerThreads, 1, 256);
        requireRange("queue-capacity", queueCapacity, 1, 1 << 20);
        requireRange("submit-wait-ms", submitWaitMs, 0, 60_000);
        requireRange("operation-timeout-ms", operationTimeoutMs, 1, 600_000);
        requireRange("close-timeout-ms", closeTimeoutMs, 0, 600_000);
        requireRange("retry-initial-backoff-ms", retryInitialBackoffMs, 1, 60_000);
        requireRange("retry-max-backoff-ms", retryMaxBackoffMs, retryInitialBackoffMs, 600_000);
        requireRange("cas-attempts", casAttempts, 1, 10_000);
        requireRange("max-value-bytes", maxValueBytes, 1024, MAX_VALUE_BYTES_LIMIT);
        requireRange("history-page-size", historyPageSize, 1, 1000);
        requireRange("max-history-limit", maxHistoryLimit, 1, 10_000);
        if (type == StoreType.CHRONICLE)
        {
            requireNonNull("chronicle.dir", chronicleDir);
            for (final Keyspace keyspace : Keyspace.values())
            {
                requireRange("chronicle." + keyspace.fileName() + ".entries", chronicleEntries(keyspace), 1, 1L << 34);
                requireRange("chronicle." + keyspace.fileName() + ".average-value-bytes",
                    chronicleAverageValueBytes(keyspace), 8, maxValueBytes);
            }
        }
        else
        {
            requireText("couchbase.connection-string", couchbaseConnectionString);
            requireText("couchbase.bucket", couchbaseBucket);
            requireText("couchbase.password", couchbasePassword);
            requireText("couchbase.scope", couchbaseScope);
            requireText("couchbase.collection", couchbaseCollection);
            requireNonNull("couchbase.durability", couchbaseDurability);
            if (couchbaseUsername == null || couchbaseUsername.isBlank())
            {
                couchbaseUsername = couchbaseBucket;
            }
            requireRange("couchbase.kv-timeout-ms", couchbaseKvTimeoutMs, 1, 600_000);
            requireRange("couchbase.connect-timeout-ms", couchbaseConnectTimeoutMs, 1, 600_000);
        }
        concluded = true;
        return this;
    }

    private static void requireNonNull(final String name, final Object value)
    {
        if (value == null)
        {
            throw new IllegalArgumentException(PROPERTY_PREFIX + name + " must be set");
        }
    }

    private static void requireText(final String name, final String value)
    {
        if (value == null || value.isBlank())
        {
            throw new IllegalArgumentException(PROPERTY_PREFIX + name + " must be set for a Couchbase store");
        }
    }

    private static void requireRange(final String name, final long value, final long min, final long max)
    {
        if (value < min || value > max)
        {
            throw new IllegalArgumentException(PROPERTY_PREFIX + name + " must be " + min + ".." + max + ": " + value);
        }
    }

    /**
     * @return every setting, the password masked.
     */
    public String toString()
    {
        final StringBuilder sb = new StringBuilder("StoreConfig{type=").append(type)
            .append(", workers=").append(workerThreads)
            .append(", queueCapacity=").append(queueCapacity)
            .append(", submitWaitMs=").append(submitWaitMs)
            .append(", operationTimeoutMs=").append(operationTimeoutMs)
            .append(", retryBackoffMs=").append(retryInitialBackoffMs).append("..").append(retryMaxBackoffMs)
            .append(", casAttempts=").append(casAttempts)
            .append(", maxValueBytes=").append(maxValueBytes)
            .append(", historyPageSize=").append(historyPageSize);
        if (type == StoreType.CHRONICLE)
        {
            sb.append(", chronicleDir=").append(chronicleDir)
                .append(", entries=").append(chronicleEntries)
                .append(", averageValueBytes=").append(chronicleAverageValueBytes);
        }
        else
        {
            sb.append(", connectionString=").append(couchbaseConnectionString)
                .append(", bucket=").append(couchbaseBucket)
                .append(", username=").append(couchbaseUsername)
                .append(", password=").append(couchbasePassword == null ? "unset" : "***")
                .append(", collection=").append(couchbaseScope).append('.').append(couchbaseCollection)
                .append(", kvTimeoutMs=").append(couchbaseKvTimeoutMs)
                .append(", dnsSrv=").append(couchbaseDnsSrv)
                .append(", durability=").append(couchbaseDurability);
        }
        return sb.append('}').toString();
    }
}
