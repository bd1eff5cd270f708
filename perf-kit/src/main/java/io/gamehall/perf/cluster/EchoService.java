package io.gamehall.perf.cluster;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import io.gamehall.sbe.master.CommandResultDecoder;
import io.gamehall.sbe.master.MessageHeaderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.nio.ByteOrder;

/**
 * The cheapest useful clustered service: offers every session message straight back to its
 * session. Hosted on nodes set up exactly like master nodes, it is the baseline the master is
 * compared with: the difference is the cost of the master service itself.
 * <p>
 * The echo has the template id of a {@code CommandResult}, so a {@code MasterClient} takes it
 * as the response to the command it echoes (the client recognises a response by its template
 * id and by the request id it wrote into the command). Same bytes, same length, one copy.
 * Keeps no state; its snapshots are empty.
 */
public final class EchoService implements ClusteredService
{
    private static final int OFFER_ATTEMPTS = 1_000;
    private static final int TEMPLATE_ID_OFFSET = MessageHeaderEncoder.templateIdEncodingOffset();

    private final ExpandableArrayBuffer echo = new ExpandableArrayBuffer(1024);
    private IdleStrategy idleStrategy;
    private long droppedEgress;

    /**
     * @return echoes that could not be offered (session gone or stuck); read after the node stopped.
     */
    public long droppedEgress()
    {
        return droppedEgress;
    }

    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        idleStrategy = cluster.idleStrategy();
        if (snapshotImage != null)
        {
            idleStrategy.reset();
            while (!snapshotImage.isEndOfStream() && !snapshotImage.isClosed())
            {
                idleStrategy.idle(snapshotImage.poll((buffer, offset, length, header) -> {}, 16));
            }
        }
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
        echo.putBytes(0, buffer, offset, length);
        if (length >= MessageHeaderEncoder.ENCODED_LENGTH)
        {
            echo.putShort(TEMPLATE_ID_OFFSET, (short)CommandResultDecoder.TEMPLATE_ID, ByteOrder.LITTLE_ENDIAN);
        }
        idleStrategy.reset();
        for (int attempt = 0; attempt < OFFER_ATTEMPTS; attempt++)
        {
            final long result = session.offer(echo, 0, length);
            if (result > 0)
            {
                return;
            }
            if (result != Publication.BACK_PRESSURED && result != Publication.ADMIN_ACTION)
            {
                break;
            }
            idleStrategy.idle();
        }
        droppedEgress++;
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
