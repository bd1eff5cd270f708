package io.gamehall.client;

import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.HelloReplyEncoder;
import io.gamehall.sbe.client.InstanceResultEncoder;
import io.gamehall.sbe.client.LoginResultDecoder;
import io.gamehall.sbe.client.LoginResultEncoder;
import io.gamehall.sbe.client.MessageHeaderEncoder;
import io.gamehall.sbe.client.ResultEncoder;
import io.gamehall.sbe.client.ResumeKind;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.sbe.MessageEncoderFlyweight;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnswersTest
{
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();

    @Test
    void aLoginAnswer()
    {
        final GameClient.Login login = Answers.login(bytes(b -> new LoginResultEncoder().wrapAndApplyHeader(b, 0, header)
            .correlationId(1).code(ClientCode.OK).userId(5).expiresAtMs(99).instanceId(7).resumed(ResumeKind.CONTINUED)
            .retryAfterMs(LoginResultDecoder.retryAfterMsNullValue()).token("tok").message("")));

        assertThat(login).isEqualTo(new GameClient.Login(5, "tok", 99, 7, ResumeKind.CONTINUED));
    }

    @Test
    void aRefusedLoginCarriesItsCodeAndTheWaitAsked()
    {
        final byte[] refused = bytes(b -> new LoginResultEncoder().wrapAndApplyHeader(b, 0, header)
            .correlationId(1).code(ClientCode.TOO_MANY_ATTEMPTS).userId(0).expiresAtMs(0).instanceId(0)
            .resumed(ResumeKind.NEW_SESSION).retryAfterMs(1_500).token("").message("slow down"));

        assertThatThrownBy(() -> Answers.login(refused)).isInstanceOfSatisfying(ClientException.class, ce ->
        {
            assertThat(ce.code()).isEqualTo(ClientCode.TOO_MANY_ATTEMPTS);
            assertThat(ce.retryAfterMs()).isEqualTo(1_500);
        });
    }

    @Test
    void aResultWhereAnotherAnswerWasExpectedCarriesItsCode()
    {
        final byte[] result = bytes(b -> new ResultEncoder().wrapAndApplyHeader(b, 0, header).correlationId(1)
            .code(ClientCode.NOT_LOGGED_IN).message("log in first"));

        assertThatThrownBy(() -> Answers.instance(result)).isInstanceOfSatisfying(ClientException.class,
            ce -> assertThat(ce.code()).isEqualTo(ClientCode.NOT_LOGGED_IN));
        assertThat(Answers.result(bytes(b -> new ResultEncoder().wrapAndApplyHeader(b, 0, header).correlationId(1)
            .code(ClientCode.OK).message("")))).isNull();
    }

    @Test
    void anUnexpectedAnswerIsAnInternalError()
    {
        final byte[] instance = bytes(b -> new InstanceResultEncoder().wrapAndApplyHeader(b, 0, header).correlationId(1)
            .code(ClientCode.OK).instanceId(3).gameType(1).maxPlayers(2).message(""));

        assertThat(Answers.instance(instance)).isEqualTo(new GameClient.Instance(3, 1, 2));
        assertThatThrownBy(() -> Answers.login(instance)).isInstanceOfSatisfying(ClientException.class,
            ce -> assertThat(ce.code()).isEqualTo(ClientCode.INTERNAL));
    }

    @Test
    void aHelloNamesTheGatewaysAndWhetherItDrains()
    {
        final Answers.Hello hello = Answers.hello(bytes(b ->
        {
            final HelloReplyEncoder e = new HelloReplyEncoder().wrapAndApplyHeader(b, 0, header).correlationId(1)
                .gatewayId(1).serverTimeMs(0).draining((short)1);
            final HelloReplyEncoder.GatewaysEncoder g = e.gatewaysCount(2);
            g.next().serverId(1).url("ws://a/ws");
            g.next().serverId(2).url("ws://b/ws");
            return e;
        }));

        assertThat(hello.draining()).isTrue();
        assertThat(hello.gateways()).isEqualTo(List.of("ws://a/ws", "ws://b/ws"));
    }

    private static byte[] bytes(final Function<ExpandableArrayBuffer, MessageEncoderFlyweight> encoding)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final MessageEncoderFlyweight encoder = encoding.apply(buffer);
        final byte[] bytes = new byte[MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength()];
        buffer.getBytes(0, bytes);
        return bytes;
    }
}
