package io.gamehall.gateway;

import io.gamehall.sbe.client.DrainingDecoder;
import io.gamehall.sbe.client.GameAckDecoder;
import io.gamehall.sbe.client.GameErrorDecoder;
import io.gamehall.sbe.client.GameEventDecoder;
import io.gamehall.sbe.client.GatewayListDecoder;
import io.gamehall.sbe.client.HelloReplyDecoder;
import io.gamehall.sbe.client.HistoryResultDecoder;
import io.gamehall.sbe.client.InstanceClosedDecoder;
import io.gamehall.sbe.client.InstanceMovedDecoder;
import io.gamehall.sbe.client.InstanceResultDecoder;
import io.gamehall.sbe.client.KickedDecoder;
import io.gamehall.sbe.client.LoginResultDecoder;
import io.gamehall.sbe.client.MessageHeaderDecoder;
import io.gamehall.sbe.client.PlayerPresenceDecoder;
import io.gamehall.sbe.client.ProtocolErrorDecoder;
import io.gamehall.sbe.client.ResultDecoder;
import io.gamehall.sbe.client.SearchResultDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client's end of a {@link Connection} on an {@link EmbeddedChannel}: the frames the gateway
 * wrote and flushed, the WebSocket header taken off, decoded with the client protocol's
 * decoders.
 */
final class ClientInbox
{
    final EmbeddedChannel channel = new EmbeddedChannel();
    final Connection connection;

    ClientInbox()
    {
        connection = new Connection(channel, 1_000, 1_000, 0);
    }

    /**
     * One frame the client received.
     */
    static final class Frame
    {
        final UnsafeBuffer buffer;
        final MessageHeaderDecoder header = new MessageHeaderDecoder();

        Frame(final byte[] bytes)
        {
            buffer = new UnsafeBuffer(bytes);
            header.wrap(buffer, 0);
        }

        int templateId()
        {
            return header.templateId();
        }

        private void expect(final int templateId)
        {
            assertThat(header.templateId()).as("template of the frame").isEqualTo(templateId);
        }

        LoginResultDecoder loginResult()
        {
            expect(LoginResultDecoder.TEMPLATE_ID);
            return new LoginResultDecoder().wrapAndApplyHeader(buffer, 0, header);
        }

        ResultDecoder result()
        {
            expect(ResultDecoder.TEMPLATE_ID);
            return new ResultDecoder().wrapAndApplyHeader(buffer, 0, header);
        }

        InstanceResultDecoder instanceResult()
        {
            expect(InstanceResultDecoder.TEMPLATE_ID);
            return new InstanceResultDecoder().wrapAndApplyHeader(buffer, 0, header);
        }

        SearchResultDecoder searchResult()
        {
            expect(SearchResultDecoder.TEMPLATE_ID);
            return new SearchResultDecoder().wrapAndApplyHeader(buffer, 0, header);
        }

        HistoryResultDecoder historyResult()
        {
            expect(HistoryResultDecoder.TEMPLATE_ID);
            return new HistoryResultDecoder().wrapAndApplyHeader(buffer, 0, header);
        }

        HelloReplyDecoder helloReply()
        {
            expect(HelloReplyDecoder.TEMPLATE_ID);
            return new HelloReplyDecoder().wrapAndApplyHeader(buffer, 0, header);
        }

        ProtocolErrorDecoder protocolError()
        {
            expect(ProtocolErrorDecoder.TEMPLATE_ID);
            return new ProtocolErrorDecoder().wrapAndApplyHeader(buffer, 0, header);
        }

        GameEventDecoder gameEvent()
        {
            expect(GameEventDecoder.TEMPLATE_ID);
            return new GameEventDecoder().wrapAndApplyHeader(buffer, 0, header);
        }

        GameAckDecoder gameAck()
        {
            expect(GameAckDecoder.TEMPLATE_ID);
            return new GameAckDecoder().wrapAndApplyHeader(buffer, 0, header);
        }

        GameErrorDecoder gameError()
        {
            expect(GameErrorDecoder.TEMPLATE_ID);
            return new GameErrorDecoder().wrapAndApplyHeader(buffer, 0, header);
        }

        PlayerPresenceDecoder presence()
        {
            expect(PlayerPresenceDecoder.TEMPLATE_ID);
            return new PlayerPresenceDecoder().wrapAndApplyHeader(buffer, 0, header);
        }

        InstanceClosedDecoder instanceClosed()
        {
            expect(InstanceClosedDecoder.TEMPLATE_ID);
            return new InstanceClosedDecoder().wrapAndApplyHeader(buffer, 0, header);
        }

        InstanceMovedDecoder instanceMoved()
        {
            expect(InstanceMovedDecoder.TEMPLATE_ID);
            return new InstanceMovedDecoder().wrapAndApplyHeader(buffer, 0, header);
        }

        KickedDecoder kicked()
        {
            expect(KickedDecoder.TEMPLATE_ID);
            return new KickedDecoder().wrapAndApplyHeader(buffer, 0, header);
        }

        GatewayListDecoder gatewayList()
        {
            expect(GatewayListDecoder.TEMPLATE_ID);
            return new GatewayListDecoder().wrapAndApplyHeader(buffer, 0, header);
        }

        DrainingDecoder draining()
        {
            expect(DrainingDecoder.TEMPLATE_ID);
            return new DrainingDecoder().wrapAndApplyHeader(buffer, 0, header);
        }
    }

    /**
     * @return every frame flushed to the client since the last call, oldest first.
     */
    List<Frame> frames()
    {
        final List<Frame> frames = new ArrayList<>();
        ByteBuf written;
        while ((written = channel.readOutbound()) != null)
        {
            try
            {
                final int second = written.getUnsignedByte(written.readerIndex() + 1);
                final int headerLength = second < 126 ? 2 : second == 126 ? 4 : 10;
                final byte[] message = new byte[written.readableBytes() - headerLength];
                written.getBytes(written.readerIndex() + headerLength, message);
                frames.add(new Frame(message));
            }
            finally
            {
                written.release();
            }
        }
        return frames;
    }

    /**
     * @return the one frame flushed since the last call (fails when there were more or none).
     */
    Frame only()
    {
        final List<Frame> frames = frames();
        assertThat(frames).as("frames sent").hasSize(1);
        return frames.get(0);
    }

    boolean isOpen()
    {
        return channel.isOpen();
    }
}
