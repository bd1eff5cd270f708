package io.gamehall.replay;

import io.gamehall.replication.ClientRole;
import io.gamehall.replication.client.PendingRequests;
import io.gamehall.replication.support.JournalDamage;
import io.gamehall.replication.support.MasterCalls;
import io.gamehall.replication.support.TestCluster;
import org.agrona.IoUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay tool against journals written by live nodes: a single node that took a snapshot
 * and restarted, and a three-node cluster.
 */
@Timeout(180)
class ReplayToolTest
{
    private static TestCluster single;
    private static TestCluster three;
    private static long liveHash;
    private static long aliceId = 11;
    private static long[] threeHashes;

    @BeforeAll
    static void recordJournals() throws Exception
    {
        single = TestCluster.start(1, ctx -> ctx.journalCheckpointInterval(4));
        MasterCalls calls = admin(single);
        final long host = calls.ok("RegisterServer role=GAME_HOST capacity=100 gameTypes=1 name=host-a " +
            "endpoint=aeron:udp?endpoint=127.0.0.1:40001 softwareVersion=0.1.0");
        final long gateway = calls.ok("RegisterServer role=GATEWAY capacity=100 name=gw-a " +
            "endpoint=ws://127.0.0.1:8080/game softwareVersion=0.1.0");
        calls.ok("CheckInUser gatewayId=" + gateway + " userId=" + aliceId + " userName=alice");
        calls.ok("CheckInUser gatewayId=" + gateway + " userId=12 userName=bob");
        calls.ok("CheckInUser gatewayId=" + gateway + " userId=13 userName=carol");
        final long game = calls.ok("CreateInstance ownerId=" + aliceId + " gameType=1 maxPlayers=2");
        calls.ok("InstanceReady hostId=" + host + " instanceId=" + game);
        assertThat(single.clientsRequestSnapshot()).isTrue();
        final long deadline = System.currentTimeMillis() + 20_000;
        while (single.node(0).consensusModuleContext().snapshotCounter().get() < 1)
        {
            assertThat(System.currentTimeMillis()).isLessThan(deadline);
            TestCluster.sleep(20);
        }
        calls.ok("JoinInstance userId=12 instanceId=" + game);
        assertThat(calls.call("JoinInstance userId=13 instanceId=" + game)).contains("INSTANCE_FULL");
        single.closeClients();
        single.awaitQuiescent(10_000);
        single.stopNode(0);
        single.startNode(0);
        single.awaitLeader(20_000);
        calls = admin(single);
        calls.ok("LeaveInstance userId=12 instanceId=" + game);
        calls.ok("ServerHeartbeat serverId=" + host + " load=1");
        assertThat(calls.call("ListUsers cursor=0 maxResults=2")).as("slots kept across the snapshot restart")
            .contains("code=OK nextCursor=3 users=[(userId=" + aliceId + " ").contains("(userId=12 ");
        assertThat(calls.call("ListInstances cursor=0 maxResults=0")).contains("code=INVALID_VALUE");
        single.closeClients();
        single.awaitQuiescent(10_000);
        liveHash = single.stopAndHash(0);

        three = TestCluster.start(3, ctx -> ctx.journalCheckpointInterval(3));
        final MasterCalls c3 = admin(three);
        final long gw3 = c3.ok("RegisterServer role=GATEWAY capacity=100 name=gw-b endpoint=ws://127.0.0.1:1 softwareVersion=1");
        for (int u = 1; u <= 20; u++)
        {
            c3.ok("CheckInUser gatewayId=" + gw3 + " userId=" + u + " userName=p" + u);
        }
        three.closeClients();
        three.awaitQuiescent(20_000);
        threeHashes = three.stopAndHash();
    }

    @AfterAll
    static void cleanUp()
    {
        if (single != null)
        {
            single.close();
        }
        if (three != null)
        {
            three.close();
        }
    }

    @Test
    void shouldVerifyAJournalAcrossSnapshotAndRestartAndReachTheLiveHash()
    {
        final Result result = run("verify", "-q", "-j", single.journalOf(0).getPath());

        assertThat(result.exit).as(result.out + result.err).isZero();
        assertThat(result.out).startsWith("OK:").contains("final state hash " + Long.toHexString(liveHash));
    }

    @Test
    void shouldDumpOnlyTheCommandsAFilterSelects()
    {
        final List<String> alice = run("dump", "-q", "-j", single.journalOf(0).getPath(), "--user", "alice").lines();
        assertThat(alice).hasSize(2);
        assertThat(alice.get(0)).contains("CheckInUser").contains("userName=alice").contains("-> OK");
        assertThat(alice.get(1)).contains("CreateInstance").contains("ownerId=11");

        final List<String> full = run("dump", "-q", "-j", single.journalOf(0).getPath(), "--result", "INSTANCE_FULL").lines();
        assertThat(full).hasSize(1);
        assertThat(full.get(0)).contains("JoinInstance userId=13");

        final List<String> checkIns = run("dump", "-q", "-j", single.journalOf(0).getPath(), "--command", "CheckInUser")
            .lines();
        assertThat(checkIns).hasSize(3).allMatch(line -> line.contains("CheckInUser"));

        final List<String> instance = run("dump", "-q", "-j", single.journalOf(0).getPath(), "--instance", "1").lines();
        assertThat(instance).extracting(line -> line.split(" ")[4])
            .containsExactly("CreateInstance", "InstanceReady", "JoinInstance", "JoinInstance", "LeaveInstance");

        final List<String> listings = run("dump", "-q", "-j", single.journalOf(0).getPath(), "--command", "ListUsers",
            "--command", "ListInstances").lines();
        assertThat(listings).hasSize(2);
        assertThat(listings.get(0)).contains("ListUsers cursor=0 maxResults=2 -> OK");
        assertThat(listings.get(1)).contains("ListInstances cursor=0 maxResults=0 -> INVALID_VALUE");

        final List<String> json = run("dump", "-q", "-j", single.journalOf(0).getPath(), "--format", "json",
            "--command", "ServerHeartbeat").lines();
        assertThat(json).hasSize(1);
        assertThat(json.get(0)).startsWith("{\"time\":\"").contains("\"command\":\"ServerHeartbeat\"")
            .contains("\"fields\":{\"serverId\":1,\"load\":1}").contains("\"result\":\"OK\"");
    }

