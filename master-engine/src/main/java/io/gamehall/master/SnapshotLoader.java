package io.gamehall.master;

import io.gamehall.master.directory.Instance;
import io.gamehall.master.directory.Server;
import io.gamehall.master.directory.User;
import io.gamehall.master.directory.UserDirectory;
import io.gamehall.sbe.snapshot.ClientRecordDecoder;
import io.gamehall.sbe.snapshot.EngineCountersDecoder;
import io.gamehall.sbe.snapshot.InstanceRecordDecoder;
import io.gamehall.sbe.snapshot.MessageHeaderDecoder;
import io.gamehall.sbe.snapshot.ServerRecordDecoder;
import io.gamehall.sbe.snapshot.SnapshotBeginDecoder;
import io.gamehall.sbe.snapshot.SnapshotEndDecoder;
import io.gamehall.sbe.snapshot.UserRecordDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Loads a snapshot written by {@link SnapshotWriter} into a fresh engine, one message at a
 * time. It refuses, with a {@link SnapshotException} that says why, a snapshot that does not
 * start with its begin marker, has records out of place, or whose end marker is missing or
 * disagrees with what was loaded (counts, state hash).
 */
public final class SnapshotLoader
{
    /** A snapshot that cannot be trusted. */
    public static final class SnapshotException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        public SnapshotException(final String message)
        {
            super(message);
        }
    }

    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;

    private final MasterEngine engine;
    private final UnsafeBuffer in = new UnsafeBuffer(0, 0);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final SnapshotBeginDecoder begin = new SnapshotBeginDecoder();
    private final EngineCountersDecoder counters = new EngineCountersDecoder();
    private final ServerRecordDecoder serverRecord = new ServerRecordDecoder();
    private final UserRecordDecoder userRecord = new UserRecordDecoder();
    private final InstanceRecordDecoder instanceRecord = new InstanceRecordDecoder();
    private final ClientRecordDecoder clientRecord = new ClientRecordDecoder();
    private final SnapshotEndDecoder end = new SnapshotEndDecoder();
    private final byte[] name = new byte[Server.MAX_NAME_LENGTH];
    private final byte[] endpoint = new byte[Server.MAX_ENDPOINT_LENGTH];
    private final byte[] version = new byte[Server.MAX_VERSION_LENGTH];
    private boolean begun;
    private boolean countersSeen;
    private boolean ended;
    private long useSequence;
    private int messages;

    /**
     * @param engine a freshly built engine with the same configuration as the one that wrote the snapshot.
     */
    public SnapshotLoader(final MasterEngine engine)
    {
        if (engine.servers.size() != 0 || engine.users.size() != 0 || engine.instances.size() != 0 ||
            engine.clients.size() != 0)
        {
            throw new IllegalArgumentException("a snapshot loads only into an empty engine");
        }
        this.engine = engine;
    }

    /**
     * @return true once the end marker has been read and checked.
     */
    public boolean isComplete()
    {
        return ended;
    }

    /**
     * Check the snapshot was complete.
     *
     * @throws SnapshotException when the end marker was never read.
     */
    public void finish()
    {
        if (!ended)
        {
            throw new SnapshotException("snapshot incomplete: no end marker after " + messages + " messages");
        }
    }

    /**
     * Load one snapshot message.
     *
     * @throws SnapshotException when the message is not what a sound snapshot has here.
     */
    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        messages++;
        if (ended)
        {
            throw fail("message after the end marker");
        }
        if (length < HEADER)
        {
            throw fail("truncated message header");
        }
        in.wrap(buffer, offset, length);
        header.wrap(in, 0);
        if (header.schemaId() != SnapshotBeginDecoder.SCHEMA_ID)
        {
            throw fail("schema id " + header.schemaId() + " is not the snapshot schema " + SnapshotBeginDecoder.SCHEMA_ID);
        }
        if (header.version() > SnapshotBeginDecoder.SCHEMA_VERSION)
        {
            throw fail("snapshot schema version " + header.version() + " is newer than this engine's " +
                SnapshotBeginDecoder.SCHEMA_VERSION);
        }
        final int templateId = header.templateId();
        if (!begun && templateId != SnapshotBeginDecoder.TEMPLATE_ID)
        {
            throw fail("does not start with the begin marker");
        }
        try
        {
            load(templateId, header.blockLength(), header.version());
        }
        catch (final IndexOutOfBoundsException ex)
        {
            throw fail("truncated message, template " + templateId);
        }
    }

    private void load(final int templateId, final int blockLength, final int actingVersion)
    {
        switch (templateId)
        {
            case SnapshotBeginDecoder.TEMPLATE_ID:
                if (begun)
                {
                    throw fail("second begin marker");
                }
                begin.wrap(in, HEADER, blockLength, actingVersion);
                if (begin.magic() != SnapshotWriter.MAGIC)
                {
                    throw fail("bad magic: not a gamehall master snapshot");
                }
                if (begin.formatVersion() != SnapshotWriter.FORMAT_VERSION)
                {
                    throw fail("unsupported snapshot format " + begin.formatVersion());
                }
                begun = true;
                break;

            case EngineCountersDecoder.TEMPLATE_ID:
                counters.wrap(in, HEADER, blockLength, actingVersion);
                engine.nextServerId = counters.nextServerId();
                engine.nextInstanceId = counters.nextInstanceId();
                engine.livenessDeadline = counters.livenessTimerDeadline();
                useSequence = counters.clientUseSequence();
                countersSeen = true;
                break;

            case ServerRecordDecoder.TEMPLATE_ID:
                requireCounters();
                loadServer(blockLength, actingVersion);
                break;

            case UserRecordDecoder.TEMPLATE_ID:
                requireCounters();
                loadUser(blockLength, actingVersion);
                break;

            case InstanceRecordDecoder.TEMPLATE_ID:
                requireCounters();
                loadInstance(blockLength, actingVersion);
                break;

            case ClientRecordDecoder.TEMPLATE_ID:
                requireCounters();
                loadClient(blockLength, actingVersion);
                break;

            case SnapshotEndDecoder.TEMPLATE_ID:
                requireCounters();
                end.wrap(in, HEADER, blockLength, actingVersion);
                checkEnd();
                break;

            default:
                throw fail("unknown snapshot template " + templateId);
        }
    }

    private void loadServer(final int blockLength, final int actingVersion)
    {
        final ServerRecordDecoder d = serverRecord.wrap(in, HEADER, blockLength, actingVersion);
        final var role = CommandAdapter.roleOf(d.roleRaw());
        final short stateRaw = d.stateRaw();
        if (role == null || stateRaw < 1 || stateRaw > 3)
        {
            throw fail("server " + d.serverId() + " has a bad role or state");
        }
        if (engine.servers.get(d.serverId()) != null || engine.servers.isFull())
        {
            throw fail("server " + d.serverId() + " duplicated or more servers than maxServers");
        }
        final Server server = engine.servers.restore(d.serverId());
        engine.servers.restoreFields(
            server,
            role,
            io.gamehall.sbe.master.ServerState.get(stateRaw),
            d.capacity(),
            d.load(),
            d.assigned(),
            d.registeredTime(),
            d.lastHeartbeatTime());
        final ServerRecordDecoder.GameTypesDecoder types = d.gameTypes();
        if (types.count() > Server.MAX_GAME_TYPES)
        {
            throw fail("server " + d.serverId() + " has too many game types");
        }
        for (final ServerRecordDecoder.GameTypesDecoder type : types)
        {
            engine.servers.restoreGameType(server, type.gameType());
        }
        final int nameLength = readBounded(d.nameLength(), name.length, "server name");
        d.getName(name, 0, nameLength);
        final int endpointLength = readBounded(d.endpointLength(), endpoint.length, "server endpoint");
        d.getEndpoint(endpoint, 0, endpointLength);
        final int versionLength = readBounded(d.softwareVersionLength(), version.length, "server version");
        d.getSoftwareVersion(version, 0, versionLength);
        engine.servers.restoreStrings(server, name, nameLength, endpoint, endpointLength, version, versionLength);
        if (engine.servers.findByName(name, nameLength) != null)
        {
            throw fail("server name duplicated in snapshot");
        }
        engine.servers.indexRestored(server);
    }

    private void loadUser(final int blockLength, final int actingVersion)
    {
        final UserRecordDecoder d = userRecord.wrap(in, HEADER, blockLength, actingVersion);
        final long userId = d.userId();
        final short stateRaw = d.stateRaw();
        if (stateRaw < 1 || stateRaw > 2)
        {
            throw fail("user " + userId + " has a bad state");
        }
        final long gatewayId = d.gatewayId();
        final long instanceId = d.instanceId();
        final long checkInTime = d.checkInTime();
        final int nameLength = readBounded(d.nameLength(), name.length, "user name");
        d.getName(name, 0, nameLength);
        if (engine.users.get(userId) != null || engine.users.findByName(name, nameLength) != null ||
            engine.users.isFull())
        {
            throw fail("user " + userId + " duplicated or more users than maxUsers");
        }
        final int slot = restoreSlot(d.slot(), UserRecordDecoder.slotNullValue(), engine.users.capacity(), "user", userId);
        final User holder = slot < 0 ? null : engine.users.atOrAfterSlot(slot);
        if (holder != null && holder.slot() == slot)
        {
            throw fail("users " + holder.id() + " and " + userId + " recorded in the same slot " + slot);
        }
        engine.users.restore(
            slot, userId, io.gamehall.sbe.master.UserState.get(stateRaw), gatewayId, instanceId, checkInTime, name,
            nameLength);
    }

    private void loadInstance(final int blockLength, final int actingVersion)
    {
        final InstanceRecordDecoder d = instanceRecord.wrap(in, HEADER, blockLength, actingVersion);
        final long instanceId = d.instanceId();
        final var state = CommandAdapter.instanceStateOf(d.stateRaw());
        final var resumeState = CommandAdapter.instanceStateOf(d.resumeStateRaw());
        if (state == null || resumeState == null)
        {
            throw fail("instance " + instanceId + " has a bad state");
        }
        final int maxPlayers = d.maxPlayers();
        if (maxPlayers < 1 || maxPlayers > engine.config().maxPlayersPerInstance())
        {
            throw fail("instance " + instanceId + " has maxPlayers " + maxPlayers + " beyond this engine's limit");
        }
        if (engine.instances.get(instanceId) != null || engine.instances.isFull())
        {
            throw fail("instance " + instanceId + " duplicated or more instances than maxInstances");
        }
        final int slot = restoreSlot(
            d.slot(), InstanceRecordDecoder.slotNullValue(), engine.instances.capacity(), "instance", instanceId);
        final Instance holder = slot < 0 ? null : engine.instances.atOrAfterSlot(slot);
        if (holder != null && holder.slot() == slot)
        {
            throw fail("instances " + holder.id() + " and " + instanceId + " recorded in the same slot " + slot);
        }
        final Instance instance = engine.instances.restore(
            slot,
            instanceId,
            d.gameType(),
            state,
            resumeState,
            d.hostId(),
            d.ownerId(),
            maxPlayers,
            d.region(),
            d.mode(),
            d.ratingBand(),
            d.createdTime());
        final InstanceRecordDecoder.PlayersDecoder players = d.players();
        if (players.count() > maxPlayers)
        {
            throw fail("instance " + instanceId + " has more players than seats");
        }
        for (final InstanceRecordDecoder.PlayersDecoder player : players)
        {
            engine.instances.restorePlayer(instance, player.userId());
        }
        engine.instances.indexRestored(instance);
    }

    private void loadClient(final int blockLength, final int actingVersion)
    {
        final ClientRecordDecoder d = clientRecord.wrap(in, HEADER, blockLength, actingVersion);
        final ClientTable clients = engine.clients;
        if (clients.get(d.clientId()) != null || clients.size() >= engine.config().maxClients())
        {
            throw fail("client " + d.clientId() + " duplicated or more clients than maxClients");
        }
        final ClientTable.Client client = clients.restore(d.clientId(), d.highestRequestId(), d.lastUse(),
            actingVersion >= ClientRecordDecoder.lastUseTimeSinceVersion() ? d.lastUseTime() : 0);
        for (final ClientRecordDecoder.ResultsDecoder result : d.results())
        {
            clients.record(
                client,
                result.requestId(),
                result.command(),
                result.codeRaw(),
                result.subjectId(),
                result.detailId());
        }
    }

    private void checkEnd()
    {
        engine.clients.finishRestore(useSequence);
        if (end.serverCount() != engine.servers.size() || end.userCount() != engine.users.size() ||
            end.instanceCount() != engine.instances.size() || end.clientCount() != engine.clients.size())
        {
            throw fail("end marker counts (servers " + end.serverCount() + ", users " + end.userCount() +
                ", instances " + end.instanceCount() + ", clients " + end.clientCount() + ") disagree with loaded (" +
                engine.servers.size() + ", " + engine.users.size() + ", " + engine.instances.size() + ", " +
                engine.clients.size() + ")");
        }
        final int hashVersion = end.actingVersion() >= SnapshotEndDecoder.hashVersionSinceVersion() ? end.hashVersion() : 1;
        if (!MasterEngine.knowsStateHashVersion(hashVersion))
        {
            throw fail("unknown state hash version " + hashVersion);
        }
        final long hash = engine.stateHash(hashVersion);
        if (end.stateHash() != hash)
        {
            throw fail("state hash " + Long.toHexString(hash) + " (version " + hashVersion +
                ") after loading differs from the recorded " + Long.toHexString(end.stateHash()));
        }
        ended = true;
    }

    private void requireCounters()
    {
        if (!countersSeen)
        {
            throw fail("records before the engine counters");
        }
    }

    private int readBounded(final int length, final int max, final String what)
    {
        if (length > max)
        {
            throw fail(what + " longer than " + max + " bytes");
        }
        return length;
    }

    /**
     * @return the recorded slot to restore into, or ANY_SLOT for a snapshot that has none.
     */
    private int restoreSlot(final int slot, final int nullValue, final int capacity, final String kind, final long id)
    {
        if (slot == nullValue)
        {
            return UserDirectory.ANY_SLOT;
        }
        if (slot < 0 || slot >= capacity)
        {
            throw fail(kind + " " + id + " sits in slot " + slot + ", beyond this engine's " + capacity +
                " slots: start it with the limit the snapshot was taken with (at least " + (slot + 1) + ")");
        }
        return slot;
    }

    private SnapshotException fail(final String why)
    {
        return new SnapshotException("snapshot refused at message " + messages + ": " + why);
    }
}
