package io.gamehall.gateway;

import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.CreateInstanceEncoder;
import io.gamehall.sbe.client.GameMessageEncoder;
import io.gamehall.sbe.client.GetHistoryEncoder;
import io.gamehall.sbe.client.HelloEncoder;
import io.gamehall.sbe.client.HelloReplyDecoder;
import io.gamehall.sbe.client.JoinInstanceEncoder;
import io.gamehall.sbe.client.LeaveInstanceEncoder;
import io.gamehall.sbe.client.LoginEncoder;
import io.gamehall.sbe.client.MessageHeaderEncoder;
import io.gamehall.sbe.client.SearchInstancesEncoder;
import io.gamehall.store.HistoryPage;
import io.netty.buffer.Unpooled;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static io.gamehall.gateway.GatewayRoles.GATEWAY_ID;
import static io.gamehall.gateway.GatewayRoles.NOW_MS;
import static org.assertj.core.api.Assertions.assertThat;

class RequestAdapterTest
{
    private final GatewayRoles roles = new GatewayRoles();
    private final RequestDecoders decoders = new RequestDecoders();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();

    private byte[] bytes(final int encodedLength)
    {
        final byte[] frame = new byte[MessageHeaderEncoder.ENCODED_LENGTH + encodedLength];
        buffer.getBytes(0, frame);
        return frame;
    }

