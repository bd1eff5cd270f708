package io.gamehall.gateway;

import io.gamehall.client.TestFrames;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionTest
{
    @Test
    void shouldWriteUnmaskedFramesOfEverySizeThatAClientDecodesToTheSameBytes()
    {
        final EmbeddedChannel channel = new EmbeddedChannel();
        final Connection connection = new Connection(channel, 100, 100, 0);
        final byte[] small = TestFrames.bytes(10, 1);
        final byte[] medium = TestFrames.bytes(200, 2);
        final byte[] large = TestFrames.bytes(70_000, 3);
        final byte[] withMargins = TestFrames.bytes(50, 4);

        connection.send(small);
        connection.send(medium);
        connection.send(large);
        connection.send(withMargins, 5, 40);

        final EmbeddedChannel client = new EmbeddedChannel(new WebSocket08FrameDecoder(WebSocketDecoderConfig.newBuilder()
            .expectMaskedFrames(false).maxFramePayloadLength(1 << 20).build()));
        ByteBuf written;
        while ((written = channel.readOutbound()) != null)
        {
            client.writeInbound(written);
        }
        assertThat(TestFrames.content(client.readInbound())).containsExactly(small);
        assertThat(TestFrames.content(client.readInbound())).containsExactly(medium);
        assertThat(TestFrames.content(client.readInbound())).containsExactly(large);
        assertThat(TestFrames.content(client.readInbound())).containsExactly(java.util.Arrays.copyOfRange(withMargins, 5, 45));
        assertThat((Object)client.readInbound()).isNull();
    }

    @Test
    void shouldCloseAfterTheLastFrame()
    {
        final EmbeddedChannel channel = new EmbeddedChannel();
        final Connection connection = new Connection(channel, 100, 100, 0);

        connection.sendAndClose(TestFrames.bytes(20, 5));

        final ByteBuf written = channel.readOutbound();
        assertThat(written.readableBytes()).isEqualTo(22);
        written.release();
        assertThat(channel.isOpen()).isFalse();
    }
}
