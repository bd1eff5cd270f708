package io.gamehall.launcher;

import io.aeron.driver.MediaDriver;
import io.gamehall.aeron.IdleSettings;
import io.gamehall.aeron.LocalMediaDriver;
import io.gamehall.gateway.SessionGateway;
import io.gamehall.host.GameHost;
import io.gamehall.host.games.SampleGames;
import io.gamehall.master.EngineConfig;
import io.gamehall.replay.EngineOptions;
import io.gamehall.replication.ClientRole;
import io.gamehall.replication.LoopbackMembers;
import io.gamehall.replication.MasterNode;
import io.gamehall.store.Store;
import io.gamehall.store.StoreConfig;
import io.gamehall.store.kv.Keyspace;
import io.gamehall.store.open.Stores;
import org.agrona.CloseHelper;

import java.io.File;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system in this process with development secrets — one Chronicle Map store, a
 * single-node master, a game host with the sample games and a session gateway — as
 * {@code gamehall local} and {@code gamehall bench load --local} run it. The host and the
 * gateway share one media driver, so game traffic between them goes over IPC rather than UDP
 * ({@link io.gamehall.link.SameDriver}). Closes in the reverse order: gateway, host, their
 * media driver, master, store.
 */
final class LocalStack implements AutoCloseable
{
    private final List<AutoCloseable> running = new ArrayList<>();
    private Store store;
    private MasterNode master;
    private GameHost host;
    private SessionGateway gateway;

    private LocalStack()
    {
    }

    /**
     * Start everything; on failure what had started is closed again.
     *
     * @param dataDir            master in {@code <dir>/master}, store in {@code <dir>/store}.
     * @param bind               address the gateway and the host listen on.
     * @param port               WebSocket port, 0 for a free one.
     * @param masterPort         the master's base UDP port, 0 for a free range.
     * @param passwordIterations PBKDF2 iterations of accounts registered through the gateway.
     * @param engineConfig       the master engine's limits ({@link EngineOptions}, as {@code gamehall master}).
     * @param idle               how every polling thread of the stack waits ({@link IdleOptions}).
     * @return the running stack.
     */
    static LocalStack start(
        final File dataDir, final String bind, final int port, final int masterPort, final int passwordIterations,
        final EngineConfig engineConfig, final IdleSettings idle)
    {
        final LocalStack stack = new LocalStack();
        try
        {
            stack.launch(dataDir, bind, port, masterPort, passwordIterations, engineConfig, idle);
            return stack;
        }
        catch (final RuntimeException ex)
        {
            stack.close();
            throw ex;
        }
    }

    private void launch(
        final File dataDir, final String bind, final int port, final int masterPort, final int passwordIterations,
        final EngineConfig engineConfig, final IdleSettings idle)
    {
        final List<String> members = masterPort == 0 ? LoopbackMembers.free(1) : List.of("127.0.0.1:" + masterPort);
        // a name of its own per start: the previous run's host and gateway stay in the master's directory until
        // it declares them dead, and a live name cannot be registered twice
        final String run = Long.toString(System.currentTimeMillis(), 36);

        store = Stores.open(new StoreConfig()
            .chronicleDir(new File(dataDir, "store"))
            .workerThreads(2)
            .chronicleEntries(Keyspace.BACKUP, 12_500)
            .chronicleAverageValueBytes(Keyspace.BACKUP, 2_048));
        running.add(store);

        final Map<ClientRole, String> secrets = new EnumMap<>(ClientRole.class);
        secrets.put(ClientRole.GATEWAY, DevSecrets.GATEWAY);
        secrets.put(ClientRole.HOST, DevSecrets.HOST);
        secrets.put(ClientRole.ADMIN, DevSecrets.ADMIN);
        master = MasterNode.launch(new MasterNode.Context()
            .members(members)
            .dataDir(new File(dataDir, "master"))
            .engineConfig(engineConfig)
            .idle(idle)
            .secrets(secrets));
        running.add(master);
        final String ingress = master.context().ingressEndpoints();

        final MediaDriver driver = LocalMediaDriver.launch("local", idle);
        running.add(driver);
        host = GameHost.launch(new GameHost.Context()
            .name("local-host-" + run)
            .masterEndpoints(ingress)
            .secret(DevSecrets.HOST)
            .linkSecret(DevSecrets.LINK)
            .bindAddress(bind)
            .games(SampleGames.catalog())
            .aeronDirectoryName(driver.aeronDirectoryName())
            .idle(idle)
            .store(store));
        running.add(host);

        gateway = SessionGateway.launch(loopbackLimits(new SessionGateway.Context()
            .name("local-gateway-" + run)
            .masterEndpoints(ingress)
            .gatewaySecret(DevSecrets.GATEWAY)
            .tokenSecret(DevSecrets.TOKEN)
            .linkSecret(DevSecrets.LINK)
            .bindAddress(bind)
            .port(port)
            .aeronDirectoryName(driver.aeronDirectoryName())
            .idle(idle)
            .store(store)
            .passwordIterations(passwordIterations), bind));
        running.add(gateway);
    }

    /**
     * Every bot and local player connects from 127.0.0.1, so on a loopback bind the gateway's
     * per-address limits (connections, password checks at once, failed logins before back-off,
     * registrations) are as wide as its overall ones, and the password queue is deeper for bot
     * fleets logging in together; bound to another address the defaults stay.
     */
    static SessionGateway.Context loopbackLimits(final SessionGateway.Context ctx, final String bind)
    {
        final boolean loopback;
        try
        {
            loopback = java.net.InetAddress.getByName(bind).isLoopbackAddress();
        }
        catch (final java.net.UnknownHostException ex)
        {
            return ctx;
        }
        return !loopback ? ctx : ctx
            .maxConnectionsPerAddress(ctx.maxConnections())
            .authQueue(1_000)
            .authQueuePerAddress(1_000)
            .addressFailuresBeforeBackoff(1_000_000)
            .registrationsPerAddress(1_000_000);
    }

    Store store()
    {
        return store;
    }

    MasterNode master()
    {
        return master;
    }

    GameHost host()
    {
        return host;
    }

    SessionGateway gateway()
    {
        return gateway;
    }

    /**
     * Stop in the reverse order of the start: gateway, host, master, store.
     */
    @Override
    public void close()
    {
        for (int i = running.size() - 1; i >= 0; i--)
        {
            CloseHelper.quietClose(running.get(i));
        }
        running.clear();
    }
}
