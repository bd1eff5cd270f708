package io.gamehall.gateway;

import io.gamehall.sbe.client.ClientCode;
import org.agrona.DirectBuffer;

/**
 * Game traffic from players (their connections' I/O threads): a message relayed to the host of
 * the player's instance, or refused with a numbered GameError (no seat in that instance here, the
 * host out of reach). What hosts send back is {@link HostTraffic}'s.
 */
final class GameTraffic
{
    private final HostLink hosts;

    GameTraffic(final HostLink hosts)
    {
        this.hosts = hosts;
    }

    /**
     * A player's message for a game (the connection's I/O thread).
     */
    void gameMessage(final Connection c, final long instanceId, final long sequence, final int kind,
        final DirectBuffer payload)
    {
        final Session session = c.session();
        if (session == null)
        {
            ClientCodes.protocolError(c, ClientCode.NOT_LOGGED_IN, "log in first", false);
            return;
        }
        final String endpoint = session.hostEndpoint();
        if (session.instanceId() != instanceId || endpoint == null)
        {
            session.event(seq -> ClientFrames.gameError(seq, instanceId, sequence, ClientCode.NOT_IN_INSTANCE,
                "you have no seat in instance " + instanceId + " on this gateway"));
            return;
        }
        if (!hosts.send(endpoint, instanceId, session.userId, sequence, kind, payload, 0, payload.capacity()))
        {
            session.event(seq -> ClientFrames.gameError(seq, instanceId, sequence, ClientCode.OVERLOADED,
                "the game host cannot be reached right now; try again"));
        }
    }
}
