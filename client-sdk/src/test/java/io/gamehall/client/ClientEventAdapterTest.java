package io.gamehall.client;

import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.CloseCause;
import io.gamehall.sbe.client.DrainingEncoder;
import io.gamehall.sbe.client.GameAckEncoder;
import io.gamehall.sbe.client.GameErrorEncoder;
import io.gamehall.sbe.client.GameEventEncoder;
import io.gamehall.sbe.client.GatewayListEncoder;
import io.gamehall.sbe.client.InstanceClosedEncoder;
import io.gamehall.sbe.client.KickCause;
import io.gamehall.sbe.client.KickedEncoder;
import io.gamehall.sbe.client.LoginResultEncoder;
import io.gamehall.sbe.client.MessageHeaderEncoder;
import io.gamehall.sbe.client.PlayerPresenceEncoder;
import io.gamehall.sbe.client.ResumeKind;
import io.netty.buffer.Unpooled;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.sbe.MessageEncoderFlyweight;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class ClientEventAdapterTest
{
    private final List<String> heard = new ArrayList<>();
    private final ClientRequests requests = new ClientRequests(1_000, (future, timeoutMs) -> { });
    private final GatewayList gateways = new GatewayList(List.of("ws://a/ws"), 1);
    private final FrameReader reader = new FrameReader();
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final ClientEventAdapter adapter = new ClientEventAdapter(requests, gateways,
        new ClientEventAdapter.Session()
        {
            public void instanceClosed(final long instanceId)
            {
                heard.add("session: closed " + instanceId);
            }

            public void kicked(final KickCause cause)
            {
                heard.add("session: kicked " + cause);
            }

            public void draining(final List<String> urls)
            {
                heard.add("session: draining, go to " + urls);
            }
        },
        new GameClientListener()
        {
            public void onGameEvent(final long instanceId, final int kind, final DirectBuffer payload, final int offset,
                final int length)
            {
                final byte[] bytes = new byte[length];
                payload.getBytes(offset, bytes);
                heard.add("event " + instanceId + " kind=" + kind + " " + Arrays.toString(bytes));
            }

            public void onGameAck(final long instanceId, final long sequence)
            {
                heard.add("ack " + instanceId + " seq=" + sequence);
            }

            public void onGameError(final long instanceId, final long sequence, final ClientCode code, final String reason)
            {
                heard.add("error " + instanceId + " seq=" + sequence + " " + code + " " + reason);
            }

            public void onPresence(final long instanceId, final long userId, final boolean seated)
            {
                heard.add("presence " + instanceId + " user=" + userId + " seated=" + seated);
            }

            public void onInstanceClosed(final long instanceId, final CloseCause cause, final String summary)
            {
                heard.add("closed " + instanceId + " " + cause + " " + summary);
            }

            public void onKicked(final KickCause cause)
            {
                heard.add("kicked " + cause);
            }

            public void onGatewayList(final List<String> urls)
            {
                heard.add("gateways " + urls);
            }
        });

    @Test
    void aGameEventReachesTheListenerWithItsPayloadAndItsSequenceIsKept()
    {
        frame(b -> new GameEventEncoder().wrapAndApplyHeader(b, 0, header).eventSequence(41).instanceId(9).kind(3)
            .putPayload(new UnsafeBuffer(new byte[]{ 5, 6 }), 0, 2));
        frame(b -> new PlayerPresenceEncoder().wrapAndApplyHeader(b, 0, header).eventSequence(40).instanceId(9)
            .userId(71).seated((short)1));

        assertThat(heard).containsExactly("event 9 kind=3 [5, 6]", "presence 9 user=71 seated=true");
        assertThat(adapter.lastEventSequence()).isEqualTo(41);
    }

    @Test
    void anAcknowledgementCompletesTheSendItAnswersAfterTheListenerHeardIt()
    {
        final CompletableFuture<Void> ack = requests.expectAck(requests.nextSequence());
        ack.thenRun(() -> heard.add("future done"));

        frame(b -> new GameAckEncoder().wrapAndApplyHeader(b, 0, header).eventSequence(1).instanceId(9).sequence(1));
        frame(b -> new GameAckEncoder().wrapAndApplyHeader(b, 0, header).eventSequence(2).instanceId(9).sequence(2));

        assertThat(heard).containsExactly("ack 9 seq=1", "future done", "ack 9 seq=2");
    }

    @Test
    void aGameErrorFailsTheSendWithTheGamesCodeAndReason()
    {
        final CompletableFuture<Void> ack = requests.expectAck(requests.nextSequence());

        frame(b -> new GameErrorEncoder().wrapAndApplyHeader(b, 0, header).eventSequence(1).instanceId(9).sequence(1)
            .code(ClientCode.REJECTED).reason("not your turn"));

        assertThat(heard).containsExactly("error 9 seq=1 REJECTED not your turn");
        assertThat(ack.handle((v, ex) -> ex).join()).isInstanceOfSatisfying(ClientException.class,
            ce -> assertThat(ce.code()).isEqualTo(ClientCode.REJECTED));
    }

    @Test
    void anAnswerCompletesItsRequestAndALoginAnswerSaysHowTheSessionWasTakenUp()
    {
        final long id = requests.nextCorrelationId();
        final CompletableFuture<byte[]> answer = requests.await(id);

        frame(b -> new LoginResultEncoder().wrapAndApplyHeader(b, 0, header).correlationId(id).code(ClientCode.OK)
            .userId(5).expiresAtMs(0).instanceId(0).resumed(ResumeKind.CONTINUED).retryAfterMs(0).token("t").message(""));

        assertThat(answer).isDone();
        assertThat(Answers.login(answer.join()).userId()).isEqualTo(5);
        assertThat(adapter.lastResume()).isEqualTo(ResumeKind.CONTINUED);
        assertThat(heard).isEmpty();
    }

    @Test
    void closeAndKickChangeTheSessionBeforeTheListenerHears()
    {
        frame(b -> new InstanceClosedEncoder().wrapAndApplyHeader(b, 0, header).eventSequence(1).instanceId(9)
            .cause(CloseCause.GAME_OVER).summary("70 won"));
        frame(b -> new KickedEncoder().wrapAndApplyHeader(b, 0, header).eventSequence(2).cause(KickCause.LOGGED_IN_ELSEWHERE));

        assertThat(heard).containsExactly("session: closed 9", "closed 9 GAME_OVER 70 won",
            "session: kicked LOGGED_IN_ELSEWHERE", "kicked LOGGED_IN_ELSEWHERE");
    }

    @Test
    void gatewaysAnnouncedOrOfferedWhenDrainingAreLearned()
    {
        frame(b ->
        {
            final GatewayListEncoder e = new GatewayListEncoder().wrapAndApplyHeader(b, 0, header).eventSequence(1);
            e.gatewaysCount(1).next().serverId(2).url("ws://b/ws");
            return e;
        });
        frame(b ->
        {
            final DrainingEncoder e = new DrainingEncoder().wrapAndApplyHeader(b, 0, header).eventSequence(2);
            e.gatewaysCount(1).next().serverId(3).url("ws://c/ws");
            return e;
        });

        assertThat(heard).containsExactly("gateways [ws://b/ws]", "session: draining, go to [ws://c/ws]");
        assertThat(gateways.list()).containsExactly("ws://a/ws", "ws://b/ws", "ws://c/ws");
    }

    @Test
    void aFrameShorterThanAHeaderIsIgnored()
    {
        adapter.onFrame(reader, reader.read(Unpooled.wrappedBuffer(new byte[]{ 1, 2, 3 })));

        assertThat(heard).isEmpty();
    }

    private void frame(final Function<ExpandableArrayBuffer, MessageEncoderFlyweight> encoding)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final MessageEncoderFlyweight encoder = encoding.apply(buffer);
        final byte[] bytes = new byte[MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength()];
        buffer.getBytes(0, bytes);
        adapter.onFrame(reader, reader.read(Unpooled.wrappedBuffer(bytes)));
    }
}
