package io.gamehall.replication.support;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the documents of a (closed) command journal in its queue files, so that a test can
 * damage one on purpose.
 */
public final class JournalDamage
{
    /** Template id of a CompressedBatch header (journal.xml). */
    public static final int COMPRESSED_BATCH = 10;

    /** Template id of a RecordBatch header (journal.xml). */
    public static final int RECORD_BATCH = 8;

    /**
     * Where one document lies.
     *
     * @param file       its queue file.
     * @param index      its Chronicle index.
     * @param offset     of its first byte in the file.
     * @param length     its bytes.
     * @param templateId template id of the SBE header it starts with.
     */
    public record Document(File file, long index, long offset, int length, int templateId)
    {
    }

    private JournalDamage()
    {
    }

    /**
     * @return every document of the journal in order.
     */
    public static List<Document> documents(final File journalDir)
    {
        final List<Document> documents = new ArrayList<>();
        try (ChronicleQueue queue = ChronicleQueue.singleBuilder(journalDir).readOnly(true).build();
            ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        return documents;
                    }
                    final Bytes<?> bytes = dc.wire().bytes();
                    final int length = (int)bytes.readRemaining();
                    final int templateId = length >= 4 ?
                        bytes.readUnsignedShort(bytes.readPosition() + 2) : -1;
                    documents.add(new Document(
                        tailer.currentFile(), dc.index(), bytes.readPosition(), length, templateId));
                }
            }
        }
    }

    /**
     * Invert one byte of a document, checking first that the file holds the document's header
     * where it is said to be.
     *
     * @param at offset from the document's first byte.
     */
    public static void flipByte(final Document document, final int at) throws IOException
    {
        if (at < 0 || at >= document.length())
        {
            throw new IllegalArgumentException("offset " + at + " outside a document of " + document.length() + " bytes");
        }
        try (RandomAccessFile file = new RandomAccessFile(document.file(), "rw"))
        {
            final byte[] header = new byte[4];
            file.seek(document.offset());
            file.readFully(header);
            final int templateId = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getShort(2) & 0xFFFF;
            if (templateId != document.templateId())
            {
                throw new IllegalStateException("no document header at offset " + document.offset() + " of " +
                    document.file());
            }
            file.seek(document.offset() + at);
            final int value = file.read();
            file.seek(document.offset() + at);
            file.write(~value & 0xFF);
        }
    }
}
