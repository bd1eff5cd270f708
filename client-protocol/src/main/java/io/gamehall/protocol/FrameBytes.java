package io.gamehall.protocol;

import io.netty.buffer.ByteBuf;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A WebSocket frame's bytes copied into an array of its own (grown to the largest frame seen)
 * and viewed as exactly that frame: reads past its end fail as they would on a frame of its
 * own. One per thread or connection that reads frames (the SDK's connections, the gateway's
 * I/O threads), so reading a frame allocates nothing. Shared by the SDK and the gateway; not an
 * API for games.
 */
public class FrameBytes
{
    /** The frame being read, exactly its length. */
    public final UnsafeBuffer frame = new UnsafeBuffer(0, 0);
    private byte[] bytes = new byte[256];

    /**
     * Copy a frame's readable bytes (without consuming them) and point {@link #frame} at them.
     *
     * @return the frame's length.
     */
    public int read(final ByteBuf content)
    {
        final int length = content.readableBytes();
        if (length > bytes.length)
        {
            bytes = new byte[Math.max(length, bytes.length * 2)];
        }
        content.getBytes(content.readerIndex(), bytes, 0, length);
        frame.wrap(bytes, 0, length);
        return length;
    }

    /**
     * @return a copy of the first {@code length} bytes of the frame being read, for what
     *     outlives the read.
     */
    public byte[] copy(final int length)
    {
        return java.util.Arrays.copyOf(bytes, length);
    }
}
