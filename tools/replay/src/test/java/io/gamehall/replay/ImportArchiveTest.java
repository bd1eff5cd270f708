package io.gamehall.replay;

import io.gamehall.replication.ClientRole;
import io.gamehall.replication.client.MasterClient;
import io.gamehall.replication.client.PendingRequests;
import io.gamehall.replication.journal.JournalReader;
import io.gamehall.replication.support.MasterCalls;
import io.gamehall.replication.support.TestCluster;
import io.gamehall.sbe.journal.CheckpointDecoder;
import io.gamehall.sbe.journal.JournalCommandDecoder;
import io.gamehall.sbe.journal.JournalTimerDecoder;
import io.gamehall.sbe.journal.NodeStartedDecoder;
import io.gamehall.sbe.journal.SnapshotEndedDecoder;
import io.gamehall.sbe.journal.SnapshotStartedDecoder;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code replay import-archive} on copies of live single-node clusters' data directories: a
 * node without a journal, and a node with one to compare against; and inputs it must refuse.
 */
@Timeout(180)
class ImportArchiveTest
{
    private static final int SERVER_TIMEOUT_MS = 1_000;
    /** The engine options of {@link TestCluster#engineConfig()} with {@link #SERVER_TIMEOUT_MS}. */
    private static final String[] ENGINE = {"--max-servers", "64", "--max-users", "4096", "--max-instances", "1024",
        "--max-clients", "64", "--dedup-window", "256", "--server-timeout-ms", String.valueOf(SERVER_TIMEOUT_MS)};

    private final List<File> temporary = new ArrayList<>();
    private TestCluster cluster;

    @AfterEach
    void cleanUp()
    {
        if (cluster != null)
        {
            cluster.close();
        }
        temporary.forEach((dir) -> IoUtil.delete(dir, true));
    }

    @Test
    void shouldImportTheLogOfANodeWithoutJournalAndVerifyToItsLiveHash() throws Exception
    {
        cluster = TestCluster.start(1, (ctx) -> ctx.journalEnabled(false)
            .engineConfig(TestCluster.engineConfig().serverTimeoutMs(SERVER_TIMEOUT_MS)));
        playScenario(true);
        final File nodeDir = cluster.node(0).context().dataDir();
        final long liveHash = cluster.stopAndHash(0);
        assertThat(new File(nodeDir, "journal")).doesNotExist();
        final File copy = copyOf(nodeDir);
        final List<String> before = contents(copy);
        final File journal = new File(tempDir(), "imported");

        final String[] output = new String[2];
        // no engine options: the node's non-default configuration comes from its engine.properties
        final int exit = ReplayRun.run(output, "import-archive", "-q", "--node-dir", copy.getPath(),
            "-j", journal.getPath(), "--checkpoint-interval", "3");

        assertThat(exit).as(output[0] + output[1]).isZero();
        assertThat(output[0]).contains("engine configuration: the node's engine.properties\n");
        assertThat(contents(copy)).as("the node directory is only read").containsExactlyElementsOf(before);
        assertThat(output[0]).contains("final state hash " + Long.toHexString(liveHash)).contains("1 snapshots")
            .containsPattern("[1-9][0-9]* timers");
        final int verify = ReplayRun.run(output, "verify", "-q", "-j", journal.getPath());
        assertThat(verify).as(output[0] + output[1]).isZero();
        assertThat(output[0]).startsWith("OK:").contains("final state hash " + Long.toHexString(liveHash));
        ReplayRun.run(output, "dump", "-q", "-j", journal.getPath(), "--command", "DrainServer");
        assertThat(output[0]).as("a gateway's drain is refused as it was live").contains("NOT_AUTHORISED");
        ReplayRun.run(output, "dump", "-q", "-j", journal.getPath(), "--command", "ServerHeartbeat");
        assertThat(output[0]).as("the heartbeat after the restart is in term 1").contains("term=1");
    }

    @Test
    void shouldImportTheSameEntriesAsTheNodeJournaled() throws Exception
    {
        cluster = TestCluster.start(1, (ctx) -> ctx.journalCheckpointInterval(3)
            .engineConfig(TestCluster.engineConfig().serverTimeoutMs(SERVER_TIMEOUT_MS)));
        playScenario(true);
        final File nodeDir = cluster.node(0).context().dataDir();
        final long liveHash = cluster.stopAndHash(0);
        final File copy = copyOf(nodeDir);
        final File journal = new File(tempDir(), "imported");

        final String[] output = new String[2];
        final int exit = ReplayRun.run(output, args("import-archive", "-q", "--node-dir", copy.getPath(),
            "-j", journal.getPath(), "--checkpoint-interval", "3", "--no-compression"));

        assertThat(exit).as(output[0] + output[1]).isZero();
        final int diff = ReplayRun.run(output, "diff", new File(nodeDir, "journal").getPath(), journal.getPath());
        assertThat(diff).as(output[0] + output[1]).isZero();
        assertThat(output[0]).contains("identical:");
        final int verify = ReplayRun.run(output, "verify", "-q", "-j", journal.getPath());
        assertThat(verify).as(output[0] + output[1]).isZero();
        assertThat(output[0]).contains("final state hash " + Long.toHexString(liveHash));
    }

