package io.gamehall.replication.journal;

import io.gamehall.master.EngineConfig;
import io.gamehall.replication.support.JournalDamage;
import io.gamehall.sbe.journal.CompressedBatchDecoder;
import io.gamehall.sbe.journal.JournalCommandDecoder;
import io.gamehall.sbe.journal.JournalCommandEncoder;
import io.gamehall.sbe.journal.JournalTimerDecoder;
import io.gamehall.sbe.journal.MessageHeaderEncoder;
import io.gamehall.sbe.journal.ResultCode;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The journal's documents on their own, without a cluster: batches, back-pressure from a full
 * ring, journals of format 1 read and continued, a batch whose lengths do not add up, compressed
 * documents (format 4) and a damaged one.
 */
@Timeout(60)
class CommandJournalTest
{
    private static final int PAYLOAD = 40;

    private final List<File> scratch = new ArrayList<>();

    @AfterEach
    void deleteScratch()
    {
        scratch.forEach((dir) -> IoUtil.delete(dir, true));
    }

    @Test
    void shouldKeepEveryRecordInOrderWhenTheServiceOutrunsTheWriter() throws Exception
    {
        final File dir = newDir();
        final int commands = 50_000;
        try (CommandJournal journal = new CommandJournal(context(dir).bufferCapacity(4096).checkpointInterval(1_000)))
        {
            journal.nodeStarted(0, 0, 0, 0, new EngineConfig());
            writeCommands(journal, 1, commands);
        }

        final List<Long> positions = new ArrayList<>();
        final long[] checkpoints = {0};
        try (JournalReader reader = new JournalReader(dir, false))
        {
            reader.readAll(new JournalReader.Visitor()
            {
                public void command(
                    final JournalCommandDecoder record, final DirectBuffer payload, final int offset, final int length,
                    final JournalReader.Location at)
                {
                    assertThat(length).isEqualTo(PAYLOAD);
                    assertThat(payload.getLong(offset, ByteOrder.LITTLE_ENDIAN)).isEqualTo(record.logPosition());
                    positions.add(record.logPosition());
                }

                public void checkpoint(final io.gamehall.sbe.journal.CheckpointDecoder record, final JournalReader.Location at)
                {
                    checkpoints[0]++;
                }
            }, null);
        }
        assertThat(positions).hasSize(commands);
        for (int i = 0; i < commands; i++)
        {
            assertThat(positions.get(i)).isEqualTo(i + 1L);
        }
        assertThat(checkpoints[0]).isEqualTo(commands / 1_000);
        assertThat(JournalDamage.documents(dir).size()).as("records gathered into fewer documents").isLessThan(commands);
    }

    @Test
    void shouldReadAJournalOfFormatOneAndContinueItWithoutGapsOrDuplicates() throws Exception
    {
        final File dir = newDir();
        writeFormatOne(dir, 1, 10);
        final CommandJournal journal = new CommandJournal(context(dir));
        assertThat(journal.lastJournaledPosition()).isEqualTo(10);
        assertThat(journal.alreadyJournaled(10)).isTrue();
        assertThat(journal.alreadyJournaled(11)).isFalse();
        writeCommands(journal, 11, 20);
        journal.timer(21, 0, 0, 77);
        journal.close();

        final List<Long> positions = new ArrayList<>();
        try (JournalReader reader = new JournalReader(dir, false))
        {
            final long records = reader.readAll(new JournalReader.Visitor()
            {
                public void command(
                    final JournalCommandDecoder record, final DirectBuffer payload, final int offset, final int length,
                    final JournalReader.Location at)
                {
                    assertThat(payload.getLong(offset, ByteOrder.LITTLE_ENDIAN)).isEqualTo(record.logPosition());
                    positions.add(record.logPosition());
                }

                public void timer(final JournalTimerDecoder record, final JournalReader.Location at)
                {
                    assertThat(record.correlationId()).isEqualTo(77);
                    positions.add(record.logPosition());
                }
            }, null);
            assertThat(records).isEqualTo(21);
        }
        final List<Long> expected = new ArrayList<>();
        for (long p = 1; p <= 21; p++)
        {
            expected.add(p);
        }
        assertThat(positions).isEqualTo(expected);

        try (CommandJournal reopened = new CommandJournal(context(dir)))
        {
            assertThat(reopened.lastJournaledPosition()).as("last position read from a batch").isEqualTo(21);
        }
    }

