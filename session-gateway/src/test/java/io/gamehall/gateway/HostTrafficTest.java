package io.gamehall.gateway;

import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.CloseCause;
import io.gamehall.sbe.client.GameEventDecoder;
import io.gamehall.sbe.host.GameErrorCode;
import io.gamehall.sbe.host.InstanceCloseReason;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HostTrafficTest
{
    private final GatewayRoles roles = new GatewayRoles();

    private static LongArrayList users(final long... ids)
    {
        final LongArrayList list = new LongArrayList();
        for (final long id : ids)
        {
            list.addLong(id);
        }
        return list;
    }

    @Test
    void shouldNumberAGameEventIntoEachRecipientsSessionAndFlushAfterTheBatch()
    {
        final ClientInbox ann = roles.seated(42, "ann", 55, "host-9:4000");
        final ClientInbox bob = roles.seated(43, "bob", 55, "host-9:4000");
        final ClientInbox carl = roles.seated(44, "carl", 56, "host-9:4000");
        final byte[] payload = "board".getBytes(StandardCharsets.US_ASCII);

        roles.hostTraffic.onGameEvent(55, 7, users(42, 43, 99), new UnsafeBuffer(payload), 0, payload.length);
        roles.hostTraffic.onAccepted(55, 42, 12);

        assertThat(ann.frames()).as("written, not flushed yet").isEmpty();
        roles.hostTraffic.flushRelayed();
        final List<ClientInbox.Frame> toAnn = ann.frames();
        assertThat(toAnn).hasSize(2);
        final GameEventDecoder event = toAnn.get(0).gameEvent();
        assertThat(event.eventSequence()).isEqualTo(1);
        assertThat(event.instanceId()).isEqualTo(55);
        assertThat(event.kind()).isEqualTo(7);
        final byte[] received = new byte[event.payloadLength()];
        event.getPayload(received, 0, received.length);
        assertThat(received).containsExactly(payload);
        assertThat(toAnn.get(1).gameAck().sequence()).isEqualTo(12);
        assertThat(toAnn.get(1).gameAck().eventSequence()).isEqualTo(2);
        assertThat(bob.only().gameEvent().eventSequence()).isEqualTo(1);
        assertThat(carl.frames()).isEmpty();
    }

    @Test
    void shouldPassOnAHostsRefusalWithTheClientsCode()
    {
        final ClientInbox ann = roles.seated(42, "ann", 55, "host-9:4000");

        roles.hostTraffic.onError(55, 42, 3, GameErrorCode.NOT_A_PLAYER, "not your turn");

        assertThat(ann.only().gameError().code()).isEqualTo(ClientCode.NOT_A_PLAYER);
    }

    @Test
    void shouldTellPresenceToTheRecipients()
    {
        final ClientInbox ann = roles.seated(42, "ann", 55, "host-9:4000");

        roles.hostTraffic.onPresence(55, 43, true, users(42));

        assertThat(ann.only().presence().userId()).isEqualTo(43);
    }

    @Test
    void shouldUnseatThePlayersOfAClosedInstanceAndWhileDrainingSendThemOn()
    {
        final ClientInbox ann = roles.seated(42, "ann", 55, "host-9:4000");
        roles.gateway.gateways(List.of(new ClientFrames.GatewayEntry(GatewayRoles.GATEWAY_ID, "ws://here"),
            new ClientFrames.GatewayEntry(8, "ws://there")));
        roles.gateway.drain();
        assertThat(ann.frames()).as("a seated user is told after the game").isEmpty();

        roles.hostTraffic.onClosed(55, InstanceCloseReason.GAME_OVER, users(42), "ann won");

        final List<ClientInbox.Frame> frames = ann.frames();
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).instanceClosed().cause()).isEqualTo(CloseCause.GAME_OVER);
        assertThat(frames.get(1).draining().gateways().next().serverId()).isEqualTo(8);
        assertThat(roles.sessions.get(42).instanceId()).isZero();
    }
}
