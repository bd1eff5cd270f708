package io.gamehall.host;

import io.gamehall.aeron.IdleSettings;
import io.gamehall.host.api.GameCatalog;
import io.gamehall.host.runtime.HostCounters;
import io.gamehall.host.runtime.HostRuntime;
import io.gamehall.host.runtime.HostSettings;
import io.gamehall.replication.ClientRole;
import io.gamehall.store.Store;
import io.gamehall.store.StoreConfig;
import io.gamehall.store.kv.Keyspace;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A game host process: registers with the master as a GAME_HOST, heartbeats its load, runs the
 * instances the master spawns or restores on it, exchanges game traffic with gateways over
 * Aeron, backs instances up to the store and writes finished games to history.
 * <pre>{@code
 * try (GameHost host = GameHost.launch(new GameHost.Context()
 *     .masterEndpoints("0=127.0.0.1:9010").secret(hostSecret).linkSecret(linkSecret).games(SampleGames.catalog())))
 * {
 *     host.awaitDrained();
 * }
 * }</pre>
 */
public final class GameHost implements AutoCloseable
{
    private final HostRuntime runtime;

    private GameHost(final HostRuntime runtime)
    {
        this.runtime = runtime;
    }

    /**
     * Start a host and register it with the master (waits for the master to answer).
     *
     * @param ctx configuration; concluded here.
     * @return the running host.
     * @throws IllegalStateException when the master refuses or cannot be reached in time.
     */
    public static GameHost launch(final Context ctx)
    {
        ctx.conclude();
        return new GameHost(HostRuntime.start(ctx));
    }

    /**
     * @return the id the master gave this host.
     */
    public long serverId()
    {
        return runtime.serverId();
    }

    /**
     * @return the Aeron channel gateways publish to (stream {@link io.gamehall.link.LinkChannels#HOST_STREAM_ID}), as registered.
     */
    public String endpoint()
    {
        return runtime.endpoint();
    }

    /**
     * @return instances running here now.
     */
    public int load()
    {
        return runtime.load();
    }

    /**
     * @return what the host has done so far.
     */
    public HostCounters counters()
    {
        return runtime.counters();
    }

    /**
     * @return whether the master asked this host to drain.
     */
    public boolean isDraining()
    {
        return runtime.isDraining();
    }

    /**
     * Wait until the host was drained (asked to drain and its last instance ended).
     *
     * @param timeout how long at most.
     * @return true when drained.
     */
    public boolean awaitDrained(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return runtime.awaitDrained(timeout, unit);
    }

    /**
     * Stop at once: instances stop where they are (their backups let another host resume them
     * once the master declares this host dead).
     */
    @Override
    public void close()
    {
        runtime.close();
    }

    /**
     * Configuration of a game host. Defaults fit one machine and a 2-core box.
     */
    public static final class Context implements HostSettings
    {
        private String name;
        private String masterEndpoints = "0=127.0.0.1:9010";
        private String masterEgressHost = "127.0.0.1";
        private String secret;
        private String linkSecret;
        private int maxGatewayLinks = 64;
        private long clientId;
        private String bindAddress = "127.0.0.1";
        private boolean sameDriverIpc = true;
        private int port;
        private int capacity = 10_000;
        private int runners = defaultRunners();
        private GameCatalog games;
        private List<Integer> gameTypes = new ArrayList<>();
        private Store store;
        private StoreConfig storeConfig;
        private long heartbeatIntervalMs = 1_000;
        private long registerTimeoutMs = 30_000;
        private int maxPayloadBytes = 4_096;
        private int inboxBytes = 4 * 1024 * 1024;
        private String aeronDirectoryName;
        private String softwareVersion = "0.1.0";
        private IdleSettings idle = IdleSettings.DEFAULT;
        private boolean concluded;

        /**
         * @param name unique host name in the master's directory; default {@code host-<port>}.
         */
        public Context name(final String name)
        {
            this.name = name;
            return this;
        }

        public String name()
        {
            return name;
        }

        /**
         * @param masterEgressHost this machine's address the masters send answers and events to;
         *                         it must be reachable from every master node (default 127.0.0.1).
         * @return this.
         */
        public Context masterEgressHost(final String masterEgressHost)
        {
            this.masterEgressHost = masterEgressHost;
            return this;
        }

        public String masterEgressHost()
        {
            return masterEgressHost;
        }

        /**
         * @param masterEndpoints the masters' ingress endpoints, {@code id=host:port,...}.
         */
        public Context masterEndpoints(final String masterEndpoints)
        {
            this.masterEndpoints = masterEndpoints;
            return this;
        }

