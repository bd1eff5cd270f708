package io.gamehall.replication;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import io.gamehall.master.support.CommandText;
import io.gamehall.replication.client.MasterClient;
import io.gamehall.replication.client.PendingRequests;
import io.gamehall.replication.support.TestCluster;
import io.gamehall.sbe.master.CommandResultDecoder;
import io.gamehall.sbe.master.MessageHeaderDecoder;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(120)
class MasterNodeLaunchWithTest
{
    private File dataDir;
    private MasterNode node;
    private MasterClient client;

    @AfterEach
    void stop()
    {
        CloseHelper.closeAll(client, node);
        if (dataDir != null)
        {
            IoUtil.delete(dataDir, true);
        }
    }

    @Test
    void shouldHostASuppliedServiceWithTheNodeSettings() throws Exception
    {
        dataDir = Files.createTempDirectory("gamehall-launch-with-").toFile();
        final MasterNode.Context ctx = new MasterNode.Context()
            .members(TestCluster.freeMembers(1))
            .dataDir(dataDir)
            .logTermLength(256 * 1024)
            .archiveSegmentLength(1024 * 1024)
            .secrets(TestCluster.SECRETS)
            .snapshotIntervalMs(0);
        final EchoingService service = new EchoingService();
        node = MasterNode.launchWith(ctx, service);

        final PendingRequests requests = new PendingRequests(null, null);
        client = MasterClient.launch(new MasterClient.Context()
            .ingressEndpoints(ctx.ingressEndpoints())
            .role(ClientRole.HOST)
            .secret(TestCluster.SECRETS.get(ClientRole.HOST))
            .listener(requests));
        requests.client(client);
        final ExpandableArrayBuffer command = new ExpandableArrayBuffer(128);
        final int length = new CommandText().encode("ServerHeartbeat serverId=7 load=3", command, 0);

        final UnsafeBuffer response = new UnsafeBuffer(requests.submit(command, 0, length).get(20, TimeUnit.SECONDS));

        assertThat(service.messages.get()).isEqualTo(1);
        assertThat(response.capacity()).isEqualTo(length);
        assertThat(new MessageHeaderDecoder().wrap(response, 0).templateId()).isEqualTo(CommandResultDecoder.TEMPLATE_ID);
        assertThat(response.getLong(MessageHeaderDecoder.ENCODED_LENGTH, ByteOrder.LITTLE_ENDIAN))
            .isEqualTo(client.clientId());
        assertThatThrownBy(node::service).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining(EchoingService.class.getName());
    }

    /**
     * Answers each message with its own bytes under the CommandResult template id, so that a
     * MasterClient takes the echo as the response.
     */
    private static final class EchoingService implements ClusteredService
    {
        private final AtomicInteger messages = new AtomicInteger();
        private final ExpandableArrayBuffer echo = new ExpandableArrayBuffer(256);

        public void onStart(final Cluster cluster, final Image snapshotImage)
        {
        }

        public void onSessionOpen(final ClientSession session, final long timestamp)
        {
        }

        public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
        {
        }

        public void onSessionMessage(
            final ClientSession session,
            final long timestamp,
            final DirectBuffer buffer,
            final int offset,
            final int length,
            final Header header)
        {
            messages.incrementAndGet();
            echo.putBytes(0, buffer, offset, length);
            echo.putShort(2, (short)CommandResultDecoder.TEMPLATE_ID, ByteOrder.LITTLE_ENDIAN);
            session.offer(echo, 0, length);
        }

        public void onTimerEvent(final long correlationId, final long timestamp)
        {
        }

        public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
        {
        }

        public void onRoleChange(final Cluster.Role newRole)
        {
        }

        public void onTerminate(final Cluster cluster)
        {
        }
    }
}
