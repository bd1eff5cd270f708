package io.gamehall.gateway;

import io.gamehall.gateway.ClientFrames.GatewayEntry;
import io.gamehall.sbe.client.DrainingDecoder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.gamehall.gateway.GatewayRoles.GATEWAY_ID;
import static org.assertj.core.api.Assertions.assertThat;

class GatewayStateTest
{
    private final GatewayRoles roles = new GatewayRoles();
    private final GatewayEntry here = new GatewayEntry(GATEWAY_ID, "ws://here");
    private final GatewayEntry there = new GatewayEntry(8, "ws://there");

    @Test
    void shouldShowClientsEveryGatewayAndOnlyTheOthersWhileDraining()
    {
        roles.gateway.gateways(List.of(here, there));

        assertThat(roles.gateway.forClients()).containsExactly(here, there);
        roles.gateway.drain();
        assertThat(roles.gateway.forClients()).containsExactly(there);
    }

    @Test
    void shouldTellAUserToMoveOnceAndBeDrainedWhenTheLastSessionLeft() throws Exception
    {
        roles.gateway.gateways(List.of(here, there));
        final ClientInbox ann = roles.loggedIn(42, "ann");

        roles.gateway.drain();
        final Session session = roles.sessions.get(42);
        roles.gateway.tellToMove(session);

        final DrainingDecoder told = ann.only().draining();
        assertThat(told.gateways().count()).isEqualTo(1);
        assertThat(roles.gateway.awaitDrained(0, TimeUnit.MILLISECONDS)).isFalse();
        roles.lifecycle.endSession(session, false);
        assertThat(roles.gateway.awaitDrained(0, TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void shouldBeDrainedAtOnceWithoutSessions() throws Exception
    {
        assertThat(roles.gateway.awaitDrained(0, TimeUnit.MILLISECONDS)).isFalse();
        roles.gateway.drain();
        assertThat(roles.gateway.awaitDrained(0, TimeUnit.MILLISECONDS)).isTrue();
    }
}
