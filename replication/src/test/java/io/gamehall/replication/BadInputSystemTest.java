package io.gamehall.replication;

import io.aeron.Aeron;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.security.AuthenticationException;
import io.aeron.security.CredentialsSupplier;
import io.gamehall.master.text.MessageText;
import io.gamehall.replication.client.MasterClient;
import io.gamehall.replication.client.MasterClientListener;
import io.gamehall.replication.client.PendingRequests;
import io.gamehall.replication.support.MasterCalls;
import io.gamehall.replication.support.TestCluster;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(120)
class BadInputSystemTest
{
    private TestCluster cluster;
    private MediaDriver driver;
    private Aeron aeron;

    @BeforeEach
    void start() throws Exception
    {
        cluster = TestCluster.start(1);
        driver = MediaDriver.launchEmbedded(new MediaDriver.Context().threadingMode(ThreadingMode.SHARED)
            .dirDeleteOnShutdown(true));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
    }

    @AfterEach
    void stop()
    {
        CloseHelper.closeAll(aeron, driver);
        if (cluster != null)
        {
            cluster.close();
        }
    }

    @Test
    void shouldAnswerMalformedMessagesAndKeepServingGoodClients()
    {
        final MasterCalls good = calls(ClientRole.GATEWAY, new CopyOnWriteArrayList<>());
        good.ok("RegisterServer role=GATEWAY capacity=10 name=gw-a endpoint=ws://127.0.0.1:1 softwareVersion=1");

        final List<String> answers = new CopyOnWriteArrayList<>();
        try (AeronCluster raw = AeronCluster.connect(rawContext("admin:77:" + TestCluster.SECRETS.get(ClientRole.ADMIN),
            (sessionId, timestamp, buffer, offset, length, header) ->
                answers.add(MessageText.render(buffer, offset, length)))))
        {
            final UnsafeBuffer junk = new UnsafeBuffer(new byte[64]);
            send(raw, junk, 3);
            junk.putShort(4, (short)4242);
            send(raw, junk, 40);
            junk.putShort(4, (short)7101);
            junk.putShort(6, (short)1);
            junk.putShort(2, (short)999);
            send(raw, junk, 40);
            final long deadline = System.currentTimeMillis() + 10_000;
            while (answers.size() < 3 && System.currentTimeMillis() < deadline)
            {
                raw.pollEgress();
                TestCluster.sleep(5);
            }
        }

        assertThat(answers).hasSize(3);
        assertThat(answers.get(0)).contains("code=MALFORMED_MESSAGE");
        assertThat(answers.get(1)).contains("code=UNKNOWN_SCHEMA");
        assertThat(answers.get(2)).contains("code=UNKNOWN_TEMPLATE");
        assertThat(good.call("CheckInUser gatewayId=1 userId=1 userName=alice")).contains("code=OK");
    }

    @Test
    void shouldRejectClientsWithWrongOrMissingCredentials()
    {
        assertThatThrownBy(() -> AeronCluster.connect(rawContext("admin:77:wrong", noEgress())).close())
            .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> AeronCluster.connect(rawContext("", noEgress())).close())
            .isInstanceOf(AuthenticationException.class);

        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        final PendingRequests requests = new PendingRequests(null, new Listener()
        {
            public void onError(final Throwable error)
            {
                errors.add(error);
            }
        });
        final MasterClient bad = MasterClient.launch(new MasterClient.Context()
            .ingressEndpoints(cluster.ingressEndpoints())
            .role(ClientRole.HOST)
            .secret("not-the-host-secret")
            .messageTimeoutMs(2_000)
            .listener(requests));
        try
        {
            final long deadline = System.currentTimeMillis() + 20_000;
            while (errors.isEmpty() && System.currentTimeMillis() < deadline)
            {
                TestCluster.sleep(20);
            }
            assertThat(bad.isConnected()).isFalse();
            assertThat(errors).isNotEmpty();
            assertThat(errors.get(0)).hasMessageContaining("refused this client's credentials for role host");
        }
        finally
        {
            bad.close();
        }

