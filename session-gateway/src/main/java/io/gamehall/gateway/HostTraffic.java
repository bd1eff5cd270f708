package io.gamehall.gateway;

import io.gamehall.link.GatewayLinkListener;
import io.gamehall.sbe.client.CloseCause;
import io.gamehall.sbe.host.GameErrorCode;
import io.gamehall.sbe.host.InstanceCloseReason;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongArrayList;

import java.util.ArrayList;

/**
 * Game traffic from the hosts (the host relay's thread): events, acknowledgements, errors,
 * presence and closes numbered into the recipients' sessions, the connections written to flushed
 * once per batch. Nothing on the event and acknowledgement path allocates.
 */
final class HostTraffic implements GatewayLinkListener
{
    private final SessionTable sessions;
    private final GatewayState gateway;
    /** Encoders of game events and acknowledgements: the host relay's thread only (GatewayLinkListener). */
    private final ClientFrames relayFrames = new ClientFrames();
    private final ArrayList<Connection> relayWritten = new ArrayList<>();

    HostTraffic(final SessionTable sessions, final GatewayState gateway)
    {
        this.sessions = sessions;
        this.gateway = gateway;
    }

    @Override
    public void onGameEvent(final long instanceId, final int kind, final LongArrayList recipients,
        final DirectBuffer payload, final int offset, final int length)
    {
        final int frameLength = relayFrames.gameEvent(instanceId, kind, payload, offset, length);
        for (int i = 0, n = recipients.size(); i < n; i++)
        {
            final Session session = sessions.get(recipients.getLong(i));
            if (session != null)
            {
                toFlush(session.event(relayFrames.buffer(), frameLength));
            }
        }
    }

    /**
     * Host relay thread: remember a connection written to without a flush.
     */
    private void toFlush(final Connection connection)
    {
        if (connection != null && !connection.flushPending)
        {
            connection.flushPending = true;
            relayWritten.add(connection);
        }
    }

    /**
     * Host relay thread, after each batch of host traffic: flush every connection written to, so
     * the frames of a batch leave with one wake-up and one write per connection rather than one
     * per frame.
     */
    void flushRelayed()
    {
        for (int i = 0, n = relayWritten.size(); i < n; i++)
        {
            final Connection connection = relayWritten.get(i);
            connection.flushPending = false;
            connection.flush();
        }
        relayWritten.clear();
    }

    @Override
    public void onAccepted(final long instanceId, final long userId, final long sequence)
    {
        final Session session = sessions.get(userId);
        if (session != null)
        {
            toFlush(session.event(relayFrames.buffer(), relayFrames.gameAck(instanceId, sequence)));
        }
    }

    @Override
    public void onError(final long instanceId, final long userId, final long sequence, final GameErrorCode code,
        final String reason)
    {
        final Session session = sessions.get(userId);
        if (session != null)
        {
            session.event(seq -> ClientFrames.gameError(seq, instanceId, sequence, ClientCodes.map(code), reason));
        }
    }

    @Override
    public void onPresence(final long instanceId, final long userId, final boolean seated,
        final LongArrayList recipients)
    {
        for (int i = 0, n = recipients.size(); i < n; i++)
        {
            final Session session = sessions.get(recipients.getLong(i));
            if (session != null)
            {
                session.event(seq -> ClientFrames.presence(seq, instanceId, userId, seated));
            }
        }
    }

    @Override
    public void onClosed(final long instanceId, final InstanceCloseReason reason, final LongArrayList recipients,
        final String summary)
    {
        final CloseCause cause = switch (reason)
        {
            case GAME_OVER -> CloseCause.GAME_OVER;
            case TERMINATED -> CloseCause.TERMINATED;
            default -> CloseCause.GAME_ERROR;
        };
        for (int i = 0, n = recipients.size(); i < n; i++)
        {
            final Session session = sessions.get(recipients.getLong(i));
            if (session != null)
            {
                session.unseat(instanceId);
                session.event(seq -> ClientFrames.instanceClosed(seq, instanceId, cause, summary));
                if (gateway.isDraining())
                {
                    gateway.tellToMove(session);
                }
            }
        }
    }
}