        public String masterEndpoints()
        {
            return masterEndpoints;
        }

        /**
         * @param secret the host role's secret the master was configured with.
         */
        public Context secret(final String secret)
        {
            this.secret = secret;
            return this;
        }

        public String secret()
        {
            return secret;
        }

        /**
         * @param linkSecret the secret gateways and hosts share: a gateway's hello must be signed
         *                   with it before the host answers it or takes its players' messages.
         */
        public Context linkSecret(final String linkSecret)
        {
            this.linkSecret = linkSecret;
            return this;
        }

        public String linkSecret()
        {
            return linkSecret;
        }

        /**
         * @param maxGatewayLinks gateways the host answers at once (default 64); a new one takes the
         *                        place of one silent for 10 s, or is refused.
         */
        public Context maxGatewayLinks(final int maxGatewayLinks)
        {
            this.maxGatewayLinks = maxGatewayLinks;
            return this;
        }

        public int maxGatewayLinks()
        {
            return maxGatewayLinks;
        }

        /**
         * @param clientId the master client id (kept across restarts for exactly-once); 0 picks one.
         */
        public Context clientId(final long clientId)
        {
            this.clientId = clientId;
            return this;
        }

        public long clientId()
        {
            return clientId;
        }

        /**
         * @param bindAddress the address gateways reach this host on; default loopback.
         */
        public Context bindAddress(final String bindAddress)
        {
            this.bindAddress = bindAddress;
            return this;
        }

        public String bindAddress()
        {
            return bindAddress;
        }

        /**
         * @param sameDriverIpc also listen on an {@code aeron:ipc} stream that gateways using the
         *                      same media driver find and publish to instead of UDP (default
         *                      true; see {@link io.gamehall.link.SameDriver}).
         */
        public Context sameDriverIpc(final boolean sameDriverIpc)
        {
            this.sameDriverIpc = sameDriverIpc;
            return this;
        }

        public boolean sameDriverIpc()
        {
            return sameDriverIpc;
        }

        /**
         * @param idle how the host's threads (runners, inbound thread, master client, and the media driver
         *             it starts when given no directory) wait when they find no work; default
         *             {@link IdleSettings#DEFAULT}, the back-off.
         * @return this.
         */
        public Context idle(final IdleSettings idle)
        {
            this.idle = idle;
            return this;
        }

        public IdleSettings idle()
        {
            return idle;
        }

        /**
         * @param port UDP port of the host's endpoint; 0 (default) picks a free one.
         */
        public Context port(final int port)
        {
            this.port = port;
            return this;
        }

        public int port()
        {
            return port;
        }

        /**
         * @param capacity instances this host takes at most.
         */
        public Context capacity(final int capacity)
        {
            this.capacity = capacity;
            return this;
        }

        public int capacity()
        {
            return capacity;
        }

        /**
         * @return runner threads unless told: half the cores, at least one (the host's media driver,
         *     inbound thread and master client need the rest); 1 on a 2-core machine.
         */
        public static int defaultRunners()
        {
            return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        }

        /**
         * @param runners runner threads (each runs many instances; default {@link #defaultRunners()});
         *                with 1, the inbound thread runs it too.
         */
        public Context runners(final int runners)
        {
            this.runners = runners;
            return this;
        }

        public int runners()
        {
            return runners;
        }

        /**
         * @param games the games this host can run.
         */
        public Context games(final GameCatalog games)
        {
            this.games = games;
            return this;
        }

        public GameCatalog games()
        {
            return games;
        }

        /**
         * @param gameTypes the game types offered to the master (a subset of the catalog); empty = all.
         */
        public Context gameTypes(final List<Integer> gameTypes)
        {
            this.gameTypes = new ArrayList<>(gameTypes);
            return this;
        }

        public List<Integer> gameTypes()
        {
            return gameTypes;
        }

        /**
         * @param store an open store to use (not closed by the host); otherwise {@link #storeConfig}.
         */
        public Context store(final Store store)
        {
            this.store = store;
            return this;
        }

        public Store store()
        {
            return store;
        }

        /**
         * @param storeConfig the store the host opens (and closes); default Chronicle Map files.
         */
        public Context storeConfig(final StoreConfig storeConfig)
        {
            this.storeConfig = storeConfig;
            return this;
        }

        public StoreConfig storeConfig()
        {
            return storeConfig;
        }

