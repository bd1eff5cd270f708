package io.gamehall.replay;

import io.gamehall.master.EngineConfig;
import io.gamehall.master.EngineOutput;
import io.gamehall.master.MasterEngine;
import io.gamehall.master.support.CommandText;
import io.gamehall.replication.journal.CommandJournal;
import io.gamehall.sbe.journal.CheckpointEncoder;
import io.gamehall.sbe.journal.JournalCommandEncoder;
import io.gamehall.sbe.journal.MessageHeaderEncoder;
import io.gamehall.sbe.journal.NodeStartedEncoder;
import io.gamehall.sbe.journal.RecordBatchEncoder;
import io.gamehall.sbe.journal.ResultCode;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Journals written before state hash version 2: format 2 documents of schema version 2, whose
 * node starts and checkpoints hold version 1 hashes and name no version. {@code verify}
 * compares them with version 1, and a journal such a node began and this code continued
 * (version 2 hashes from then on) verifies as a whole.
 */
@Timeout(60)
class OlderJournalsTest
{
    private final EngineConfig config = new EngineConfig().maxServers(16).maxUsers(64).maxInstances(64);
    private final MasterEngine engine = new MasterEngine(config, EngineOutput.NONE);
    private final CommandText text = new CommandText();
    private final ExpandableArrayBuffer command = new ExpandableArrayBuffer();
    private final File dir;
    private long position;

    OlderJournalsTest() throws Exception
    {
        dir = Files.createTempDirectory("gamehall-older-journal-").toFile();
    }

    @AfterEach
    void deleteJournal()
    {
        IoUtil.delete(dir, true);
    }

    @Test
    void shouldVerifyVersion1CheckpointsOfAJournalWrittenBeforeVersion2()
    {
        writeOldJournal(1);

        final String[] outAndErr = new String[2];
        final int exit = ReplayRun.run(outAndErr, "verify", "-q", "-j", dir.getPath());

        assertThat(exit).as(outAndErr[0] + outAndErr[1]).isZero();
        assertThat(outAndErr[0]).startsWith("OK:").contains("3 state hashes checked")
            .contains("final state hash " + Long.toHexString(engine.stateHash()));
    }

    @Test
    void shouldCompareAnOldCheckpointWithVersion1()
    {
        writeOldJournal(2);

        final String[] outAndErr = new String[2];
        final int exit = ReplayRun.run(outAndErr, "verify", "-q", "-j", dir.getPath());

        assertThat(exit).as("a version 2 hash recorded without a version is not a version 1 hash").isEqualTo(1);
        assertThat(outAndErr[0]).contains("DIVERGENCE at log position " + position + " (checkpoint");
    }

    @Test
    void shouldVerifyAnOldJournalContinuedByThisCode()
    {
        writeOldJournal(1);
        final long oldEnd = position;
        try (CommandJournal journal = new CommandJournal(new CommandJournal.Context().directory(dir)))
        {
            assertThat(journal.lastJournaledPosition()).isEqualTo(oldEnd);
            journal.nodeStarted(0, position, 60_000, engine.stateHash(), config);
            journalCommand(journal, "CheckInUser clientId=9 requestId=1 gatewayId=1 userId=30 userName=dave");
            journalCommand(journal, "JoinInstance clientId=9 requestId=2 userId=30 instanceId=1");
            journal.checkpoint(position, 61_000, engine.stateHash());
            journalCommand(journal, "CheckOutUser clientId=9 requestId=3 gatewayId=1 userId=11");
            journal.checkpoint(position, 62_000, engine.stateHash());
        }

        final String[] outAndErr = new String[2];
        final int exit = ReplayRun.run(outAndErr, "verify", "-q", "-j", dir.getPath());

        assertThat(exit).as(outAndErr[0] + outAndErr[1]).isZero();
        assertThat(outAndErr[0]).startsWith("OK:").contains("6 state hashes checked")
            .contains("final state hash " + Long.toHexString(engine.stateHash()));
        assertThat(ReplayRun.run(outAndErr, "state", "-q", "--at", Long.toString(oldEnd), "-j", dir.getPath())).isZero();
        assertThat(ReplayRun.run(outAndErr, "state", "-q", "-j", dir.getPath())).isZero();
        assertThat(outAndErr[0]).contains("users 2, instances 1, state hash " + Long.toHexString(engine.stateHash()));
    }