    private byte[] login(final long correlationId, final String name, final String password)
    {
        return bytes(new LoginEncoder().wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).name(name)
            .password(password).encodedLength());
    }

    private void receive(final ClientInbox client, final byte[] frame)
    {
        roles.adapter.onFrame(client.connection, decoders, decoders.read(Unpooled.wrappedBuffer(frame)));
    }

    @Test
    void shouldDecodeALoginAndCallTheLoginRoleWithItsValues()
    {
        final ClientInbox client = new ClientInbox();

        receive(client, login(41, "ann", "ann-password"));

        assertThat(roles.credentials.calls).containsExactly("login ann ann-password");
        assertThat(client.connection.isAuthenticating()).isTrue();
    }

    @Test
    void shouldAnswerAHelloWithTheGatewaysIdClockAndList()
    {
        final ClientInbox client = new ClientInbox();
        roles.gateway.gateways(List.of(new ClientFrames.GatewayEntry(GATEWAY_ID, "ws://here")));

        receive(client, bytes(new HelloEncoder().wrapAndApplyHeader(buffer, 0, header).correlationId(42).client("test")
            .encodedLength()));

        final HelloReplyDecoder reply = client.only().helloReply();
        assertThat(reply.correlationId()).isEqualTo(42);
        assertThat(reply.gatewayId()).isEqualTo(GATEWAY_ID);
        assertThat(reply.serverTimeMs()).isEqualTo(NOW_MS);
        assertThat(reply.gateways().count()).isEqualTo(1);
    }

    @Test
    void shouldCallTheLobbyAndGameRolesWithTheRequestsIdsAsTheSessionsUser()
    {
        final ClientInbox ann = roles.seated(42, "ann", 55, "host-9:4000");
        roles.master.calls.clear();
        roles.master.create = FakeMaster.refused(io.gamehall.sbe.master.ResultCode.NO_CAPACITY);
        roles.master.join = FakeMaster.refused(io.gamehall.sbe.master.ResultCode.INSTANCE_FULL);

        receive(ann, bytes(new CreateInstanceEncoder().wrapAndApplyHeader(buffer, 0, header).correlationId(1)
            .gameType(2).maxPlayers(3).region(4).mode(5).ratingBand(6).encodedLength()));
        receive(ann, bytes(new JoinInstanceEncoder().wrapAndApplyHeader(buffer, 0, header).correlationId(2)
            .instanceId(66).encodedLength()));
        receive(ann, bytes(new LeaveInstanceEncoder().wrapAndApplyHeader(buffer, 0, header).correlationId(3)
            .instanceId(77).encodedLength()));
        receive(ann, bytes(new SearchInstancesEncoder().wrapAndApplyHeader(buffer, 0, header).correlationId(4)
            .gameType(2).region(4).mode(5).ratingBand(6).minOpenSeats(1).maxResults(20).cursor(9).encodedLength()));
        receive(ann, bytes(new GetHistoryEncoder().wrapAndApplyHeader(buffer, 0, header).correlationId(5).before(0)
            .maxResults(10).encodedLength()));
        final byte[] move = "drop 3".getBytes(StandardCharsets.US_ASCII);
        receive(ann, bytes(new GameMessageEncoder().wrapAndApplyHeader(buffer, 0, header).instanceId(55).sequence(8)
            .kind(3).putPayload(move, 0, move.length).encodedLength()));

        assertThat(roles.master.calls).containsExactly("create 42 2 3 4 5 6", "join 42 66", "leave 42 77",
            "search 2 4 5 6 1 20 9");
        assertThat(roles.store.calls).containsExactly("recentGames 42 " + HistoryPage.NEWEST + " 10");
        assertThat(roles.hosts.sent).containsExactly("host-9:4000 55 42 8 3 drop 3");
        assertThat(ann.frames()).extracting(ClientInbox.Frame::templateId).hasSize(5);
    }

    @Test
    void shouldRefuseAFrameTooShortForAHeaderAndClose()
    {
        final ClientInbox client = new ClientInbox();

        receive(client, new byte[]{1, 2, 3, 4});

        assertThat(client.only().protocolError().code()).isEqualTo(ClientCode.MALFORMED);
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void shouldRefuseAnotherSchemaAndVersionsOutsideTheSupportedRangeAndClose()
    {
        final byte[] otherSchema = login(1, "ann", "ann-password");
        otherSchema[4] = 99;
        final byte[] tooNew = login(1, "ann", "ann-password");
        tooNew[6] = (byte)(io.gamehall.sbe.client.HelloDecoder.SCHEMA_VERSION + 1);
        final byte[] zero = login(1, "ann", "ann-password");
        zero[6] = 0;

        final ClientInbox first = new ClientInbox();
        receive(first, otherSchema);
        assertThat(first.only().protocolError().code()).isEqualTo(ClientCode.MALFORMED);
        assertThat(first.isOpen()).isFalse();
        for (final byte[] frame : List.of(tooNew, zero))
        {
            final ClientInbox client = new ClientInbox();
            receive(client, frame);
            assertThat(client.only().protocolError().code()).isEqualTo(ClientCode.UNSUPPORTED_VERSION);
            assertThat(client.isOpen()).isFalse();
        }
        assertThat(roles.credentials.calls).isEmpty();
    }

    @Test
    void shouldRefuseAShortBlockOrAFieldPastTheFrameAndClose()
    {
        final byte[] shortBlock = login(1, "ann", "ann-password");
        shortBlock[0] = 4;
        shortBlock[1] = 0;
        final byte[] full = login(1, "ann", "ann-password");
        final byte[] cut = Arrays.copyOf(full, full.length - 3);

        for (final byte[] frame : List.of(shortBlock, cut))
        {
            final ClientInbox client = new ClientInbox();
            receive(client, frame);
            assertThat(client.only().protocolError().code()).isEqualTo(ClientCode.MALFORMED);
            assertThat(client.isOpen()).isFalse();
        }
        assertThat(roles.credentials.calls).isEmpty();
    }

    @Test
    void shouldAnswerAnUnknownTemplateAndKeepTheConnection()
    {
        final ClientInbox client = new ClientInbox();
        final byte[] frame = login(1, "ann", "ann-password");
        frame[2] = 99;

        receive(client, frame);

        assertThat(client.only().protocolError().code()).isEqualTo(ClientCode.UNKNOWN_MESSAGE);
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void shouldTakeEveryRequestTemplateOnlyWithItsBlock()
    {
        assertThat(RequestAdapter.blockLengthOf(io.gamehall.sbe.client.LoginDecoder.TEMPLATE_ID))
            .isEqualTo(io.gamehall.sbe.client.LoginDecoder.BLOCK_LENGTH);
        assertThat(RequestAdapter.blockLengthOf(io.gamehall.sbe.client.HelloReplyDecoder.TEMPLATE_ID))
            .as("an answer is not a request").isZero();
    }
}
