package io.gamehall.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client written by hand over a plain socket, for what the SDK never sends: a
 * message in several fragments. Frames from the client are masked (RFC 6455); pings from the
 * gateway are skipped.
 */
public final class RawWebSocket implements AutoCloseable
{
    public static final int CONTINUATION = 0x0;
    public static final int BINARY = 0x2;
    private static final int CLOSE = 0x8;
    private static final byte[] MASK = {0x11, 0x22, 0x33, 0x44};

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawWebSocket(final Socket socket) throws IOException
    {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /**
     * Connect and complete the handshake.
     */
    public static RawWebSocket connect(final String url, final long timeoutMs) throws IOException
    {
        final URI uri = URI.create(url);
        final Socket socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout((int)timeoutMs);
        final RawWebSocket ws = new RawWebSocket(socket);
        ws.out.write(("GET " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() +
            "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
            "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        final ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n"))
        {
            final int b = ws.in.read();
            if (b < 0)
            {
                throw new EOFException("closed during the handshake");
            }
            head.write(b);
        }
        if (!head.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101"))
        {
            throw new IOException("no upgrade: " + head);
        }
        return ws;
    }

    /**
     * Send one frame, masked.
     */
    public void send(final boolean fin, final int opcode, final byte[] payload) throws IOException
    {
        final ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126)
        {
            frame.write(0x80 | payload.length);
        }
        else
        {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xFF);
        }
        frame.write(MASK);
        for (int i = 0; i < payload.length; i++)
        {
            frame.write(payload[i] ^ MASK[i & 3]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /**
     * @return the next binary message's bytes, or null when the gateway closed the connection.
     */
    public byte[] readBinary() throws IOException
    {
        while (true)
        {
            final int first;
            try
            {
                first = in.read();
            }
            catch (final SocketTimeoutException ex)
            {
                throw new IOException("nothing from the gateway in time", ex);
            }
            if (first < 0)
            {
                return null;
            }
            final int second = in.readUnsignedByte();
            long length = second & 0x7F;
            if (length == 126)
            {
                length = in.readUnsignedShort();
            }
            else if (length == 127)
            {
                length = in.readLong();
            }
            final byte[] payload = new byte[(int)length];
            in.readFully(payload);
            final int opcode = first & 0x0F;
            if (opcode == CLOSE)
            {
                return null;
            }
            if (opcode == BINARY)
            {
                return payload;
            }
        }
    }

    /**
     * @return whether the gateway closed the connection (end of stream or reset) before it sent another binary message.
     */
    public boolean closedByGateway()
    {
        try
        {
            byte[] message;
            do
            {
                message = readBinary();
            }
            while (message != null);
            return true;
        }
        catch (final IOException ex)
        {
            return !(ex.getCause() instanceof SocketTimeoutException);
        }
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }

    /**
     * @return a reader over raw bytes (tests that want the stream).
     */
    public InputStream input()
    {
        return in;
    }
}
