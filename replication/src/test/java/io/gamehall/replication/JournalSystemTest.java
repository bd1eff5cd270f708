package io.gamehall.replication;

import io.gamehall.replication.client.PendingRequests;
import io.gamehall.replication.journal.JournalReader;
import io.gamehall.replication.journal.JournalReplay;
import io.gamehall.replication.support.MasterCalls;
import io.gamehall.replication.support.TestCluster;
import io.gamehall.sbe.journal.JournalCommandDecoder;
import io.gamehall.sbe.journal.JournalTimerDecoder;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(180)
class JournalSystemTest
{
    private TestCluster cluster;
    private final List<File> scratch = new ArrayList<>();

    @AfterEach
    void stop()
    {
        if (cluster != null)
        {
            cluster.close();
        }
        scratch.forEach((dir) -> IoUtil.delete(dir, true));
    }

    @Test
    void shouldReplayAJournalSpanningASnapshotAndARestartToTheLiveHash() throws Exception
    {
        cluster = TestCluster.start(1, ctx -> ctx.journalCheckpointInterval(7));
        MasterCalls calls = admin();
        play(calls, 1, 6);
        assertThat(cluster.clientsRequestSnapshot()).isTrue();
        awaitSnapshots(0, 1);
        play(calls, 100, 6);
        cluster.closeClients();
        cluster.awaitQuiescent(10_000);
        cluster.stopNode(0);

        cluster.startNode(0);
        cluster.awaitLeader(20_000);
        calls = admin();
        play(calls, 200, 6);
        cluster.closeClients();
        cluster.awaitQuiescent(10_000);
        final long liveHash = cluster.stopAndHash(0);

        final Replayed replayed = replay(cluster.node0Journal(), Long.MAX_VALUE);
        assertThat(replayed.divergences).isEmpty();
        assertThat(replayed.gaps).isEmpty();
        assertThat(replayed.replay.checks()).as("checkpoints, snapshot and node starts compared").isGreaterThan(5);
        assertThat(replayed.replay.engine().stateHash()).isEqualTo(liveHash);
        assertThat(replayed.positions).as("no entry journaled twice, none out of order").isSortedAccordingTo(Long::compare)
            .doesNotHaveDuplicates();
    }

    @Test
    void shouldKeepEqualJournalsOnLeaderAndFollowers() throws Exception
    {
        cluster = TestCluster.start(3, ctx -> ctx.journalCheckpointInterval(5));
        play(admin(), 1, 8);
        cluster.closeClients();
        cluster.awaitQuiescent(20_000);
        final long[] hashes = cluster.stopAndHash();

        final List<String> first = commandLines(cluster.journalOf(0));
        for (int node = 0; node < 3; node++)
        {
            final Replayed replayed = replay(cluster.journalOf(node), Long.MAX_VALUE);
            assertThat(replayed.divergences).isEmpty();
            assertThat(replayed.replay.engine().stateHash()).isEqualTo(hashes[node]);
            assertThat(commandLines(cluster.journalOf(node))).isEqualTo(first);
        }
        assertThat(first).hasSizeGreaterThan(40);
    }

    @Test
    void shouldJournalEntriesWithTheirTrueTermsAfterARestartFromASnapshot() throws Exception
    {
        cluster = TestCluster.start(3, ctx -> ctx.journalCheckpointInterval(1_000));
        final int firstLeader = cluster.awaitLeader(20_000);
        cluster.stopNode(firstLeader);
        final int leader = cluster.awaitLeader(20_000);
        cluster.startNode(firstLeader);
        play(admin(), 1, 4);
        assertThat(cluster.clientsRequestSnapshot()).isTrue();
        for (int node = 0; node < 3; node++)
        {
            awaitSnapshots(node, 1);
        }
        play(admin(), 100, 4);
        cluster.awaitQuiescent(20_000);

        // a follower stops and loses its journal's tail, as a crash can: it journals again every entry
        // it re-applies from the snapshot, and then what comes next, all in the term the snapshot is in
        final int restarted = (leader + 1) % 3;
        cluster.stopNode(restarted);
        IoUtil.delete(cluster.journalOf(restarted), false);
        cluster.startNode(restarted);
        play(admin(), 200, 4);
        cluster.closeClients();
        cluster.awaitQuiescent(20_000);
        cluster.stopAndHash();

        final List<String> reference = termLines(cluster.journalOf(leader));
        final List<String> rejournaled = termLines(cluster.journalOf(restarted));
        System.out.println("terms journaled by the node that never stopped: " + termCounts(reference) +
            "; by the restarted node: " + termCounts(rejournaled));
        assertThat(termCounts(reference)).as("the test's entries lie in a term other than 0").doesNotContainKey(0L);
        // the nodes stop one after the other: the last ones may journal a few entries more (a new term, timers)
        final List<String> common = new ArrayList<>(rejournaled);
        common.retainAll(positionsOf(reference, rejournaled));
        assertThat(common).as("the restarted node journaled re-applied and later entries").hasSizeGreaterThan(30);
        assertThat(reference).as("every entry both journaled, with the term the leader journaled").containsAll(common);
    }

