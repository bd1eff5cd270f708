package io.gamehall.host;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.gamehall.aeron.LocalMediaDriver;
import io.gamehall.host.api.GameCatalog;
import io.gamehall.host.support.SumGame;
import io.gamehall.host.support.TestGateway.Received;
import io.gamehall.host.support.TestGateway;
import io.gamehall.link.LinkChannels;
import io.gamehall.link.LinkHello;
import io.gamehall.replication.ClientRole;
import io.gamehall.replication.support.TestCluster;
import io.gamehall.sbe.host.GatewayHelloEncoder;
import io.gamehall.sbe.host.MessageHeaderEncoder;
import io.gamehall.sbe.host.PlayerMessageEncoder;
import io.gamehall.store.Store;
import io.gamehall.store.StoreConfig;
import io.gamehall.store.open.Stores;
import org.agrona.CloseHelper;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.IoUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway-to-host link admits only gateways that sign their hello with the link secret, and
 * players only through the gateway the master seated them through; the host answers on a
 * channel of its own making, whatever the hello asks for.
 */
@Timeout(120)
class GatewayLinkSecuritySystemTest
{
    private static final long WAIT_MS = 10_000;
    private static final long ALICE = 1;
    private static final long BOB = 2;
    private static final byte[] WRONG_SECRET = "not-the-link-secret-of-these-hosts-000".getBytes(StandardCharsets.UTF_8);