    @Test
    void shouldWriteRecordForRecordWhatANodeThatNeverRestartedJournaled() throws Exception
    {
        cluster = TestCluster.start(1, (ctx) -> ctx.journalCheckpointInterval(3)
            .engineConfig(TestCluster.engineConfig().serverTimeoutMs(SERVER_TIMEOUT_MS)));
        playScenario(false);
        final File nodeDir = cluster.node(0).context().dataDir();
        cluster.stopNode(0);
        final File journal = new File(tempDir(), "imported");

        final String[] output = new String[2];
        final int exit = ReplayRun.run(output, args("import-archive", "-q", "--node-dir", copyOf(nodeDir).getPath(),
            "-j", journal.getPath(), "--checkpoint-interval", "3"));

        assertThat(exit).as(output[0] + output[1]).isZero();
        final List<String> live = records(new File(nodeDir, "journal"));
        assertThat(live).anyMatch((r) -> r.startsWith("[Checkpoint]")).anyMatch((r) -> r.startsWith("[SnapshotEnded]"))
            .anyMatch((r) -> r.startsWith("[JournalTimer]"));
        assertThat(records(journal)).containsExactlyElementsOf(live);
    }

    @Test
    void shouldPutLongCommandsTogetherAcrossTermsAndSegmentFiles() throws Exception
    {
        cluster = TestCluster.start(1, (ctx) -> ctx.journalCheckpointInterval(50)
            .logTermLength(64 * 1024)
            .archiveSegmentLength(64 * 1024));
        final PendingRequests requests = new PendingRequests(null, null);
        try (MasterClient client = MasterClient.launch(new MasterClient.Context()
            .ingressEndpoints(cluster.ingressEndpoints())
            .role(ClientRole.GATEWAY)
            .secret(TestCluster.SECRETS.get(ClientRole.GATEWAY))
            .maxCommandLength(8192)
            .listener(requests)))
        {
            requests.client(client);
            final MasterCalls calls = new MasterCalls(requests);
            final long gateway = calls.ok("RegisterServer role=GATEWAY capacity=100 name=gw-long " +
                "endpoint=ws://127.0.0.1:1 softwareVersion=1");
            final String tooLong = "x".repeat(1_000); // three of them: three log frames at the log's MTU of 1408
            for (int user = 1; user <= 150; user++)
            {
                calls.call("RegisterServer role=GATEWAY capacity=100 name=" + tooLong + " endpoint=" + tooLong +
                    " softwareVersion=" + tooLong);
                calls.ok("CheckInUser gatewayId=" + gateway + " userId=" + user + " userName=u" + user);
            }
        }
        cluster.awaitQuiescent(10_000);
        final File nodeDir = cluster.node(0).context().dataDir();
        final long liveHash = cluster.stopAndHash(0);
        final File[] segments = new File(nodeDir, "archive").listFiles((dir, name) -> name.endsWith(".rec"));
        assertThat(segments).as("the log fills several segment files").hasSizeGreaterThan(4);
        final File journal = new File(tempDir(), "imported");

        final String[] output = new String[2];
        final int exit = ReplayRun.run(output, "import-archive", "-q", "--node-dir", copyOf(nodeDir).getPath(),
            "-j", journal.getPath(), "--checkpoint-interval", "50", "--max-servers", "64", "--max-users", "4096",
            "--max-instances", "1024", "--max-clients", "64", "--dedup-window", "256");

        assertThat(exit).as(output[0] + output[1]).isZero();
        assertThat(output[0]).contains("301 commands").contains("final state hash " + Long.toHexString(liveHash));
        final List<String> live = records(new File(nodeDir, "journal"));
        assertThat(live).anyMatch((r) -> r.contains("code=") && r.length() > 3_000 * 3);
        assertThat(records(journal)).containsExactlyElementsOf(live);
    }