    @Test
    void shouldReportABatchWhoseLengthsRunPastItsDocumentAndSkipItWhenAsked() throws Exception
    {
        final File dir = newDir();
        try (ChronicleQueue queue = ChronicleQueue.singleBuilder(dir).rollCycle(RollCycles.FAST_HOURLY).build();
            ExcerptAppender appender = queue.createAppender())
        {
            final UnsafeBuffer record = new UnsafeBuffer(new byte[256]);
            final int length = encodeCommand(record, 1, MessageHeaderEncoder.SCHEMA_VERSION);
            try (DocumentContext dc = appender.writingDocument())
            {
                final UnsafeBuffer batch = new UnsafeBuffer(new byte[JournalRecords.BATCH_HEADER]);
                new io.gamehall.sbe.journal.RecordBatchEncoder().wrapAndApplyHeader(batch, 0, new MessageHeaderEncoder())
                    .count(2);
                dc.wire().bytes().write(batch.byteArray());
                dc.wire().bytes().writeInt(length);
                dc.wire().bytes().write(record.byteArray(), 0, length);
                dc.wire().bytes().writeInt(10_000);
            }
            try (DocumentContext dc = appender.writingDocument())
            {
                final int second = encodeCommand(record, 2, 1);
                dc.wire().bytes().write(record.byteArray(), 0, second);
            }
        }

        assertThatThrownBy(() -> readPositions(dir, false))
            .isInstanceOf(JournalReader.CorruptRecordException.class)
            .hasMessageContaining("record lengths of the batch run past its document");
        try (JournalReader reader = new JournalReader(dir, true))
        {
            final List<Long> positions = new ArrayList<>();
            reader.readAll(positionsOf(positions), null);
            assertThat(positions).containsExactly(1L, 2L);
            assertThat(reader.skippedCount()).isEqualTo(1);
        }
    }

    @Test
    void shouldCompressDocumentsSeveralTimesOverAndReadBackWhatWasWritten() throws Exception
    {
        final File compressed = newDir();
        final File plain = newDir();
        for (final File dir : List.of(compressed, plain))
        {
            try (CommandJournal journal = new CommandJournal(context(dir).compression(dir == compressed)))
            {
                writeCommands(journal, 1, 20_000);
            }
        }

        final List<Long> expected = java.util.stream.LongStream.rangeClosed(1, 20_000).boxed().toList();
        assertThat(readPositions(compressed, false)).isEqualTo(expected);
        assertThat(readPositions(plain, false)).isEqualTo(expected);
        final List<JournalDamage.Document> compressedDocuments = JournalDamage.documents(compressed);
        final List<JournalDamage.Document> plainDocuments = JournalDamage.documents(plain);
        assertThat(compressedDocuments).extracting(JournalDamage.Document::templateId)
            .containsOnly(JournalDamage.COMPRESSED_BATCH);
        assertThat(plainDocuments).extracting(JournalDamage.Document::templateId)
            .containsOnly(JournalDamage.RECORD_BATCH);
        final long compressedBytes = compressedDocuments.stream().mapToLong(JournalDamage.Document::length).sum();
        final long plainBytes = plainDocuments.stream().mapToLong(JournalDamage.Document::length).sum();
        assertThat(compressedBytes).as("compressed vs plain bytes").isLessThan(plainBytes / 3);
        try (CommandJournal reopened = new CommandJournal(context(compressed)))
        {
            assertThat(reopened.lastJournaledPosition()).as("last position of a compressed journal").isEqualTo(20_000);
        }
    }

    @Test
    void shouldReportACompressedDocumentThatFailsItsChecksumAndSkipItsRecordsWhenAsked() throws Exception
    {
        final File dir = newDir();
        try (CommandJournal journal = new CommandJournal(context(dir)))
        {
            writeCommands(journal, 1, 1_000);
        }
        try (CommandJournal journal = new CommandJournal(context(dir)))
        {
            writeCommands(journal, 1_001, 2_000);
        }
        final List<JournalDamage.Document> documents = JournalDamage.documents(dir);
        assertThat(documents).hasSizeGreaterThanOrEqualTo(2);
        final JournalDamage.Document damaged = documents.get(0);
        assertThat(damaged.templateId()).isEqualTo(JournalDamage.COMPRESSED_BATCH);
        JournalDamage.flipByte(damaged, damaged.length() - 1);

        assertThatThrownBy(() -> readPositions(dir, false))
            .isInstanceOf(JournalReader.CorruptRecordException.class)
            .hasMessageContaining(damaged.file().getName())
            .hasMessageContaining("at index " + Long.toHexString(damaged.index()))
            .hasMessageContaining("fails its checksum");
        try (JournalReader reader = new JournalReader(dir, true))
        {
            final List<Long> positions = new ArrayList<>();
            reader.readAll(positionsOf(positions), null);
            assertThat(reader.skippedCount()).isEqualTo(1);
            assertThat(positions).as("the records of the other documents").isNotEmpty().contains(2_000L)
                .doesNotContain(1L);
            final long first = positions.get(0);
            assertThat(positions).isEqualTo(java.util.stream.LongStream.rangeClosed(first, 2_000).boxed().toList());
        }
    }