    private TestCluster cluster;
    private File storeDir;
    private Store store;
    private GameHost host;
    private TestGateway gateway;
    private MediaDriver driver;
    private Aeron aeron;
    private ExclusivePublication raw;
    private Subscription replies;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);

    @BeforeEach
    void start() throws Exception
    {
        cluster = TestCluster.start(1);
        storeDir = Files.createTempDirectory("gamehall-link-store-").toFile();
        store = Stores.open(new StoreConfig().chronicleDir(storeDir).workerThreads(2));
        host = GameHost.launch(new GameHost.Context()
            .name("host-a")
            .masterEndpoints(cluster.ingressEndpoints())
            .secret(TestCluster.SECRETS.get(ClientRole.HOST))
            .linkSecret(TestGateway.LINK_SECRET)
            .games(new GameCatalog().register(SumGame.TYPE, "sum", SumGame::new))
            .store(store)
            .runners(1)
            .heartbeatIntervalMs(200));
        gateway = new TestGateway(cluster, "gw-a");
        gateway.connect(host.endpoint());
        gateway.checkIn(ALICE, "alice");
        gateway.checkIn(BOB, "bob");

        driver = LocalMediaDriver.launch("link-security-test");
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        raw = aeron.addExclusivePublication(LinkChannels.publication(host.endpoint()), LinkChannels.HOST_STREAM_ID);
        replies = aeron.addSubscription("aeron:udp?endpoint=127.0.0.1:0", LinkChannels.REPLY_STREAM_ID);
        awaitTrue(raw::isConnected, "the raw publication connects to the host");
    }

    @AfterEach
    void stop()
    {
        CloseHelper.quietCloseAll(replies, raw, aeron, driver, gateway, host, store, cluster);
        if (storeDir != null)
        {
            IoUtil.delete(storeDir, true);
        }
    }

    @Test
    void aHelloSignedWithAnotherSecretOpensNoPublication()
    {
        final long refusedBefore = host.counters().hellosRefused();
        sendHello(WRONG_SECRET, gateway.gatewayId(), replyChannel(), System.currentTimeMillis());
        awaitTrue(() -> host.counters().hellosRefused() > refusedBefore, "the hello is refused");
        TestCluster.sleep(1_000);
        assertThat(replies.imageCount()).as("no publication to the forger's channel").isZero();

        // the same hello signed with the link secret is answered: the test can see a publication
        sendHello(TestGateway.LINK_SECRET.getBytes(StandardCharsets.UTF_8), 4242, replyChannel(),
            System.currentTimeMillis());
        awaitTrue(() -> replies.imageCount() == 1, "a verified hello gets a publication");
    }

    @Test
    void anOldHelloIsRefusedEvenWithTheRightSignature()
    {
        final long refusedBefore = host.counters().hellosRefused();
        sendHello(TestGateway.LINK_SECRET.getBytes(StandardCharsets.UTF_8), 4242, replyChannel(),
            System.currentTimeMillis() - LinkHello.MAX_SKEW_MS - 5_000);
        awaitTrue(() -> host.counters().hellosRefused() > refusedBefore, "the hello is refused");
        TestCluster.sleep(500);
        assertThat(replies.imageCount()).isZero();
    }

    @Test
    void aHelloAskingForAGigabyteTermGetsTheHostsOwnTermLength()
    {
        sendHello(TestGateway.LINK_SECRET.getBytes(StandardCharsets.UTF_8), 4242,
            replyChannel() + "|term-length=1g|mtu=65504|linger=1h", System.currentTimeMillis());
        awaitTrue(() -> replies.imageCount() == 1, "a verified hello gets a publication");
        assertThat(replies.imageAtIndex(0).termBufferLength()).isEqualTo(LinkChannels.TERM_LENGTH);
        assertThat(replies.imageAtIndex(0).mtuLength()).isLessThan(65504);
    }

    @Test
    void playerMessagesFromALinkWithoutAVerifiedHelloAreDropped()
    {
        final long instanceId = createAndJoin();
        final long droppedBefore = host.counters().unverifiedDropped();
        sendHello(WRONG_SECRET, gateway.gatewayId(), replyChannel(), System.currentTimeMillis());
        sendMove(gateway.gatewayId(), instanceId, ALICE, 7, (byte)9);

        awaitTrue(() -> host.counters().unverifiedDropped() > droppedBefore, "the move is dropped");
        TestCluster.sleep(300);
        assertThat(gateway.drain(ALICE)).as("no event, no acknowledgement").isEmpty();
        assertThat(gateway.drain(BOB)).isEmpty();

        // the real gateway's move still goes through, and the total shows the forged one was not applied
        gateway.send(host.endpoint(), instanceId, ALICE, 8, 1, new byte[]{2});
        assertThat(SumGame.total(gateway.nextOf(BOB, "EVENT", WAIT_MS).payload())).isEqualTo(2);
    }

    @Test
    void aVerifiedLinkCannotSpeakInTheNameOfAnotherGateway()
    {
        final long instanceId = createAndJoin();
        final long droppedBefore = host.counters().unverifiedDropped();
        sendHello(TestGateway.LINK_SECRET.getBytes(StandardCharsets.UTF_8), 4242, replyChannel(),
            System.currentTimeMillis());
        awaitTrue(() -> replies.imageCount() == 1, "the hello is verified");
        sendMove(gateway.gatewayId(), instanceId, ALICE, 7, (byte)9);

        awaitTrue(() -> host.counters().unverifiedDropped() > droppedBefore, "the move is dropped");
        gateway.send(host.endpoint(), instanceId, ALICE, 8, 1, new byte[]{2});
        assertThat(SumGame.total(gateway.nextOf(BOB, "EVENT", WAIT_MS).payload())).isEqualTo(2);
    }

    @Test
    void aMessageForAUserTheMasterSeatedThroughAnotherGatewayIsRefused()
    {
        final long instanceId = createAndJoin();
        try (TestGateway other = new TestGateway(cluster, "gw-b"))
        {
            other.connect(host.endpoint());
            other.send(host.endpoint(), instanceId, ALICE, 11, 1, new byte[]{9});
            final Received error = other.nextOf(ALICE, "ERROR", WAIT_MS);
            assertThat(error.kind()).isEqualTo("NOT_A_PLAYER");
            assertThat(error.sequence()).isEqualTo(11);
            assertThat(host.counters().wrongGatewayRefused()).isEqualTo(1);

            other.sync(host.endpoint(), instanceId, BOB);
            assertThat(other.nextOf(BOB, "ERROR", WAIT_MS).kind()).isEqualTo("NOT_A_PLAYER");
        }
        assertThat(gateway.drain(ALICE)).isEmpty();
        gateway.send(host.endpoint(), instanceId, ALICE, 12, 1, new byte[]{3});
        assertThat(SumGame.total(gateway.nextOf(BOB, "EVENT", WAIT_MS).payload())).isEqualTo(3);
    }

    private long createAndJoin()
    {
        final long instanceId = gateway.master().ok("CreateInstance ownerId=" + ALICE + " gameType=" + SumGame.TYPE +
            " maxPlayers=2");
        awaitTrue(() -> gateway.master().call("GetInstance instanceId=" + instanceId).contains("state=OPEN"),
            "instance open");
        gateway.master().ok("JoinInstance userId=" + BOB + " instanceId=" + instanceId);
        assertThat(SumGame.total(gateway.nextOf(BOB, "EVENT", WAIT_MS).payload())).isZero();
        TestCluster.sleep(200);
        gateway.drain(ALICE);
        gateway.drain(BOB);
        return instanceId;
    }

    private String replyChannel()
    {
        String resolved = null;
        final long deadline = System.currentTimeMillis() + WAIT_MS;
        while (resolved == null && System.currentTimeMillis() < deadline)
        {
            resolved = replies.tryResolveChannelEndpointPort();
            Thread.yield();
        }
        assertThat(resolved).isNotNull();
        return resolved;
    }

    private void sendHello(final byte[] secret, final long gatewayId, final String channel, final long timestampMs)
    {
        final byte[] signature = new LinkHello(secret).sign(host.endpoint(), gatewayId, LinkChannels.REPLY_STREAM_ID,
            channel, raw.sessionId(), timestampMs);
        final GatewayHelloEncoder hello = new GatewayHelloEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .gatewayId(gatewayId).replyStreamId(LinkChannels.REPLY_STREAM_ID).timestampMs(timestampMs)
            .replyChannel(channel).putSignature(signature, 0, signature.length);
        offer(MessageHeaderEncoder.ENCODED_LENGTH + hello.encodedLength());
    }

    private void sendMove(final long gatewayId, final long instanceId, final long userId, final long sequence,
        final byte value)
    {
        final PlayerMessageEncoder message = new PlayerMessageEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .gatewayId(gatewayId).instanceId(instanceId).userId(userId).sequence(sequence).kind(1)
            .putPayload(new byte[]{value}, 0, 1);
        offer(MessageHeaderEncoder.ENCODED_LENGTH + message.encodedLength());
    }

    private void offer(final int length)
    {
        final long deadline = System.currentTimeMillis() + WAIT_MS;
        while (raw.offer(buffer, 0, length) < 0)
        {
            assertThat(System.currentTimeMillis()).as("offer to the host").isLessThan(deadline);
            Thread.yield();
        }
    }

    private static void awaitTrue(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.currentTimeMillis() + WAIT_MS;
        while (!condition.getAsBoolean())
        {
            if (System.currentTimeMillis() > deadline)
            {
                throw new AssertionError("not within " + WAIT_MS + " ms: " + what);
            }
            TestCluster.sleep(10);
        }
    }
}