    @Test
    void shouldImportAFollowersLogAsItJournaled() throws Exception
    {
        cluster = TestCluster.start(3, (ctx) -> ctx.engineConfig(TestCluster.engineConfig().serverTimeoutMs(5_000)));
        final MasterCalls admin = client(ClientRole.ADMIN);
        final long gateway = admin.ok("RegisterServer role=GATEWAY capacity=100 name=gw-b endpoint=ws://127.0.0.1:1 " +
            "softwareVersion=1");
        for (int user = 1; user <= 20; user++)
        {
            admin.ok("CheckInUser gatewayId=" + gateway + " userId=" + user + " userName=p" + user);
        }
        cluster.closeClients();
        cluster.awaitQuiescent(20_000);
        final int follower = (cluster.leader() + 1) % 3;
        final File nodeDir = cluster.node(follower).context().dataDir();
        final long followerHash = cluster.stopAndHash()[follower];
        final File journal = new File(tempDir(), "imported");

        final String[] output = new String[2];
        final int exit = ReplayRun.run(output, "import-archive", "-q", "--node-dir", copyOf(nodeDir).getPath(),
            "-j", journal.getPath(), "--max-servers", "64", "--max-users", "4096", "--max-instances", "1024",
            "--max-clients", "64", "--dedup-window", "256");

        assertThat(exit).as(output[0] + output[1]).isZero();
        assertThat(output[0]).contains("21 commands").contains("final state hash " + Long.toHexString(followerHash));
        // the node start names the follower, live (its configured id) and imported (its mark file's)
        assertThat(records(new File(nodeDir, "journal")).get(0)).startsWith("[NodeStarted]")
            .contains("memberId=" + follower + "|");
        assertThat(records(journal).get(0)).startsWith("[NodeStarted]").contains("memberId=" + follower + "|");
        assertThat(ReplayRun.run(output, "diff", new File(nodeDir, "journal").getPath(), journal.getPath()))
            .as(output[0]).isZero();
    }

    @Test
    void shouldRefuseAMissingOrWrongNodeDirectoryAndAUsedJournalDirectory() throws Exception
    {
        final File dir = tempDir();
        final String[] output = new String[2];

        assertThat(ReplayRun.run(output, "import-archive", "--node-dir", new File(dir, "absent").getPath(),
            "-j", new File(dir, "out").getPath())).isEqualTo(2);
        assertThat(output[1]).contains("error: no node directory");

        assertThat(ReplayRun.run(output, "import-archive", "--node-dir", dir.getPath(),
            "-j", new File(dir, "out").getPath())).isEqualTo(2);
        assertThat(output[1]).contains("error: no cluster recording log").contains("recording.log");

        assertThat(new File(dir, "cluster").mkdir()).isTrue();
        Files.write(new File(dir, "cluster/recording.log").toPath(), new byte[0]);
        assertThat(ReplayRun.run(output, "import-archive", "--node-dir", dir.getPath(),
            "-j", new File(dir, "out").getPath())).isEqualTo(2);
        assertThat(output[1]).contains("error: no archive catalog");

        assertThat(new File(dir, "archive").mkdir()).isTrue();
        Files.write(new File(dir, "archive/archive.catalog").toPath(), new byte[0]);
        assertThat(ReplayRun.run(output, "import-archive", "--node-dir", dir.getPath(), "-j", dir.getPath()))
            .isEqualTo(2);
        assertThat(output[1]).contains("is not empty");

        assertThat(ReplayRun.run(output, "import-archive", "--node-dir", dir.getPath(),
            "-j", new File(dir, "out").getPath())).isEqualTo(1);
        assertThat(output[1]).contains("error: ").contains("names no log term");

        Files.write(new File(dir, "engine.properties").toPath(), "maxUsers=1000\n".getBytes(StandardCharsets.UTF_8));
        assertThat(ReplayRun.run(output, "import-archive", "--node-dir", dir.getPath(),
            "-j", new File(dir, "out").getPath())).isEqualTo(2);
        assertThat(output[1]).contains("error: ").contains("engine.properties has no maxServers");

        assertThat(ReplayRun.run(output, "import-archive", "--help")).isZero();
        assertThat(output[0]).contains("--node-dir").contains("--checkpoint-interval").contains("--no-compression");
    }

