package io.gamehall.gateway;

import io.gamehall.sbe.client.ClientCode;
import io.gamehall.store.Store;
import org.agrona.concurrent.EpochClock;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The facade of what the gateway does: builds the role classes (requests in through
 * {@link RequestAdapter}; {@link Logins}, {@link Resumes}, {@link LobbyRequests},
 * {@link GameTraffic}, {@link HostTraffic}, {@link MasterEvents}, {@link SessionLifecycle}, {@link Seats}) around the
 * shared {@link SessionTable} and {@link GatewayState}, and takes the WebSocket server's
 * connection events. The roles that talk to the master and the hosts are built once both relays
 * are up ({@link #relays}); frames before that are refused.
 */
final class GatewayCore
{
    private final SessionGateway.Context ctx;
    private final Store store;
    private final Credentials credentials;
    private final TokenService tokens;
    private final ScheduledExecutorService scheduler;
    private final EpochClock clock;
    private final SessionTable sessions = new SessionTable();
    private final GatewayState gateway = new GatewayState(sessions);
    private final MasterEvents masterEvents = new MasterEvents(sessions, gateway);
    private final HostTraffic hostTraffic = new HostTraffic(sessions, gateway);
    private final AtomicLong framesIn = new AtomicLong();
    private volatile boolean ready;
    private Seats seats;
    private SessionLifecycle lifecycle;
    private Logins logins;
    private RequestAdapter adapter;

    GatewayCore(
        final SessionGateway.Context ctx,
        final Store store,
        final Credentials credentials,
        final TokenService tokens,
        final ScheduledExecutorService scheduler,
        final EpochClock clock)
    {
        this.ctx = ctx;
        this.store = store;
        this.credentials = credentials;
        this.tokens = tokens;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /**
     * The relays are up: build the roles that use them.
     */
    void relays(final MasterRequests master, final HostLink hosts, final long gatewayId)
    {
        gateway.gatewayId(gatewayId);
        seats = new Seats(master, hosts, gateway);
        lifecycle = new SessionLifecycle(sessions, gateway, master, scheduler, clock, ctx.graceMs());
        logins = new Logins(sessions, gateway, credentials, tokens, master, store, seats, lifecycle, clock,
            ctx.maxSessions(), ctx.keepEvents());
        final Resumes resumes = new Resumes(sessions, gateway, tokens, master, store, seats, logins, clock);
        adapter = new RequestAdapter(gateway, logins, resumes, new LobbyRequests(gateway, master, store, seats),
            new GameTraffic(hosts), clock);
        masterEvents.hosts(hosts);
    }

    /**
     * Registered with the master and linked to the hosts: take requests.
     */
    void ready()
    {
        ready = true;
    }

    /**
     * @return what the host relay delivers host traffic to.
     */
    HostTraffic hostTraffic()
    {
        return hostTraffic;
    }

    long gatewayId()
    {
        return gateway.gatewayId();
    }

    int sessionCount()
    {
        return sessions.size();
    }

    long framesIn()
    {
        return framesIn.get();
    }

    long logins()
    {
        return logins == null ? 0 : logins.logins();
    }

    boolean isDraining()
    {
        return gateway.isDraining();
    }

    void drain()
    {
        gateway.drain();
    }

    boolean awaitDrained(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return gateway.awaitDrained(timeout, unit);
    }

    /**
     * One binary frame from a client, in {@code d.frame} (I/O thread of the connection).
     */
    void onFrame(final Connection connection, final RequestDecoders d, final int length)
    {
        framesIn.incrementAndGet();
        if (!ready)
        {
            ClientCodes.protocolError(connection, ClientCode.MASTER_UNAVAILABLE, "the gateway is starting; try again",
                false);
            return;
        }
        adapter.onFrame(connection, d, length);
    }

    /**
     * A client sent frames faster than its rate limit allows.
     */
    void onRateLimited(final Connection c, final boolean close)
    {
        if (close)
        {
            ClientCodes.protocolError(c, ClientCode.RATE_LIMITED, "too many frames; the connection is closed", true);
        }
        else if (c.firstRefusal())
        {
            ClientCodes.protocolError(c, ClientCode.RATE_LIMITED, "too many frames; some were dropped", false);
        }
    }

    /**
     * The login deadline of a connection passed (its I/O thread).
     *
     * @return true to check again after another timeout (a login is under way), false when done.
     */
    boolean onLoginDeadline(final Connection c)
    {
        if (c.session() != null)
        {
            return false;
        }
        if (c.isAuthenticating())
        {
            return true;
        }
        ClientCodes.protocolError(c, ClientCode.LOGIN_TIMEOUT, "no login within " + ctx.loginTimeoutMs() +
            " ms of connecting; the connection is closed", true);
        return false;
    }

    /**
     * A connection closed: its session (if any) waits for the grace period.
     */
    void onDisconnected(final Connection c)
    {
        if (c.session() != null)
        {
            lifecycle.onDisconnected(c);
        }
    }

    /**
     * An event of the master (its client's thread).
     */
    void onMasterEvent(final byte[] event)
    {
        masterEvents.onEvent(event);
    }

    /**
     * The gateway is shutting down now: every client is told and disconnected.
     */
    void closeAll()
    {
        if (lifecycle != null)
        {
            lifecycle.closeAll();
        }
    }

    /**
     * After the master declared this gateway dead and it registered again: attach every session
     * under the new id.
     */
    void reattachAll(final long newGatewayId)
    {
        lifecycle.reattachAll(newGatewayId);
    }

    /**
     * Learn every live game host from the master (and connect to it).
     */
    CompletableFuture<Void> refreshHosts()
    {
        return seats.refreshHosts();
    }
}
