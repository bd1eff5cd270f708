package io.gamehall.replay;

import io.gamehall.master.EngineConfig;
import io.gamehall.master.support.CommandText;
import io.gamehall.master.support.RandomCommands;
import io.gamehall.replication.ClientRole;
import io.gamehall.replication.OfflineMaster;
import io.gamehall.replication.SessionPrincipal;
import io.gamehall.sbe.master.RegisterServerDecoder;
import io.gamehall.sbe.master.SearchInstancesDecoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.IoUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every replay command over a journal of a long random command stream, bad commands included:
 * enum values no schema defines, truncated commands, unknown templates and schemas, versions
 * out of range, commands refused by the master's authorization. None may stop a tool.
 */
class RandomJournalTest
{
    private static final int COMMANDS = 20_000;
    private static final int HEADER = 8;
    private File dir;

    @AfterEach
    void clean()
    {
        if (dir != null)
        {
            IoUtil.delete(dir, true);
        }
    }

    @Test
    void shouldReadEveryValueOfAJournalOfRandomAndBadCommands() throws Exception
    {
        dir = Files.createTempDirectory("random-journal").toFile();
        final File journal = new File(dir, "journal");
        final Random random = new Random(20261206);
        final SessionPrincipal admin = new SessionPrincipal(ClientRole.ADMIN, 1);
        final SessionPrincipal host = new SessionPrincipal(ClientRole.HOST, 2);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
        final CommandText text = new CommandText();
        int badEnums = 0;
        try (OfflineMaster master = new OfflineMaster(journal, new EngineConfig()
            .maxServers(16).maxUsers(256).maxInstances(128).maxClients(16).serverTimeoutMs(2_000)))
        {
            final RandomCommands commands = new RandomCommands(random, 200, master.engine());
            long now = 1_767_225_600_000L;
            for (int i = 1; i <= COMMANDS; i++)
            {
                now += random.nextInt(20);
                final boolean fromHost = random.nextInt(50) == 0;
                final SessionPrincipal sender = fromHost ? host : admin;
                int length = text.encode(commands.next() + " clientId=" + sender.clientId() + " requestId=" + i, buffer, 0);
                final int templateId = buffer.getShort(2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
                final int damage = random.nextInt(40);
                if (damage == 0 && templateId == RegisterServerDecoder.TEMPLATE_ID)
                {
                    buffer.putByte(HEADER + RegisterServerDecoder.roleEncodingOffset(), (byte)9);
                    badEnums++;
                }
                else if (damage == 0 && templateId == SearchInstancesDecoder.TEMPLATE_ID)
                {
                    buffer.putByte(HEADER + SearchInstancesDecoder.stateEncodingOffset(), (byte)(9 + random.nextInt(200)));
                    badEnums++;
                }
                else if (damage == 1)
                {
                    length = random.nextInt(length);
                }
                else if (damage == 2)
                {
                    buffer.putShort(2, (short)(100 + random.nextInt(1000)), ByteOrder.LITTLE_ENDIAN);
                }
                else if (damage == 3)
                {
                    buffer.putShort(4, (short)random.nextInt(7101), ByteOrder.LITTLE_ENDIAN);
                }
                else if (damage == 4)
                {
                    buffer.putShort(6, (short)(random.nextBoolean() ? 0 : 99), ByteOrder.LITTLE_ENDIAN);
                }
                else if (damage == 5)
                {
                    buffer.putShort(0, (short)random.nextInt(16), ByteOrder.LITTLE_ENDIAN);
                }
                master.command(sender, fromHost ? 2 : 1, now, buffer, 0, length);
                if (i % 500 == 0)
                {
                    master.livenessTimer(now);
                }
                if (i % 4_000 == 0)
                {
                    master.snapshot(now);
                }
            }
        }
        assertThat(badEnums).as("the stream holds enum values no schema defines").isGreaterThan(10);

        final String[] output = new String[2];
        assertThat(ReplayRun.run(output, "dump", "-q", "-j", journal.getPath())).as(output[1]).isZero();
        assertThat(output[0]).contains("RegisterServer").contains("role=9").contains("NOT_AUTHORISED")
            .contains("Unknown(schema=").contains("-> UNKNOWN_TEMPLATE").contains("-> UNSUPPORTED_VERSION");
        assertThat(output[0].lines().count()).isGreaterThanOrEqualTo(COMMANDS);
        assertThat(ReplayRun.run(output, "dump", "-q", "--format", "json", "-j", journal.getPath())).as(output[1]).isZero();
        assertThat(output[0]).contains("\"role\":9");
        assertThat(ReplayRun.run(output, "dump", "-q", "--command", "SearchInstances", "-j", journal.getPath()))
            .as(output[1]).isZero();
        assertThat(ReplayRun.run(output, "stats", "-q", "-j", journal.getPath())).as(output[1]).isZero();
        assertThat(output[0]).contains("RegisterServer");
        assertThat(ReplayRun.run(output, "verify", "-q", "-j", journal.getPath())).as(output[1]).isZero();
        assertThat(output[0]).startsWith("OK");
        assertThat(ReplayRun.run(output, "state", "-q", "-j", journal.getPath())).as(output[1]).isZero();
        assertThat(ReplayRun.run(output, "diff", journal.getPath(), journal.getPath())).as(output[1]).isZero();
    }
}