    @ParameterizedTest(name = "compression {0}")
    @ValueSource(booleans = {true, false})
    void shouldWriteCommandsCompactlyWhenTheyAllowItAndReadEveryFieldBack(final boolean compression) throws Exception
    {
        final File dir = newDir();
        final java.util.Random random = new java.util.Random(42);
        final List<String> written = new ArrayList<>();
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[300]);
        long position = 0;
        long time = 1_767_225_600_000L;
        long term = 0;
        try (CommandJournal journal = new CommandJournal(
            context(dir).bufferCapacity(8192).checkpointInterval(97).compression(compression)))
        {
            journal.nodeStarted(0, 0, time, 0, new EngineConfig());
            for (int i = 0; i < 20_000; i++)
            {
                final int kind = random.nextInt(40);
                position += kind == 0 ? 70_000 + random.nextInt(1_000_000) : 32 + random.nextInt(300);
                time += kind == 1 ? 65_536 + random.nextInt(100_000) : random.nextInt(3);
                term += kind == 2 ? 1 : 0;
                if (kind == 3)
                {
                    journal.timer(position, term, time, 1);
                    written.add("timer " + position + " " + term + " " + time);
                    continue;
                }
                final int length = kind == 4 ? random.nextInt(24) : 24 + random.nextInt(200);
                final int command = 1 + random.nextInt(30);
                for (int b = 0; b < length; b++)
                {
                    payload.putByte(b, (byte)random.nextInt());
                }
                if (length >= 2)
                {
                    payload.putShort(2, (short)command, ByteOrder.LITTLE_ENDIAN);
                }
                final boolean idsReadable = length >= 24;
                final long clientId = idsReadable ? payload.getLong(8, ByteOrder.LITTLE_ENDIAN) + (kind == 5 ? 1 : 0) : 0;
                final long requestId = idsReadable ? payload.getLong(16, ByteOrder.LITTLE_ENDIAN) : 0;
                final boolean applied = kind != 6;
                final int code = random.nextInt(20);
                final long subjectId = random.nextInt(3) == 0 ? 0 : random.nextLong();
                final long detailId = random.nextInt(3) == 0 ? 0 : random.nextLong();
                final int recordedCommand = length >= 8 ? command : 0;
                if (journal.command(position, term, time, clientId, requestId, recordedCommand, code, applied,
                    subjectId, detailId, payload, 0, length))
                {
                    journal.checkpoint(position, time, 0);
                }
                final byte[] bytes = new byte[length];
                payload.getBytes(0, bytes);
                written.add("command " + position + " " + term + " " + time + " " + clientId + " " + requestId + " " +
                    recordedCommand + " " + ResultCode.get(code) + " " + applied + " " + subjectId + " " + detailId +
                    " " + java.util.HexFormat.of().formatHex(bytes));
            }
        }