        final MasterCalls good = calls(ClientRole.HOST, new CopyOnWriteArrayList<>());
        assertThat(good.call("ServerHeartbeat serverId=1 load=0")).contains("code=UNKNOWN_SERVER");
    }

    @Test
    void shouldRefuseCredentialsWithoutAClientIdOrTooLong()
    {
        final String secret = TestCluster.SECRETS.get(ClientRole.ADMIN);
        assertThatThrownBy(() -> AeronCluster.connect(rawContext("admin:" + secret, noEgress())).close())
            .as("role:secret without a client id").isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> AeronCluster.connect(rawContext("admin:0:" + secret, noEgress())).close())
            .as("client id 0").isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> AeronCluster.connect(rawContext("admin:77:" + secret + "x".repeat(2000), noEgress()))
            .close()).as("over-long credentials").isInstanceOf(AuthenticationException.class);
        AeronCluster.connect(rawContext("admin:77:" + secret, noEgress())).close();
    }

    @Test
    void shouldAnswerMalformedCommandsToTheirSenderInsteadOfLettingItTimeOut() throws Exception
    {
        final PendingRequests requests = new PendingRequests(null, null);
        final MasterClient client = MasterClient.launch(new MasterClient.Context()
            .ingressEndpoints(cluster.ingressEndpoints())
            .role(ClientRole.GATEWAY)
            .secret(TestCluster.SECRETS.get(ClientRole.GATEWAY))
            .requestTimeoutMs(60_000)
            .listener(requests));
        requests.client(client);
        try
        {
            final UnsafeBuffer command = new UnsafeBuffer(new byte[64]);
            command.putShort(0, (short)24);
            command.putShort(2, (short)999);
            command.putShort(4, (short)7101);
            command.putShort(6, (short)1);
            assertThat(answer(requests, command, 40)).as("unknown template").contains("code=UNKNOWN_TEMPLATE");
            command.putShort(2, (short)2);
            command.putShort(0, (short)4);
            assertThat(answer(requests, command, 40)).as("short block").contains("code=BAD_BLOCK_LENGTH");
            command.putShort(0, (short)28);
            command.putShort(6, (short)0);
            assertThat(answer(requests, command, 40)).as("schema version 0").contains("code=UNSUPPORTED_VERSION");
            command.putShort(6, (short)1);
            command.putShort(4, (short)4242);
            assertThat(answer(requests, command, 40)).as("unknown schema").contains("code=UNKNOWN_SCHEMA");
            command.putShort(4, (short)7101);
            assertThat(answer(requests, command, 24)).as("truncated fields").contains("code=MALFORMED_MESSAGE");
        }
        finally
        {
            client.close();
        }
    }

    private static String answer(final PendingRequests requests, final UnsafeBuffer command, final int length)
        throws Exception
    {
        final byte[] response = requests.submit(command, 0, length).get(20, java.util.concurrent.TimeUnit.SECONDS);
        return MessageText.render(new UnsafeBuffer(response), 0, response.length);
    }

    private AeronCluster.Context rawContext(final String credentials, final EgressListener listener)
    {
        return new AeronCluster.Context()
            .aeron(aeron)
            .ownsAeronClient(false)
            .ingressEndpoints(cluster.ingressEndpoints())
            .ingressChannel("aeron:udp?term-length=64k")
            .egressChannel("aeron:udp?endpoint=127.0.0.1:0")
            .messageTimeoutNs(3_000_000_000L)
            .credentialsSupplier(new CredentialsSupplier()
            {
                public byte[] encodedCredentials()
                {
                    return credentials.getBytes(StandardCharsets.UTF_8);
                }

                public byte[] onChallenge(final byte[] encodedChallenge)
                {
                    return new byte[0];
                }
            })
            .egressListener(listener);
    }

    private static EgressListener noEgress()
    {
        return (sessionId, timestamp, buffer, offset, length, header) ->
        {
        };
    }

    private static void send(final AeronCluster raw, final UnsafeBuffer buffer, final int length)
    {
        final long deadline = System.currentTimeMillis() + 5_000;
        while (raw.offer(buffer, 0, length) < 0)
        {
            if (System.currentTimeMillis() > deadline)
            {
                throw new AssertionError("could not offer to the cluster");
            }
            raw.pollEgress();
            TestCluster.sleep(1);
        }
    }

    private MasterCalls calls(final ClientRole role, final List<String> events)
    {
        final PendingRequests requests = new PendingRequests(
            bytes -> events.add(MessageText.render(new UnsafeBuffer(bytes), 0, bytes.length)), null);
        cluster.client(role, requests);
        return new MasterCalls(requests);
    }

    private abstract static class Listener implements MasterClientListener
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
    }
}
