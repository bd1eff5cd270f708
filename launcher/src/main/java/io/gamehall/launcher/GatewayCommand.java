package io.gamehall.launcher;

import io.gamehall.gateway.SessionGateway;
import io.gamehall.store.PasswordHasher;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * {@code gamehall gateway}: run a session gateway.
 */
@Command(
    name = "gateway",
    header = "Run a session gateway, which holds the players' WebSocket connections.",
    mixinStandardHelpOptions = true,
    description = {
        "Run a session gateway: it holds the players' WebSocket connections, logs them in against the store,",
        "turns their lobby requests into master commands and relays game traffic to the game hosts. Needs the",
        "gateway, token and link secrets (files, GAMEHALL_*_SECRET, or --dev for the development ones on",
        "loopback). Otherwise by default: ws://127.0.0.1:8080/ws against a master on 127.0.0.1:9010, Chronicle",
        "Map files in ./gamehall-data/store.",
        "Stops on Ctrl-C / SIGTERM (its players resume on another gateway), or by itself once drained."})
public final class GatewayCommand implements java.util.concurrent.Callable<Integer>, ReadsEnvironment
{
    @Option(names = "--config", description = "Properties file with option values (e.g. port=8081).")
    File config;

    @Option(names = "--masters", defaultValue = "0=127.0.0.1:9010",
        description = "The masters' ingress endpoints, id=host:port,... (default ${DEFAULT-VALUE}).")
    String masters;

    @Mixin
    SecretOptions.Gateway gatewaySecret;

    @Mixin
    SecretOptions.Token tokenSecret;

    @Mixin
    SecretOptions.Link linkSecret;

    @Option(names = "--dev", description = "Development: the public development secrets for those not configured, " +
        "and loopback only (--bind becomes 127.0.0.1, --masters must be loopback).")
    boolean dev;

    @Mixin
    SecretOptions.PreviousToken previousTokenSecret;

    @Option(names = "--name", description = "Unique gateway name in the master's directory (default gateway-<port>).")
    String name;

    @Option(names = "--client-id", defaultValue = "0", description = "Master client id, kept across restarts; 0 picks one.")
    long clientId;

    @Mixin
    MediaDriverOptions mediaDriver = new MediaDriverOptions();

    @Mixin
    IdleOptions idle;

    @Mixin
    MasterEgressOption masterEgress = new MasterEgressOption();

    @Option(names = "--bind", defaultValue = "127.0.0.1",
        description = "Address the WebSocket server and the host link listen on (default ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", defaultValue = "8080", description = "WebSocket port; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--path", defaultValue = "/ws", description = "WebSocket path (default ${DEFAULT-VALUE}).")
    String path;

    @Option(names = "--web-pages", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Serve the web pages over HTTP on the WebSocket's port (default on; --no-web-pages: 404 for " +
            "every HTTP request but the WebSocket's).")
    boolean webPages;

    @Option(names = "--public-url", description = "The URL clients are given, e.g. behind a proxy (default from --bind, --port, --path).")
    String publicUrl;

    @Option(names = "--max-sessions", defaultValue = "100000",
        description = "Logins held at most, also the capacity told to the master (default ${DEFAULT-VALUE}).")
    int maxSessions;

    @Option(names = "--io-threads", defaultValue = "2", description = "Netty I/O threads (default ${DEFAULT-VALUE}).")
    int ioThreads;

    @Option(names = "--auth-threads", defaultValue = "2", description = "Threads hashing passwords (default ${DEFAULT-VALUE}).")
    int authThreads;

    @Option(names = "--grace-ms", defaultValue = "30000",
        description = "How long a session outlives its connection, for a resume (default ${DEFAULT-VALUE}).")
    long graceMs;

    @Option(names = "--keep-events", defaultValue = "256", description = "Events kept per session for a resume (default ${DEFAULT-VALUE}).")
    int keepEvents;

    @Option(names = "--rate-limit", defaultValue = "200",
        description = "Frames a connection may send per second on average (default ${DEFAULT-VALUE}).")
    int rateLimit;

    @Option(names = "--rate-burst", defaultValue = "400", description = "Frames a connection may send at once (default ${DEFAULT-VALUE}).")
    int rateBurst;

    @Option(names = "--flood-limit", defaultValue = "1000",
        description = "Frames refused in a row after which the connection is closed (default ${DEFAULT-VALUE}).")
    int floodLimit;

    @Option(names = "--max-frame-bytes", defaultValue = "64k", converter = SizeConverter.class,
        description = "Largest WebSocket frame; larger ones close the connection (default ${DEFAULT-VALUE}).")
    long maxFrameBytes;

