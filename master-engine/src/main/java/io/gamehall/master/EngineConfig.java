package io.gamehall.master;

/**
 * Limits and timeouts of a {@link MasterEngine}. Every node of a cluster must run with the same
 * values: they decide outcomes, so they are part of the replicated state machine's definition.
 * <p>
 * Fluent setters, then {@link #conclude()} validates once before the engine uses the values.
 */
public final class EngineConfig
{
    /** Default {@link #maxServers(int)}. */
    public static final int DEFAULT_MAX_SERVERS = 4096;
    /** Default {@link #maxUsers(int)}. */
    public static final int DEFAULT_MAX_USERS = 1 << 20;
    /** Default {@link #maxInstances(int)}. */
    public static final int DEFAULT_MAX_INSTANCES = 1 << 18;
    /** Default {@link #maxPlayersPerInstance(int)}. */
    public static final int DEFAULT_MAX_PLAYERS_PER_INSTANCE = 64;
    /** Default {@link #serverTimeoutMs(long)}. */
    public static final long DEFAULT_SERVER_TIMEOUT_MS = 5_000;
    /** Default {@link #dedupWindow(int)}. */
    public static final int DEFAULT_DEDUP_WINDOW = 64;
    /** Default {@link #maxClients(int)}. */
    public static final int DEFAULT_MAX_CLIENTS = 4096;
    /** Default {@link #maxSearchExamined(int)}. */
    public static final int DEFAULT_MAX_SEARCH_EXAMINED = 1024;
    /** Largest page a search may ask for. */
    public static final int MAX_SEARCH_RESULTS = 64;
    /** The highest game type id: the wire type {@code GameType} is 1..65534. */
    static final int MAX_GAME_TYPE = 65534;
    /** The highest capacity or load a server may report. */
    static final int MAX_CAPACITY = 10_000_000;

    private int maxServers = DEFAULT_MAX_SERVERS;
    private int maxUsers = DEFAULT_MAX_USERS;
    private int maxInstances = DEFAULT_MAX_INSTANCES;
    private int maxPlayersPerInstance = DEFAULT_MAX_PLAYERS_PER_INSTANCE;
    private long serverTimeoutMs = DEFAULT_SERVER_TIMEOUT_MS;
    private int dedupWindow = DEFAULT_DEDUP_WINDOW;
    private int maxClients = DEFAULT_MAX_CLIENTS;
    private int maxSearchExamined = DEFAULT_MAX_SEARCH_EXAMINED;
    private boolean concluded;

    /**
     * @param maxServers max servers held, DEAD ones included; memory is reserved up front.
     * @return this.
     */
    public EngineConfig maxServers(final int maxServers)
    {
        this.maxServers = maxServers;
        return this;
    }

    public int maxServers()
    {
        return maxServers;
    }

    /**
     * @param maxUsers max users checked in at once; beyond it check-in answers DIRECTORY_FULL.
     * @return this.
     */
    public EngineConfig maxUsers(final int maxUsers)
    {
        this.maxUsers = maxUsers;
        return this;
    }

    public int maxUsers()
    {
        return maxUsers;
    }

    /**
     * @param maxInstances max live instances; beyond it create answers DIRECTORY_FULL.
     * @return this.
     */
    public EngineConfig maxInstances(final int maxInstances)
    {
        this.maxInstances = maxInstances;
        return this;
    }

    public int maxInstances()
    {
        return maxInstances;
    }

    /**
     * @param maxPlayersPerInstance the largest maxPlayers a create may ask for.
     * @return this.
     */
    public EngineConfig maxPlayersPerInstance(final int maxPlayersPerInstance)
    {
        this.maxPlayersPerInstance = maxPlayersPerInstance;
        return this;
    }

    public int maxPlayersPerInstance()
    {
        return maxPlayersPerInstance;
    }

    /**
     * @param serverTimeoutMs a server whose last heartbeat is this old (cluster time) is DEAD.
     * @return this.
     */
    public EngineConfig serverTimeoutMs(final long serverTimeoutMs)
    {
        this.serverTimeoutMs = serverTimeoutMs;
        return this;
    }

    public long serverTimeoutMs()
    {
        return serverTimeoutMs;
    }

    /**
     * @param dedupWindow how many recent results are kept per client for exactly-once retries;
     *                    a power of two. A retry older than this gets REQUEST_TOO_OLD.
     * @return this.
     */
    public EngineConfig dedupWindow(final int dedupWindow)
    {
        this.dedupWindow = dedupWindow;
        return this;
    }

    public int dedupWindow()
    {
        return dedupWindow;
    }

    /**
     * @param maxClients clients remembered for exactly-once; the least recently used is forgotten first.
     * @return this.
     */
    public EngineConfig maxClients(final int maxClients)
    {
        this.maxClients = maxClients;
        return this;
    }

    public int maxClients()
    {
        return maxClients;
    }

    /**
     * @param maxSearchExamined index entries one search may look at before it returns a page
     *                          with a cursor; bounds the cost of a search with selective filters.
     * @return this.
     */
    public EngineConfig maxSearchExamined(final int maxSearchExamined)
    {
        this.maxSearchExamined = maxSearchExamined;
        return this;
    }

    public int maxSearchExamined()
    {
        return maxSearchExamined;
    }

    /**
     * Validate the values.
     *
     * @return this.
     * @throws IllegalArgumentException naming the first bad value.
     */
    public EngineConfig conclude()
    {
        if (concluded)
        {
            return this;
        }
        requireRange("maxServers", maxServers, 1, 1 << 20);
        requireRange("maxUsers", maxUsers, 1, 1 << 26);
        requireRange("maxInstances", maxInstances, 1, 1 << 24);
        requireRange("maxPlayersPerInstance", maxPlayersPerInstance, 1, 4096);
        requireRange("dedupWindow", dedupWindow, 1, 1 << 16);
        if (Integer.bitCount(dedupWindow) != 1)
        {
            throw new IllegalArgumentException("dedupWindow must be a power of two: " + dedupWindow);
        }
        requireRange("maxClients", maxClients, 1, 1 << 20);
        requireRange("maxSearchExamined", maxSearchExamined, MAX_SEARCH_RESULTS, 1 << 20);
        if (serverTimeoutMs < 1 || serverTimeoutMs > 3_600_000)
        {
            throw new IllegalArgumentException("serverTimeoutMs must be 1..3600000: " + serverTimeoutMs);
        }
        concluded = true;
        return this;
    }

    private static void requireRange(final String name, final int value, final int min, final int max)
    {
        if (value < min || value > max)
        {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ": " + value);
        }
    }

    public String toString()
    {
        return "EngineConfig{maxServers=" + maxServers + ", maxUsers=" + maxUsers + ", maxInstances=" +
            maxInstances + ", maxPlayersPerInstance=" + maxPlayersPerInstance + ", serverTimeoutMs=" +
            serverTimeoutMs + ", dedupWindow=" + dedupWindow + ", maxClients=" + maxClients +
            ", maxSearchExamined=" + maxSearchExamined + '}';
    }
}
