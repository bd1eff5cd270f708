package io.gamehall.gateway;

import io.gamehall.sbe.client.KickCause;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static io.gamehall.gateway.GatewayRoles.GATEWAY_ID;
import static org.assertj.core.api.Assertions.assertThat;

class SessionLifecycleTest
{
    private final GatewayRoles roles = new GatewayRoles();

    @Test
    void shouldKeepALostConnectionsSessionForTheGracePeriodThenCheckTheUserOut() throws Exception
    {
        final ClientInbox ann = roles.loggedIn(42, "ann");
        roles.master.calls.clear();

        roles.lifecycle.onDisconnected(ann.connection);

        assertThat(roles.timers.timers).hasSize(1);
        assertThat(roles.timers.timers.get(0).delayMs).isEqualTo(30_000);
        assertThat(roles.sessions.get(42).isDetached()).isTrue();
        assertThat(roles.master.calls).isEmpty();
        roles.gateway.drain();

        assertThat(roles.timers.runDue()).isEqualTo(1);

        assertThat(roles.sessions.get(42)).isNull();
        assertThat(roles.master.calls).containsExactly("checkOut " + GATEWAY_ID + " 42");
        assertThat(roles.gateway.awaitDrained(0, TimeUnit.MILLISECONDS)).as("the last session left").isTrue();
    }

    @Test
    void shouldNotEndASessionAnotherConnectionTookOverWithinTheGracePeriod()
    {
        final ClientInbox ann = roles.loggedIn(42, "ann");
        roles.lifecycle.onDisconnected(ann.connection);
        final ClientInbox again = new ClientInbox();
        roles.sessions.get(42).attach(again.connection);

        roles.timers.runDue();

        assertThat(roles.sessions.get(42)).isNotNull();
        assertThat(roles.master.calls).noneMatch(call -> call.startsWith("checkOut"));
    }

    @Test
    void shouldTellEveryClientTheGatewayIsClosing()
    {
        final ClientInbox ann = roles.loggedIn(42, "ann");
        final ClientInbox bob = roles.loggedIn(43, "bob");

        roles.lifecycle.closeAll();

        assertThat(ann.only().kicked().cause()).isEqualTo(KickCause.GATEWAY_CLOSING);
        assertThat(bob.only().kicked().cause()).isEqualTo(KickCause.GATEWAY_CLOSING);
        assertThat(ann.isOpen()).isFalse();
        assertThat(roles.sessions.size()).isZero();
    }

    @Test
    void shouldCheckEverySessionInAgainUnderANewGatewayId()
    {
        roles.loggedIn(42, "ann");
        roles.loggedIn(43, "bob");
        roles.master.calls.clear();

        roles.lifecycle.reattachAll(70);

        assertThat(roles.gateway.gatewayId()).isEqualTo(70);
        assertThat(roles.master.calls).containsExactlyInAnyOrder("checkIn 70 42 ann", "checkIn 70 43 bob");
    }
}
