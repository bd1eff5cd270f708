package io.gamehall.host.runtime;

import io.gamehall.replication.client.MasterClient;
import io.gamehall.replication.client.MasterClientListener;
import io.gamehall.replication.client.PendingRequests;
import io.gamehall.replication.client.Registration;
import io.gamehall.sbe.master.CommandResultDecoder;
import io.gamehall.sbe.master.DrainOrderDecoder;
import io.gamehall.sbe.master.InstanceEndedEncoder;
import io.gamehall.sbe.master.InstanceReadyEncoder;
import io.gamehall.sbe.master.MessageHeaderDecoder;
import io.gamehall.sbe.master.MessageHeaderEncoder;
import io.gamehall.sbe.master.PlayerJoinedDecoder;
import io.gamehall.sbe.master.PlayerLeftDecoder;
import io.gamehall.sbe.master.PlayerReattachedDecoder;
import io.gamehall.sbe.master.RegisterServerEncoder;
import io.gamehall.sbe.master.RestoreInstanceDecoder;
import io.gamehall.sbe.master.ResultCode;
import io.gamehall.sbe.master.ServerHeartbeatEncoder;
import io.gamehall.sbe.master.ServerRole;
import io.gamehall.sbe.master.SpawnInstanceDecoder;
import io.gamehall.sbe.master.TerminateInstanceDecoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The host's side of the master: registration as a GAME_HOST, heartbeats with its load,
 * instance ready/ended reports, and the master's orders routed to the runners.
 */
final class MasterLink implements MasterReports, MasterClientListener
{
    private static final Logger LOG = LoggerFactory.getLogger(MasterLink.class);
    private static final int REPORT_ATTEMPTS = 5;

    private final PendingRequests requests;
    private final HostRunner[] runners;
    private final AtomicInteger load;
    private final String name;
    private final String endpoint;
    private final int capacity;
    private final int[] gameTypes;
    private final String softwareVersion;
    private final long heartbeatIntervalMs;
    private final Runnable onDrain;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final RegisterServerEncoder register = new RegisterServerEncoder();
    private final ServerHeartbeatEncoder heartbeat = new ServerHeartbeatEncoder();
    private final InstanceReadyEncoder ready = new InstanceReadyEncoder();
    private final InstanceEndedEncoder ended = new InstanceEndedEncoder();
    private final MessageHeaderDecoder eventHeader = new MessageHeaderDecoder();
    private volatile long serverId;
    private volatile boolean registering;
    private long nextHeartbeatMs;
    private boolean heartbeatInFlight;

    MasterLink(
        final HostRunner[] runners,
        final AtomicInteger load,
        final String name,
        final String endpoint,
        final int capacity,
        final int[] gameTypes,
        final String softwareVersion,
        final long heartbeatIntervalMs,
        final Runnable onDrain)
    {
        this.requests = new PendingRequests(bytes -> onEvent(new UnsafeBuffer(bytes), 0, bytes.length), this);
        this.runners = runners;
        this.load = load;
        this.name = name;
        this.endpoint = endpoint;
        this.capacity = capacity;
        this.gameTypes = gameTypes.clone();
        this.softwareVersion = softwareVersion;
        this.heartbeatIntervalMs = heartbeatIntervalMs;
        this.onDrain = onDrain;
    }

    PendingRequests listener()
    {
        return requests;
    }

    void client(final MasterClient client)
    {
        requests.client(client);
    }

    /**
     * @return the id the master gave this host, 0 before registration.
     */
    long serverId()
    {
        return serverId;
    }

    /**
     * Register, retrying until the master answers OK or the deadline passes.
     *
     * @throws IllegalStateException when the master refuses (a name held by a live server, bad
     *                               values) or cannot be reached in time.
     */
    void register(final long timeoutMs)
    {
        serverId = Registration.register("host " + name, timeoutMs,
            () -> submitRegister(null).thenApply(MasterLink::answer),
            unknown -> submitRegister(unknown).thenApply(MasterLink::answer));
        LOG.info("registered with the master as host {} ({}), endpoint {}", serverId, name, endpoint);
    }

