package io.gamehall.gateway;

import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.LoginEncoder;
import io.gamehall.sbe.client.MessageHeaderEncoder;
import io.netty.buffer.Unpooled;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The facade: frames refused until the relays are up and the gateway ready, then handed to the
 * roles; the connection events the server reports.
 */
class GatewayCoreTest
{
    private final GatewayRoles fakes = new GatewayRoles();
    private final GatewayCore core = new GatewayCore(fakes.ctx, fakes.store, fakes.credentials, fakes.tokens,
        fakes.timers, fakes.clock);
    private final RequestDecoders decoders = new RequestDecoders();

    private void login(final ClientInbox client)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + new LoginEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).correlationId(1).name("ann").password("pw")
            .encodedLength();
        final byte[] frame = new byte[length];
        buffer.getBytes(0, frame);
        core.onFrame(client.connection, decoders, decoders.read(Unpooled.wrappedBuffer(frame)));
    }

    @Test
    void shouldRefuseFramesUntilReadyAndThenHandThemToTheRoles()
    {
        final ClientInbox client = new ClientInbox();

        login(client);
        assertThat(client.only().protocolError().code()).isEqualTo(ClientCode.MASTER_UNAVAILABLE);
        assertThat(client.isOpen()).isTrue();

        core.relays(fakes.master, fakes.hosts, 9);
        core.ready();
        login(client);

        assertThat(fakes.credentials.calls).containsExactly("login ann pw");
        assertThat(core.framesIn()).isEqualTo(2);
        assertThat(core.gatewayId()).isEqualTo(9);
    }

    @Test
    void shouldCloseAConnectionThatDidNotLogInByItsDeadlineUnlessALoginIsUnderWay()
    {
        final ClientInbox waiting = new ClientInbox();
        final ClientInbox checking = new ClientInbox();
        checking.connection.beginAuthentication();

        assertThat(core.onLoginDeadline(checking.connection)).as("look again later").isTrue();
        assertThat(checking.frames()).isEmpty();
        assertThat(core.onLoginDeadline(waiting.connection)).isFalse();
        assertThat(waiting.only().protocolError().code()).isEqualTo(ClientCode.LOGIN_TIMEOUT);
        assertThat(waiting.isOpen()).isFalse();
    }

    @Test
    void shouldAnswerTheFirstRefusalOfAFloodAndCloseWhenTold()
    {
        final ClientInbox flooding = new ClientInbox();
        final ClientInbox closing = new ClientInbox();

        core.onRateLimited(flooding.connection, false);
        assertThat(flooding.frames()).as("no refusal counted yet").isEmpty();
        int admitted = 0;
        while (admitted < 2_000 && flooding.connection.admit(0, 10) == 1)
        {
            admitted++;
        }
        assertThat(admitted).as("the burst").isEqualTo(1_000);
        core.onRateLimited(flooding.connection, false);
        assertThat(flooding.only().protocolError().code()).isEqualTo(ClientCode.RATE_LIMITED);
        assertThat(flooding.isOpen()).isTrue();

        core.onRateLimited(closing.connection, true);
        assertThat(closing.only().protocolError().code()).isEqualTo(ClientCode.RATE_LIMITED);
        assertThat(closing.isOpen()).isFalse();
    }
}
