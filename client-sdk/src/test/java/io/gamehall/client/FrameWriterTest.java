package io.gamehall.client;

import io.gamehall.protocol.TestFrames;
import io.gamehall.sbe.client.GameMessageDecoder;
import io.gamehall.sbe.client.MessageHeaderDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FrameWriterTest
{
    @Test
    void shouldWriteMaskedFramesOfEverySizeThatAServerDecodesToTheSameBytes()
    {
        final EmbeddedChannel client = new EmbeddedChannel();
        final FrameWriter writer = new FrameWriter(client);
        final byte[] small = TestFrames.bytes(5, 1);
        final byte[] medium = TestFrames.bytes(300, 2);
        final byte[] large = TestFrames.bytes(70_000, 3);

        writer.send(small);
        writer.send(medium);
        writer.send(large);
        writer.sendGameMessage(7, 8, 9, new byte[]{1, 2, 3}, 0, 3);
        client.runPendingTasks();

        final ByteBuf wire = client.readOutbound();
        assertThat(client.<Object>readOutbound()).as("everything pending leaves in one write").isNull();
        final EmbeddedChannel server = new EmbeddedChannel(new WebSocket08FrameDecoder(WebSocketDecoderConfig.newBuilder()
            .expectMaskedFrames(true).maxFramePayloadLength(1 << 20).build()));
        server.writeInbound(wire);
        assertThat(TestFrames.content(server.readInbound())).containsExactly(small);
        assertThat(TestFrames.content(server.readInbound())).containsExactly(medium);
        assertThat(TestFrames.content(server.readInbound())).containsExactly(large);

        final UnsafeBuffer message = new UnsafeBuffer(TestFrames.content(server.readInbound()));
        final GameMessageDecoder decoded = new GameMessageDecoder()
            .wrapAndApplyHeader(message, 0, new MessageHeaderDecoder());
        assertThat(decoded.instanceId()).isEqualTo(7);
        assertThat(decoded.sequence()).isEqualTo(8);
        assertThat(decoded.kind()).isEqualTo(9);
        final byte[] payload = new byte[decoded.payloadLength()];
        decoded.getPayload(payload, 0, payload.length);
        assertThat(payload).containsExactly(1, 2, 3);
        assertThat(server.<Object>readInbound()).isNull();
    }

    @Test
    void shouldWriteNothingWhenNothingIsPending()
    {
        final EmbeddedChannel client = new EmbeddedChannel();
        new FrameWriter(client).run();

        assertThat(client.<Object>readOutbound()).isNull();
    }
}