    @Option(names = "--idle-timeout-ms", defaultValue = "60000",
        description = "A connection silent this long (no frame, ping or pong) is closed, checked every ping " +
            "interval (default ${DEFAULT-VALUE}).")
    long idleTimeoutMs;

    @Option(names = "--ping-interval-ms", defaultValue = "20000",
        description = "The gateway pings a connection it has not heard from for this long (default ${DEFAULT-VALUE}).")
    long pingIntervalMs;

    @Option(names = "--token-lifetime-ms", defaultValue = "86400000", description = "How long a session token works (default ${DEFAULT-VALUE}).")
    long tokenLifetimeMs;

    @Option(names = "--max-session-age-ms", defaultValue = "604800000",
        description = "No token works this long after the user gave their password, however often renewed " +
            "(default ${DEFAULT-VALUE}, 7 days).")
    long maxSessionAgeMs;

    @Option(names = "--login-timeout-ms", defaultValue = "5000",
        description = "A connection not logged in this long after it opened is closed (default ${DEFAULT-VALUE}).")
    long loginTimeoutMs;

    @Option(names = "--max-connections", defaultValue = "100000",
        description = "Connections open at most; more are closed at once (default ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--max-connections-per-address", defaultValue = "64",
        description = "Connections open at most from one IP address (IPv6: one /64) (default ${DEFAULT-VALUE}).")
    int maxConnectionsPerAddress;

    @Option(names = "--auth-queue", defaultValue = "32",
        description = "Password checks waiting at most; more are answered OVERLOADED (default ${DEFAULT-VALUE}).")
    int authQueue;

    @Option(names = "--auth-queue-per-address", defaultValue = "8",
        description = "Password checks queued or running at once per address (default ${DEFAULT-VALUE}).")
    int authQueuePerAddress;

    @Option(names = "--account-failures-before-backoff", defaultValue = "5",
        description = "Failed logins of one account before it must wait (default ${DEFAULT-VALUE}).")
    int accountFailuresBeforeBackoff;

    @Option(names = "--address-failures-before-backoff", defaultValue = "50",
        description = "Failed logins from one address before it must wait (default ${DEFAULT-VALUE}).")
    int addressFailuresBeforeBackoff;

    @Option(names = "--login-backoff-base-ms", defaultValue = "1000",
        description = "The first wait after those failures, doubled per failure (default ${DEFAULT-VALUE}).")
    long loginBackoffBaseMs;

    @Option(names = "--login-backoff-max-ms", defaultValue = "300000",
        description = "The longest wait after failed logins (default ${DEFAULT-VALUE}).")
    long loginBackoffMaxMs;

    @Option(names = "--login-backoff-forget-ms", defaultValue = "3600000",
        description = "Failed logins are forgotten after this long without one (default ${DEFAULT-VALUE}).")
    long loginBackoffForgetMs;

    @Option(names = "--registrations-per-address", defaultValue = "20",
        description = "Accounts registered per address per --registration-window-ms (default ${DEFAULT-VALUE}).")
    int registrationsPerAddress;

    @Option(names = "--registration-window-ms", defaultValue = "3600000",
        description = "The window of --registrations-per-address (default ${DEFAULT-VALUE}).")
    long registrationWindowMs;

    @Option(names = "--tls-cert", description = "PEM certificate chain; with --tls-key turns TLS on (wss://).")
    File tlsCertificate;

    @Option(names = "--tls-key", description = "PEM PKCS#8 private key of --tls-cert.")
    File tlsKey;

    @Option(names = "--store-config", description = "Store properties file (gamehall.store.* keys; see store/README.md). " +
        "Default: Chronicle Map files in gamehall-data/store.")
    File storeConfig;

    @Option(names = "--password-iterations", defaultValue = "" + PasswordHasher.DEFAULT_ITERATIONS,
        description = "PBKDF2 iterations for new passwords (default ${DEFAULT-VALUE}; existing hashes keep theirs).")
    int passwordIterations;

    @Option(names = "--min-password-length", defaultValue = "8", description = "Shortest password taken at registration (default ${DEFAULT-VALUE}).")
    int minPasswordLength;

    @Option(names = "--heartbeat-interval-ms", defaultValue = "1000", description = "Default ${DEFAULT-VALUE}.")
    long heartbeatIntervalMs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private java.util.function.Function<String, String> environment = System::getenv;

