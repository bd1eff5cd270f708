package io.gamehall.gateway;

import io.gamehall.store.Account;
import org.agrona.concurrent.CachedEpochClock;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's role classes wired as {@link GatewayCore} wires them, around fakes: the master,
 * the host link, the store and the credentials in memory, a fake clock and timers run by hand.
 * Every future completes at once, so each call's effects are there when it returns.
 */
final class GatewayRoles
{
    static final long GATEWAY_ID = 7;
    static final long NOW_MS = 1_000_000_000_000L;
    static final long TOKEN_LIFETIME_MS = TimeUnit.HOURS.toMillis(24);
    static final int MAX_SESSIONS = 3;
    static final int KEEP_EVENTS = 8;

    final SessionGateway.Context ctx = new SessionGateway.Context()
        .maxSessions(MAX_SESSIONS)
        .keepEvents(KEEP_EVENTS)
        .graceMs(30_000)
        .loginTimeoutMs(5_000);
    final CachedEpochClock clock = new CachedEpochClock();
    final FakeMaster master = new FakeMaster();
    final FakeHostLink hosts = new FakeHostLink();
    final FakeStore store = new FakeStore();
    final FakeCredentials credentials = new FakeCredentials();
    final ManualTimers timers = new ManualTimers();
    final TokenService tokens = new TokenService("a token secret for the role tests", null, TOKEN_LIFETIME_MS,
        TimeUnit.DAYS.toMillis(7));
    final SessionTable sessions = new SessionTable();
    final GatewayState gateway = new GatewayState(sessions);
    final Seats seats = new Seats(master, hosts, gateway);
    final SessionLifecycle lifecycle = new SessionLifecycle(sessions, gateway, master, timers, clock, ctx.graceMs());
    final Logins logins = new Logins(sessions, gateway, credentials, tokens, master, store, seats, lifecycle, clock,
        ctx.maxSessions(), ctx.keepEvents());
    final Resumes resumes = new Resumes(sessions, gateway, tokens, master, store, seats, logins, clock);
    final LobbyRequests lobby = new LobbyRequests(gateway, master, store, seats);
    final GameTraffic games = new GameTraffic(hosts);
    final HostTraffic hostTraffic = new HostTraffic(sessions, gateway);
    final MasterEvents masterEvents = new MasterEvents(sessions, gateway);
    final RequestAdapter adapter = new RequestAdapter(gateway, logins, resumes, lobby, games, clock);

    GatewayRoles()
    {
        clock.update(NOW_MS);
        gateway.gatewayId(GATEWAY_ID);
        masterEvents.hosts(hosts);
    }

    /**
     * @return a client logged in as that user (its login answer read), in the lobby.
     */
    ClientInbox loggedIn(final long userId, final String name)
    {
        final ClientInbox client = new ClientInbox();
        store.add(userId, name, 0);
        credentials.answer = CompletableFuture.completedFuture(new Account(userId, name, null, 0, 0));
        master.checkIn = FakeMaster.ok(0, 0);
        logins.login(client.connection, 1, name, "a-password");
        client.only().loginResult();
        return client;
    }

    /**
     * @return a client logged in as that user and seated in an instance on a host.
     */
    ClientInbox seated(final long userId, final String name, final long instanceId, final String endpoint)
    {
        final ClientInbox client = loggedIn(userId, name);
        client.connection.session().seat(instanceId, endpoint);
        return client;
    }
}
