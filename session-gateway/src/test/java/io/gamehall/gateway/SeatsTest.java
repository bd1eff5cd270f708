package io.gamehall.gateway;

import io.gamehall.sbe.master.InstanceState;
import io.gamehall.sbe.master.ServerRole;
import io.gamehall.sbe.master.ServerState;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class SeatsTest
{
    private final GatewayRoles roles = new GatewayRoles();

    @Test
    void shouldLinkEveryLiveHostAndLearnTheActiveGatewaysWhenNoneAreKnown()
    {
        roles.master.servers.add(new MasterRequests.Server(9, ServerRole.GAME_HOST, ServerState.ACTIVE, "h9", "host-9:4000"));
        roles.master.servers.add(new MasterRequests.Server(8, ServerRole.GAME_HOST, ServerState.DEAD, "h8", "host-8:4000"));
        roles.master.servers.add(new MasterRequests.Server(7, ServerRole.GATEWAY, ServerState.ACTIVE, "g7", "ws://g7"));
        roles.master.servers.add(new MasterRequests.Server(6, ServerRole.GATEWAY, ServerState.DEAD, "g6", "ws://g6"));

        roles.seats.refreshHosts().join();

        assertThat(roles.hosts.endpoints).containsOnlyKeys(9L);
        assertThat(roles.gateway.gateways()).containsExactly(new ClientFrames.GatewayEntry(7, "ws://g7"));
    }

    @Test
    void shouldAskTheMasterOnlyForAHostItDoesNotKnow()
    {
        roles.hosts.host(9, "host-9:4000");
        roles.master.servers.add(new MasterRequests.Server(8, ServerRole.GAME_HOST, ServerState.ACTIVE, "h8", "host-8:4000"));

        assertThat(roles.seats.endpointOf(9).join()).isEqualTo("host-9:4000");
        assertThat(roles.master.calls).isEmpty();
        assertThat(roles.seats.endpointOf(8).join()).isEqualTo("host-8:4000");
        assertThat(roles.seats.endpointOf(5).join()).isNull();
        assertThat(roles.seats.endpointOf(0).join()).isNull();
        assertThat(roles.master.calls).containsExactly("servers", "servers");
    }

    @Test
    void shouldLeaveASessionUnseatedWhenItsInstanceCannotBeFound()
    {
        roles.loggedIn(42, "ann");
        final Session session = roles.sessions.get(42);

        roles.seats.findSeat(session, 55).join();
        assertThat(session.instanceId()).as("the master does not know it").isZero();

        roles.master.failure = new CompletionException(new TimeoutException("no answer"));
        roles.seats.findSeat(session, 55).join();
        assertThat(session.instanceId()).as("the master did not answer").isZero();

        roles.master.failure = null;
        roles.master.instances.put(55L, new MasterRequests.InstanceView(55, 1, InstanceState.RUNNING, 9, 42, 2, 2, 0,
            0, 0));
        roles.hosts.host(9, "host-9:4000");
        roles.seats.findSeat(session, 55).join();
        assertThat(session.hostEndpoint()).isEqualTo("host-9:4000");
    }
}
