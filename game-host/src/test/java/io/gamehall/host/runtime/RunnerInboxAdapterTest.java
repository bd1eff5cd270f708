package io.gamehall.host.runtime;

import io.gamehall.host.api.InstanceSettings;
import io.gamehall.sbe.host.PlayerMessageEncoder;
import io.gamehall.sbe.host.PlayerSyncEncoder;
import io.gamehall.sbe.master.MessageHeaderEncoder;
import io.gamehall.sbe.master.PlayerJoinedEncoder;
import io.gamehall.sbe.master.PlayerLeftEncoder;
import io.gamehall.sbe.master.PlayerReattachedEncoder;
import io.gamehall.sbe.master.RestoreInstanceEncoder;
import io.gamehall.sbe.master.SpawnInstanceEncoder;
import io.gamehall.sbe.master.TerminateInstanceEncoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunnerInboxAdapterTest
{
    private static final int OFFSET = 16;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
    private final Recorder handler = new Recorder();
    private final RunnerInboxAdapter adapter = new RunnerInboxAdapter(handler);

    @Test
    void playerMessageReachesItsHandlerWithItsValuesAndPayload()
    {
        final int length = playerMessage(new byte[]{ 7, 8, 9 });

        adapter.onMessage(RunnerInboxAdapter.PLAYER_MESSAGE, buffer, OFFSET, length);

        assertThat(handler.calls).containsExactly("message gw=11 instance=22 user=33 seq=44 kind=5 payload=[7, 8, 9] replay=false");
    }

    @Test
    void playerMessageTheHandlerCannotTakeYetIsDeferredAsItsUndecodedRecord()
    {
        final int length = playerMessage(new byte[]{ 1 });
        handler.accept = false;

        adapter.onMessage(RunnerInboxAdapter.PLAYER_MESSAGE, buffer, OFFSET, length);

        assertThat(handler.calls).hasSize(2).last().isEqualTo("defer instance=22 type=1 length=" + length);
        assertThat(handler.deferred.getLong(OFFSET + MessageHeaderEncoder.ENCODED_LENGTH)).isEqualTo(11);

        handler.accept = true;
        handler.calls.clear();
        adapter.onRecord(RunnerInboxAdapter.PLAYER_MESSAGE, handler.deferred, OFFSET, length, true);
        assertThat(handler.calls).containsExactly("message gw=11 instance=22 user=33 seq=44 kind=5 payload=[1] replay=true");
    }

    @Test
    void playerSync()
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + new PlayerSyncEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, new io.gamehall.sbe.host.MessageHeaderEncoder())
            .gatewayId(3).instanceId(4).userId(5).encodedLength();

        adapter.onMessage(RunnerInboxAdapter.PLAYER_SYNC, buffer, OFFSET, length);

        assertThat(handler.calls).containsExactly("sync gw=3 instance=4 user=5 replay=false");
    }

    @Test
    void spawnCarriesTheSettingsAndTheOwnersGateway()
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + new SpawnInstanceEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, new MessageHeaderEncoder())
            .hostId(1).instanceId(9).gameType(2).ownerId(70).maxPlayers(4).region(3).mode(6).ratingBand(8)
            .ownerGatewayId(55).encodedLength();

        adapter.onMessage(RunnerInboxAdapter.MASTER_EVENT, buffer, OFFSET, length);

        assertThat(handler.calls).containsExactly(
            "spawn instance=9 " + new InstanceSettings(2, 70, 4, 3, 6, 8) + " ownerGw=55");
    }

    @Test
    void restoreCarriesEverySeatedPlayerInOrder()
    {
        final RestoreInstanceEncoder restore = new RestoreInstanceEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, new MessageHeaderEncoder())
            .hostId(1).instanceId(9).gameType(1).ownerId(70).maxPlayers(2).region(0).mode(0).ratingBand(0);
        final RestoreInstanceEncoder.PlayersEncoder players = restore.playersCount(2);
        players.next().userId(70).gatewayId(5);
        players.next().userId(71).gatewayId(6);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + restore.encodedLength();

        adapter.onMessage(RunnerInboxAdapter.MASTER_EVENT, buffer, OFFSET, length);

        assertThat(handler.calls).containsExactly(
            "restore instance=9 " + new InstanceSettings(1, 70, 2, 0, 0, 0) + " users=[70, 71] gateways=[5, 6]");
    }

    @Test
    void seatChangesAndTerminate()
    {
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        int length = MessageHeaderEncoder.ENCODED_LENGTH + new PlayerJoinedEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, header).hostId(1).instanceId(9).userId(71).gatewayId(6).encodedLength();
        adapter.onMessage(RunnerInboxAdapter.MASTER_EVENT, buffer, OFFSET, length);
        length = MessageHeaderEncoder.ENCODED_LENGTH + new PlayerReattachedEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, header).hostId(1).instanceId(9).userId(71).gatewayId(8).encodedLength();
        adapter.onMessage(RunnerInboxAdapter.MASTER_EVENT, buffer, OFFSET, length);
        length = MessageHeaderEncoder.ENCODED_LENGTH + new PlayerLeftEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, header).hostId(1).instanceId(9).userId(71).encodedLength();
        adapter.onMessage(RunnerInboxAdapter.MASTER_EVENT, buffer, OFFSET, length);
        length = MessageHeaderEncoder.ENCODED_LENGTH + new TerminateInstanceEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, header).hostId(1).instanceId(9).encodedLength();
        adapter.onMessage(RunnerInboxAdapter.MASTER_EVENT, buffer, OFFSET, length);

        assertThat(handler.calls).containsExactly(
            "joined instance=9 user=71 gw=6 replay=false",
            "reattached instance=9 user=71 gw=8 replay=false",
            "left instance=9 user=71 replay=false",
            "terminate instance=9");
    }

    @Test
    void seatChangeTheHandlerCannotTakeYetIsDeferredAsAMasterEvent()
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + new PlayerLeftEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, new MessageHeaderEncoder()).hostId(1).instanceId(9).userId(71)
            .encodedLength();
        handler.accept = false;

        adapter.onMessage(RunnerInboxAdapter.MASTER_EVENT, buffer, OFFSET, length);

        assertThat(handler.calls).containsExactly(
            "left instance=9 user=71 replay=false", "defer instance=9 type=2 length=" + length);
    }

    @Test
    void unknownRecordTypeCallsNothing()
    {
        adapter.onMessage(99, buffer, OFFSET, 8);

        assertThat(handler.calls).isEmpty();
    }

    private int playerMessage(final byte[] payload)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + new PlayerMessageEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, new io.gamehall.sbe.host.MessageHeaderEncoder())
            .gatewayId(11).instanceId(22).userId(33).sequence(44).kind(5)
            .putPayload(new UnsafeBuffer(payload), 0, payload.length).encodedLength();
    }

    private static final class Recorder implements RunnerInboxAdapter.Handler
    {
        final List<String> calls = new ArrayList<>();
        boolean accept = true;
        UnsafeBuffer deferred;

        public boolean onPlayerMessage(final long gatewayId, final long instanceId, final long userId, final long sequence,
            final int kind, final DirectBuffer payload, final int payloadOffset, final int payloadLength, final boolean replay)
        {
            final byte[] bytes = new byte[payloadLength];
            payload.getBytes(payloadOffset, bytes);
            calls.add("message gw=" + gatewayId + " instance=" + instanceId + " user=" + userId + " seq=" + sequence +
                " kind=" + kind + " payload=" + java.util.Arrays.toString(bytes) + " replay=" + replay);
            return accept;
        }

        public boolean onPlayerSync(final long gatewayId, final long instanceId, final long userId, final boolean replay)
        {
            calls.add("sync gw=" + gatewayId + " instance=" + instanceId + " user=" + userId + " replay=" + replay);
            return accept;
        }

        public void onSpawn(final long instanceId, final InstanceSettings settings, final long ownerGatewayId)
        {
            calls.add("spawn instance=" + instanceId + " " + settings + " ownerGw=" + ownerGatewayId);
        }

        public void onRestore(final long instanceId, final InstanceSettings settings, final LongArrayList users,
            final LongArrayList gateways)
        {
            calls.add("restore instance=" + instanceId + " " + settings + " users=" + users + " gateways=" + gateways);
        }

        public boolean onPlayerJoined(final long instanceId, final long userId, final long gatewayId, final boolean replay)
        {
            calls.add("joined instance=" + instanceId + " user=" + userId + " gw=" + gatewayId + " replay=" + replay);
            return accept;
        }

        public boolean onPlayerLeft(final long instanceId, final long userId, final boolean replay)
        {
            calls.add("left instance=" + instanceId + " user=" + userId + " replay=" + replay);
            return accept;
        }

        public boolean onPlayerReattached(final long instanceId, final long userId, final long gatewayId,
            final boolean replay)
        {
            calls.add("reattached instance=" + instanceId + " user=" + userId + " gw=" + gatewayId + " replay=" + replay);
            return accept;
        }

        public void onTerminate(final long instanceId)
        {
            calls.add("terminate instance=" + instanceId);
        }

        public void defer(final long instanceId, final int type, final DirectBuffer buffer, final int offset,
            final int length)
        {
            deferred = new UnsafeBuffer(new byte[offset + length]);
            deferred.putBytes(offset, buffer, offset, length);
            calls.add("defer instance=" + instanceId + " type=" + type + " length=" + length);
        }
    }
}
