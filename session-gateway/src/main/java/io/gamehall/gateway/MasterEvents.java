package io.gamehall.gateway;

import io.gamehall.gateway.ClientFrames.GatewayEntry;
import io.gamehall.sbe.client.KickCause;
import io.gamehall.sbe.master.DrainOrderDecoder;
import io.gamehall.sbe.master.GatewayListChangedDecoder;
import io.gamehall.sbe.master.InstanceMovedDecoder;
import io.gamehall.sbe.master.KickUserDecoder;
import io.gamehall.sbe.master.MessageHeaderDecoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * The master's events (its client's thread), decoded and acted on: a user kicked (logged in on
 * another gateway), an instance moved to another host, the gateway list changed, a drain order.
 */
final class MasterEvents
{
    private final SessionTable sessions;
    private final GatewayState gateway;
    private volatile HostLink hosts;

    MasterEvents(final SessionTable sessions, final GatewayState gateway)
    {
        this.sessions = sessions;
        this.gateway = gateway;
    }

    /**
     * The link to the hosts, once it is up (events may come before: a move is then ignored, as
     * the hosts are learned from the master afterwards).
     */
    void hosts(final HostLink hosts)
    {
        this.hosts = hosts;
    }

    /**
     * Decode one event and act on it; events of other templates are ignored.
     */
    void onEvent(final byte[] event)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(event);
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, 0);
        switch (header.templateId())
        {
            case KickUserDecoder.TEMPLATE_ID ->
            {
                final KickUserDecoder d = new KickUserDecoder().wrapAndApplyHeader(buffer, 0, header);
                onKickUser(d.gatewayId(), d.userId());
            }
            case InstanceMovedDecoder.TEMPLATE_ID ->
            {
                final InstanceMovedDecoder d = new InstanceMovedDecoder().wrapAndApplyHeader(buffer, 0, header);
                final long instanceId = d.instanceId();
                final long hostId = d.hostId();
                onInstanceMoved(instanceId, hostId, d.hostEndpoint());
            }
            case GatewayListChangedDecoder.TEMPLATE_ID ->
            {
                final GatewayListChangedDecoder d = new GatewayListChangedDecoder().wrapAndApplyHeader(buffer, 0, header);
                final List<GatewayEntry> list = new ArrayList<>();
                for (final GatewayListChangedDecoder.GatewaysDecoder g : d.gateways())
                {
                    final long id = g.serverId();
                    g.capacity();
                    list.add(new GatewayEntry(id, g.endpoint()));
                }
                onGatewayList(list);
            }
            case DrainOrderDecoder.TEMPLATE_ID -> gateway.drain();
            default ->
            {
            }
        }
    }

    /**
     * The user logged in on another gateway: when the kick is for this gateway, the session here
     * ends and its connection is told and closed.
     */
    void onKickUser(final long gatewayId, final long userId)
    {
        if (gatewayId != gateway.gatewayId())
        {
            return;
        }
        final Session session = sessions.remove(userId);
        if (session != null)
        {
            final Connection attached = session.end();
            if (attached != null)
            {
                attached.session(null);
                attached.sendAndClose(ClientFrames.kicked(session.lastEventSequence() + 1, KickCause.LOGGED_IN_ELSEWHERE));
            }
            gateway.checkDrained();
        }
    }

    /**
     * A host died and its instance runs on another now: the instance's players are seated there
     * and told.
     */
    void onInstanceMoved(final long instanceId, final long hostId, final String endpoint)
    {
        final HostLink link = hosts;
        if (link == null)
        {
            return;
        }
        link.host(hostId, endpoint);
        for (final Session session : sessions.snapshot())
        {
            if (session.instanceId() == instanceId)
            {
                session.seat(instanceId, endpoint);
                session.event(seq -> ClientFrames.instanceMoved(seq, instanceId));
            }
        }
    }

    /**
     * The gateways changed: remembered, and pushed to every session (the others only while
     * draining).
     */
    void onGatewayList(final List<GatewayEntry> list)
    {
        gateway.gateways(list);
        final List<GatewayEntry> forClients = gateway.forClients();
        for (final Session session : sessions.snapshot())
        {
            session.event(seq -> ClientFrames.gatewayList(seq, forClients));
        }
    }
}