        /**
         * @param heartbeatIntervalMs how often the host reports its load; keep well under the
         *                            master's server timeout.
         */
        public Context heartbeatIntervalMs(final long heartbeatIntervalMs)
        {
            this.heartbeatIntervalMs = heartbeatIntervalMs;
            return this;
        }

        public long heartbeatIntervalMs()
        {
            return heartbeatIntervalMs;
        }

        /**
         * @param registerTimeoutMs how long to keep trying to register at start.
         */
        public Context registerTimeoutMs(final long registerTimeoutMs)
        {
            this.registerTimeoutMs = registerTimeoutMs;
            return this;
        }

        public long registerTimeoutMs()
        {
            return registerTimeoutMs;
        }

        /**
         * @param maxPayloadBytes largest player message payload taken; larger ones get MESSAGE_TOO_LARGE.
         */
        public Context maxPayloadBytes(final int maxPayloadBytes)
        {
            this.maxPayloadBytes = maxPayloadBytes;
            return this;
        }

        public int maxPayloadBytes()
        {
            return maxPayloadBytes;
        }

        /**
         * @param inboxBytes each runner's input queue, a power of two.
         */
        public Context inboxBytes(final int inboxBytes)
        {
            this.inboxBytes = inboxBytes;
            return this;
        }

        public int inboxBytes()
        {
            return inboxBytes;
        }

        /**
         * @param aeronDirectoryName an external media driver; by default the host runs its own.
         */
        public Context aeronDirectoryName(final String aeronDirectoryName)
        {
            this.aeronDirectoryName = aeronDirectoryName;
            return this;
        }

        public String aeronDirectoryName()
        {
            return aeronDirectoryName;
        }

        /**
         * @param softwareVersion reported to the master.
         */
        public Context softwareVersion(final String softwareVersion)
        {
            this.softwareVersion = softwareVersion;
            return this;
        }

        public String softwareVersion()
        {
            return softwareVersion;
        }

        /**
         * @return the role the host connects to the master with.
         */
        public ClientRole role()
        {
            return ClientRole.HOST;
        }

        /**
         * Check values and fill defaults.
         *
         * @return this.
         * @throws IllegalArgumentException naming the bad value.
         */
        public Context conclude()
        {
            if (concluded)
            {
                return this;
            }
            if (secret == null || secret.isEmpty())
            {
                throw new IllegalArgumentException("a game host needs the host secret of the master");
            }
            if (linkSecret == null || linkSecret.isEmpty())
            {
                throw new IllegalArgumentException("a game host needs the link secret its gateways sign their hellos with");
            }
            if (maxGatewayLinks < 1 || maxGatewayLinks > 4096)
            {
                throw new IllegalArgumentException("maxGatewayLinks must be 1..4096");
            }
            if (idle == null)
            {
                throw new IllegalArgumentException("idle settings missing");
            }
            if (games == null || games.entries().isEmpty())
            {
                throw new IllegalArgumentException("a game host needs at least one game");
            }
            if (gameTypes.isEmpty())
            {
                games.entries().forEach(e -> gameTypes.add(e.typeId()));
            }
            for (final int type : gameTypes)
            {
                if (games.get(type) == null)
                {
                    throw new IllegalArgumentException("game type " + type + " is not in the catalog");
                }
            }
            if (gameTypes.size() > 16)
            {
                throw new IllegalArgumentException("a host offers at most 16 game types");
            }
            if (capacity < 1 || runners < 1 || runners > 64)
            {
                throw new IllegalArgumentException("capacity must be >= 1 and runners 1..64");
            }
            if (port < 0 || port > 65535)
            {
                throw new IllegalArgumentException("port must be 0..65535: " + port);
            }
            if (maxPayloadBytes < 1 || maxPayloadBytes > 65535)
            {
                throw new IllegalArgumentException("maxPayloadBytes must be 1..65535");
            }
            if (Integer.bitCount(inboxBytes) != 1 || inboxBytes < 64 * 1024)
            {
                throw new IllegalArgumentException("inboxBytes must be a power of two >= 64 KiB");
            }
            if (heartbeatIntervalMs < 10)
            {
                throw new IllegalArgumentException("heartbeatIntervalMs must be >= 10");
            }
            if (store == null && storeConfig == null)
            {
                // the store's defaults keep few backups; a host keeps one per instance it runs
                storeConfig = new StoreConfig()
                    .chronicleEntries(Keyspace.BACKUP, Math.max(2_000L, capacity + capacity / 4L))
                    .chronicleAverageValueBytes(Keyspace.BACKUP, 2_048);
            }
            concluded = true;
            return this;
        }
    }
}
