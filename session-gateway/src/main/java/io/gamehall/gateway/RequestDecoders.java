package io.gamehall.gateway;

import io.gamehall.sbe.client.CreateInstanceDecoder;
import io.gamehall.sbe.client.GameMessageDecoder;
import io.gamehall.sbe.client.GetHistoryDecoder;
import io.gamehall.sbe.client.HelloDecoder;
import io.gamehall.sbe.client.JoinInstanceDecoder;
import io.gamehall.sbe.client.LeaveInstanceDecoder;
import io.gamehall.sbe.client.LoginDecoder;
import io.gamehall.sbe.client.LogoutDecoder;
import io.gamehall.sbe.client.MessageHeaderDecoder;
import io.gamehall.sbe.client.RegisterDecoder;
import io.gamehall.sbe.client.ResumeDecoder;
import io.gamehall.sbe.client.SearchInstancesDecoder;
import io.netty.buffer.ByteBuf;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The buffer a client's frame is read into and a decoder per request type: one set per
 * WebSocket I/O thread, used by that thread only (flyweights hold state between calls), so
 * reading a request allocates nothing.
 */
final class RequestDecoders
{
    /** The frame being read, exactly its length (reads past its end fail as on a frame of its own). */
    final UnsafeBuffer frame = new UnsafeBuffer(0, 0);
    final MessageHeaderDecoder header = new MessageHeaderDecoder();
    final HelloDecoder hello = new HelloDecoder();
    final RegisterDecoder register = new RegisterDecoder();
    final LoginDecoder login = new LoginDecoder();
    final ResumeDecoder resume = new ResumeDecoder();
    final LogoutDecoder logout = new LogoutDecoder();
    final CreateInstanceDecoder create = new CreateInstanceDecoder();
    final SearchInstancesDecoder search = new SearchInstancesDecoder();
    final JoinInstanceDecoder join = new JoinInstanceDecoder();
    final LeaveInstanceDecoder leave = new LeaveInstanceDecoder();
    final GameMessageDecoder gameMessage = new GameMessageDecoder();
    final GetHistoryDecoder history = new GetHistoryDecoder();
    final UnsafeBuffer payload = new UnsafeBuffer(0, 0);
    private byte[] bytes = new byte[256];

    /**
     * Copy a frame's bytes into this thread's array (grown to the largest frame seen, at most
     * the gateway's frame limit) and point {@link #frame} at them.
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
}