    /**
     * Heartbeat when due; called from the inbound thread's duty cycle.
     */
    void onDuty(final long nowMs)
    {
        if (serverId == 0 || heartbeatInFlight || registering || nowMs < nextHeartbeatMs)
        {
            return;
        }
        nextHeartbeatMs = nowMs + heartbeatIntervalMs;
        heartbeatInFlight = true;
        final CompletableFuture<byte[]> sent;
        synchronized (buffer)
        {
            heartbeat.wrapAndApplyHeader(buffer, 0, headerEncoder)
                .clientId(0).requestId(0).serverId(serverId).load(load.get());
            sent = requests.submit(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + heartbeat.encodedLength());
        }
        sent.whenComplete((response, ex) ->
        {
            heartbeatInFlight = false;
            if (ex != null)
            {
                LOG.debug("heartbeat not answered: {}", ex.toString());
                return;
            }
            final ResultCode code = decodeResult(response).code();
            if (code == ResultCode.SERVER_DEAD || code == ResultCode.UNKNOWN_SERVER)
            {
                reRegister(code);
            }
        });
    }

    /**
     * The master declared this host dead (it was cut off longer than the server timeout) and
     * re-placed its instances: drop them here and register again.
     */
    private void reRegister(final ResultCode why)
    {
        registering = true;
        LOG.warn("the master answered {} to a heartbeat: its instances were moved; registering again", why);
        for (final HostRunner runner : runners)
        {
            runner.dropAll();
        }
        submitRegister(null).whenComplete((response, ex) ->
        {
            registering = false;
            if (ex == null)
            {
                final CommandResultDecoder result = decodeResult(response);
                if (result.code() == ResultCode.OK)
                {
                    serverId = result.subjectId();
                    LOG.info("registered again as host {}", serverId);
                    return;
                }
                LOG.error("registering again failed: {}", result.code());
            }
            else
            {
                LOG.error("registering again failed: {}", ex.toString());
            }
        });
    }

    @Override
    public void instanceReady(final long instanceId)
    {
        report(instanceId, true, 1, new CompletableFuture<>());
    }

    @Override
    public CompletableFuture<Void> instanceEnded(final long instanceId)
    {
        final CompletableFuture<Void> told = new CompletableFuture<>();
        report(instanceId, false, 1, told);
        return told;
    }

    private void report(final long instanceId, final boolean isReady, final int attempt,
        final CompletableFuture<Void> told)
    {
        final CompletableFuture<byte[]> sent;
        synchronized (buffer)
        {
            final int length;
            if (isReady)
            {
                ready.wrapAndApplyHeader(buffer, 0, headerEncoder)
                    .clientId(0).requestId(0).hostId(serverId).instanceId(instanceId);
                length = MessageHeaderEncoder.ENCODED_LENGTH + ready.encodedLength();
            }
            else
            {
                ended.wrapAndApplyHeader(buffer, 0, headerEncoder)
                    .clientId(0).requestId(0).hostId(serverId).instanceId(instanceId);
                length = MessageHeaderEncoder.ENCODED_LENGTH + ended.encodedLength();
            }
            sent = requests.submit(buffer, 0, length);
        }
        sent.whenComplete((response, ex) ->
        {
            if (ex != null)
            {
                if (attempt < REPORT_ATTEMPTS)
                {
                    CompletableFuture.delayedExecutor(100L * attempt, TimeUnit.MILLISECONDS)
                        .execute(() -> report(instanceId, isReady, attempt + 1, told));
                }
                else
                {
                    LOG.error("instance {}: the master was not told it is {}: {}", instanceId,
                        isReady ? "ready" : "ended", ex.toString());
                    told.complete(null);
                }
                return;
            }
            final ResultCode code = decodeResult(response).code();
            if (code != ResultCode.OK)
            {
                LOG.warn("instance {}: the master answered {} to {}", instanceId, code, isReady ? "ready" : "ended");
            }
            told.complete(null);
        });
    }

