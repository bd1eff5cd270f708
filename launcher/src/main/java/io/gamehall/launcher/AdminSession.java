package io.gamehall.launcher;

import io.aeron.security.AuthenticationException;
import io.gamehall.replication.ClientRole;
import io.gamehall.replication.client.MasterClient;
import io.gamehall.replication.client.MasterClientListener;
import io.gamehall.replication.client.PendingRequests;
import io.gamehall.sbe.master.CommandResultDecoder;
import io.gamehall.sbe.master.DeregisterServerEncoder;
import io.gamehall.sbe.master.DrainServerEncoder;
import io.gamehall.sbe.master.InstanceListDecoder;
import io.gamehall.sbe.master.ListInstancesEncoder;
import io.gamehall.sbe.master.ListServersEncoder;
import io.gamehall.sbe.master.ListUsersEncoder;
import io.gamehall.sbe.master.MessageHeaderDecoder;
import io.gamehall.sbe.master.MessageHeaderEncoder;
import io.gamehall.sbe.master.ResultCode;
import io.gamehall.sbe.master.ServerListDecoder;
import io.gamehall.sbe.master.UserListDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A blocking admin connection to the master for {@code gamehall admin}: connects with the
 * ADMIN role, sends one command at a time and waits for its answer, and pages through the
 * listings. Failures are {@link AdminException}s with a message meant for the operator.
 * Allocates freely; a tool, not a hot path.
 */
final class AdminSession implements AutoCloseable
{
    /** Entries asked for per listing page: the most the master gives. */
    static final int PAGE_SIZE = 64;

    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;

    private final String masters;
    private final long timeoutMs;
    private final MasterClient client;
    private final PendingRequests requests;
    private final CountDownLatch connected = new CountDownLatch(1);
    private final AtomicReference<Throwable> refusal = new AtomicReference<>();
    private final AtomicReference<Throwable> lastError = new AtomicReference<>();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();

    private AdminSession(final String masters, final String egressHost, final String secret, final long timeoutMs)
    {
        this.masters = masters;
        this.timeoutMs = timeoutMs;
        requests = new PendingRequests(null, new MasterClientListener()
        {
            public void onResponse(final long tag, final DirectBuffer buffer, final int offset, final int length)
            {
            }

            public void onTimeout(final long tag)
            {
            }

            public void onEvent(final DirectBuffer buffer, final int offset, final int length)
            {
            }

            public void onConnected(final boolean reconnect)
            {
                connected.countDown();
            }

            public void onError(final Throwable error)
            {
                lastError.set(error);
                if (error.getCause() instanceof AuthenticationException)
                {
                    refusal.compareAndSet(null, error);
                    connected.countDown();
                }
            }
        });
        client = MasterClient.launch(new MasterClient.Context()
            .ingressEndpoints(masters)
            .egressHost(egressHost)
            .role(ClientRole.ADMIN)
            .secret(secret)
            .requestTimeoutMs(timeoutMs)
            .messageTimeoutMs(Math.max(1, Math.min(timeoutMs, 5_000)))
            .maxInFlight(1)
            .queueCapacity(64 * 1024)
            .listener(requests));
        requests.client(client);
    }

    /**
     * Connect to the master with the ADMIN role and wait until the session is open.
     *
     * @param masters   ingress endpoints, {@code id=host:port,...}.
     * @param secret    the admin secret.
     * @param timeoutMs how long to wait for the connection and for each answer.
     * @return the open session.
     * @throws AdminException when no master answers in time or the secret is refused.
     */
    static AdminSession open(final String masters, final String egressHost, final String secret, final long timeoutMs)
    {
        final AdminSession session = new AdminSession(masters, egressHost, secret, timeoutMs);
        try
        {
            session.awaitConnected();
            return session;
        }
        catch (final RuntimeException ex)
        {
            session.close();
            throw ex;
        }
    }

