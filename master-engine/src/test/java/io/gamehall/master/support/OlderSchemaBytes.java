package io.gamehall.master.support;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * SBE messages as an older schema version wrote them, for tests that read old data: the block
 * ends before the fields the newer version added, and the header says the older version.
 */
public final class OlderSchemaBytes
{
    /** Bytes of a standard SBE message header (blockLength, templateId, schemaId, version). */
    private static final int HEADER = 8;

    private OlderSchemaBytes()
    {
    }

    /**
     * @param message a message with a standard header, as the current schema encodes it.
     * @param dropped bytes at the end of its block that the older version did not have.
     * @param version the older schema version to write in its header.
     * @return the message without those bytes (var data after the block kept).
     */
    public static byte[] withoutBlockTail(final byte[] message, final int dropped, final int version)
    {
        final UnsafeBuffer in = new UnsafeBuffer(message);
        final int blockLength = in.getShort(0, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final byte[] out = new byte[message.length - dropped];
        System.arraycopy(message, 0, out, 0, HEADER + blockLength - dropped);
        System.arraycopy(message, HEADER + blockLength, out, HEADER + blockLength - dropped,
            message.length - HEADER - blockLength);
        final UnsafeBuffer header = new UnsafeBuffer(out);
        header.putShort(0, (short)(blockLength - dropped), ByteOrder.LITTLE_ENDIAN);
        header.putShort(6, (short)version, ByteOrder.LITTLE_ENDIAN);
        return out;
    }
}
