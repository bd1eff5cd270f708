package io.gamehall.gateway;

import io.gamehall.replication.client.MasterClient;
import io.gamehall.replication.client.MasterClientListener;
import io.gamehall.replication.client.OutcomeUnknownException;
import io.gamehall.replication.client.PendingRequests;
import io.gamehall.sbe.master.CheckInUserEncoder;
import io.gamehall.sbe.master.CheckOutUserEncoder;
import io.gamehall.sbe.master.CommandResultDecoder;
import io.gamehall.sbe.master.CreateInstanceEncoder;
import io.gamehall.sbe.master.GetInstanceEncoder;
import io.gamehall.sbe.master.InstanceInfoDecoder;
import io.gamehall.sbe.master.InstanceSearchResultDecoder;
import io.gamehall.sbe.master.InstanceState;
import io.gamehall.sbe.master.JoinInstanceEncoder;
import io.gamehall.sbe.master.LeaveInstanceEncoder;
import io.gamehall.sbe.master.ListServersEncoder;
import io.gamehall.sbe.master.MessageHeaderDecoder;
import io.gamehall.sbe.master.MessageHeaderEncoder;
import io.gamehall.sbe.master.RegisterServerEncoder;
import io.gamehall.sbe.master.ResultCode;
import io.gamehall.sbe.master.SearchInstancesEncoder;
import io.gamehall.sbe.master.ServerHeartbeatEncoder;
import io.gamehall.sbe.master.ServerListDecoder;
import io.gamehall.sbe.master.ServerRole;
import io.gamehall.sbe.master.ServerState;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The gateway's commands to the master, as futures of their decoded answers. Safe from any
 * thread (encoding is serialised; the client copies each command into its queue).
 */
final class MasterRelay implements MasterRequests, MasterRegistry, AutoCloseable
{
    private final PendingRequests requests;
    private final MasterClient client;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();

    MasterRelay(final MasterClient.Context ctx, final Consumer<byte[]> events, final MasterClientListener connection)
    {
        requests = new PendingRequests(events, connection);
        client = MasterClient.launch(ctx.listener(requests));
        requests.client(client);
    }

    boolean isConnected()
    {
        return client.isConnected();
    }

    @Override
    public synchronized CompletableFuture<Outcome> registerGateway(final String name, final String url,
        final int capacity, final String version)
    {
        return registerGateway(name, url, capacity, version, null);
    }

    /**
     * @param unknown an earlier registration whose outcome is unknown, to ask again with its
     *                request id; null to register anew.
     */
    synchronized CompletableFuture<Outcome> registerGateway(final String name, final String url, final int capacity,
        final String version, final OutcomeUnknownException unknown)
    {
        final RegisterServerEncoder e = new RegisterServerEncoder().wrapAndApplyHeader(buffer, 0, header)
            .clientId(0).requestId(0).role(ServerRole.GATEWAY).capacity(capacity);
        e.gameTypesCount(0);
        e.name(name).endpoint(url).softwareVersion(version);
        if (unknown == null)
        {
            return outcome(e.encodedLength());
        }
        return requests.reask(unknown, buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength())
            .thenApply(MasterRelay::decodeOutcome);
    }

    @Override
    public synchronized CompletableFuture<Outcome> heartbeat(final long serverId, final int load)
    {
        final ServerHeartbeatEncoder e = new ServerHeartbeatEncoder().wrapAndApplyHeader(buffer, 0, header)
            .clientId(0).requestId(0).serverId(serverId).load(load);
        return outcome(e.encodedLength());
    }

    @Override
    public synchronized CompletableFuture<Outcome> checkIn(final long gatewayId, final long userId, final String name)
    {
        final CheckInUserEncoder e = new CheckInUserEncoder().wrapAndApplyHeader(buffer, 0, header)
            .clientId(0).requestId(0).gatewayId(gatewayId).userId(userId).userName(name);
        return outcome(e.encodedLength());
    }

    @Override
    public synchronized CompletableFuture<Outcome> checkOut(final long gatewayId, final long userId)
    {
        final CheckOutUserEncoder e = new CheckOutUserEncoder().wrapAndApplyHeader(buffer, 0, header)
            .clientId(0).requestId(0).gatewayId(gatewayId).userId(userId);
        return outcome(e.encodedLength());
    }

    @Override
    public synchronized CompletableFuture<Outcome> create(final long ownerId, final int gameType, final int maxPlayers,
        final int region, final int mode, final int ratingBand)
    {
        final CreateInstanceEncoder e = new CreateInstanceEncoder().wrapAndApplyHeader(buffer, 0, header)
            .clientId(0).requestId(0).ownerId(ownerId).gameType(gameType).maxPlayers(maxPlayers)
            .region(region).mode(mode).ratingBand(ratingBand);
        return outcome(e.encodedLength());
    }

    @Override
    public synchronized CompletableFuture<Outcome> join(final long userId, final long instanceId)
    {
        final JoinInstanceEncoder e = new JoinInstanceEncoder().wrapAndApplyHeader(buffer, 0, header)
            .clientId(0).requestId(0).userId(userId).instanceId(instanceId);
        return outcome(e.encodedLength());
    }