    private void awaitConnected()
    {
        try
        {
            connected.await(timeoutMs, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AdminException("interrupted while connecting to the master");
        }
        if (refusal.get() != null)
        {
            throw new AdminException("the master at " + masters + " refused the admin secret " +
                "(give the one the master was started with: --admin-secret or GAMEHALL_ADMIN_SECRET)");
        }
        if (!client.isConnected())
        {
            final Throwable last = lastError.get();
            throw new AdminException("no master reachable at " + masters + " within " + timeoutMs + " ms" +
                (last == null ? "" : " (" + last.getMessage() + ")"));
        }
    }

    /**
     * @return every server, in id order.
     */
    List<Map<String, Object>> servers()
    {
        final List<Map<String, Object>> rows = new ArrayList<>();
        final ServerListDecoder page = new ServerListDecoder();
        long cursor = 0;
        do
        {
            final int length = new ListServersEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
                .cursor(cursor).maxResults(PAGE_SIZE).encodedLength();
            final DirectBuffer response = call(length, ServerListDecoder.TEMPLATE_ID, "ListServers");
            page.wrap(response, HEADER, header.blockLength(), header.version());
            page.clientId();
            page.requestId();
            requireOk("ListServers", page.code());
            cursor = page.nextCursor();
            for (final ServerListDecoder.ServersDecoder server : page.servers())
            {
                final Map<String, Object> row = new LinkedHashMap<>();
                row.put("serverId", server.serverId());
                row.put("role", server.role().name());
                row.put("state", server.state().name());
                row.put("capacity", server.capacity());
                row.put("load", server.load());
                row.put("assigned", server.assigned());
                row.put("registeredTime", server.registeredTime());
                row.put("lastHeartbeatTime", server.lastHeartbeatTime());
                row.put("name", server.name());
                row.put("endpoint", server.endpoint());
                rows.add(row);
            }
        }
        while (cursor != 0);
        return rows;
    }

    /**
     * @return every checked-in user, in id order (the master pages in its slot order; a user
     *     seen on two pages while users come and go is kept once, as last seen).
     */
    List<Map<String, Object>> users()
    {
        final TreeMap<Long, Map<String, Object>> rows = new TreeMap<>();
        final UserListDecoder page = new UserListDecoder();
        long cursor = 0;
        do
        {
            final int length = new ListUsersEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
                .cursor(cursor).maxResults(PAGE_SIZE).encodedLength();
            final DirectBuffer response = call(length, UserListDecoder.TEMPLATE_ID, "ListUsers");
            page.wrap(response, HEADER, header.blockLength(), header.version());
            page.clientId();
            page.requestId();
            requireOk("ListUsers", page.code());
            cursor = page.nextCursor();
            for (final UserListDecoder.UsersDecoder user : page.users())
            {
                final Map<String, Object> row = new LinkedHashMap<>();
                final long userId = user.userId();
                row.put("userId", userId);
                row.put("state", user.state().name());
                row.put("gatewayId", user.gatewayId());
                row.put("instanceId", user.instanceId());
                row.put("checkInTime", user.checkInTime());
                row.put("name", user.userName());
                rows.put(userId, row);
            }
        }
        while (cursor != 0);
        return new ArrayList<>(rows.values());
    }

    /**
     * @return every live instance, in id order (paged like {@link #users()}).
     */
    List<Map<String, Object>> instances()
    {
        final TreeMap<Long, Map<String, Object>> rows = new TreeMap<>();
        final InstanceListDecoder page = new InstanceListDecoder();
        long cursor = 0;
        do
        {
            final int length = new ListInstancesEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
                .cursor(cursor).maxResults(PAGE_SIZE).encodedLength();
            final DirectBuffer response = call(length, InstanceListDecoder.TEMPLATE_ID, "ListInstances");
            page.wrap(response, HEADER, header.blockLength(), header.version());
            page.clientId();
            page.requestId();
            requireOk("ListInstances", page.code());
            cursor = page.nextCursor();
            for (final InstanceListDecoder.InstancesDecoder instance : page.instances())
            {
                final Map<String, Object> row = new LinkedHashMap<>();
                final long instanceId = instance.instanceId();
                row.put("instanceId", instanceId);
                row.put("gameType", instance.gameType());
                row.put("state", instance.state().name());
                row.put("hostId", instance.hostId());
                row.put("ownerId", instance.ownerId());
                row.put("maxPlayers", instance.maxPlayers());
                row.put("playerCount", instance.playerCount());
                row.put("region", instance.region());
                row.put("mode", instance.mode());
                row.put("ratingBand", instance.ratingBand());
                row.put("createdTime", instance.createdTime());
                rows.put(instanceId, row);
            }
        }
        while (cursor != 0);
        return new ArrayList<>(rows.values());
    }

    /**
     * Send {@code DrainServer}.
     *
     * @return the result code.
     */
    ResultCode drain(final long serverId)
    {
        final int length = new DrainServerEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .serverId(serverId).encodedLength();
        return commandResult(length, "DrainServer");
    }

    /**
     * Send {@code DeregisterServer}.
     *
     * @return the result code.
     */
    ResultCode deregister(final long serverId)
    {
        final int length = new DeregisterServerEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .serverId(serverId).encodedLength();
        return commandResult(length, "DeregisterServer");
    }

    public void close()
    {
        client.close();
    }

    private ResultCode commandResult(final int length, final String command)
    {
        final DirectBuffer response = call(length, CommandResultDecoder.TEMPLATE_ID, command);
        final CommandResultDecoder result = new CommandResultDecoder()
            .wrap(response, HEADER, header.blockLength(), header.version());
        result.clientId();
        result.requestId();
        result.command();
        return result.code();
    }

    private DirectBuffer call(final int bodyLength, final int expectedTemplate, final String command)
    {
        final byte[] answer;
        try
        {
            answer = requests.submit(buffer, 0, HEADER + bodyLength).get(timeoutMs + 1_000, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AdminException("interrupted while waiting for the master");
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            throw new AdminException("no answer to " + command + " from the master within " + timeoutMs + " ms");
        }
        final UnsafeBuffer response = new UnsafeBuffer(answer);
        header.wrap(response, 0);
        if (header.templateId() == CommandResultDecoder.TEMPLATE_ID && expectedTemplate != CommandResultDecoder.TEMPLATE_ID)
        {
            final CommandResultDecoder result = new CommandResultDecoder()
                .wrap(response, HEADER, header.blockLength(), header.version());
            result.clientId();
            result.requestId();
            result.command();
            requireOk(command, result.code());
        }
        if (header.templateId() != expectedTemplate)
        {
            throw new AdminException("unexpected answer to " + command + " from the master (template " +
                header.templateId() + "); is it a compatible version?");
        }
        return response;
    }

    private static void requireOk(final String command, final ResultCode code)
    {
        if (code == ResultCode.UNKNOWN_TEMPLATE)
        {
            throw new AdminException("the master does not know " + command + " (UNKNOWN_TEMPLATE): it runs an " +
                "older version of gamehall than this tool");
        }
        if (code != ResultCode.OK)
        {
            throw new AdminException(command + " refused by the master: " + code);
        }
    }

    /**
     * A failure of an admin command, with a message for the operator.
     */
    static final class AdminException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        AdminException(final String message)
        {
            super(message);
        }
    }
}
