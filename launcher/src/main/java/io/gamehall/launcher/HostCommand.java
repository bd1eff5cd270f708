package io.gamehall.launcher;

import io.gamehall.host.GameHost;
import io.gamehall.host.api.GameCatalog;
import io.gamehall.host.api.GameLogic;
import io.gamehall.host.games.SampleGames;
import io.gamehall.store.StoreConfig;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code gamehall host}: run a game host.
 */
@Command(
    name = "host",
    header = "Run a game host, which runs the game instances the master places on it.",
    mixinStandardHelpOptions = true,
    description = {
        "Run a game host: it registers with the master as a GAME_HOST, runs the instances the master places on",
        "it, talks to gateways over Aeron and backs games up to the store. Needs the host and link secrets",
        "(files, GAMEHALL_*_SECRET, or --dev for the development ones on loopback). Otherwise by default: the",
        "sample games (connect-four, arena) against a master on 127.0.0.1:9010, a free UDP port on 127.0.0.1,",
        "and Chronicle Map files in ./gamehall-data/store.",
        "Stops on Ctrl-C / SIGTERM (its games resume on another host), or by itself once drained."})
public final class HostCommand implements java.util.concurrent.Callable<Integer>, ReadsEnvironment
{
    @Option(names = "--config", description = "Properties file with option values (e.g. capacity=500).")
    File config;

    @Option(names = "--masters", defaultValue = "0=127.0.0.1:9010",
        description = "The masters' ingress endpoints, id=host:port,... (default ${DEFAULT-VALUE}).")
    String masters;

    @Mixin
    SecretOptions.Host hostSecret;

    @Mixin
    SecretOptions.Link linkSecret;

    @Option(names = "--dev", description = "Development: the public development secrets for those not configured, " +
        "and loopback only (--bind becomes 127.0.0.1, --masters must be loopback).")
    boolean dev;

    @Option(names = "--max-gateway-links", defaultValue = "64",
        description = "Gateways the host answers at once; a new one takes the place of one silent for 10 s " +
            "(default ${DEFAULT-VALUE}).")
    int maxGatewayLinks;

    @Option(names = "--name", description = "Unique host name in the master's directory (default host-<port>).")
    String name;

    @Mixin
    MediaDriverOptions mediaDriver = new MediaDriverOptions();

    @Mixin
    IdleOptions idle;

    @Mixin
    MasterEgressOption masterEgress = new MasterEgressOption();

    @Option(names = "--bind", defaultValue = "127.0.0.1",
        description = "Address gateways reach this host on (default ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", defaultValue = "0", description = "UDP port for gateway traffic; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--capacity", defaultValue = "10000", description = "Most instances at once (default ${DEFAULT-VALUE}).")
    int capacity;

    @Option(names = "--runners", defaultValue = "0", description = "Runner threads; 0 (default): half the cores, at least " +
        "1. With 1, the inbound thread runs it too (one thread, no hand-off: for small machines).")
    int runners;

    @Option(names = "--games", split = ",", description = "Sample games to offer, by name (default: all of them: ${COMPLETION-CANDIDATES}).",
        completionCandidates = SampleGames.Names.class)
    List<String> games;

    @Option(names = "--game", description = "An extra game, ID:NAME:CLASS, the class a GameLogic with a no-argument " +
        "constructor on the class path (bin/gamehall adds $GAMEHALL_CLASSPATH). Repeatable.")
    List<String> extraGames = new ArrayList<>();

    @Option(names = "--store-config", description = "Store properties file (gamehall.store.* keys; see store/README.md). " +
        "Default: Chronicle Map files in gamehall-data/store.")
    File storeConfig;

    @Option(names = "--heartbeat-interval-ms", defaultValue = "1000", description = "Default ${DEFAULT-VALUE}.")
    long heartbeatIntervalMs;

    @Option(names = "--max-payload-bytes", defaultValue = "4096",
        description = "Largest player message taken (default ${DEFAULT-VALUE}).")
    int maxPayloadBytes;

