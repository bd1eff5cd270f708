package io.gamehall.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameBytesTest
{
    @Test
    void shouldViewExactlyTheFrameWithoutConsumingIt()
    {
        final FrameBytes frames = new FrameBytes();
        final byte[] large = TestFrames.bytes(1_000, 1);
        final ByteBuf content = Unpooled.wrappedBuffer(large);

        assertThat(frames.read(content)).isEqualTo(1_000);

        assertThat(content.readableBytes()).isEqualTo(1_000);
        assertThat(frames.frame.capacity()).isEqualTo(1_000);
        assertThat(frames.frame.getByte(999)).isEqualTo(large[999]);
        assertThat(frames.copy(1_000)).containsExactly(large);
    }

    @Test
    void shouldFailReadsPastASmallerFrameAfterALargerOne()
    {
        final FrameBytes frames = new FrameBytes();
        frames.read(Unpooled.wrappedBuffer(TestFrames.bytes(600, 2)));
        final byte[] small = TestFrames.bytes(10, 3);

        assertThat(frames.read(Unpooled.wrappedBuffer(small))).isEqualTo(10);

        assertThat(frames.copy(10)).containsExactly(small);
        assertThatThrownBy(() -> frames.frame.getByte(10)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