    /**
     * Servers, users, an instance, a refused drain, a snapshot, a restart, liveness timers
     * that declare the servers dead.
     */
    private void playScenario(final boolean restart)
    {
        MasterCalls admin = client(ClientRole.ADMIN);
        final MasterCalls gatewayClient = client(ClientRole.GATEWAY);
        final long host = admin.ok("RegisterServer role=GAME_HOST capacity=100 gameTypes=1 name=host-a " +
            "endpoint=aeron:udp?endpoint=127.0.0.1:40001 softwareVersion=0.1.0");
        final long gateway = gatewayClient.ok("RegisterServer role=GATEWAY capacity=100 name=gw-a " +
            "endpoint=ws://127.0.0.1:8080/game softwareVersion=0.1.0");
        gatewayClient.ok("CheckInUser gatewayId=" + gateway + " userId=11 userName=alice");
        gatewayClient.ok("CheckInUser gatewayId=" + gateway + " userId=12 userName=bob");
        final long game = gatewayClient.ok("CreateInstance ownerId=11 gameType=1 maxPlayers=2");
        admin.ok("InstanceReady hostId=" + host + " instanceId=" + game);
        assertThat(gatewayClient.call("DrainServer serverId=" + host)).contains("NOT_AUTHORISED");
        assertThat(cluster.clientsRequestSnapshot()).isTrue();
        final long deadline = System.currentTimeMillis() + 20_000;
        while (cluster.node(0).consensusModuleContext().snapshotCounter().get() < 1)
        {
            assertThat(System.currentTimeMillis()).isLessThan(deadline);
            TestCluster.sleep(20);
        }
        // the snapshot may take longer than the server timeout on a loaded machine: keep the gateway alive
        gatewayClient.ok("ServerHeartbeat serverId=" + gateway + " load=2");
        gatewayClient.ok("JoinInstance userId=12 instanceId=" + game);
        cluster.closeClients();
        cluster.awaitQuiescent(10_000);
        if (restart)
        {
            cluster.stopNode(0);
            cluster.startNode(0);
            cluster.awaitLeader(20_000);
        }
        admin = client(ClientRole.ADMIN);
        admin.call("ServerHeartbeat serverId=" + host + " load=1");
        TestCluster.sleep(3 * SERVER_TIMEOUT_MS); // the liveness timer fires: both servers are declared dead
        admin.call("ListUsers cursor=0 maxResults=2");
        cluster.closeClients();
        cluster.awaitQuiescent(10_000);
    }

    /**
     * Every record of a journal as text, node starts, checkpoints and snapshot copies included.
     */
    private static List<String> records(final File journal)
    {
        final List<String> records = new ArrayList<>();
        try (JournalReader reader = new JournalReader(journal, false))
        {
            reader.readAll(new JournalReader.Visitor()
            {
                public void nodeStarted(final NodeStartedDecoder r, final JournalReader.Location at)
                {
                    records.add(r.toString());
                }

                public void command(
                    final JournalCommandDecoder r, final DirectBuffer payload, final int offset, final int length,
                    final JournalReader.Location at)
                {
                    records.add("[JournalCommand] pos=" + r.logPosition() + " term=" + r.leadershipTermId() +
                        " time=" + r.timestamp() + " ids=" + r.clientId() + "/" + r.requestId() + " command=" +
                        r.command() + " code=" + r.code() + " applied=" + r.appliedToEngine() + " subject=" +
                        r.subjectId() + " detail=" + r.detailId() + " payload=" + bytes(payload, offset, length));
                }

                public void timer(final JournalTimerDecoder r, final JournalReader.Location at)
                {
                    records.add(r.toString());
                }

                public void checkpoint(final CheckpointDecoder r, final JournalReader.Location at)
                {
                    records.add(r.toString());
                }

                public void snapshotStarted(final SnapshotStartedDecoder r, final JournalReader.Location at)
                {
                    records.add(r.toString());
                }

                public void snapshotPart(
                    final DirectBuffer message, final int offset, final int length, final JournalReader.Location at)
                {
                    records.add("[SnapshotPart] " + bytes(message, offset, length));
                }

                public void snapshotEnded(final SnapshotEndedDecoder r, final JournalReader.Location at)
                {
                    records.add(r.toString());
                }
            }, (count) -> { });
        }
        return records;
    }

    private static String bytes(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return Arrays.toString(bytes);
    }

    private MasterCalls client(final ClientRole role)
    {
        final PendingRequests requests = new PendingRequests(null, null);
        cluster.client(role, requests);
        return new MasterCalls(requests);
    }

    private static String[] args(final String... first)
    {
        final String[] all = new String[first.length + ENGINE.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(ENGINE, 0, all, first.length, ENGINE.length);
        return all;
    }

    private File tempDir() throws IOException
    {
        final File dir = Files.createTempDirectory("gamehall-import-test-").toFile();
        temporary.add(dir);
        return dir;
    }

    /**
     * Every file under a directory with its length and a digest of its bytes.
     */
    private static List<String> contents(final File dir) throws IOException
    {
        try (Stream<Path> paths = Files.walk(dir.toPath()))
        {
            return paths.filter(Files::isRegularFile).sorted().map((path) ->
            {
                try
                {
                    final byte[] bytes = Files.readAllBytes(path);
                    return path + " " + bytes.length + " " + Arrays.hashCode(bytes) + " " +
                        Files.getLastModifiedTime(path);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            }).toList();
        }
    }

    private File copyOf(final File nodeDir) throws IOException
    {
        final Path target = tempDir().toPath().resolve("node-copy");
        try (Stream<Path> paths = Files.walk(nodeDir.toPath()))
        {
            paths.forEach((source) ->
            {
                try
                {
                    Files.copy(source, target.resolve(nodeDir.toPath().relativize(source).toString()));
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            });
        }
        return target.toFile();
    }
}
