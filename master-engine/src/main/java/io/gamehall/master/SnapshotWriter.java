package io.gamehall.master;

import io.gamehall.master.directory.Instance;
import io.gamehall.master.directory.Server;
import io.gamehall.master.directory.User;
import io.gamehall.sbe.snapshot.ClientRecordEncoder;
import io.gamehall.sbe.snapshot.EngineCountersEncoder;
import io.gamehall.sbe.snapshot.InstanceRecordEncoder;
import io.gamehall.sbe.snapshot.InstanceState;
import io.gamehall.sbe.snapshot.MessageHeaderEncoder;
import io.gamehall.sbe.snapshot.ResultCode;
import io.gamehall.sbe.snapshot.ServerRecordEncoder;
import io.gamehall.sbe.snapshot.ServerRole;
import io.gamehall.sbe.snapshot.ServerState;
import io.gamehall.sbe.snapshot.SnapshotBeginEncoder;
import io.gamehall.sbe.snapshot.SnapshotEndEncoder;
import io.gamehall.sbe.snapshot.UserRecordEncoder;
import io.gamehall.sbe.snapshot.UserState;
import org.agrona.ExpandableArrayBuffer;

/**
 * Writes an engine's state as snapshot messages (schema {@code master-snapshot.xml}):
 * begin marker, counters, every server, user, instance and client in ascending id order,
 * end marker with counts and the state hash. Equal states give byte-identical snapshots.
 */
public final class SnapshotWriter
{
    /** Marks a gamehall snapshot: "gamehall" in ASCII. */
    public static final long MAGIC = 0x67616D6568616C6CL;
    /** Application-level snapshot format; bump when the meaning of records changes. */
    public static final int FORMAT_VERSION = 1;

    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;

    private long lastStateHash;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final SnapshotBeginEncoder begin = new SnapshotBeginEncoder();
    private final EngineCountersEncoder counters = new EngineCountersEncoder();
    private final ServerRecordEncoder serverRecord = new ServerRecordEncoder();
    private final UserRecordEncoder userRecord = new UserRecordEncoder();
    private final InstanceRecordEncoder instanceRecord = new InstanceRecordEncoder();
    private final ClientRecordEncoder clientRecord = new ClientRecordEncoder();
    private final SnapshotEndEncoder end = new SnapshotEndEncoder();

    /**
     * @return the state hash the last {@link #write} put in its end marker: the engine's
     * {@link MasterEngine#stateHash()} at the time, without computing it again.
     */
    public long lastStateHash()
    {
        return lastStateHash;
    }

    /**
     * Write the whole state of an engine.
     *
     * @param engine    the engine.
     * @param timestamp cluster time the snapshot is taken at.
     * @param sink      receives the messages in order.
     */
    public void write(final MasterEngine engine, final long timestamp, final SnapshotSink sink)
    {
        begin.wrapAndApplyHeader(buffer, 0, header).magic(MAGIC).formatVersion(FORMAT_VERSION).takenAt(timestamp);
        sink.onMessage(buffer, 0, HEADER + begin.encodedLength());

        counters.wrapAndApplyHeader(buffer, 0, header)
            .nextServerId(engine.nextServerId)
            .nextInstanceId(engine.nextInstanceId)
            .livenessTimerDeadline(engine.livenessDeadline)
            .clientUseSequence(engine.clients.useSequence());
        sink.onMessage(buffer, 0, HEADER + counters.encodedLength());

        for (Server s = engine.servers.first(); s != null; s = engine.servers.next(s))
        {
            serverRecord.wrapAndApplyHeader(buffer, 0, header)
                .serverId(s.id())
                .role(ServerRole.get(s.role().value()))
                .state(ServerState.get(s.state().value()))
                .capacity(s.capacity())
                .load(s.load())
                .assigned(s.assigned())
                .registeredTime(s.registeredTime())
                .lastHeartbeatTime(s.lastHeartbeatTime());
            final ServerRecordEncoder.GameTypesEncoder types = serverRecord.gameTypesCount(s.gameTypeCount());
            for (int i = 0; i < s.gameTypeCount(); i++)
            {
                types.next().gameType(s.gameType(i));
            }
            serverRecord.putName(s.nameBytes(), 0, s.nameLength())
                .putEndpoint(s.endpointBytes(), 0, s.endpointLength())
                .putSoftwareVersion(s.softwareVersionBytes(), 0, s.softwareVersionLength());
            sink.onMessage(buffer, 0, HEADER + serverRecord.encodedLength());
        }

        for (final int slot : engine.users.slotsInIdOrder())
        {
            final User u = engine.users.atSlot(slot);
            userRecord.wrapAndApplyHeader(buffer, 0, header)
                .userId(u.id())
                .state(UserState.get(u.state().value()))
                .gatewayId(u.gatewayId())
                .instanceId(u.instanceId())
                .checkInTime(u.checkInTime())
                .slot(u.slot())
                .putName(u.nameBytes(), 0, u.nameLength());
            sink.onMessage(buffer, 0, HEADER + userRecord.encodedLength());
        }

        for (final int slot : engine.instances.slotsInIdOrder())
        {
            final Instance i = engine.instances.atSlot(slot);
            instanceRecord.wrapAndApplyHeader(buffer, 0, header)
                .instanceId(i.id())
                .gameType(i.gameType())
                .state(InstanceState.get(i.state().value()))
                .resumeState(InstanceState.get(i.resumeState().value()))
                .hostId(i.hostId())
                .ownerId(i.ownerId())
                .maxPlayers(i.maxPlayers())
                .region(i.region())
                .mode(i.mode())
                .ratingBand(i.ratingBand())
                .createdTime(i.createdTime())
                .slot(i.slot());
            final InstanceRecordEncoder.PlayersEncoder players = instanceRecord.playersCount(i.playerCount());
            for (int seat = 0; seat < i.playerCount(); seat++)
            {
                players.next().userId(i.player(seat));
            }
            sink.onMessage(buffer, 0, HEADER + instanceRecord.encodedLength());
        }

        final ClientTable clients = engine.clients;
        for (final long clientId : clients.sortedClientIds())
        {
            final ClientTable.Client c = clients.get(clientId);
            int count = 0;
            for (final long requestId : c.requestIds)
            {
                count += requestId != 0 ? 1 : 0;
            }
            clientRecord.wrapAndApplyHeader(buffer, 0, header)
                .clientId(c.clientId)
                .highestRequestId(c.highestRequestId)
                .lastUse(c.lastUse)
                .lastUseTime(c.lastUseTime);
            final ClientRecordEncoder.ResultsEncoder results = clientRecord.resultsCount(count);
            for (int k = 0; k < c.requestIds.length; k++)
            {
                if (c.requestIds[k] != 0)
                {
                    results.next()
                        .requestId(c.requestIds[k])
                        .command(c.commands[k])
                        .code(ResultCode.get(c.codes[k]))
                        .subjectId(c.subjectIds[k])
                        .detailId(c.detailIds[k]);
                }
            }
            sink.onMessage(buffer, 0, HEADER + clientRecord.encodedLength());
        }

        end.wrapAndApplyHeader(buffer, 0, header)
            .serverCount(engine.servers.size())
            .userCount(engine.users.size())
            .instanceCount(engine.instances.size())
            .clientCount(clients.size())
            .stateHash(lastStateHash = engine.stateHash())
            .hashVersion((short)MasterEngine.STATE_HASH_VERSION);
        sink.onMessage(buffer, 0, HEADER + end.encodedLength());
    }
}