    /**
     * @return the lines of {@code lines} at a position {@code reference} also holds.
     */
    private static List<String> positionsOf(final List<String> reference, final List<String> lines)
    {
        final java.util.Set<String> positions = new java.util.HashSet<>();
        for (final String line : reference)
        {
            positions.add(line.substring(0, line.indexOf(' ')));
        }
        final List<String> atThem = new ArrayList<>();
        for (final String line : lines)
        {
            if (positions.contains(line.substring(0, line.indexOf(' '))))
            {
                atThem.add(line);
            }
        }
        return atThem;
    }

    /**
     * @return "position term" per command and timer of a journal.
     */
    private static List<String> termLines(final File journal)
    {
        final List<String> lines = new ArrayList<>();
        try (JournalReader reader = new JournalReader(journal, false))
        {
            reader.readAll(new JournalReader.Visitor()
            {
                public void command(
                    final JournalCommandDecoder r, final DirectBuffer payload, final int offset, final int length,
                    final JournalReader.Location at)
                {
                    lines.add(r.logPosition() + " " + r.leadershipTermId());
                }

                public void timer(final JournalTimerDecoder r, final JournalReader.Location at)
                {
                    lines.add(r.logPosition() + " " + r.leadershipTermId());
                }
            }, null);
        }
        return lines;
    }