    @Option(names = "--client-id", defaultValue = "0", description = "Master client id, kept across restarts; 0 picks one.")
    long clientId;

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
        final java.io.PrintWriter err = spec.commandLine().getErr();
        final GameCatalog catalog;
        final StoreConfig store;
        final String hostKey;
        final String link;
        String bindAddress = bind;
        final String egressHost;
        try
        {
            final SecretResolver secrets = new SecretResolver(environment, err, dev);
            hostKey = hostSecret.resolve(secrets, true);
            link = linkSecret.resolve(secrets, true);
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
            egressHost = masterEgress.resolve(masters, bindAddress);
            catalog = catalog();
            store = ProcessSupport.storeConfig(storeConfig);
        }
        catch (final IllegalArgumentException | IOException ex)
        {
            err.println("error: " + ex.getMessage());
            return 2;
        }
        final GameHost.Context ctx = new GameHost.Context()
            .masterEndpoints(masters)
            .masterEgressHost(egressHost)
            .secret(hostKey)
            .linkSecret(link)
            .maxGatewayLinks(maxGatewayLinks)
            .name(name)
            .bindAddress(bindAddress)
            .aeronDirectoryName(mediaDriver.aeronDir)
            .sameDriverIpc(!mediaDriver.noSameDriverIpc)
            .idle(idle.settings())
            .port(port)
            .capacity(capacity)
            .runners(runners == 0 ? GameHost.Context.defaultRunners() : runners)
            .games(catalog)
            .storeConfig(store)
            .heartbeatIntervalMs(heartbeatIntervalMs)
            .maxPayloadBytes(maxPayloadBytes)
            .clientId(clientId);
        try
        {
            ctx.conclude();
        }
        catch (final IllegalArgumentException ex)
        {
            spec.commandLine().getErr().println("error: " + ex.getMessage());
            return 2;
        }
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            GameHost host = GameHost.launch(ctx))
        {
            spec.commandLine().getOut().printf("game host %d running: endpoint %s, games %s, capacity %d%n",
                host.serverId(), host.endpoint(), ctx.gameTypes(), capacity);
            spec.commandLine().getOut().flush();
            ProcessSupport.runUntilStoppedOrDrained(barrier, host::awaitDrained, spec.commandLine().getOut(),
                "drained: the last game ended; exiting");
            spec.commandLine().getOut().println("game host stopping: " + host.counters());
        }
        catch (final IllegalStateException ex)
        {
            spec.commandLine().getErr().println("error: " + ex.getMessage());
            return 1;
        }
        return 0;
    }

    GameCatalog catalog()
    {
        final GameCatalog catalog = games == null || games.isEmpty() ? SampleGames.catalog() : SampleGames.catalog(games);
        for (final String spec : extraGames)
        {
            final String[] parts = spec.split(":", 3);
            if (parts.length != 3)
            {
                throw new IllegalArgumentException("--game wants ID:NAME:CLASS: " + spec);
            }
            final int typeId;
            try
            {
                typeId = Integer.parseInt(parts[0]);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("--game id must be a number: " + spec);
            }
            final Class<?> type;
            try
            {
                type = Class.forName(parts[2]);
            }
            catch (final ClassNotFoundException ex)
            {
                throw new IllegalArgumentException("--game class not found on the class path: " + parts[2]);
            }
            if (!GameLogic.class.isAssignableFrom(type))
            {
                throw new IllegalArgumentException("--game class does not implement GameLogic: " + parts[2]);
            }
            final java.lang.reflect.Constructor<?> constructor;
            try
            {
                constructor = type.getConstructor();
            }
            catch (final NoSuchMethodException ex)
            {
                throw new IllegalArgumentException("--game class needs a public no-argument constructor: " + parts[2]);
            }
            catalog.register(typeId, parts[1], () ->
            {
                try
                {
                    return (GameLogic)constructor.newInstance();
                }
                catch (final ReflectiveOperationException ex)
                {
                    throw new IllegalStateException("cannot make a " + parts[2], ex);
                }
            });
        }
        return catalog;
    }
}