    private static Registration.Answer answer(final byte[] response)
    {
        final CommandResultDecoder result = decodeResult(response);
        return new Registration.Answer(result.code(), result.subjectId());
    }

    /**
     * @param unknown an earlier attempt to ask again with its request id, or null for a new one.
     */
    private CompletableFuture<byte[]> submitRegister(final io.gamehall.replication.client.OutcomeUnknownException unknown)
    {
        synchronized (buffer)
        {
            register.wrapAndApplyHeader(buffer, 0, headerEncoder)
                .clientId(0).requestId(0).role(ServerRole.GAME_HOST).capacity(capacity);
            final RegisterServerEncoder.GameTypesEncoder types = register.gameTypesCount(gameTypes.length);
            for (final int gameType : gameTypes)
            {
                types.next().gameType(gameType);
            }
            register.name(name).endpoint(endpoint).softwareVersion(softwareVersion);
            final int length = MessageHeaderEncoder.ENCODED_LENGTH + register.encodedLength();
            return unknown == null ? requests.submit(buffer, 0, length) : requests.reask(unknown, buffer, 0, length);
        }
    }

    private static CommandResultDecoder decodeResult(final byte[] response)
    {
        final UnsafeBuffer view = new UnsafeBuffer(response);
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(view, 0);
        if (header.templateId() != CommandResultDecoder.TEMPLATE_ID)
        {
            throw new IllegalStateException("unexpected answer, template " + header.templateId());
        }
        return new CommandResultDecoder().wrapAndApplyHeader(view, 0, header);
    }

    // ------------------------------------------------------------------ events (the client's thread)

    @Override
    public void onResponse(final long tag, final org.agrona.DirectBuffer buffer, final int offset, final int length)
    {
        // PendingRequests handles responses; this listener only sees events and connection changes.
    }

    @Override
    public void onTimeout(final long tag)
    {
    }

    @Override
    public void onEvent(final org.agrona.DirectBuffer buffer, final int offset, final int length)
    {
        eventHeader.wrap(buffer, offset);
        final int templateId = eventHeader.templateId();
        switch (templateId)
        {
            case SpawnInstanceDecoder.TEMPLATE_ID, RestoreInstanceDecoder.TEMPLATE_ID, PlayerJoinedDecoder.TEMPLATE_ID,
                PlayerLeftDecoder.TEMPLATE_ID, PlayerReattachedDecoder.TEMPLATE_ID, TerminateInstanceDecoder.TEMPLATE_ID ->
            {
                // every instance event starts its block with hostId, then instanceId
                final long instanceId = buffer.getLong(
                    offset + MessageHeaderDecoder.ENCODED_LENGTH + 8, java.nio.ByteOrder.LITTLE_ENDIAN);
                final HostRunner runner = runners[InboundAgent.runnerOf(instanceId, runners.length)];
                while (!runner.offer(HostRunner.MASTER_EVENT, buffer, offset, length))
                {
                    Thread.yield();
                }
            }
            case DrainOrderDecoder.TEMPLATE_ID ->
            {
                LOG.info("the master asked this host to drain: no new instances; it exits when the last one ends");
                onDrain.run();
            }
            default ->
            {
            }
        }
    }

    @Override
    public void onConnected(final boolean reconnect)
    {
        LOG.info("{} the master", reconnect ? "reconnected to" : "connected to");
    }

    @Override
    public void onDisconnected(final String reason)
    {
        LOG.warn("lost the master: {}", reason);
    }

    @Override
    public void onError(final Throwable error)
    {
        LOG.warn("master client: {}", error.toString());
    }

    List<HostRunner> runners()
    {
        return List.of(runners);
    }
}
