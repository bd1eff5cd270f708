package io.gamehall.client;

import io.gamehall.protocol.FrameBytes;
import io.gamehall.sbe.client.GameAckDecoder;
import io.gamehall.sbe.client.GameEventDecoder;
import io.gamehall.sbe.client.MessageHeaderDecoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The frame a client connection is reading and the decoders of its frequent events (game
 * events and acknowledgements): one per connection, used on its I/O thread only, so hearing
 * from the game allocates nothing.
 */
final class FrameReader extends FrameBytes
{
    final MessageHeaderDecoder header = new MessageHeaderDecoder();
    final GameEventDecoder gameEvent = new GameEventDecoder();
    final GameAckDecoder gameAck = new GameAckDecoder();
    final UnsafeBuffer payload = new UnsafeBuffer(0, 0);
}
