package io.gamehall.gateway;

import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.GameErrorDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class GameTrafficTest
{
    private final GatewayRoles roles = new GatewayRoles();
    private final UnsafeBuffer move = new UnsafeBuffer("drop 3".getBytes(StandardCharsets.US_ASCII));

    @Test
    void shouldRelayAPlayersMessageToTheHostOfThePlayersInstance()
    {
        final ClientInbox ann = roles.seated(42, "ann", 55, "host-9:4000");
        final ClientInbox bob = roles.seated(43, "bob", 56, "host-8:4000");

        roles.games.gameMessage(ann.connection, 55, 1, 3, move);
        roles.games.gameMessage(bob.connection, 56, 4, 3, move);

        assertThat(roles.hosts.sent).containsExactly("host-9:4000 55 42 1 3 drop 3", "host-8:4000 56 43 4 3 drop 3");
        assertThat(ann.frames()).isEmpty();
    }

    @Test
    void shouldRefuseAMessageForAnotherInstanceAsANumberedEvent()
    {
        final ClientInbox ann = roles.seated(42, "ann", 55, "host-9:4000");

        roles.games.gameMessage(ann.connection, 56, 2, 3, move);

        final GameErrorDecoder error = ann.only().gameError();
        assertThat(error.code()).isEqualTo(ClientCode.NOT_IN_INSTANCE);
        assertThat(error.instanceId()).isEqualTo(56);
        assertThat(error.sequence()).isEqualTo(2);
        assertThat(error.eventSequence()).isEqualTo(1);
        assertThat(roles.hosts.sent).isEmpty();
    }

    @Test
    void shouldSayOverloadedWhenTheHostCannotBeReached()
    {
        final ClientInbox ann = roles.seated(42, "ann", 55, "host-9:4000");
        roles.hosts.refuseSends = true;

        roles.games.gameMessage(ann.connection, 55, 3, 3, move);

        assertThat(ann.only().gameError().code()).isEqualTo(ClientCode.OVERLOADED);
    }

    @Test
    void shouldAnswerAMessageBeforeLoginWithAProtocolErrorAndKeepTheConnection()
    {
        final ClientInbox stranger = new ClientInbox();

        roles.games.gameMessage(stranger.connection, 55, 1, 3, move);

        assertThat(stranger.only().protocolError().code()).isEqualTo(ClientCode.NOT_LOGGED_IN);
        assertThat(stranger.isOpen()).isTrue();
        assertThat(roles.hosts.sent).isEmpty();
    }
}