    @Override
    public synchronized CompletableFuture<Outcome> leave(final long userId, final long instanceId)
    {
        final LeaveInstanceEncoder e = new LeaveInstanceEncoder().wrapAndApplyHeader(buffer, 0, header)
            .clientId(0).requestId(0).userId(userId).instanceId(instanceId);
        return outcome(e.encodedLength());
    }

    @Override
    public synchronized CompletableFuture<InstanceView> instance(final long instanceId)
    {
        final GetInstanceEncoder e = new GetInstanceEncoder().wrapAndApplyHeader(buffer, 0, header)
            .clientId(0).requestId(0).instanceId(instanceId);
        return submit(e.encodedLength()).thenApply(bytes ->
        {
            final UnsafeBuffer view = new UnsafeBuffer(bytes);
            final MessageHeaderDecoder h = new MessageHeaderDecoder().wrap(view, 0);
            if (h.templateId() != InstanceInfoDecoder.TEMPLATE_ID)
            {
                return null;
            }
            final InstanceInfoDecoder d = new InstanceInfoDecoder().wrapAndApplyHeader(view, 0, h);
            if (d.code() != ResultCode.OK)
            {
                return null;
            }
            return new InstanceView(d.instanceId(), d.gameType(), d.state(), d.hostId(), d.ownerId(),
                d.maxPlayers(), d.players().count(), d.region(), d.mode(), d.ratingBand());
        });
    }

    @Override
    public synchronized CompletableFuture<SearchPage> search(final int gameType, final int region, final int mode,
        final int ratingBand, final int minOpenSeats, final int maxResults, final long cursor)
    {
        final SearchInstancesEncoder e = new SearchInstancesEncoder().wrapAndApplyHeader(buffer, 0, header)
            .clientId(0).requestId(0).gameType(gameType).state(InstanceState.OPEN).region(region).mode(mode)
            .ratingBand(ratingBand).minOpenSeats(minOpenSeats).maxResults(maxResults).cursor(cursor);
        return submit(e.encodedLength()).thenApply(bytes ->
        {
            final UnsafeBuffer view = new UnsafeBuffer(bytes);
            final MessageHeaderDecoder h = new MessageHeaderDecoder().wrap(view, 0);
            if (h.templateId() != InstanceSearchResultDecoder.TEMPLATE_ID)
            {
                return new SearchPage(decodeOutcome(bytes).code(), 0, List.of());
            }
            final InstanceSearchResultDecoder d = new InstanceSearchResultDecoder().wrapAndApplyHeader(view, 0, h);
            final ResultCode code = d.code();
            final long next = d.nextCursor();
            final List<InstanceView> hits = new ArrayList<>();
            for (final InstanceSearchResultDecoder.InstancesDecoder i : d.instances())
            {
                hits.add(new InstanceView(i.instanceId(), i.gameType(), i.state(), i.hostId(), i.ownerId(),
                    i.maxPlayers(), i.playerCount(), i.region(), i.mode(), i.ratingBand()));
            }
            return new SearchPage(code, next, hits);
        });
    }

    /**
     * Every server, all pages.
     */
    @Override
    public CompletableFuture<List<Server>> servers()
    {
        return serversFrom(0, new ArrayList<>());
    }

    private CompletableFuture<List<Server>> serversFrom(final long cursor, final List<Server> found)
    {
        final CompletableFuture<byte[]> page;
        synchronized (this)
        {
            final ListServersEncoder e = new ListServersEncoder().wrapAndApplyHeader(buffer, 0, header)
                .clientId(0).requestId(0).cursor(cursor).maxResults(64);
            page = submit(e.encodedLength());
        }
        return page.thenCompose(bytes ->
        {
            final UnsafeBuffer view = new UnsafeBuffer(bytes);
            final MessageHeaderDecoder h = new MessageHeaderDecoder().wrap(view, 0);
            if (h.templateId() != ServerListDecoder.TEMPLATE_ID)
            {
                return CompletableFuture.completedFuture(found);
            }
            final ServerListDecoder d = new ServerListDecoder().wrapAndApplyHeader(view, 0, h);
            final long next = d.nextCursor();
            for (final ServerListDecoder.ServersDecoder s : d.servers())
            {
                final long id = s.serverId();
                final ServerRole role = s.role();
                final ServerState state = s.state();
                final String name = s.name();
                final String endpoint = s.endpoint();
                found.add(new Server(id, role, state, name, endpoint));
            }
            return next == 0 ? CompletableFuture.completedFuture(found) : serversFrom(next, found);
        });
    }

    private CompletableFuture<Outcome> outcome(final int encodedLength)
    {
        return submit(encodedLength).thenApply(MasterRelay::decodeOutcome);
    }

    private CompletableFuture<byte[]> submit(final int encodedLength)
    {
        return requests.submit(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encodedLength);
    }

    static Outcome decodeOutcome(final byte[] bytes)
    {
        final UnsafeBuffer view = new UnsafeBuffer(bytes);
        final MessageHeaderDecoder h = new MessageHeaderDecoder().wrap(view, 0);
        if (h.templateId() != CommandResultDecoder.TEMPLATE_ID)
        {
            throw new IllegalStateException("the master answered template " + h.templateId());
        }
        final CommandResultDecoder d = new CommandResultDecoder().wrapAndApplyHeader(view, 0, h);
        return new Outcome(d.code(), d.subjectId(), d.detailId());
    }

    @Override
    public void close()
    {
        client.close();
    }
}
