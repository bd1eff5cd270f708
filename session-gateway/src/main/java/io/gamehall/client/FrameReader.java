package io.gamehall.client;

import io.gamehall.sbe.client.GameAckDecoder;
import io.gamehall.sbe.client.GameEventDecoder;
import io.gamehall.sbe.client.MessageHeaderDecoder;
import io.netty.buffer.ByteBuf;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The frame a client connection is reading and the decoders of its frequent events (game
 * events and acknowledgements): one per connection, used on its I/O thread only, so hearing
 * from the game allocates nothing.
 */
final class FrameReader
{
    /** The frame being read, exactly its length. */
    final UnsafeBuffer frame = new UnsafeBuffer(0, 0);
    final MessageHeaderDecoder header = new MessageHeaderDecoder();
    final GameEventDecoder gameEvent = new GameEventDecoder();
    final GameAckDecoder gameAck = new GameAckDecoder();
    final UnsafeBuffer payload = new UnsafeBuffer(0, 0);
    private byte[] bytes = new byte[256];

    /**
     * Copy a frame's bytes into this connection's array (grown to the largest frame seen) and
     * point {@link #frame} at them.
     *
     * @return the frame's length.
     */
    int read(final ByteBuf content)
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
     * @return a copy of the frame being read, for an answer that outlives the read.
     */
    byte[] copy(final int length)
    {
        return java.util.Arrays.copyOf(bytes, length);
    }
}