    /**
     * What a node wrote before state hash version 2: a node start, commands, and checkpoints,
     * all of schema version 2; the hashes are of version 1 except the last checkpoint's, which
     * is of the version given.
     */
    private void writeOldJournal(final int lastHashVersion)
    {
        final List<byte[]> records = new ArrayList<>();
        records.add(oldNodeStarted(engine.stateHash(1)));
        records.add(oldCommand("RegisterServer clientId=5 requestId=1 role=GATEWAY capacity=100 name=gw " +
            "endpoint=ws://127.0.0.1:1 softwareVersion=1"));
        records.add(oldCommand("RegisterServer clientId=5 requestId=2 role=GAME_HOST capacity=10 gameTypes=1 " +
            "name=host endpoint=aeron:udp?endpoint=127.0.0.1:40001 softwareVersion=1"));
        records.add(oldCommand("CheckInUser clientId=5 requestId=3 gatewayId=1 userId=11 userName=alice"));
        records.add(oldCheckpoint(engine.stateHash(1)));
        records.add(oldCommand("CheckInUser clientId=5 requestId=4 gatewayId=1 userId=12 userName=bob"));
        records.add(oldCommand("CreateInstance clientId=5 requestId=5 ownerId=11 gameType=1 maxPlayers=4"));
        records.add(oldCommand("InstanceReady clientId=5 requestId=6 hostId=2 instanceId=1"));
        records.add(oldCommand("JoinInstance clientId=5 requestId=7 userId=12 instanceId=1"));
        records.add(oldCheckpoint(engine.stateHash(lastHashVersion)));
        try (ChronicleQueue queue = ChronicleQueue.singleBuilder(dir).rollCycle(RollCycles.FAST_HOURLY).build();
            ExcerptAppender appender = queue.createAppender())
        {
            writeBatch(appender, records.subList(0, 5));
            writeBatch(appender, records.subList(5, records.size()));
        }
    }

    private void journalCommand(final CommandJournal journal, final String line)
    {
        final int length = apply(line);
        journal.command(position, 0, 1_000 * position, 9, position, 0, 0, true, 0, 0, command, 0, length);
    }

    private int apply(final String line)
    {
        final int length = text.encode(line, command, 0);
        position += 100;
        engine.apply(command, 0, length, 1_000 * position);
        return length;
    }

    private byte[] oldCommand(final String line)
    {
        final int length = apply(line);
        final UnsafeBuffer out = new UnsafeBuffer(new byte[
            MessageHeaderEncoder.ENCODED_LENGTH + JournalCommandEncoder.BLOCK_LENGTH +
            JournalCommandEncoder.payloadHeaderLength() + length]);
        new JournalCommandEncoder().wrapAndApplyHeader(out, 0, new MessageHeaderEncoder())
            .logPosition(position).leadershipTermId(0).timestamp(1_000 * position).clientId(5).requestId(position)
            .command(command.getShort(2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF).code(ResultCode.OK)
            .appliedToEngine((short)1).subjectId(0).detailId(0).putPayload(command, 0, length);
        return asSchemaVersion2(out.byteArray(), 0);
    }

    private byte[] oldNodeStarted(final long hash)
    {
        final UnsafeBuffer out = new UnsafeBuffer(new byte[MessageHeaderEncoder.ENCODED_LENGTH + NodeStartedEncoder.BLOCK_LENGTH]);
        new NodeStartedEncoder().wrapAndApplyHeader(out, 0, new MessageHeaderEncoder())
            .memberId(0).logPosition(position).timestamp(0).stateHash(hash)
            .maxServers(config.maxServers()).maxUsers(config.maxUsers()).maxInstances(config.maxInstances())
            .maxPlayersPerInstance(config.maxPlayersPerInstance()).serverTimeoutMs(config.serverTimeoutMs())
            .dedupWindow(config.dedupWindow()).maxClients(config.maxClients())
            .maxSearchExamined(config.maxSearchExamined());
        return asSchemaVersion2(out.byteArray(), NodeStartedEncoder.hashVersionEncodingLength());
    }

    private byte[] oldCheckpoint(final long hash)
    {
        final UnsafeBuffer out = new UnsafeBuffer(new byte[MessageHeaderEncoder.ENCODED_LENGTH + CheckpointEncoder.BLOCK_LENGTH]);
        new CheckpointEncoder().wrapAndApplyHeader(out, 0, new MessageHeaderEncoder())
            .logPosition(position).timestamp(1_000 * position).stateHash(hash).commandCount(position / 100);
        return asSchemaVersion2(out.byteArray(), CheckpointEncoder.hashVersionEncodingLength());
    }

    /**
     * A record as schema version 2 encoded it: the header says version 2, and the block ends
     * before the fields version 3 added (its last {@code added} bytes).
     */
    private static byte[] asSchemaVersion2(final byte[] record, final int added)
    {
        return io.gamehall.master.support.OlderSchemaBytes.withoutBlockTail(record, added, 2);
    }

    private static void writeBatch(final ExcerptAppender appender, final List<byte[]> records)
    {
        final byte[] batch = new byte[MessageHeaderEncoder.ENCODED_LENGTH + RecordBatchEncoder.BLOCK_LENGTH];
        new RecordBatchEncoder().wrapAndApplyHeader(new UnsafeBuffer(batch), 0, new MessageHeaderEncoder())
            .count(records.size());
        new MessageHeaderEncoder().wrap(new UnsafeBuffer(batch), 0).version(2);
        try (DocumentContext dc = appender.writingDocument())
        {
            dc.wire().bytes().write(batch);
            for (final byte[] record : records)
            {
                dc.wire().bytes().writeInt(record.length);
                dc.wire().bytes().write(record);
            }
        }
    }
}
