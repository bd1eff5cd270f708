package io.gamehall.web;

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
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * What the browser tests play against, on loopback with free ports and a temporary store: a
 * one-node master, a game host with the sample games and a gateway serving the web pages (this
 * module's, from the test class path).
 */
final class WebHall implements AutoCloseable
{
    private static final String TOKEN_SECRET = "web-test-token-secret-0123456789-abcdef";
    private static final String LINK_SECRET = "web-test-link-secret-0123456789-abcdef-0123";

    private final List<AutoCloseable> running = new ArrayList<>();
    private final File storeDir;
    private final SessionGateway gateway;

    WebHall() throws IOException
    {
        storeDir = Files.createTempDirectory("gamehall-web-test-store-").toFile();
        try
        {
            final TestCluster cluster = TestCluster.start(1);
            running.add(cluster);
            final Store store = Stores.open(new StoreConfig().chronicleDir(storeDir).workerThreads(2));
            running.add(store);
            running.add(GameHost.launch(new GameHost.Context()
                .name("web-test-host")
                .masterEndpoints(cluster.ingressEndpoints())
                .secret(TestCluster.SECRETS.get(ClientRole.HOST))
                .linkSecret(LINK_SECRET)
                .games(SampleGames.catalog())
                .store(store)
                .heartbeatIntervalMs(200)));
            gateway = SessionGateway.launch(new SessionGateway.Context()
                .name("web-test-gateway")
                .masterEndpoints(cluster.ingressEndpoints())
                .gatewaySecret(TestCluster.SECRETS.get(ClientRole.GATEWAY))
                .tokenSecret(TOKEN_SECRET)
                .linkSecret(LINK_SECRET)
                .port(0)
                .store(store)
                .passwordIterations(1_000)
                .heartbeatIntervalMs(200)
                .graceMs(30_000));
            running.add(gateway);
        }
        catch (final RuntimeException ex)
        {
            close();
            throw ex;
        }
    }

    /**
     * @return the page's address, {@code http://127.0.0.1:<port>/}.
     */
    String pageUrl()
    {
        return gateway.url().replaceFirst("^ws://", "http://").replaceFirst("/ws$", "/");
    }

    @Override
    public void close()
    {
        for (int i = running.size() - 1; i >= 0; i--)
        {
            CloseHelper.quietClose(running.get(i));
        }
        IoUtil.delete(storeDir, true);
    }
}
