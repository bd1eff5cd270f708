package io.gamehall.client.typescript;

import io.gamehall.gateway.SessionGateway;
import io.gamehall.host.GameHost;
import io.gamehall.host.games.SampleGames;
import io.gamehall.games.protocol.ConnectFourProtocol;
import io.gamehall.replication.ClientRole;
import io.gamehall.replication.support.TestCluster;
import io.gamehall.store.Store;
import io.gamehall.store.StoreConfig;
import io.gamehall.store.open.Stores;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TypeScript client (built by npm in this module) against a real gateway, with a one-node
 * master, a game host with the sample games and a store, all on loopback: a Node.js script
 * (e2e/session.ts) registers, is refused a wrong password, creates a Connect Four instance, finds
 * it, loses its connection and resumes, leaves, reads its history, logs out, and is refused the
 * revoked token. Runs in the integration-test phase, after npm has compiled the script.
 */
class GameClientEndToEndTest
{
    private static final String TOKEN_SECRET = "typescript-e2e-token-secret-0123456789";
    private static final String LINK_SECRET = "typescript-e2e-link-secret-0123456789-abcdef";
    private static final long SCRIPT_TIMEOUT_S = 90;

    @Test
    void shouldRegisterCreateResumeAndLogOutThroughARealGateway() throws Exception
    {
        final List<AutoCloseable> closeables = new ArrayList<>();
        final File storeDir = Files.createTempDirectory("gamehall-ts-e2e-store-").toFile();
        try
        {
            final TestCluster cluster = TestCluster.start(1);
            closeables.add(cluster);
            final Store store = Stores.open(new StoreConfig().chronicleDir(storeDir).workerThreads(2));
            closeables.add(store);
            closeables.add(GameHost.launch(new GameHost.Context()
                .name("ts-e2e-host")
                .masterEndpoints(cluster.ingressEndpoints())
                .secret(TestCluster.SECRETS.get(ClientRole.HOST))
                .linkSecret(LINK_SECRET)
                .games(SampleGames.catalog())
                .store(store)
                .heartbeatIntervalMs(200)));
            final SessionGateway gateway = SessionGateway.launch(new SessionGateway.Context()
                .name("ts-e2e-gateway")
                .masterEndpoints(cluster.ingressEndpoints())
                .gatewaySecret(TestCluster.SECRETS.get(ClientRole.GATEWAY))
                .tokenSecret(TOKEN_SECRET)
                .linkSecret(LINK_SECRET)
                .port(0)
                .store(store)
                .passwordIterations(1_000)
                .heartbeatIntervalMs(200)
                .graceMs(10_000));
            closeables.add(gateway);
            assertThat(gateway.url()).startsWith("ws://127.0.0.1:");

            final List<String> lines = runScript(gateway.url(), "ts-player", String.valueOf(ConnectFourProtocol.TYPE_ID));

            assertThat(lines).as("what the script printed").hasSize(10);
            assertThat(lines.subList(0, 7)).containsExactly(
                "connected " + gateway.url(),
                "registered true",
                "wrong password refused WRONG_CREDENTIALS",
                "created true 1 2",
                "found true",
                "resumed CONTINUED true",
                "left true");
            assertThat(lines.get(7)).matches("history \\d+");
            assertThat(lines.subList(8, 10)).containsExactly(
                "logged out true",
                "revoked token refused TOKEN_REVOKED");
        }
        finally
        {
            for (int i = closeables.size() - 1; i >= 0; i--)
            {
                CloseHelper.quietClose(closeables.get(i));
            }
            IoUtil.delete(storeDir, true);
        }
    }

    private static List<String> runScript(final String url, final String name, final String gameType) throws Exception
    {
        final File script = new File("build/e2e/session.js");
        assertThat(script).as("compiled by npm test (test phase)").exists();
        final ProcessBuilder builder = new ProcessBuilder("node", script.getPath(), url, name, gameType)
            .redirectErrorStream(true);
        builder.environment().put("GAMEHALL_E2E_PASSWORD", "e2e-password-" + System.nanoTime());
        final Process process = builder.start();
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
            {
                String line;
                while ((line = in.readLine()) != null)
                {
                    lines.add(line);
                }
            }
            catch (final java.io.IOException ignored)
            {
                // the process is gone: what was read is what there is
            }
        }, "ts-e2e-output");
        reader.start();
        final boolean exited = process.waitFor(SCRIPT_TIMEOUT_S, TimeUnit.SECONDS);
        if (!exited)
        {
            process.destroyForcibly();
        }
        reader.join(5_000);
        assertThat(exited).as("the script ended within %d s; it printed %s", SCRIPT_TIMEOUT_S, lines).isTrue();
        assertThat(process.exitValue()).as("exit code; it printed %s", lines).isZero();
        return List.copyOf(lines);
    }
}
