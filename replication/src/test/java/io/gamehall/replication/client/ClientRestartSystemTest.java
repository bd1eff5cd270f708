package io.gamehall.replication.client;

import io.gamehall.replication.ClientRole;
import io.gamehall.replication.support.MasterCalls;
import io.gamehall.replication.support.TestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client restarted with the same configured client id ({@code --client-id}) is a new client
 * to the master: its first commands are applied, never answered from its previous run's memory
 * nor refused as too old.
 */
@Timeout(120)
class ClientRestartSystemTest
{
    private static final long CLIENT_ID = 4242;
    private TestCluster cluster;

    @BeforeEach
    void start() throws Exception
    {
        cluster = TestCluster.start(1);
    }

    @AfterEach
    void stop()
    {
        if (cluster != null)
        {
            cluster.close();
        }
    }

    @Test
    void shouldNotHandARestartedClientItsPreviousRunsAnswerAfterAShortRun()
    {
        final long first;
        try (Run run = new Run())
        {
            first = run.calls.ok("RegisterServer role=GAME_HOST capacity=1 gameTypes=1 name=host-1 endpoint=e softwareVersion=1");
        }

        try (Run run = new Run())
        {
            final String answer = run.calls.call(
                "RegisterServer role=GAME_HOST capacity=1 gameTypes=1 name=host-2 endpoint=e softwareVersion=1");

            assertThat(answer).contains("command=1 code=OK").doesNotContain("subjectId=" + first + " ");
        }
    }

    @Test
    void shouldNotRefuseARestartedClientAsTooOldAfterALongRun()
    {
        final long hostId;
        try (Run run = new Run())
        {
            hostId = run.calls.ok("RegisterServer role=GAME_HOST capacity=1 gameTypes=1 name=host-1 endpoint=e softwareVersion=1");
            for (int i = 0; i < TestCluster.engineConfig().dedupWindow() + 10; i++)
            {
                run.calls.ok("ServerHeartbeat serverId=" + hostId + " load=0");
            }
        }

        try (Run run = new Run())
        {
            assertThat(run.calls.call("ServerHeartbeat serverId=" + hostId + " load=1"))
                .as("applied as the heartbeat it is").contains("command=2 code=OK");
        }
    }

    /** One run of the client: started with the configured id, closed at the end. */
    private final class Run implements AutoCloseable
    {
        private final MasterClient client;
        private final MasterCalls calls;

        Run()
        {
            final PendingRequests requests = new PendingRequests(null, null);
            client = MasterClient.launch(new MasterClient.Context()
                .ingressEndpoints(cluster.ingressEndpoints())
                .role(ClientRole.HOST)
                .secret(TestCluster.SECRETS.get(ClientRole.HOST))
                .clientId(CLIENT_ID)
                .listener(requests));
            requests.client(client);
            calls = new MasterCalls(requests);
        }

        public void close()
        {
            client.close();
        }
    }
}