    @Override
    public void environment(final java.util.function.Function<String, String> environment)
    {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception
    {
        final SessionGateway.Context ctx;
        try
        {
            ctx = context();
            ctx.conclude();
        }
        catch (final IllegalArgumentException | IOException ex)
        {
            spec.commandLine().getErr().println("error: " + ex.getMessage());
            return 2;
        }
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            SessionGateway gateway = SessionGateway.launch(ctx))
        {
            spec.commandLine().getOut().printf("gateway %d running: %s%s%n", gateway.gatewayId(), gateway.url(),
                gateway.pageUrl() == null ? "" : "   web page: " + gateway.pageUrl());
            spec.commandLine().getOut().flush();
            ProcessSupport.runUntilStoppedOrDrained(barrier, gateway::awaitDrained, spec.commandLine().getOut(),
                "drained: the last session left; exiting");
            spec.commandLine().getOut().printf("gateway stopping: %d sessions, %d logins, %d frames in%n",
                gateway.sessions(), gateway.logins(), gateway.framesIn());
            spec.commandLine().getOut().flush();
        }
        catch (final IllegalStateException ex)
        {
            spec.commandLine().getErr().println("error: " + ex.getMessage());
            return 1;
        }
        return 0;
    }

    SessionGateway.Context context() throws IOException
    {
        final PrintWriter err = spec.commandLine().getErr();
        final SecretResolver secrets = new SecretResolver(environment, err, dev);
        final String gateway = gatewaySecret.resolve(secrets, true);
        final String token = tokenSecret.resolve(secrets, true);
        final String previousToken = previousTokenSecret.resolve(secrets, false);
        final String link = linkSecret.resolve(secrets, true);
        String bindAddress = bind;
        if (dev)
        {
            Loopback.requireLoopback("--masters", masters);
            bindAddress = Loopback.devBind("--bind", bind, err);
            err.println("--dev: development secrets (public, not for production), loopback only");
        }
        else
        {
            Loopback.warnIfAeronLeavesTheMachine("--masters", masters, err);
        }
        for (final File file : new File[]{tlsCertificate, tlsKey})
        {
            if (file != null && !file.canRead())
            {
                throw new IllegalArgumentException("cannot read " + file);
            }
        }
        if (maxFrameBytes > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("maxFrameBytes must be 256..16777216");
        }
        final String egressHost = masterEgress.resolve(masters, bindAddress);
        return new SessionGateway.Context()
            .masterEndpoints(masters)
            .masterEgressHost(egressHost)
            .gatewaySecret(gateway)
            .tokenSecret(token)
            .linkSecret(link)
            .name(name)
            .clientId(clientId)
            .bindAddress(bindAddress)
            .aeronDirectoryName(mediaDriver.aeronDir)
            .sameDriverIpc(!mediaDriver.noSameDriverIpc)
            .idle(idle.settings())
            .port(port)
            .path(path)
            .webPages(webPages ? SessionGateway.Context.DEFAULT_WEB_PAGES : null)
            .publicUrl(publicUrl)
            .maxSessions(maxSessions)
            .ioThreads(ioThreads)
            .authThreads(authThreads)
            .graceMs(graceMs)
            .keepEvents(keepEvents)
            .rateLimitPerSecond(rateLimit)
            .rateLimitBurst(rateBurst)
            .floodLimit(floodLimit)
            .maxFrameBytes((int)maxFrameBytes)
            .idleTimeoutMs(idleTimeoutMs)
            .pingIntervalMs(pingIntervalMs)
            .tokenLifetimeMs(tokenLifetimeMs)
            .previousTokenSecret(previousToken)
            .maxSessionAgeMs(maxSessionAgeMs)
            .loginTimeoutMs(loginTimeoutMs)
            .maxConnections(maxConnections)
            .maxConnectionsPerAddress(maxConnectionsPerAddress)
            .authQueue(authQueue)
            .authQueuePerAddress(authQueuePerAddress)
            .accountFailuresBeforeBackoff(accountFailuresBeforeBackoff)
            .addressFailuresBeforeBackoff(addressFailuresBeforeBackoff)
            .loginBackoffBaseMs(loginBackoffBaseMs)
            .loginBackoffMaxMs(loginBackoffMaxMs)
            .loginBackoffForgetMs(loginBackoffForgetMs)
            .registrationsPerAddress(registrationsPerAddress)
            .registrationWindowMs(registrationWindowMs)
            .tlsCertificate(tlsCertificate)
            .tlsKey(tlsKey)
            .storeConfig(ProcessSupport.storeConfig(storeConfig))
            .passwordIterations(passwordIterations)
            .minPasswordLength(minPasswordLength)
            .heartbeatIntervalMs(heartbeatIntervalMs);
    }
}