    @Test
    void shouldRebuildTheStateAtAPointAndAnswerQueries()
    {
        final String joinLine = run("dump", "-q", "-j", single.journalOf(0).getPath(), "--command", "JoinInstance",
            "--result", "OK").lines().get(0);
        final String position = joinLine.split(" ")[1].substring("pos=".length());

        final Result atJoin = run("state", "-q", "-j", single.journalOf(0).getPath(), "--at", position, "--user", "bob",
            "--search", "gameType=1 state=RUNNING maxResults=5");
        assertThat(atJoin.exit).as(atJoin.err).isZero();
        assertThat(atJoin.out).contains("from the snapshot at").contains("user 12 bob: IN_INSTANCE")
            .contains("players [11,12] of 2").contains("InstanceSearchResult").contains("instanceId=1 ");

        final Result atEnd = run("state", "-q", "-j", single.journalOf(0).getPath(), "--user", "12");
        assertThat(atEnd.out).contains("user 12 bob: ONLINE").contains("state hash " + Long.toHexString(liveHash));
    }

    @Test
    void shouldCountCommandsAndResults()
    {
        final Result stats = run("stats", "-q", "-j", single.journalOf(0).getPath());
        assertThat(stats.out).containsPattern("CheckInUser\\s+3").containsPattern("INSTANCE_FULL\\s+1")
            .contains("user 11").contains("instance 1");
    }

    @Test
    void shouldFindLeaderAndFollowerJournalsIdentical()
    {
        assertThat(threeHashes[1]).isEqualTo(threeHashes[0]);
        final Result diff = run("diff", three.journalOf(0).getPath(), three.journalOf(1).getPath());
        assertThat(diff.exit).as(diff.out).isZero();
        assertThat(diff.out).contains("identical:");
        final Result other = run("diff", three.journalOf(0).getPath(), single.journalOf(0).getPath());
        assertThat(other.exit).isEqualTo(1);
        assertThat(other.out).contains("first difference");
    }

    @Test
    void shouldReportACorruptJournalAtItsFileAndGoOnWhenAskedTo() throws Exception
    {
        final File copy = Files.createTempDirectory("gamehall-replay-corrupt-").toFile();
        try
        {
            for (final File file : single.journalOf(0).listFiles())
            {
                Files.copy(file.toPath(), new File(copy, file.getName()).toPath());
            }
            // a compressed document (the journal's default format) with records after it
            final List<JournalDamage.Document> documents = JournalDamage.documents(copy);
            final JournalDamage.Document damaged = documents.stream()
                .filter((d) -> d.templateId() == JournalDamage.COMPRESSED_BATCH)
                .skip(1)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no second compressed document among " + documents));
            JournalDamage.flipByte(damaged, 16 + (damaged.length() - 16) / 2); // in the LZ4 block after its header
            final File cq4 = damaged.file();

            final Result stopped = run("verify", "-q", "-j", copy.getPath());
            assertThat(stopped.exit).isNotZero();
            assertThat(stopped.err).contains(cq4.getName()).contains("at index " + Long.toHexString(damaged.index()))
                .contains("fails its checksum").contains("--skip-corrupt");

            final Result skipped = run("dump", "-q", "-j", copy.getPath(), "--skip-corrupt");
            assertThat(skipped.exit).isZero();
            assertThat(skipped.err).contains("1 corrupt skipped").contains(cq4.getName());
        }
        finally
        {
            IoUtil.delete(copy, true);
        }
    }

    /**
     * An operator tool acting as the gateway and host it registered: the same client id in every
     * run, so that it still owns them after the node's restart.
     */
    private static MasterCalls admin(final TestCluster cluster)
    {
        final PendingRequests requests = new PendingRequests(null, null);
        cluster.client(ClientRole.ADMIN, requests, 31);
        return new MasterCalls(requests);
    }

    private record Result(int exit, String out, String err)
    {
        List<String> lines()
        {
            return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n"));
        }
    }

    private static Result run(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine cl = new CommandLine(new ReplayCommand())
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .setExecutionExceptionHandler((ex, commandLine, parseResult) ->
            {
                commandLine.getErr().println("error: " + ex.getMessage());
                return 1;
            });
        final int exit = cl.execute(args);
        return new Result(exit, out.toString().trim(), err.toString());
    }
}
