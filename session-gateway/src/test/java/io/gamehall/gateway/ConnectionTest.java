package io.gamehall.gateway;

import io.gamehall.protocol.TestFrames;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
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
        assertThat(client.<Object>readInbound()).isNull();
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

    @Test
    void shouldCloseAClientThatKeepsSendingFasterThanItsRateEvenThoughSomeFramesGetThrough()
    {
        final Connection connection = new Connection(new EmbeddedChannel(), 200, 400, 0);
        int admitted = 0;
        int closedAt = -1;
        // twice the rate (a frame every 2.5 ms) for 60 s of fake time
        for (int i = 0; i < 24_000 && closedAt < 0; i++)
        {
            final int verdict = connection.admit(i * 5L / 2, 1_000);
            admitted += verdict == 1 ? 1 : 0;
            closedAt = verdict < 0 ? i : -1;
        }
        assertThat(closedAt).as("closed after its burst and 1,000 refusals, about 2,800 frames in").isBetween(2_000, 3_000);
        assertThat(admitted).as("frames got through as the bucket refilled").isGreaterThan(400);
    }

    @Test
    void shouldNotCloseAClientWithinItsRateOrOneThatSlowsDownBetweenBursts()
    {
        final Connection steady = new Connection(new EmbeddedChannel(), 200, 400, 0);
        for (int i = 0; i < 20_000; i++)
        {
            assertThat(steady.admit(i * 5L, 10)).isEqualTo(1);
        }

        final Connection bursty = new Connection(new EmbeddedChannel(), 200, 400, 0);
        long now = 0;
        for (int round = 0; round < 20; round++)
        {
            int refused = 0;
            for (int i = 0; i < 405; i++)
            {
                final int verdict = bursty.admit(now, 10);
                assertThat(verdict).isNotNegative();
                refused += verdict == 0 ? 1 : 0;
            }
            assertThat(refused).isEqualTo(5);
            assertThat(bursty.firstRefusal()).isFalse();
            now += 3_000; // quiet long enough to refill the whole burst
        }
    }
}
