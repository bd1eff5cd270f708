package io.gamehall.gateway;

import io.aeron.driver.MediaDriver;
import io.gamehall.aeron.DriverDirectoryCheck;
import io.gamehall.aeron.IdleSettings;
import io.gamehall.aeron.LocalMediaDriver;
import io.gamehall.replication.ClientRole;
import io.gamehall.replication.client.MasterClient;
import io.gamehall.replication.client.MasterClientListener;
import io.gamehall.replication.client.Registration;
import io.gamehall.store.PasswordHasher;
import io.gamehall.store.Store;
import io.gamehall.store.StoreConfig;
import io.gamehall.store.open.Stores;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A session gateway: holds the players' WebSocket connections, logs them in against the store,
 * turns their requests into master commands and relays their game traffic to the game hosts.
 * <pre>{@code
 * try (SessionGateway gateway = SessionGateway.launch(new SessionGateway.Context()
 *     .masterEndpoints("0=127.0.0.1:9010").gatewaySecret("...").tokenSecret("...").linkSecret("...")))
 * {
 *     System.out.println(gateway.url());
 *     gateway.awaitDrained(Long.MAX_VALUE, TimeUnit.DAYS);
 * }
 * }</pre>
 */
public final class SessionGateway implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(SessionGateway.class);

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Context ctx;
    private GatewayCore core;
    private WebSocketServer server;
    private MasterRelay master;
    private String url;

    private SessionGateway(final Context ctx)
    {
        this.ctx = ctx;
    }

    /**
     * Start a gateway: listen, register with the master (waits for its answer), connect to the
     * game hosts.
     *
     * @param ctx configuration; concluded here.
     * @return the running gateway.
     * @throws IllegalStateException when the port is taken or the master refuses or cannot be reached.
     */
    public static SessionGateway launch(final Context ctx)
    {
        ctx.conclude();
        final SessionGateway gateway = new SessionGateway(ctx);
        try
        {
            gateway.start();
            return gateway;
        }
        catch (final RuntimeException ex)
        {
            gateway.close();
            throw ex;
        }
    }

    private void start()
    {
        String aeronDir = ctx.aeronDirectoryName();
        if (aeronDir == null)
        {
            final MediaDriver driver = LocalMediaDriver.launch("gateway", ctx.idle());
            closeables.add(0, driver);
            aeronDir = driver.aeronDirectoryName();
        }
        else
        {
            DriverDirectoryCheck.warnIfNotInMemory(aeronDir);
        }
        final Store store;
        if (ctx.store() != null)
        {
            store = ctx.store();
        }
        else
        {
            store = Stores.open(ctx.storeConfig());
            closeables.add(0, store);
        }
        final PasswordWork work = new PasswordWork(ctx.authThreads(), ctx.authQueue(), ctx.authQueuePerAddress());
        closeables.add(0, work);
        final EpochClock clock = SystemEpochClock.INSTANCE;
        final Authenticator authenticator = new Authenticator(
            store,
            ctx.passwordHasher() != null ? ctx.passwordHasher() : new PasswordHasher(ctx.passwordIterations()),
            work,
            new LoginBackoff(ctx.accountFailuresBeforeBackoff(), ctx.loginBackoffBaseMs(), ctx.loginBackoffMaxMs(),
                ctx.loginBackoffForgetMs(), Context.TRACKED_KEYS, clock),
            new LoginBackoff(ctx.addressFailuresBeforeBackoff(), ctx.loginBackoffBaseMs(), ctx.loginBackoffMaxMs(),
                ctx.loginBackoffForgetMs(), Context.TRACKED_KEYS, clock),
            new KeyedQuota(ctx.registrationsPerAddress(), ctx.registrationWindowMs(), Context.TRACKED_KEYS, clock),
            ctx.minPasswordLength(),
            clock);
        final TokenService tokens = new TokenService(ctx.tokenSecret(), ctx.previousTokenSecret(), ctx.tokenLifetimeMs(),
            ctx.maxSessionAgeMs());
        final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r ->
        {
            final Thread t = new Thread(r, "gateway-timers");
            t.setDaemon(true);
            return t;
        });
        closeables.add(0, scheduler::shutdownNow);
        core = new GatewayCore(ctx, store, authenticator, tokens, scheduler, clock);

        server = new WebSocketServer(ctx, core, sslContext(),
            new ConnectionLimit(ctx.maxConnections(), ctx.maxConnectionsPerAddress()));
        closeables.add(0, server);
        url = ctx.publicUrl() != null ? ctx.publicUrl() :
            (ctx.tlsCertificate() != null ? "wss://" : "ws://") + ctx.bindAddress() + ":" + server.port() + ctx.path();
        final String name = ctx.name() != null ? ctx.name() : "gateway-" + server.port();

        master = new MasterRelay(new MasterClient.Context()
            .ingressEndpoints(ctx.masterEndpoints())
            .egressHost(ctx.masterEgressHost())
            .role(ClientRole.GATEWAY)
            .secret(ctx.gatewaySecret())
            .clientId(ctx.clientId())
            .aeronDirectoryName(aeronDir)
            .idle(ctx.idle()),
            core::onMasterEvent,
            new MasterClientListener()
            {
                public void onResponse(final long tag, final DirectBuffer buffer, final int offset, final int length)
                {
                }

                public void onTimeout(final long tag)
                {
                }

                public void onEvent(final DirectBuffer buffer, final int offset, final int length)
                {
                }

                public void onDisconnected(final String reason)
                {
                    LOG.warn("lost the master: {}", reason);
                }
            });
        closeables.add(0, master);
        final long gatewayId = register(name);
        final HostRelay hosts = new HostRelay(aeronDir, gatewayId, ctx.bindAddress(),
            ctx.linkSecret().getBytes(java.nio.charset.StandardCharsets.UTF_8), ctx.sameDriverIpc(),
            core.hostTraffic(), core.hostTraffic()::flushRelayed, ctx.idle());
        closeables.add(0, hosts);
        core.relays(master, hosts, gatewayId);
        core.refreshHosts().join();
        final GatewayHeartbeat heartbeat = new GatewayHeartbeat(master, name, url, ctx.maxSessions(),
            ctx.softwareVersion(), core::gatewayId, core::sessionCount, newId ->
            {
                hosts.gatewayId(newId);
                core.reattachAll(newId);
            });
        scheduler.scheduleWithFixedDelay(heartbeat, ctx.heartbeatIntervalMs(), ctx.heartbeatIntervalMs(),
            TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> core.refreshHosts().exceptionally(ex -> null), 5, 5, TimeUnit.SECONDS);
        core.ready();
        LOG.info("gateway {} ({}) ready at {}: store {}; token key {}", gatewayId, name, url, store.describe(),
            tokens.keyId());
    }

    private long register(final String name)
    {
        return Registration.register("gateway " + name, ctx.registerTimeoutMs(),
            () -> master.registerGateway(name, url, ctx.maxSessions(), ctx.softwareVersion(), null)
                .thenApply(outcome -> new Registration.Answer(outcome.code(), outcome.subjectId())),
            unknown -> master.registerGateway(name, url, ctx.maxSessions(), ctx.softwareVersion(), unknown)
                .thenApply(outcome -> new Registration.Answer(outcome.code(), outcome.subjectId())));
    }

    private SslContext sslContext()
    {
        if (ctx.tlsCertificate() == null)
        {
            return null;
        }
        try
        {
            return SslContextBuilder.forServer(ctx.tlsCertificate(), ctx.tlsKey()).build();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("cannot load the TLS certificate " + ctx.tlsCertificate() + " and key " +
                ctx.tlsKey() + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @return the WebSocket URL clients connect to (as registered with the master).
     */
    public String url()
    {
        return url;
    }

    /**
     * @return the address of the web pages this gateway serves on its port (http, or https with TLS;
     *         its listening address, not the public URL), or null when it serves none.
     */
    public String pageUrl()
    {
        if (ctx.webPages() == null)
        {
            return null;
        }
        final String host = ctx.bindAddress().contains(":") ? "[" + ctx.bindAddress() + "]" : ctx.bindAddress();
        return (ctx.tlsCertificate() != null ? "https://" : "http://") + host + ":" + server.port() + "/";
    }

    /**
     * @return the master's id of this gateway.
     */
    public long gatewayId()
    {
        return core.gatewayId();
    }

    /**
     * @return sessions held now (connected or within their grace period).
     */
    public int sessions()
    {
        return core.sessionCount();
    }

    /**
     * @return logins and resumes so far.
     */
    public long logins()
    {
        return core.logins();
    }

    /**
     * @return frames received from clients so far.
     */
    public long framesIn()
    {
        return core.framesIn();
    }

    /**
     * @return whether the gateway was asked to drain.
     */
    public boolean isDraining()
    {
        return core.isDraining();
    }

    /**
     * Drain (as the master's DrainOrder does): no new logins, lobby users told where to go.
     */
    public void drain()
    {
        core.drain();
    }

    /**
     * Wait until drained and the last session left.
     */
    public boolean awaitDrained(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return core.awaitDrained(timeout, unit);
    }

    /**
     * Stop at once: clients are told the gateway is closing and disconnected (they resume
     * elsewhere with their tokens).
     */
    @Override
    public void close()
    {
        if (core != null)
        {
            core.closeAll();
        }
        for (final AutoCloseable closeable : closeables)
        {
            CloseHelper.quietClose(closeable);
        }
        closeables.clear();
    }

    /**
     * Configuration of a gateway; defaults suit one machine.
     */
    public static final class Context
    {
        /** Keys (account names, addresses) each login limit remembers at most, least recently used first out. */
        public static final int TRACKED_KEYS = 100_000;
        /** Where the web module's jar has the web pages on the class path. */
        public static final String DEFAULT_WEB_PAGES = WebPages.DEFAULT_RESOURCES;

        private String name;
        private String masterEndpoints = "0=127.0.0.1:9010";
        private String masterEgressHost = "127.0.0.1";
        private String gatewaySecret;
        private String tokenSecret;
        private String previousTokenSecret;
        private long clientId;
        private String bindAddress = "127.0.0.1";
        private boolean sameDriverIpc = true;
        private int port = 8080;
        private String path = "/ws";
        private String publicUrl;
        private int maxSessions = 100_000;
        private int ioThreads = 2;
        private int authThreads = 2;
        private int maxFrameBytes = 64 * 1024;
        private long idleTimeoutMs = 60_000;
        private long pingIntervalMs = 20_000;
        private int rateLimitPerSecond = 200;
        private int rateLimitBurst = 400;
        private int floodLimit = 1_000;
        private long graceMs = 30_000;
        private int keepEvents = 256;
        private long tokenLifetimeMs = TimeUnit.HOURS.toMillis(24);
        private long maxSessionAgeMs = TimeUnit.DAYS.toMillis(7);
        private long loginTimeoutMs = 5_000;
        private int maxConnections = 100_000;
        private int maxConnectionsPerAddress = 64;
        private int authQueue = 32;
        private int authQueuePerAddress = 8;
        private int accountFailuresBeforeBackoff = 5;
        private int addressFailuresBeforeBackoff = 50;
        private long loginBackoffBaseMs = 1_000;
        private long loginBackoffMaxMs = TimeUnit.MINUTES.toMillis(5);
        private long loginBackoffForgetMs = TimeUnit.HOURS.toMillis(1);
        private int registrationsPerAddress = 20;
        private long registrationWindowMs = TimeUnit.HOURS.toMillis(1);
        private PasswordHasher passwordHasher;
        private int passwordIterations = PasswordHasher.DEFAULT_ITERATIONS;
        private int minPasswordLength = 8;
        private Store store;
        private StoreConfig storeConfig;
        private String aeronDirectoryName;
        private long heartbeatIntervalMs = 1_000;
        private long registerTimeoutMs = 30_000;
        private File tlsCertificate;
        private File tlsKey;
        private String softwareVersion = "0.1.0";
        private IdleSettings idle = IdleSettings.DEFAULT;
        private String linkSecret;
        private String webPages = DEFAULT_WEB_PAGES;
        private boolean concluded;

        /** @param name unique gateway name in the master's directory; default gateway-&lt;port&gt;. */
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

        /** @param masterEndpoints the masters' ingress endpoints, {@code id=host:port,...}. */
        public Context masterEndpoints(final String masterEndpoints)
        {
            this.masterEndpoints = masterEndpoints;
            return this;
        }

        public String masterEndpoints()
        {
            return masterEndpoints;
        }

        /** @param gatewaySecret the gateway role's secret the master was configured with. */
        public Context gatewaySecret(final String gatewaySecret)
        {
            this.gatewaySecret = gatewaySecret;
            return this;
        }

        public String gatewaySecret()
        {
            return gatewaySecret;
        }

        /** @param tokenSecret the HMAC secret of session tokens, the same on every gateway (16+ characters). */
        public Context tokenSecret(final String tokenSecret)
        {
            this.tokenSecret = tokenSecret;
            return this;
        }

        public String tokenSecret()
        {
            return tokenSecret;
        }

        /**
         * @param previousTokenSecret the token secret before a rotation: tokens it signed still
         *                            resume (and are renewed under {@link #tokenSecret}); null for none.
         */
        public Context previousTokenSecret(final String previousTokenSecret)
        {
            this.previousTokenSecret = previousTokenSecret;
            return this;
        }

        public String previousTokenSecret()
        {
            return previousTokenSecret;
        }

        /** @param clientId master client id; 0 picks one. */
        public Context clientId(final long clientId)
        {
            this.clientId = clientId;
            return this;
        }

        public long clientId()
        {
            return clientId;
        }

        /** @param bindAddress where the WebSocket server and the host link listen; default loopback. */
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
         * @param sameDriverIpc talk over {@code aeron:ipc} to game hosts that use the same media
         *                      driver (default true; {@link io.gamehall.link.SameDriver}); UDP
         *                      to every host when false.
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
         * @param idle how the gateway's polling threads (host relay, master client, and the media driver it
         *             starts when given no directory) wait when they find no work; default
         *             {@link IdleSettings#DEFAULT}, the back-off. Netty's threads wait on their selectors.
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

        /** @param port WebSocket port; 0 picks a free one. */
        public Context port(final int port)
        {
            this.port = port;
            return this;
        }

        public int port()
        {
            return port;
        }

        /** @param path the WebSocket path, default /ws. */
        public Context path(final String path)
        {
            this.path = path;
            return this;
        }

        public String path()
        {
            return path;
        }

        /**
         * @param webPages class path prefix of the web app the gateway serves over HTTP on its port (ending
         *                 in '/'; default {@value #DEFAULT_WEB_PAGES}, where the web module's jar has
         *                 it), or null to serve no pages (every HTTP request but the WebSocket's gets 404).
         * @return this.
         */
        public Context webPages(final String webPages)
        {
            this.webPages = webPages;
            return this;
        }

        public String webPages()
        {
            return webPages;
        }

        /** @param publicUrl the URL clients are given (behind a proxy); default from bind address and port. */
        public Context publicUrl(final String publicUrl)
        {
            this.publicUrl = publicUrl;
            return this;
        }

        public String publicUrl()
        {
            return publicUrl;
        }

        /** @param maxSessions logins held at most (also the capacity told to the master). */
        public Context maxSessions(final int maxSessions)
        {
            this.maxSessions = maxSessions;
            return this;
        }

        public int maxSessions()
        {
            return maxSessions;
        }

        /** @param ioThreads Netty I/O threads. */
        public Context ioThreads(final int ioThreads)
        {
            this.ioThreads = ioThreads;
            return this;
        }

        public int ioThreads()
        {
            return ioThreads;
        }

        /** @param authThreads threads hashing passwords (slow on purpose). */
        public Context authThreads(final int authThreads)
        {
            this.authThreads = authThreads;
            return this;
        }

        public int authThreads()
        {
            return authThreads;
        }

        /** @param maxFrameBytes largest WebSocket frame; larger ones close the connection (1009). */
        public Context maxFrameBytes(final int maxFrameBytes)
        {
            this.maxFrameBytes = maxFrameBytes;
            return this;
        }

        public int maxFrameBytes()
        {
            return maxFrameBytes;
        }

        /**
         * @param idleTimeoutMs a connection silent this long (no frame, ping or pong) is closed; checked every
         *                      {@link #pingIntervalMs}, so it goes within one interval after.
         */
        public Context idleTimeoutMs(final long idleTimeoutMs)
        {
            this.idleTimeoutMs = idleTimeoutMs;
            return this;
        }

        public long idleTimeoutMs()
        {
            return idleTimeoutMs;
        }

        /** @param pingIntervalMs the gateway pings a connection it has not heard from for this long. */
        public Context pingIntervalMs(final long pingIntervalMs)
        {
            this.pingIntervalMs = pingIntervalMs;
            return this;
        }

        public long pingIntervalMs()
        {
            return pingIntervalMs;
        }

        /** @param rateLimitPerSecond frames a connection may send per second on average. */
        public Context rateLimitPerSecond(final int rateLimitPerSecond)
        {
            this.rateLimitPerSecond = rateLimitPerSecond;
            return this;
        }

        public int rateLimitPerSecond()
        {
            return rateLimitPerSecond;
        }

        /** @param rateLimitBurst frames a connection may send at once. */
        public Context rateLimitBurst(final int rateLimitBurst)
        {
            this.rateLimitBurst = rateLimitBurst;
            return this;
        }

        public int rateLimitBurst()
        {
            return rateLimitBurst;
        }

        /** @param floodLimit frames refused in a row after which the connection is closed. */
        public Context floodLimit(final int floodLimit)
        {
            this.floodLimit = floodLimit;
            return this;
        }

        public int floodLimit()
        {
            return floodLimit;
        }

        /** @param graceMs how long a session outlives its connection. */
        public Context graceMs(final long graceMs)
        {
            this.graceMs = graceMs;
            return this;
        }

        public long graceMs()
        {
            return graceMs;
        }

        /** @param keepEvents events kept per session for a resume on this gateway. */
        public Context keepEvents(final int keepEvents)
        {
            this.keepEvents = keepEvents;
            return this;
        }

        public int keepEvents()
        {
            return keepEvents;
        }

        /** @param tokenLifetimeMs how long a session token works. */
        public Context tokenLifetimeMs(final long tokenLifetimeMs)
        {
            this.tokenLifetimeMs = tokenLifetimeMs;
            return this;
        }

        public long tokenLifetimeMs()
        {
            return tokenLifetimeMs;
        }

        /**
         * @param maxSessionAgeMs how long after the user gave their password their tokens stop
         *                        working, however often renewed; default 7 days.
         */
        public Context maxSessionAgeMs(final long maxSessionAgeMs)
        {
            this.maxSessionAgeMs = maxSessionAgeMs;
            return this;
        }

        public long maxSessionAgeMs()
        {
            return maxSessionAgeMs;
        }

        /** @param loginTimeoutMs a connection not logged in this long after it opened is closed; default 5 s. */
        public Context loginTimeoutMs(final long loginTimeoutMs)
        {
            this.loginTimeoutMs = loginTimeoutMs;
            return this;
        }

        public long loginTimeoutMs()
        {
            return loginTimeoutMs;
        }

        /** @param maxConnections connections open at most; more are closed at once; default 100,000. */
        public Context maxConnections(final int maxConnections)
        {
            this.maxConnections = maxConnections;
            return this;
        }

        public int maxConnections()
        {
            return maxConnections;
        }

        /**
         * @param maxConnectionsPerAddress connections open at most from one address (an IPv6 /64);
         *                                 default 64.
         */
        public Context maxConnectionsPerAddress(final int maxConnectionsPerAddress)
        {
            this.maxConnectionsPerAddress = maxConnectionsPerAddress;
            return this;
        }

        public int maxConnectionsPerAddress()
        {
            return maxConnectionsPerAddress;
        }

        /** @param authQueue password checks waiting for a hashing thread at most; more get OVERLOADED; default 32. */
        public Context authQueue(final int authQueue)
        {
            this.authQueue = authQueue;
            return this;
        }

        public int authQueue()
        {
            return authQueue;
        }

        /** @param authQueuePerAddress password checks queued or running at once per address; default 8. */
        public Context authQueuePerAddress(final int authQueuePerAddress)
        {
            this.authQueuePerAddress = authQueuePerAddress;
            return this;
        }

        public int authQueuePerAddress()
        {
            return authQueuePerAddress;
        }

        /** @param accountFailuresBeforeBackoff failed logins of one account before it must wait; default 5. */
        public Context accountFailuresBeforeBackoff(final int accountFailuresBeforeBackoff)
        {
            this.accountFailuresBeforeBackoff = accountFailuresBeforeBackoff;
            return this;
        }

        public int accountFailuresBeforeBackoff()
        {
            return accountFailuresBeforeBackoff;
        }

        /** @param addressFailuresBeforeBackoff failed logins from one address before it must wait; default 50. */
        public Context addressFailuresBeforeBackoff(final int addressFailuresBeforeBackoff)
        {
            this.addressFailuresBeforeBackoff = addressFailuresBeforeBackoff;
            return this;
        }

        public int addressFailuresBeforeBackoff()
        {
            return addressFailuresBeforeBackoff;
        }

        /** @param loginBackoffBaseMs the first wait after the free failures, doubled per failure; default 1 s. */
        public Context loginBackoffBaseMs(final long loginBackoffBaseMs)
        {
            this.loginBackoffBaseMs = loginBackoffBaseMs;
            return this;
        }

        public long loginBackoffBaseMs()
        {
            return loginBackoffBaseMs;
        }

        /** @param loginBackoffMaxMs the longest wait after failed logins; default 5 min. */
        public Context loginBackoffMaxMs(final long loginBackoffMaxMs)
        {
            this.loginBackoffMaxMs = loginBackoffMaxMs;
            return this;
        }

        public long loginBackoffMaxMs()
        {
            return loginBackoffMaxMs;
        }

        /** @param loginBackoffForgetMs failures are forgotten after this long without one; default 1 h. */
        public Context loginBackoffForgetMs(final long loginBackoffForgetMs)
        {
            this.loginBackoffForgetMs = loginBackoffForgetMs;
            return this;
        }

        public long loginBackoffForgetMs()
        {
            return loginBackoffForgetMs;
        }

        /** @param registrationsPerAddress accounts registered per address per window; default 20. */
        public Context registrationsPerAddress(final int registrationsPerAddress)
        {
            this.registrationsPerAddress = registrationsPerAddress;
            return this;
        }

        public int registrationsPerAddress()
        {
            return registrationsPerAddress;
        }

        /** @param registrationWindowMs the window of {@link #registrationsPerAddress}; default 1 h. */
        public Context registrationWindowMs(final long registrationWindowMs)
        {
            this.registrationWindowMs = registrationWindowMs;
            return this;
        }

        public long registrationWindowMs()
        {
            return registrationWindowMs;
        }

        /**
         * @param passwordHasher the hasher to use (tests count its work); by default one with
         *                       {@link #passwordIterations}, which this one's iterations replace.
         */
        public Context passwordHasher(final PasswordHasher passwordHasher)
        {
            this.passwordHasher = passwordHasher;
            return this;
        }

        public PasswordHasher passwordHasher()
        {
            return passwordHasher;
        }

        /** @param passwordIterations PBKDF2 iterations for new passwords (tests and benchmarks use few). */
        public Context passwordIterations(final int passwordIterations)
        {
            this.passwordIterations = passwordIterations;
            return this;
        }

        public int passwordIterations()
        {
            return passwordIterations;
        }

        /** @param minPasswordLength shortest password accepted at registration. */
        public Context minPasswordLength(final int minPasswordLength)
        {
            this.minPasswordLength = minPasswordLength;
            return this;
        }

        public int minPasswordLength()
        {
            return minPasswordLength;
        }

        /** @param store an open store (not closed by the gateway); otherwise {@link #storeConfig}. */
        public Context store(final Store store)
        {
            this.store = store;
            return this;
        }

        public Store store()
        {
            return store;
        }

        /** @param storeConfig the store the gateway opens and closes; default Chronicle Map files. */
        public Context storeConfig(final StoreConfig storeConfig)
        {
            this.storeConfig = storeConfig;
            return this;
        }

        public StoreConfig storeConfig()
        {
            return storeConfig;
        }

        /** @param aeronDirectoryName an external media driver; by default the gateway runs its own. */
        public Context aeronDirectoryName(final String aeronDirectoryName)
        {
            this.aeronDirectoryName = aeronDirectoryName;
            return this;
        }

        public String aeronDirectoryName()
        {
            return aeronDirectoryName;
        }

        /** @param heartbeatIntervalMs how often the gateway reports its sessions to the master. */
        public Context heartbeatIntervalMs(final long heartbeatIntervalMs)
        {
            this.heartbeatIntervalMs = heartbeatIntervalMs;
            return this;
        }

        public long heartbeatIntervalMs()
        {
            return heartbeatIntervalMs;
        }

        /** @param registerTimeoutMs how long to keep trying to register at start. */
        public Context registerTimeoutMs(final long registerTimeoutMs)
        {
            this.registerTimeoutMs = registerTimeoutMs;
            return this;
        }

        public long registerTimeoutMs()
        {
            return registerTimeoutMs;
        }

        /** @param certificate PEM certificate chain; with {@link #tlsKey} turns TLS on (wss://). */
        public Context tlsCertificate(final File certificate)
        {
            this.tlsCertificate = certificate;
            return this;
        }

        public File tlsCertificate()
        {
            return tlsCertificate;
        }

        /** @param key PEM PKCS#8 private key of the certificate. */
        public Context tlsKey(final File key)
        {
            this.tlsKey = key;
            return this;
        }

        public File tlsKey()
        {
            return tlsKey;
        }

        /** @param softwareVersion reported to the master. */
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
         * @param linkSecret the secret gateways and game hosts share: the gateway signs its hellos to
         *                   hosts with it, and a host takes no player message from a gateway whose
         *                   hello did not verify.
         * @return this.
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
            if (gatewaySecret == null || gatewaySecret.isEmpty())
            {
                throw new IllegalArgumentException("a gateway needs the gateway secret of the master");
            }
            if (idle == null)
            {
                throw new IllegalArgumentException("idle settings missing");
            }
            if (tokenSecret == null || tokenSecret.length() < TokenService.MIN_SECRET_CHARS)
            {
                throw new IllegalArgumentException("a gateway needs a token secret of at least " +
                    TokenService.MIN_SECRET_CHARS + " characters (the same on every gateway)");
            }
            if (previousTokenSecret != null && previousTokenSecret.isEmpty())
            {
                previousTokenSecret = null;
            }
            if (previousTokenSecret != null && (previousTokenSecret.length() < TokenService.MIN_SECRET_CHARS ||
                previousTokenSecret.equals(tokenSecret)))
            {
                throw new IllegalArgumentException("the previous token secret must have at least " +
                    TokenService.MIN_SECRET_CHARS + " characters and differ from the token secret");
            }
            if (port < 0 || port > 65535)
            {
                throw new IllegalArgumentException("port must be 0..65535: " + port);
            }
            if (path == null || !path.startsWith("/"))
            {
                throw new IllegalArgumentException("path must start with /: " + path);
            }
            if (linkSecret == null || linkSecret.isEmpty())
            {
                throw new IllegalArgumentException("a gateway needs the link secret it signs its hellos to the game " +
                    "hosts with");
            }
            if (maxSessions < 1 || ioThreads < 1 || authThreads < 1 || keepEvents < 1)
            {
                throw new IllegalArgumentException("maxSessions, ioThreads, authThreads and keepEvents must be >= 1");
            }
            if (maxFrameBytes < 256 || maxFrameBytes > 16 * 1024 * 1024)
            {
                throw new IllegalArgumentException("maxFrameBytes must be 256..16777216");
            }
            if (rateLimitPerSecond < 1 || rateLimitBurst < 1 || floodLimit < 1)
            {
                throw new IllegalArgumentException("rate limits must be >= 1");
            }
            if (idleTimeoutMs < 1_000 || pingIntervalMs < 100 || pingIntervalMs >= idleTimeoutMs)
            {
                throw new IllegalArgumentException("idleTimeoutMs must be >= 1000 and pingIntervalMs below it");
            }
            if (graceMs < 0 || tokenLifetimeMs < 1_000 || heartbeatIntervalMs < 10)
            {
                throw new IllegalArgumentException("graceMs >= 0, tokenLifetimeMs >= 1000, heartbeatIntervalMs >= 10");
            }
            if (maxSessionAgeMs < tokenLifetimeMs)
            {
                throw new IllegalArgumentException("maxSessionAgeMs must be at least tokenLifetimeMs");
            }
            if (loginTimeoutMs < 100)
            {
                throw new IllegalArgumentException("loginTimeoutMs must be >= 100");
            }
            if (maxConnections < 1 || maxConnectionsPerAddress < 1 || authQueue < 1 || authQueuePerAddress < 1 ||
                registrationsPerAddress < 1)
            {
                throw new IllegalArgumentException("maxConnections, maxConnectionsPerAddress, authQueue, " +
                    "authQueuePerAddress and registrationsPerAddress must be >= 1");
            }
            if (accountFailuresBeforeBackoff < 0 || addressFailuresBeforeBackoff < 0)
            {
                throw new IllegalArgumentException("failures before back-off must be >= 0");
            }
            if (loginBackoffBaseMs < 1 || loginBackoffMaxMs < loginBackoffBaseMs || loginBackoffForgetMs < 1 ||
                registrationWindowMs < 1)
            {
                throw new IllegalArgumentException("loginBackoffBaseMs >= 1, loginBackoffMaxMs >= loginBackoffBaseMs, " +
                    "loginBackoffForgetMs >= 1, registrationWindowMs >= 1");
            }
            if (passwordIterations < PasswordHasher.MIN_ITERATIONS || passwordIterations > PasswordHasher.MAX_ITERATIONS)
            {
                throw new IllegalArgumentException("passwordIterations must be " + PasswordHasher.MIN_ITERATIONS + ".." +
                    PasswordHasher.MAX_ITERATIONS);
            }
            if ((tlsCertificate == null) != (tlsKey == null))
            {
                throw new IllegalArgumentException("TLS needs both a certificate and a key");
            }
            if (store == null && storeConfig == null)
            {
                storeConfig = new StoreConfig();
            }
            concluded = true;
            return this;
        }
    }
}
