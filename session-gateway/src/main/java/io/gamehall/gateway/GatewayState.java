package io.gamehall.gateway;

import io.gamehall.gateway.ClientFrames.GatewayEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * This gateway among the others: its id in the master, the gateways clients are told of, and the
 * drain (no new logins; users told where to go; drained when the last session left).
 */
final class GatewayState
{
    private static final Logger LOG = LoggerFactory.getLogger(GatewayState.class);

    private final SessionTable sessions;
    private final CountDownLatch drained = new CountDownLatch(1);
    private volatile List<GatewayEntry> gateways = List.of();
    private volatile boolean draining;
    private volatile long gatewayId;

    GatewayState(final SessionTable sessions)
    {
        this.sessions = sessions;
    }

    long gatewayId()
    {
        return gatewayId;
    }

    void gatewayId(final long gatewayId)
    {
        this.gatewayId = gatewayId;
    }

    /**
     * @return every gateway the master listed last.
     */
    List<GatewayEntry> gateways()
    {
        return gateways;
    }

    void gateways(final List<GatewayEntry> list)
    {
        gateways = List.copyOf(list);
    }

    /**
     * @return the gateways other than this one.
     */
    List<GatewayEntry> others()
    {
        final List<GatewayEntry> others = new ArrayList<>();
        for (final GatewayEntry e : gateways)
        {
            if (e.serverId() != gatewayId)
            {
                others.add(e);
            }
        }
        return others;
    }

    /**
     * @return the gateways a client is told of: the others while draining, else all.
     */
    List<GatewayEntry> forClients()
    {
        return draining ? others() : gateways;
    }

    boolean isDraining()
    {
        return draining;
    }

    /**
     * Stop taking logins; lobby users are told where to go now, seated users when their game ends.
     */
    void drain()
    {
        if (draining)
        {
            return;
        }
        draining = true;
        LOG.info("draining: no new logins; {} sessions to move", sessions.size());
        for (final Session session : sessions.snapshot())
        {
            if (session.instanceId() == 0)
            {
                tellToMove(session);
            }
        }
        checkDrained();
    }

    /**
     * Tell a user (once) which other gateways to move to.
     */
    void tellToMove(final Session session)
    {
        if (session.markToldToMove())
        {
            final List<GatewayEntry> others = others();
            session.event(seq -> ClientFrames.draining(seq, others));
        }
    }

    /**
     * A session left: when draining and it was the last, the gateway is drained.
     */
    void checkDrained()
    {
        if (draining && sessions.isEmpty() && drained.getCount() > 0)
        {
            LOG.info("drained: the last session left");
            drained.countDown();
        }
    }

    boolean awaitDrained(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return drained.await(timeout, unit);
    }
}