        final List<String> read = new ArrayList<>();
        try (JournalReader reader = new JournalReader(dir, false))
        {
            reader.readAll(new JournalReader.Visitor()
            {
                public void command(
                    final JournalCommandDecoder r, final DirectBuffer payload, final int offset, final int length,
                    final JournalReader.Location at)
                {
                    final byte[] bytes = new byte[length];
                    payload.getBytes(offset, bytes);
                    read.add("command " + r.logPosition() + " " + r.leadershipTermId() + " " + r.timestamp() + " " +
                        r.clientId() + " " + r.requestId() + " " + r.command() + " " + r.code() + " " +
                        (r.appliedToEngine() != 0) + " " + r.subjectId() + " " + r.detailId() + " " +
                        java.util.HexFormat.of().formatHex(bytes));
                }

                public void timer(final JournalTimerDecoder r, final JournalReader.Location at)
                {
                    read.add("timer " + r.logPosition() + " " + r.leadershipTermId() + " " + r.timestamp());
                }
            }, null);
        }
        assertThat(read).hasSize(written.size());
        for (int i = 0; i < written.size(); i++)
        {
            assertThat(read.get(i)).as("entry " + i).isEqualTo(written.get(i));
        }
        final java.util.Map<Integer, Integer> templates = templateCounts(dir);
        assertThat(templates.get(io.gamehall.sbe.journal.CompactCommandDecoder.TEMPLATE_ID))
            .as("most commands compact: " + templates).isGreaterThan(written.size() * 3 / 4);
        assertThat(templates.get(JournalCommandDecoder.TEMPLATE_ID)).as("the others full: " + templates)
            .isGreaterThan(written.size() / 20);
        if (!compression)
        {
            assertThat(templates).as("no compressed documents").doesNotContainKey(CompressedBatchDecoder.TEMPLATE_ID);
        }
        try (CommandJournal reopened = new CommandJournal(context(dir)))
        {
            assertThat(reopened.lastJournaledPosition()).as("last position of a compact record").isEqualTo(position);
        }
    }

    private static java.util.Map<Integer, Integer> templateCounts(final File dir)
    {
        final java.util.Map<Integer, Integer> counts = new java.util.TreeMap<>();
        final CompressedBatches.Unpacker unpacker = new CompressedBatches.Unpacker();
        try (ChronicleQueue queue = ChronicleQueue.singleBuilder(dir).readOnly(true).build();
            net.openhft.chronicle.queue.ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        return counts;
                    }
                    final byte[] bytes = new byte[(int)dc.wire().bytes().readRemaining()];
                    dc.wire().bytes().read(bytes);
                    UnsafeBuffer document = new UnsafeBuffer(bytes);
                    if (CompressedBatches.isCompressed(document, 0, bytes.length))
                    {
                        counts.merge(CompressedBatchDecoder.TEMPLATE_ID, 1, Integer::sum);
                        final int length = unpacker.unpack(document, 0, bytes.length);
                        assertThat(length).as(unpacker.error()).isPositive();
                        document = new UnsafeBuffer(unpacker.document(), 0, length);
                    }
                    final int count = document.getInt(JournalRecords.BATCH_COUNT_OFFSET, ByteOrder.LITTLE_ENDIAN);
                    int at = JournalRecords.batchHeaderLength(document, 0);
                    for (int i = 0; i < count; i++)
                    {
                        final int length = document.getInt(at, ByteOrder.LITTLE_ENDIAN);
                        counts.merge(document.getShort(at + 4 + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF, 1, Integer::sum);
                        at += 4 + length;
                    }
                }
            }
        }
    }

    private static void writeCommands(final CommandJournal journal, final long from, final long to)
    {
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[PAYLOAD]);
        for (long position = from; position <= to; position++)
        {
            payload.putLong(0, position, ByteOrder.LITTLE_ENDIAN);
            if (journal.command(position, 0, position, 9, position, 5, 0, true, 0, 0, payload, 0, PAYLOAD))
            {
                journal.checkpoint(position, position, 0);
            }
        }
    }

    /** One record per document, schema version 1: what journals looked like before RecordBatch. */
    private static void writeFormatOne(final File dir, final long from, final long to)
    {
        try (ChronicleQueue queue = ChronicleQueue.singleBuilder(dir).rollCycle(RollCycles.FAST_HOURLY).build();
            ExcerptAppender appender = queue.createAppender())
        {
            final UnsafeBuffer record = new UnsafeBuffer(new byte[256]);
            for (long position = from; position <= to; position++)
            {
                final int length = encodeCommand(record, position, 1);
                try (DocumentContext dc = appender.writingDocument())
                {
                    dc.wire().bytes().write(record.byteArray(), 0, length);
                }
            }
        }
    }

    private static int encodeCommand(final UnsafeBuffer buffer, final long position, final int version)
    {
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[PAYLOAD]);
        payload.putLong(0, position, ByteOrder.LITTLE_ENDIAN);
        final JournalCommandEncoder encoder = new JournalCommandEncoder().wrapAndApplyHeader(buffer, 0, header)
            .logPosition(position).leadershipTermId(0).timestamp(position).clientId(9).requestId(position).command(5)
            .code(ResultCode.OK).appliedToEngine((short)1).subjectId(0).detailId(0)
            .putPayload(payload, 0, PAYLOAD);
        header.version(version);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private static List<Long> readPositions(final File dir, final boolean skipCorrupt)
    {
        final List<Long> positions = new ArrayList<>();
        try (JournalReader reader = new JournalReader(dir, skipCorrupt))
        {
            reader.readAll(positionsOf(positions), null);
        }
        return positions;
    }

    private static JournalReader.Visitor positionsOf(final List<Long> positions)
    {
        return new JournalReader.Visitor()
        {
            public void command(
                final JournalCommandDecoder record, final DirectBuffer payload, final int offset, final int length,
                final JournalReader.Location at)
            {
                positions.add(record.logPosition());
            }
        };
    }

    private static CommandJournal.Context context(final File dir)
    {
        return new CommandJournal.Context().directory(dir);
    }

    private File newDir() throws Exception
    {
        final File dir = Files.createTempDirectory("gamehall-journal-test-").toFile();
        scratch.add(dir);
        return dir;
    }
}
