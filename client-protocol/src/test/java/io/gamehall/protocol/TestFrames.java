package io.gamehall.protocol;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;

import java.util.Random;

/**
 * Frames and bytes for the tests of frame writing (SDK and gateway).
 */
public final class TestFrames
{
    private TestFrames()
    {
    }

    /**
     * @return the frame's content; the frame is released.
     */
    public static byte[] content(final BinaryWebSocketFrame frame)
    {
        try
        {
            return ByteBufUtil.getBytes(frame.content());
        }
        finally
        {
            frame.release();
        }
    }

    /**
     * @return {@code length} random bytes from {@code seed}.
     */
    public static byte[] bytes(final int length, final long seed)
    {
        final byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
