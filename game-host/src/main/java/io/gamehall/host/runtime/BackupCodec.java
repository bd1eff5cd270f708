package io.gamehall.host.runtime;

import io.gamehall.sbe.backup.InstanceBackupRecordDecoder;
import io.gamehall.sbe.backup.InstanceBackupRecordEncoder;
import io.gamehall.sbe.backup.MessageHeaderDecoder;
import io.gamehall.sbe.backup.MessageHeaderEncoder;
import io.gamehall.store.GameEvent;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * An instance's backup as the store keeps it (schema host-backup, id 7106): the runtime's part
 * (start time, owner, seats, the history so far) and the game's own state bytes.
 */
final class BackupCodec
{
    /**
     * What a backup holds.
     */
    record Decoded(long instanceId, int gameType, long startTimeMs, long ownerId, int maxPlayers,
        List<GameEvent> history, byte[] gameState)
    {
    }

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final InstanceBackupRecordEncoder encoder = new InstanceBackupRecordEncoder();

    byte[] encode(final Instance instance, final byte[] gameState)
    {
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .instanceId(instance.id)
            .gameType(instance.settings.gameType())
            .startTimeMs(instance.startTimeMs)
            .ownerId(instance.settings.ownerId())
            .maxPlayers(instance.settings.maxPlayers());
        final InstanceBackupRecordEncoder.HistoryEncoder history = encoder.historyCount(instance.history.size());
        for (final GameEvent event : instance.history)
        {
            history.next().timeMs(event.timeMs()).playerId(event.playerId()).kind(event.kind())
                .putPayload(event.payload(), 0, event.payload().length);
        }
        encoder.putGameState(gameState, 0, gameState.length);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    static Decoded decode(final byte[] bytes)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        if (bytes.length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            throw new IllegalArgumentException("backup too short: " + bytes.length + " bytes");
        }
        header.wrap(buffer, 0);
        if (header.schemaId() != InstanceBackupRecordDecoder.SCHEMA_ID ||
            header.templateId() != InstanceBackupRecordDecoder.TEMPLATE_ID)
        {
            throw new IllegalArgumentException("not an instance backup: schema " + header.schemaId() +
                " template " + header.templateId());
        }
        final InstanceBackupRecordDecoder decoder = new InstanceBackupRecordDecoder()
            .wrapAndApplyHeader(buffer, 0, header);
        final long instanceId = decoder.instanceId();
        final int gameType = decoder.gameType();
        final long startTimeMs = decoder.startTimeMs();
        final long ownerId = decoder.ownerId();
        final int maxPlayers = decoder.maxPlayers();
        final List<GameEvent> history = new ArrayList<>();
        for (final InstanceBackupRecordDecoder.HistoryDecoder event : decoder.history())
        {
            final long timeMs = event.timeMs();
            final long playerId = event.playerId();
            final int kind = event.kind();
            final byte[] payload = new byte[event.payloadLength()];
            event.getPayload(payload, 0, payload.length);
            history.add(new GameEvent(timeMs, playerId, kind, payload));
        }
        final byte[] gameState = new byte[decoder.gameStateLength()];
        decoder.getGameState(gameState, 0, gameState.length);
        return new Decoded(instanceId, gameType, startTimeMs, ownerId, maxPlayers, history, gameState);
    }
}
