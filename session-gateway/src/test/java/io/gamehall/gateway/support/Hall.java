package io.gamehall.gateway.support;

import io.gamehall.client.GameClient;
import io.gamehall.gateway.SessionGateway;
import io.gamehall.host.GameHost;
import io.gamehall.host.games.SampleGames;
import io.gamehall.replication.ClientRole;
import io.gamehall.replication.support.TestCluster;
import io.gamehall.store.Store;
import io.gamehall.store.StoreConfig;
import io.gamehall.store.open.Stores;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;

import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A whole system on loopback for gateway tests: a one-node master, a store (Chronicle Map files
 * in a temporary directory), a game host with the sample games, and gateways on free ports.
 * Clients are made through it and everything is closed with it.
 */
public final class Hall implements AutoCloseable
{
    public static final String TOKEN_SECRET = "test-token-secret-0123456789";
    /** The link secret of the test's gateways and hosts. */
    public static final String LINK_SECRET = "test-link-secret-0123456789-abcdefghij";

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final TestCluster cluster;
    private final File storeDir;
    private final Store store;
    private final GameHost host;
    private final List<SessionGateway> gateways = new ArrayList<>();

    public Hall() throws Exception
    {
        cluster = TestCluster.start(1);
        closeables.add(cluster);
        storeDir = Files.createTempDirectory("gamehall-gateway-test-").toFile();
        store = Stores.open(new StoreConfig().chronicleDir(storeDir).workerThreads(2));
        closeables.add(store);
        host = GameHost.launch(new GameHost.Context()
            .name("host-a")
            .masterEndpoints(cluster.ingressEndpoints())
            .secret(TestCluster.SECRETS.get(ClientRole.HOST))
            .linkSecret(LINK_SECRET)
            .games(SampleGames.catalog())
            .store(store)
            .heartbeatIntervalMs(200));
        closeables.add(host);
    }

    /**
     * Start a gateway on a free port.
     */
    public SessionGateway gateway(final String name, final UnaryOperator<SessionGateway.Context> settings)
    {
        final SessionGateway gateway = SessionGateway.launch(settings.apply(new SessionGateway.Context()
            .name(name)
            .masterEndpoints(cluster.ingressEndpoints())
            .gatewaySecret(TestCluster.SECRETS.get(ClientRole.GATEWAY))
            .tokenSecret(TOKEN_SECRET)
            .linkSecret(LINK_SECRET)
            .port(0)
            .store(store)
            .passwordIterations(1_000)
            .heartbeatIntervalMs(200)
            .graceMs(5_000)));
        gateways.add(gateway);
        closeables.add(gateway);
        return gateway;
    }

    public SessionGateway gateway(final String name)
    {
        return gateway(name, ctx -> ctx);
    }

    /**
     * A connected client of these gateways.
     */
    public GameClient client(final Recorder recorder, final String... urls)
    {
        final GameClient client = GameClient.connect(new GameClient.Context()
            .gateways(List.of(urls))
            .listener(recorder)
            .requestTimeoutMs(10_000)
            .reconnectBudgetMs(20_000)
            .seed(42)).join();
        closeables.add(client);
        return client;
    }

    public Store store()
    {
        return store;
    }

    public GameHost host()
    {
        return host;
    }

    public TestCluster cluster()
    {
        return cluster;
    }

    @Override
    public void close()
    {
        for (int i = closeables.size() - 1; i >= 0; i--)
        {
            CloseHelper.quietClose(closeables.get(i));
        }
        IoUtil.delete(storeDir, true);
    }
}
