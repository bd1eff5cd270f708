package io.gamehall.host.runtime;

import io.gamehall.host.api.InstanceSettings;
import io.gamehall.sbe.host.PlayerMessageDecoder;
import io.gamehall.sbe.host.PlayerSyncDecoder;
import io.gamehall.sbe.master.MessageHeaderDecoder;
import io.gamehall.sbe.master.PlayerJoinedDecoder;
import io.gamehall.sbe.master.PlayerLeftDecoder;
import io.gamehall.sbe.master.PlayerReattachedDecoder;
import io.gamehall.sbe.master.RestoreInstanceDecoder;
import io.gamehall.sbe.master.SpawnInstanceDecoder;
import io.gamehall.sbe.master.TerminateInstanceDecoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a runner's inbox records (player messages and syncs from the inbound thread, the
 * master's events about one instance) and calls a {@link Handler} with plain values. A handler
 * that cannot take an input yet (its instance is loading or holding output back) answers false,
 * and the adapter hands the undecoded record back to it to keep in order ({@link Handler#defer}).
 */
final class RunnerInboxAdapter implements MessageHandler
{
    /** Inbox record: a host-protocol PlayerMessage, header first. */
    static final int PLAYER_MESSAGE = 1;
    /** Inbox record: a master-protocol event about one instance, header first. */
    static final int MASTER_EVENT = 2;
    /** Deferred record: a game timer (8 bytes, its id). */
    static final int TIMER = 3;
    /** Inbox record: a host-protocol PlayerSync, header first. */
    static final int PLAYER_SYNC = 4;

    private static final Logger LOG = LoggerFactory.getLogger(RunnerInboxAdapter.class);

    /**
     * What a runner does with each input. A method answering false asks for the input to be deferred.
     */
    interface Handler
    {
        /**
         * @param replay true when the input was deferred and is applied now.
         */
        boolean onPlayerMessage(long gatewayId, long instanceId, long userId, long sequence, int kind,
            DirectBuffer payload, int payloadOffset, int payloadLength, boolean replay);

        boolean onPlayerSync(long gatewayId, long instanceId, long userId, boolean replay);

        void onSpawn(long instanceId, InstanceSettings settings, long ownerGatewayId);

        /**
         * @param users    the seated players, in seat order (the adapter's list: copy what is kept).
         * @param gateways each player's gateway.
         */
        void onRestore(long instanceId, InstanceSettings settings, LongArrayList users, LongArrayList gateways);

        boolean onPlayerJoined(long instanceId, long userId, long gatewayId, boolean replay);

        boolean onPlayerLeft(long instanceId, long userId, boolean replay);

        boolean onPlayerReattached(long instanceId, long userId, long gatewayId, boolean replay);

        void onTerminate(long instanceId);

        /**
         * Keep an input of {@code type} for instance {@code instanceId} until it can be applied.
         */
        void defer(long instanceId, int type, DirectBuffer buffer, int offset, int length);
    }

    private final Handler handler;
    private final MessageHeaderDecoder masterHeader = new MessageHeaderDecoder();
    private final io.gamehall.sbe.host.MessageHeaderDecoder hostHeader = new io.gamehall.sbe.host.MessageHeaderDecoder();
    private final PlayerMessageDecoder playerMessage = new PlayerMessageDecoder();
    private final PlayerSyncDecoder playerSync = new PlayerSyncDecoder();
    private final SpawnInstanceDecoder spawn = new SpawnInstanceDecoder();
    private final RestoreInstanceDecoder restore = new RestoreInstanceDecoder();
    private final PlayerJoinedDecoder joined = new PlayerJoinedDecoder();
    private final PlayerLeftDecoder left = new PlayerLeftDecoder();
    private final PlayerReattachedDecoder reattached = new PlayerReattachedDecoder();
    private final TerminateInstanceDecoder terminate = new TerminateInstanceDecoder();
    private final UnsafeBuffer payloadView = new UnsafeBuffer(0, 0);
    private final LongArrayList users = new LongArrayList();
    private final LongArrayList gateways = new LongArrayList();

    RunnerInboxAdapter(final Handler handler)
    {
        this.handler = handler;
    }

    @Override
    public void onMessage(final int type, final MutableDirectBuffer buffer, final int offset, final int length)
    {
        onRecord(type, buffer, offset, length, false);
    }

    /**
     * Decode one record of an inbox type.
     *
     * @param replay true when the record was deferred and is applied now.
     */
    void onRecord(final int type, final DirectBuffer buffer, final int offset, final int length, final boolean replay)
    {
        switch (type)
        {
            case PLAYER_MESSAGE -> onPlayerMessage(buffer, offset, length, replay);
            case MASTER_EVENT -> onMasterEvent(buffer, offset, length, replay);
            case PLAYER_SYNC -> onPlayerSync(buffer, offset, length, replay);
            default -> LOG.error("inbox record type {} unknown", type);
        }
    }

    private void onPlayerMessage(final DirectBuffer buffer, final int offset, final int length, final boolean replay)
    {
        playerMessage.wrapAndApplyHeader(buffer, offset, hostHeader);
        final long gatewayId = playerMessage.gatewayId();
        final long instanceId = playerMessage.instanceId();
        final long userId = playerMessage.userId();
        final long sequence = playerMessage.sequence();
        final int kind = playerMessage.kind();
        playerMessage.wrapPayload(payloadView);
        if (!handler.onPlayerMessage(gatewayId, instanceId, userId, sequence, kind, payloadView, 0,
            payloadView.capacity(), replay))
        {
            handler.defer(instanceId, PLAYER_MESSAGE, buffer, offset, length);
        }
    }

    private void onPlayerSync(final DirectBuffer buffer, final int offset, final int length, final boolean replay)
    {
        playerSync.wrapAndApplyHeader(buffer, offset, hostHeader);
        final long instanceId = playerSync.instanceId();
        if (!handler.onPlayerSync(playerSync.gatewayId(), instanceId, playerSync.userId(), replay))
        {
            handler.defer(instanceId, PLAYER_SYNC, buffer, offset, length);
        }
    }

    private void onMasterEvent(final DirectBuffer buffer, final int offset, final int length, final boolean replay)
    {
        masterHeader.wrap(buffer, offset);
        final int templateId = masterHeader.templateId();
        switch (templateId)
        {
            case SpawnInstanceDecoder.TEMPLATE_ID ->
            {
                spawn.wrapAndApplyHeader(buffer, offset, masterHeader);
                final InstanceSettings settings = new InstanceSettings(spawn.gameType(), spawn.ownerId(),
                    spawn.maxPlayers(), spawn.region(), spawn.mode(), spawn.ratingBand());
                handler.onSpawn(spawn.instanceId(), settings, spawn.ownerGatewayId());
            }
            case RestoreInstanceDecoder.TEMPLATE_ID ->
            {
                restore.wrapAndApplyHeader(buffer, offset, masterHeader);
                final long instanceId = restore.instanceId();
                final InstanceSettings settings = new InstanceSettings(restore.gameType(), restore.ownerId(),
                    restore.maxPlayers(), restore.region(), restore.mode(), restore.ratingBand());
                users.clear();
                gateways.clear();
                for (final RestoreInstanceDecoder.PlayersDecoder player : restore.players())
                {
                    users.addLong(player.userId());
                    gateways.addLong(player.gatewayId());
                }
                handler.onRestore(instanceId, settings, users, gateways);
            }
            case PlayerJoinedDecoder.TEMPLATE_ID ->
            {
                joined.wrapAndApplyHeader(buffer, offset, masterHeader);
                final long instanceId = joined.instanceId();
                if (!handler.onPlayerJoined(instanceId, joined.userId(), joined.gatewayId(), replay))
                {
                    handler.defer(instanceId, MASTER_EVENT, buffer, offset, length);
                }
            }
            case PlayerLeftDecoder.TEMPLATE_ID ->
            {
                left.wrapAndApplyHeader(buffer, offset, masterHeader);
                final long instanceId = left.instanceId();
                if (!handler.onPlayerLeft(instanceId, left.userId(), replay))
                {
                    handler.defer(instanceId, MASTER_EVENT, buffer, offset, length);
                }
            }
            case PlayerReattachedDecoder.TEMPLATE_ID ->
            {
                reattached.wrapAndApplyHeader(buffer, offset, masterHeader);
                final long instanceId = reattached.instanceId();
                if (!handler.onPlayerReattached(instanceId, reattached.userId(), reattached.gatewayId(), replay))
                {
                    handler.defer(instanceId, MASTER_EVENT, buffer, offset, length);
                }
            }
            case TerminateInstanceDecoder.TEMPLATE_ID ->
            {
                terminate.wrapAndApplyHeader(buffer, offset, masterHeader);
                handler.onTerminate(terminate.instanceId());
            }
            default -> LOG.debug("master event template {} ignored", templateId);
        }
    }
}
