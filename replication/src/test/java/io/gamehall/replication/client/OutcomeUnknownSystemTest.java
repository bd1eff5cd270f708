package io.gamehall.replication.client;

import io.gamehall.master.support.CommandText;
import io.gamehall.master.text.MessageText;
import io.gamehall.replication.ClientRole;
import io.gamehall.replication.support.MasterCalls;
import io.gamehall.replication.support.TestCluster;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A command with no answer in time is reported as of unknown outcome, distinctly, and asking
 * again with its request id tells what happened: the recorded answer if the master applied it,
 * the command applied now if it did not.
 */
@Timeout(120)
class OutcomeUnknownSystemTest
{
    private TestCluster cluster;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
    private final CommandText commandText = new CommandText();

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
    void shouldAnswerARequestAskedAgainFromMemoryWhenTheMasterHadAppliedIt() throws Exception
    {
        final PendingRequests requests = new PendingRequests(null, null);
        cluster.client(ClientRole.HOST, requests);
        final MasterCalls calls = new MasterCalls(requests);
        final String register = "RegisterServer role=GAME_HOST capacity=1 gameTypes=1 name=host-a endpoint=e softwareVersion=1";
        final String first = calls.call(register);
        final long requestId = MasterCalls.field(first, "requestId");

        final String again = answer(requests.reask(new OutcomeUnknownException(requestId), buffer, 0, encode(register)));

        assertThat(again).as("the recorded answer, not SERVER_NAME_TAKEN").isEqualTo(first);
        assertThat(calls.call(register)).as("a new request is a new registration").contains("code=SERVER_NAME_TAKEN");
    }

    @Test
    void shouldReportNoAnswerAsUnknownAndApplyTheCommandWhenAskedAgain() throws Exception
    {
        final PendingRequests requests = new PendingRequests(null, null);
        final MasterClient client = MasterClient.launch(new MasterClient.Context()
            .ingressEndpoints(cluster.ingressEndpoints())
            .role(ClientRole.HOST)
            .secret(TestCluster.SECRETS.get(ClientRole.HOST))
            .requestTimeoutMs(1_500)
            .listener(requests));
        requests.client(client);
        try
        {
            final String register = "RegisterServer role=GAME_HOST capacity=1 gameTypes=1 name=host-b endpoint=e softwareVersion=1";
            new MasterCalls(requests).call("ServerHeartbeat serverId=1 load=0");
            cluster.stopNode(0);

            final CompletableFuture<byte[]> lost = requests.submit(buffer, 0, encode(register));
            assertThatThrownBy(() -> lost.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(OutcomeUnknownException.class).hasMessageContaining("unknown");
            final OutcomeUnknownException unknown = (OutcomeUnknownException)catchCause(lost);

            cluster.startNode(0);
            cluster.awaitLeader(30_000);
            String again = "";
            for (int attempt = 0; attempt < 20 && !again.contains("code="); attempt++)
            {
                try
                {
                    again = answer(requests.reask(unknown, buffer, 0, encode(register)));
                }
                catch (final ExecutionException ex)
                {
                    assertThat(ex.getCause()).isInstanceOf(OutcomeUnknownException.class);
                }
            }

            assertThat(again).contains("requestId=" + unknown.requestId()).contains("code=OK");
        }
        finally
        {
            client.close();
        }
    }

    private int encode(final String command)
    {
        return commandText.encode(command, buffer, 0);
    }

    private static String answer(final CompletableFuture<byte[]> future) throws Exception
    {
        final byte[] response = future.get(20, TimeUnit.SECONDS);
        return MessageText.render(new UnsafeBuffer(response), 0, response.length);
    }

    private static Throwable catchCause(final CompletableFuture<byte[]> future)
    {
        try
        {
            future.get();
            throw new AssertionError("completed");
        }
        catch (final ExecutionException ex)
        {
            return ex.getCause();
        }
        catch (final InterruptedException ex)
        {
            throw new AssertionError(ex);
        }
    }
}
