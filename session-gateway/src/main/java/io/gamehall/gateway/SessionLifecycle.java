package io.gamehall.gateway;

import io.gamehall.sbe.client.KickCause;
import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * How sessions end: a lost connection's grace period, the check-out from the master, a
 * connection replaced by another, every session at shutdown; and every session checked in again
 * when the gateway registered anew.
 */
final class SessionLifecycle
{
    private static final Logger LOG = LoggerFactory.getLogger(SessionLifecycle.class);

    private final SessionTable sessions;
    private final GatewayState gateway;
    private final MasterRequests master;
    private final ScheduledExecutorService scheduler;
    private final EpochClock clock;
    private final long graceMs;

    SessionLifecycle(final SessionTable sessions, final GatewayState gateway, final MasterRequests master,
        final ScheduledExecutorService scheduler, final EpochClock clock, final long graceMs)
    {
        this.sessions = sessions;
        this.gateway = gateway;
        this.master = master;
        this.scheduler = scheduler;
        this.clock = clock;
        this.graceMs = graceMs;
    }

    /**
     * A connection closed: its session (if any) waits for the grace period.
     */
    void onDisconnected(final Connection c)
    {
        final Session session = c.session();
        if (session == null || session.isEnded())
        {
            return;
        }
        final ScheduledFuture<?> timer = scheduler.schedule(() -> graceOver(session), graceMs, TimeUnit.MILLISECONDS);
        session.detach(c, clock.time(), timer);
    }

    private void graceOver(final Session session)
    {
        if (session.isDetached() && !session.isEnded())
        {
            LOG.debug("user {}: no connection for {} ms; session ended", session.userId, graceMs);
            endSession(session, true);
        }
    }

    /**
     * End a session here; the user is checked out of the master unless they moved elsewhere.
     */
    void endSession(final Session session, final boolean checkOut)
    {
        if (!sessions.remove(session.userId, session))
        {
            return;
        }
        session.end();
        if (checkOut)
        {
            master.checkOut(gateway.gatewayId(), session.userId).whenComplete((outcome, ex) ->
            {
                if (ex != null)
                {
                    LOG.warn("user {}: check-out not confirmed: {}", session.userId, ex.toString());
                }
            });
        }
        gateway.checkDrained();
    }

    /**
     * Another connection took the session over: the previous one is told why and closed.
     */
    static void kick(final Connection previous, final Session session, final KickCause cause)
    {
        previous.session(null);
        previous.sendAndClose(ClientFrames.kicked(session.lastEventSequence(), cause));
    }

    /**
     * The gateway is shutting down now: every client is told and disconnected.
     */
    void closeAll()
    {
        for (final Session session : sessions.snapshot())
        {
            final Connection attached = session.end();
            if (attached != null)
            {
                attached.sendAndClose(ClientFrames.kicked(session.lastEventSequence(), KickCause.GATEWAY_CLOSING));
            }
        }
        sessions.clear();
    }

    /**
     * After the master declared this gateway dead and it registered again: attach every session
     * under the new id.
     */
    void reattachAll(final long newGatewayId)
    {
        gateway.gatewayId(newGatewayId);
        for (final Session session : sessions.snapshot())
        {
            master.checkIn(newGatewayId, session.userId, session.name);
        }
    }
}