    private static java.util.Map<Long, Integer> termCounts(final List<String> termLines)
    {
        final java.util.Map<Long, Integer> counts = new java.util.TreeMap<>();
        for (final String line : termLines)
        {
            counts.merge(Long.parseLong(line.substring(line.indexOf(' ') + 1)), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void shouldNameTheFileAndIndexOfACorruptRecordAndSkipItWhenAsked() throws Exception
    {
        // uncompressed, so that one record can be damaged on its own (a damaged compressed
        // document: CommandJournalTest and ReplayToolTest)
        cluster = TestCluster.start(1, ctx -> ctx.journalCheckpointInterval(1_000).journalCompression(false));
        play(admin(), 1, 4);
        cluster.closeClients();
        cluster.awaitQuiescent(10_000);
        cluster.stopNode(0);

        final File copy = Files.createTempDirectory("gamehall-journal-copy-").toFile();
        scratch.add(copy);
        for (final File file : cluster.node0Journal().listFiles())
        {
            Files.copy(file.toPath(), new File(copy, file.getName()).toPath());
        }
        final File cq4 = copy.listFiles((dir, name) -> name.endsWith(".cq4"))[0];
        corruptTenthRecordSchemaId(cq4);

        assertThatThrownBy(() -> replay(copy, Long.MAX_VALUE))
            .isInstanceOf(JournalReader.CorruptRecordException.class)
            .hasMessageContaining(cq4.getName())
            .hasMessageContaining("not a journal record");

        try (JournalReader reader = new JournalReader(copy, true))
        {
            reader.readAll(new JournalReader.Visitor()
            {
            }, null);
            // the damaged record, and with it any compact commands right after it in its batch, whose
            // positions are deltas from it (docs/journal.md, format 3); how many depends on how the
            // writer happened to batch and whether the next entry was a full command or a timer
            assertThat(reader.skippedCount()).isGreaterThanOrEqualTo(1);
            assertThat(reader.skipped().get(0)).contains(cq4.getName()).contains("not a journal record");
            for (final String dependent : reader.skipped().subList(1, reader.skipped().size()))
            {
                assertThat(dependent).contains(cq4.getName()).contains("whose position is not known");
            }
        }
    }

    private static void corruptTenthRecordSchemaId(final File cq4) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(cq4.toPath());
        int seen = 0;
        for (int i = 0; i + 8 < bytes.length; i++)
        {
            // an SBE header of the journal schema, current version, that is not a RecordBatch (template 8)
            final boolean header = (bytes[i + 4] & 0xFF) == 0xBF && (bytes[i + 5] & 0xFF) == 0x1B &&
                bytes[i + 6] == io.gamehall.sbe.journal.MessageHeaderEncoder.SCHEMA_VERSION && bytes[i + 7] == 0 &&
                !(bytes[i + 2] == 8 && bytes[i + 3] == 0);
            if (header && ++seen == 10)
            {
                try (RandomAccessFile file = new RandomAccessFile(cq4, "rw"))
                {
                    file.seek(i + 4);
                    file.write(new byte[]{0, 0});
                }
                return;
            }
        }
        throw new AssertionError("fewer than 10 journal records found in " + cq4);
    }

    private MasterCalls admin()
    {
        final PendingRequests requests = new PendingRequests(null, null);
        cluster.client(ClientRole.ADMIN, requests);
        return new MasterCalls(requests);
    }

    private void awaitSnapshots(final int node, final long count)
    {
        final long deadline = System.currentTimeMillis() + 20_000;
        while (cluster.node(node).consensusModuleContext().snapshotCounter().get() < count)
        {
            assertThat(System.currentTimeMillis()).isLessThan(deadline);
            TestCluster.sleep(20);
        }
    }

    private static void play(final MasterCalls calls, final int firstUser, final int users)
    {
        final long host = calls.ok("RegisterServer role=GAME_HOST capacity=100 gameTypes=1 name=host-" + firstUser +
            " endpoint=aeron:udp?endpoint=127.0.0.1:40001 softwareVersion=0.1.0");
        final long gateway = calls.ok("RegisterServer role=GATEWAY capacity=100 name=gw-" + firstUser +
            " endpoint=ws://127.0.0.1:8080/game softwareVersion=0.1.0");
        for (int u = firstUser; u < firstUser + users; u++)
        {
            calls.ok("CheckInUser gatewayId=" + gateway + " userId=" + u + " userName=u" + u);
            final String created = calls.call("CreateInstance ownerId=" + u + " gameType=1 maxPlayers=2");
            calls.call("InstanceReady hostId=" + MasterCalls.field(created, "detailId") + " instanceId=" +
                MasterCalls.field(created, "subjectId"));
            calls.call("SearchInstances gameType=1 state=OPEN maxResults=5");
            calls.call("JoinInstance userId=" + u + " instanceId=1");
        }
        calls.call("ServerHeartbeat serverId=" + host + " load=1");
    }

    private static final class Replayed
    {
        JournalReplay replay;
        final List<String> divergences = new ArrayList<>();
        final List<String> gaps = new ArrayList<>();
        final List<Long> positions = new ArrayList<>();
    }

    private static Replayed replay(final File journal, final long upTo)
    {
        final Replayed result = new Replayed();
        try (JournalReader reader = new JournalReader(journal, false))
        {
            result.replay = new JournalReplay(reader, upTo, Long.MAX_VALUE, new JournalReplay.Listener()
            {
                public void onDivergence(
                    final long position, final long recorded, final long replayed, final String what,
                    final JournalReader.Location at)
                {
                    result.divergences.add(what + " at " + position);
                }

                public void onGap(final long from, final long to, final JournalReader.Location at)
                {
                    result.gaps.add(from + ".." + to);
                }
            });
            reader.readAll(new JournalReader.Visitor()
            {
                public void nodeStarted(final io.gamehall.sbe.journal.NodeStartedDecoder r, final JournalReader.Location at)
                {
                    result.replay.nodeStarted(r, at);
                }

                public void command(
                    final JournalCommandDecoder r, final DirectBuffer payload, final int offset, final int length,
                    final JournalReader.Location at)
                {
                    result.positions.add(r.logPosition());
                    result.replay.command(r, payload, offset, length, at);
                }

                public void timer(final JournalTimerDecoder r, final JournalReader.Location at)
                {
                    result.positions.add(r.logPosition());
                    result.replay.timer(r, at);
                }

                public void checkpoint(final io.gamehall.sbe.journal.CheckpointDecoder r, final JournalReader.Location at)
                {
                    result.replay.checkpoint(r, at);
                }

                public void snapshotStarted(
                    final io.gamehall.sbe.journal.SnapshotStartedDecoder r, final JournalReader.Location at)
                {
                    result.replay.snapshotStarted(r, at);
                }

                public void snapshotPart(
                    final DirectBuffer message, final int offset, final int length, final JournalReader.Location at)
                {
                    result.replay.snapshotPart(message, offset, length, at);
                }

                public void snapshotEnded(final io.gamehall.sbe.journal.SnapshotEndedDecoder r, final JournalReader.Location at)
                {
                    result.replay.snapshotEnded(r, at);
                }
            }, null);
        }
        return result;
    }

    private static List<String> commandLines(final File journal)
    {
        final List<String> lines = new ArrayList<>();
        try (JournalReader reader = new JournalReader(journal, false))
        {
            reader.readAll(new JournalReader.Visitor()
            {
                public void command(
                    final JournalCommandDecoder r, final DirectBuffer payload, final int offset, final int length,
                    final JournalReader.Location at)
                {
                    lines.add(r.logPosition() + " " + r.timestamp() + " " + r.clientId() + "/" + r.requestId() + " " +
                        r.command() + " " + r.code() + " " + length);
                }
            }, null);
        }
        return lines;
    }
}
