package io.gamehall.gateway;

import io.gamehall.gateway.ClientFrames.GatewayEntry;
import io.gamehall.sbe.master.ServerRole;
import io.gamehall.sbe.master.ServerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where a user's game runs: the hosts learned from the master (and linked to), a session seated
 * at its instance's host, and the game asked to send a player its whole state when the player
 * may have missed some of it.
 */
final class Seats
{
    private static final Logger LOG = LoggerFactory.getLogger(Seats.class);

    private final MasterRequests master;
    private final HostLink hosts;
    private final GatewayState gateway;

    Seats(final MasterRequests master, final HostLink hosts, final GatewayState gateway)
    {
        this.master = master;
        this.hosts = hosts;
        this.gateway = gateway;
    }

    /**
     * Learn every live game host from the master (and connect to it), and the active gateways
     * when none are known yet.
     */
    CompletableFuture<Void> refreshHosts()
    {
        return master.servers().thenAccept(servers ->
        {
            final List<GatewayEntry> live = new ArrayList<>();
            for (final MasterRequests.Server s : servers)
            {
                if (s.role() == ServerRole.GAME_HOST && s.state() != ServerState.DEAD)
                {
                    hosts.host(s.serverId(), s.endpoint());
                }
                else if (s.role() == ServerRole.GATEWAY && s.state() == ServerState.ACTIVE)
                {
                    live.add(new GatewayEntry(s.serverId(), s.endpoint()));
                }
            }
            if (gateway.gateways().isEmpty())
            {
                gateway.gateways(live);
            }
        });
    }

    /**
     * @return the endpoint of a host: known, or learned from the master; null for host 0 or
     * one the master does not list.
     */
    CompletableFuture<String> endpointOf(final long hostId)
    {
        if (hostId == 0)
        {
            return CompletableFuture.completedFuture(null);
        }
        final String known = hosts.endpointOf(hostId);
        if (known != null)
        {
            return CompletableFuture.completedFuture(known);
        }
        return refreshHosts().thenApply(v -> hosts.endpointOf(hostId));
    }

    /**
     * A seated user came back (login or resume on this gateway after another): find the host
     * the game runs on and seat the session there (the caller then asks for the state).
     *
     * @return completes (never exceptionally) when the session is seated or could not be.
     */
    CompletableFuture<Void> findSeat(final Session session, final long instanceId)
    {
        return master.instance(instanceId).thenCompose(view -> view == null ? CompletableFuture.completedFuture(null) :
            endpointOf(view.hostId()).thenApply(endpoint ->
            {
                if (endpoint != null)
                {
                    session.seat(instanceId, endpoint);
                }
                return null;
            })).handle((v, ex) ->
            {
                if (ex != null)
                {
                    LOG.warn("user {}: could not resume instance {}: {}", session.userId, instanceId, ex.toString());
                }
                return null;
            });
    }

    /**
     * Remember where the user's instance runs and answer; if the link to its host was not up
     * yet, the game's first events may have been lost, so ask for the whole state once it is.
     */
    void seatAt(final Session session, final long instanceId, final long hostId, final Runnable answer)
    {
        endpointOf(hostId).whenComplete((endpoint, ex) ->
        {
            final boolean wasConnected = endpoint != null && hosts.isConnected(endpoint);
            session.seat(instanceId, endpoint);
            answer.run();
            if (endpoint != null && !wasConnected)
            {
                hosts.sync(endpoint, instanceId, session.userId);
            }
        });
    }

    /**
     * Ask the game the user is seated in (if any) to send the user its whole state: called after
     * the answer to a login or resume has been sent, so that the answer comes first.
     */
    void syncSeat(final Session session)
    {
        final long instanceId;
        final String endpoint;
        synchronized (session)
        {
            instanceId = session.instanceId();
            endpoint = session.hostEndpoint();
        }
        if (instanceId != 0 && endpoint != null)
        {
            hosts.sync(endpoint, instanceId, session.userId);
        }
    }
}
