package io.gamehall.client;

import io.gamehall.sbe.client.GameMessageEncoder;
import io.gamehall.sbe.client.MessageHeaderEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import io.netty.channel.VoidChannelPromise;
import org.agrona.ExpandableArrayBuffer;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a client's frames to its gateway connection from any thread without garbage: each
 * message becomes a finished, masked WebSocket client frame (RFC 6455 section 5.2) appended to
 * an array of pending bytes; the connection's I/O thread then writes everything pending in one
 * pooled buffer (several messages sent close together leave in one write). Netty's frame
 * encoder lets the plain buffer through; the connection has no WebSocket extensions. Pings and
 * closes still go through Netty.
 */
final class FrameWriter implements Runnable
{
    private static final int MAX_HEADER = 14;
    private static final int KEEP_PENDING_BYTES = 64 * 1024;

    private final Channel channel;
    private final ChannelPromise quietly;
    private final ExpandableArrayBuffer message = new ExpandableArrayBuffer(128);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final GameMessageEncoder gameMessage = new GameMessageEncoder();
    private byte[] pending = new byte[256];
    private int pendingLength;
    private boolean scheduled;

    FrameWriter(final Channel channel)
    {
        this.channel = channel;
        this.quietly = new VoidChannelPromise(channel, false);
    }

    Channel channel()
    {
        return channel;
    }

    /**
     * Send an encoded message.
     */
    void send(final byte[] frame)
    {
        final boolean schedule;
        synchronized (this)
        {
            append(frame, 0, frame.length);
            schedule = markScheduled();
        }
        schedule(schedule);
    }

    /**
     * Encode and send a game message.
     */
    void sendGameMessage(final long instanceId, final long sequence, final int kind, final byte[] payload,
        final int offset, final int length)
    {
        final boolean schedule;
        synchronized (this)
        {
            gameMessage.wrapAndApplyHeader(message, 0, header)
                .instanceId(instanceId).sequence(sequence).kind(kind).putPayload(payload, offset, length);
            append(message.byteArray(), 0, MessageHeaderEncoder.ENCODED_LENGTH + gameMessage.encodedLength());
            schedule = markScheduled();
        }
        schedule(schedule);
    }

    /**
     * Write what is pending (the connection's I/O thread).
     */
    @Override
    public void run()
    {
        final ByteBuf out;
        synchronized (this)
        {
            scheduled = false;
            if (pendingLength == 0)
            {
                return;
            }
            out = channel.alloc().ioBuffer(pendingLength).writeBytes(pending, 0, pendingLength);
            pendingLength = 0;
            if (pending.length > KEEP_PENDING_BYTES)
            {
                pending = new byte[256];
            }
        }
        channel.writeAndFlush(out, quietly);
    }

    private boolean markScheduled()
    {
        final boolean first = !scheduled;
        scheduled = true;
        return first;
    }

    private void schedule(final boolean first)
    {
        if (first)
        {
            try
            {
                channel.eventLoop().execute(this);
            }
            catch (final RejectedExecutionException ex)
            {
                // the client's event loop is shutting down: the connection goes with it
            }
        }
    }

    /**
     * A final binary frame, masked as every client frame must be.
     */
    private void append(final byte[] bytes, final int offset, final int length)
    {
        if (pendingLength + MAX_HEADER + length > pending.length)
        {
            pending = java.util.Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + MAX_HEADER + length));
        }
        int at = pendingLength;
        pending[at++] = (byte)0x82; // FIN, opcode binary
        if (length < 126)
        {
            pending[at++] = (byte)(0x80 | length);
        }
        else if (length <= 0xFFFF)
        {
            pending[at++] = (byte)(0x80 | 126);
            pending[at++] = (byte)(length >>> 8);
            pending[at++] = (byte)length;
        }
        else
        {
            pending[at++] = (byte)(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8)
            {
                pending[at++] = (byte)((long)length >>> shift);
            }
        }
        final int mask = ThreadLocalRandom.current().nextInt();
        final int maskAt = at;
        pending[at++] = (byte)(mask >>> 24);
        pending[at++] = (byte)(mask >>> 16);
        pending[at++] = (byte)(mask >>> 8);
        pending[at++] = (byte)mask;
        for (int i = 0; i < length; i++)
        {
            pending[at++] = (byte)(bytes[offset + i] ^ pending[maskAt + (i & 3)]);
        }
        pendingLength = at;
    }
}
