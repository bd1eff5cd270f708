package io.gamehall.replication.journal;

import io.gamehall.sbe.journal.CompressedBatchDecoder;
import io.gamehall.sbe.journal.CompressedBatchEncoder;
import io.gamehall.sbe.journal.MessageHeaderDecoder;
import io.gamehall.sbe.journal.MessageHeaderEncoder;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Documents of format 4 ({@code journal.xml}): a {@code CompressedBatch} header, then one LZ4
 * block that decompresses to a whole document of format 3.
 * <p>
 * Why: on a master the journal's cost follows the bytes it writes, because every byte lands in
 * a page of the queue file that the kernel must allocate and zero first. Journal records are
 * SBE messages with fixed layouts, mostly small ids, zeros and repeated fields, and LZ4 shrinks
 * a batch of them several times over for less CPU than the page work it saves (figures in
 * {@code docs/journal.md}). The header's CRC-32C covers the compressed bytes, so damage is
 * found where an LZ4 block, which has no checksum of its own, would decompress to wrong records.
 * <p>
 * LZ4 through lz4-java's fastest implementation for the platform (its JNI binding where it
 * loads, pure Java otherwise); decompression always into a buffer of the declared length with
 * the safe decompressor, which never reads or writes outside the buffers it is given.
 */
final class CompressedBatches
{
    /** Bytes of the CompressedBatch header before the LZ4 block. */
    static final int HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + CompressedBatchEncoder.BLOCK_LENGTH;

    /** Largest decompressed document a reader accepts: a declared length above it is damage. */
    static final int MAX_BATCH_LENGTH = 64 * 1024 * 1024;

    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();

    private CompressedBatches()
    {
    }

    /**
     * @return true when the document starts with a CompressedBatch header (format 4).
     */
    static boolean isCompressed(final DirectBuffer buffer, final int offset, final int length)
    {
        return length >= HEADER_LENGTH &&
            (buffer.getShort(offset + 4, ByteOrder.LITTLE_ENDIAN) & 0xFFFF) == MessageHeaderDecoder.SCHEMA_ID &&
            (buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF) == CompressedBatchDecoder.TEMPLATE_ID;
    }

    /** Compresses documents of up to a given length (the writer's). */
    static final class Packer
    {
        private final LZ4Compressor compressor = LZ4.fastCompressor();
        private final CRC32C crc = new CRC32C();
        private final ByteBuffer packed;
        private final UnsafeBuffer packedBuffer;
        private final MessageHeaderEncoder header = new MessageHeaderEncoder();
        private final CompressedBatchEncoder encoder = new CompressedBatchEncoder();

        /**
         * @param maxLength longest document {@link #pack} is given.
         */
        Packer(final int maxLength)
        {
            packed = ByteBuffer.allocateDirect(HEADER_LENGTH + compressor.maxCompressedLength(maxLength));
            packedBuffer = new UnsafeBuffer(packed);
        }

        /**
         * Compress a document of format 3 into {@link #packed()}, CompressedBatch header first.
         *
         * @param document direct buffer holding the document from index 0.
         * @param length   its bytes.
         * @return bytes of the compressed document, or -1 when it would not be smaller than the
         * document itself (write that instead).
         */
        int pack(final ByteBuffer document, final int length)
        {
            final int blockLength = compressor.compress(
                document, 0, length, packed, HEADER_LENGTH, packed.capacity() - HEADER_LENGTH);
            if (HEADER_LENGTH + blockLength >= length)
            {
                return -1;
            }
            crc.reset();
            packed.limit(HEADER_LENGTH + blockLength).position(HEADER_LENGTH);
            crc.update(packed);
            packed.clear();
            encoder.wrapAndApplyHeader(packedBuffer, 0, header)
                .batchLength(length)
                .checksum((int)crc.getValue());
            return HEADER_LENGTH + blockLength;
        }

        /**
         * @return the buffer {@link #pack} compressed into, from index 0.
         */
        ByteBuffer packed()
        {
            return packed;
        }
    }

    /** Decompresses documents of format 4 (a reader's; buffers grow to the longest seen). */
    static final class Unpacker
    {
        private final LZ4SafeDecompressor decompressor = LZ4.safeDecompressor();
        private final CRC32C crc = new CRC32C();
        private final CompressedBatchDecoder decoder = new CompressedBatchDecoder();
        private ByteBuffer block = ByteBuffer.allocateDirect(0);
        private ByteBuffer document = ByteBuffer.allocateDirect(0);
        private final UnsafeBuffer blockBuffer = new UnsafeBuffer(0, 0);
        private final UnsafeBuffer documentBuffer = new UnsafeBuffer(0, 0);
        private String error;

        /**
         * Decompress a document that {@link #isCompressed} into {@link #document()}.
         *
         * @return bytes of the decompressed document, or -1 when it is damaged ({@link #error()} says how).
         */
        int unpack(final DirectBuffer source, final int offset, final int length)
        {
            decoder.wrap(source, offset + MessageHeaderDecoder.ENCODED_LENGTH,
                source.getShort(offset, ByteOrder.LITTLE_ENDIAN) & 0xFFFF,
                source.getShort(offset + 6, ByteOrder.LITTLE_ENDIAN) & 0xFFFF);
            final int batchLength = decoder.batchLength();
            final int blockLength = length - HEADER_LENGTH;
            if (batchLength <= 0 || batchLength > MAX_BATCH_LENGTH)
            {
                error = "compressed batch declares " + batchLength + " bytes";
                return -1;
            }
            if (block.capacity() < blockLength)
            {
                block = ByteBuffer.allocateDirect(blockLength);
                blockBuffer.wrap(block);
            }
            source.getBytes(offset + HEADER_LENGTH, blockBuffer, 0, blockLength);
            crc.reset();
            block.limit(blockLength).position(0);
            crc.update(block);
            block.clear();
            if ((int)crc.getValue() != decoder.checksum())
            {
                error = "compressed batch of " + blockLength + " bytes fails its checksum";
                return -1;
            }
            if (document.capacity() < batchLength)
            {
                document = ByteBuffer.allocateDirect(Math.max(batchLength, Math.min(2 * document.capacity(),
                    MAX_BATCH_LENGTH)));
                documentBuffer.wrap(document);
            }
            try
            {
                final int decompressed = decompressor.decompress(block, 0, blockLength, document, 0, batchLength);
                if (decompressed != batchLength)
                {
                    error = "compressed batch decompresses to " + decompressed + " bytes, not the " + batchLength +
                        " it declares";
                    return -1;
                }
            }
            catch (final LZ4Exception ex)
            {
                error = "compressed batch does not decompress: " + ex.getMessage();
                return -1;
            }
            return batchLength;
        }

        /**
         * @return the last document {@link #unpack} decompressed, from index 0.
         */
        DirectBuffer document()
        {
            return documentBuffer;
        }

        /**
         * @return why the last {@link #unpack} failed.
         */
        String error()
        {
            return error;
        }
    }
}
