package io.gamehall.gateway;

import io.gamehall.sbe.client.GatewayListDecoder;
import io.gamehall.sbe.client.KickCause;
import io.gamehall.sbe.master.DrainOrderEncoder;
import io.gamehall.sbe.master.GatewayListChangedEncoder;
import io.gamehall.sbe.master.InstanceMovedEncoder;
import io.gamehall.sbe.master.KickUserEncoder;
import io.gamehall.sbe.master.MessageHeaderEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.gamehall.gateway.GatewayRoles.GATEWAY_ID;
import static org.assertj.core.api.Assertions.assertThat;

class MasterEventsTest
{
    private final GatewayRoles roles = new GatewayRoles();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();

    private byte[] bytes(final int encodedLength)
    {
        final byte[] event = new byte[MessageHeaderEncoder.ENCODED_LENGTH + encodedLength];
        buffer.getBytes(0, event);
        return event;
    }

    private byte[] kick(final long gatewayId, final long userId)
    {
        return bytes(new KickUserEncoder().wrapAndApplyHeader(buffer, 0, header).gatewayId(gatewayId).userId(userId)
            .encodedLength());
    }

    @Test
    void shouldEndTheSessionOfAUserKickedFromThisGatewayOnly()
    {
        final ClientInbox ann = roles.loggedIn(42, "ann");
        final ClientInbox bob = roles.loggedIn(43, "bob");

        roles.masterEvents.onEvent(kick(GATEWAY_ID + 1, 43));
        roles.masterEvents.onEvent(kick(GATEWAY_ID, 42));

        assertThat(ann.only().kicked().cause()).isEqualTo(KickCause.LOGGED_IN_ELSEWHERE);
        assertThat(ann.isOpen()).isFalse();
        assertThat(roles.sessions.get(42)).isNull();
        assertThat(bob.frames()).isEmpty();
        assertThat(roles.sessions.get(43)).as("a kick for another gateway").isNotNull();
    }

    @Test
    void shouldReseatThePlayersOfAMovedInstanceAndTellThemOnly()
    {
        final ClientInbox ann = roles.seated(42, "ann", 55, "host-9:4000");
        final ClientInbox bob = roles.seated(43, "bob", 56, "host-9:4000");
        final InstanceMovedEncoder moved = new InstanceMovedEncoder().wrapAndApplyHeader(buffer, 0, header)
            .gatewayId(GATEWAY_ID).instanceId(55).hostId(8);
        moved.hostEndpoint("host-8:4000");

        roles.masterEvents.onEvent(bytes(moved.encodedLength()));

        assertThat(roles.hosts.endpointOf(8)).as("the new host linked").isEqualTo("host-8:4000");
        assertThat(ann.only().instanceMoved().instanceId()).isEqualTo(55);
        assertThat(roles.sessions.get(42).hostEndpoint()).isEqualTo("host-8:4000");
        assertThat(bob.frames()).isEmpty();
        assertThat(roles.sessions.get(43).hostEndpoint()).isEqualTo("host-9:4000");
    }

    @Test
    void shouldPushTheNewGatewayListToEverySession()
    {
        final ClientInbox ann = roles.loggedIn(42, "ann");
        final ClientInbox bob = roles.loggedIn(43, "bob");
        final GatewayListChangedEncoder list = new GatewayListChangedEncoder().wrapAndApplyHeader(buffer, 0, header);
        final GatewayListChangedEncoder.GatewaysEncoder gateways = list.gatewaysCount(2);
        gateways.next().serverId(GATEWAY_ID).capacity(10).endpoint("ws://here");
        gateways.next().serverId(8).capacity(10).endpoint("ws://there");

        roles.masterEvents.onEvent(bytes(list.encodedLength()));

        for (final ClientInbox client : List.of(ann, bob))
        {
            final GatewayListDecoder.GatewaysDecoder received = client.only().gatewayList().gateways();
            assertThat(received.count()).isEqualTo(2);
            assertThat(received.next().serverId()).isEqualTo(GATEWAY_ID);
            assertThat(received.url()).isEqualTo("ws://here");
        }
        assertThat(roles.gateway.others()).containsExactly(new ClientFrames.GatewayEntry(8, "ws://there"));
    }

    @Test
    void shouldDrainOnTheMastersOrderAndTellLobbyUsersAtOnce()
    {
        final ClientInbox ann = roles.loggedIn(42, "ann");
        final ClientInbox bob = roles.seated(43, "bob", 55, "host-9:4000");

        roles.masterEvents.onEvent(bytes(new DrainOrderEncoder().wrapAndApplyHeader(buffer, 0, header).serverId(GATEWAY_ID)
            .encodedLength()));

        assertThat(roles.gateway.isDraining()).isTrue();
        assertThat(ann.only().templateId()).isEqualTo(io.gamehall.sbe.client.DrainingDecoder.TEMPLATE_ID);
        assertThat(bob.frames()).as("told when the game ends").isEmpty();
    }
}
