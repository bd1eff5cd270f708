package io.gamehall.launcher;

import io.gamehall.master.text.MessageText;
import io.gamehall.perf.cluster.ChildJvmCommand;
import io.gamehall.replication.ClientRole;
import io.gamehall.replication.NodeStatus;
import io.gamehall.replication.client.MasterClient;
import io.gamehall.replication.client.PendingRequests;
import io.gamehall.replication.support.MasterCalls;
import io.gamehall.replication.support.TestCluster;
import org.agrona.IoUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three master nodes, each in its own JVM started through the real command line with the
 * election timeouts an operator gets by default. The leader is killed with SIGKILL while a
 * client sends a steady stream of commands; the client goes on with the new leader, nothing
 * acknowledged is lost or applied twice, and the killed node, restarted on its data directory,
 * catches up to the same state hash. The failover time (kill to the client hearing of the new
 * leader) is printed and appended to {@code target/failover-times.txt}.
 */
@Timeout(240)
class FailoverSystemTest
{
    /** How far apart the nodes' logs may end when they stop: a few cluster entries, no command. */
    private static final long MAX_SHUTDOWN_LOG_BYTES = 1_024;

    private static final String ADMIN_SECRET = TestSecrets.VALUES.get(SecretKind.ADMIN);

    private File baseDir;
    private List<String> members;
    private final Process[] processes = new Process[3];
    private final List<Long> pids = new ArrayList<>();
    private MasterClient client;
    private File archiveSecretFile;

    @BeforeEach
    void start() throws Exception
    {
        baseDir = Files.createTempDirectory("gamehall-failover-").toFile();
        archiveSecretFile = TestSecrets.write(baseDir, "archive.secret", TestSecrets.VALUES.get(SecretKind.ARCHIVE));
        members = TestCluster.freeMembers(3);
        for (int i = 0; i < 3; i++)
        {
            processes[i] = startNode(i, "run1");
        }
    }

    @AfterEach
    void stop() throws Exception
    {
        if (client != null)
        {
            client.close();
        }
        for (final Process process : processes)
        {
            if (process != null && process.isAlive())
            {
                process.destroyForcibly().waitFor();
            }
        }
        for (final long pid : pids)
        {
            final File[] left = new File(io.aeron.CommonContext.getAeronDirectoryName() + "-gamehall")
                .listFiles((dir, name) -> name.startsWith("master-") && name.contains("-" + pid + "-"));
            if (left != null)
            {
                for (final File dir : left)
                {
                    IoUtil.delete(dir, true);
                }
            }
        }
        IoUtil.delete(baseDir, true);
    }

    @Test
    void shouldKeepEveryAcknowledgedCommandAcrossLeaderKillAndCatchUpTheRestartedNode() throws Exception
    {
        final int firstLeader = awaitLeader(30_000);
        final java.util.concurrent.atomic.AtomicLong newLeaderAtNs = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicInteger newLeader = new java.util.concurrent.atomic.AtomicInteger(-1);
        final PendingRequests requests = new PendingRequests(null, new io.gamehall.replication.client.MasterClientListener()
        {
            public void onResponse(final long tag, final org.agrona.DirectBuffer buffer, final int offset, final int length)
            {
            }

            public void onTimeout(final long tag)
            {
            }

            public void onEvent(final org.agrona.DirectBuffer buffer, final int offset, final int length)
            {
            }

            public void onNewLeader(final int leaderMemberId)
            {
                if (newLeaderAtNs.get() == 0)
                {
                    newLeader.set(leaderMemberId);
                    newLeaderAtNs.set(System.nanoTime());
                }
            }
        });
        client = MasterClient.launch(new MasterClient.Context()
            .ingressEndpoints(io.gamehall.replication.MasterNode.Context.ingressEndpoints(members))
            .role(ClientRole.ADMIN)
            .secret(ADMIN_SECRET)
            .requestTimeoutMs(30_000)
            .listener(requests));
        requests.client(client);
        final MasterCalls calls = new MasterCalls(requests);
        final long host = calls.ok("RegisterServer role=GAME_HOST capacity=100000 gameTypes=1 name=host-a " +
            "endpoint=aeron:udp?endpoint=127.0.0.1:40001 softwareVersion=0.1.0");
        final long gateway = calls.ok("RegisterServer role=GATEWAY capacity=100000 name=gw-a " +
            "endpoint=ws://127.0.0.1:8080/game softwareVersion=0.1.0");

        final Map<Long, Long> instanceOfUser = new HashMap<>();
        final List<String> notOk = new ArrayList<>();
        long lastAckNs = System.nanoTime();
        long longestGapNs = 0;
        long killedAtNs = 0;
        long firstAckAfterKillNs = 0;
        final long start = System.currentTimeMillis();
        int user = 0;
        long lastHeartbeatMs = 0;
        while (user < 20_000 && System.currentTimeMillis() - start < 60_000)
        {
            user++;
            if (System.currentTimeMillis() - lastHeartbeatMs > 500)
            {
                calls.ok("ServerHeartbeat serverId=" + host + " load=0");
                calls.ok("ServerHeartbeat serverId=" + gateway + " load=0");
                lastHeartbeatMs = System.currentTimeMillis();
            }
            final String checkIn = calls.call("CheckInUser gatewayId=" + gateway + " userId=" + user + " userName=u" + user);
            final String create = calls.call("CreateInstance ownerId=" + user + " gameType=1 maxPlayers=2");
            for (final String response : List.of(checkIn, create))
            {
                if (!response.contains("code=OK"))
                {
                    notOk.add(response);
                }
            }
            instanceOfUser.put((long)user, MasterCalls.field(create, "subjectId"));
            final long now = System.nanoTime();
            longestGapNs = Math.max(longestGapNs, now - lastAckNs);
            lastAckNs = now;
            if (killedAtNs != 0 && firstAckAfterKillNs == 0)
            {
                firstAckAfterKillNs = now;
            }

            final long elapsed = System.currentTimeMillis() - start;
            if (killedAtNs == 0 && elapsed > 3_000)
            {
                newLeaderAtNs.set(0);
                final long killNs = System.nanoTime();
                processes[firstLeader].destroyForcibly().waitFor();
                killedAtNs = killNs;
            }
            if (killedAtNs != 0 && System.nanoTime() - killedAtNs > 5_000_000_000L)
            {
                break;
            }
        }
        final long failoverMs = newLeaderAtNs.get() == 0 ? -1 : (newLeaderAtNs.get() - killedAtNs) / 1_000_000;
        final String failover = String.format(java.util.Locale.ROOT, "failover with the default timeouts: leader %d " +
            "killed, the client heard of new leader %d after %d ms, its first answer after %.0f ms; %d users created, " +
            "longest client-visible gap %.1f ms", firstLeader, newLeader.get(), failoverMs,
            (firstAckAfterKillNs - killedAtNs) / 1e6, user, longestGapNs / 1e6);
        System.out.println(failover);
        Files.writeString(new File("target", "failover-times.txt").toPath(), java.time.Instant.now() + " " + failover +
            "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);

        assertThat(killedAtNs).as("the leader was killed during the run").isPositive();
        // the defaults aim at a new leader within a second (docs/replication.md); 5 s leaves room for a starved machine
        assertThat(failoverMs).as("a new leader after the kill, in ms").isBetween(0L, 5_000L);
        assertThat(notOk).as("every command acknowledged OK exactly once (a re-applied create would say " +
            "USER_IN_INSTANCE)").isEmpty();
        int found = 0;
        long cursor = 0;
        do
        {
            final String page = calls.call("SearchInstances gameType=1 state=CREATING maxResults=64 cursor=" + cursor);
            final Matcher m = Pattern.compile("instanceId=(\\d+) gameType=1 state=CREATING hostId=\\d+ ownerId=(\\d+)")
                .matcher(page);
            while (m.find())
            {
                found++;
                assertThat(instanceOfUser.get(Long.parseLong(m.group(2)))).isEqualTo(Long.parseLong(m.group(1)));
            }
            cursor = MasterCalls.field(page, "nextCursor");
        }
        while (cursor != 0);
        assertThat(found).as("instances in the final state = acknowledged creates").isEqualTo(instanceOfUser.size());
        assertThat(calls.call("ServerHeartbeat serverId=" + host + " load=0")).contains("code=OK");

        processes[firstLeader] = startNode(firstLeader, "run2");
        awaitStatus(firstLeader, 30_000);
        calls.ok("CheckInUser gatewayId=" + gateway + " userId=999999 userName=after-rejoin");
        client.close();
        client = null;
        Thread.sleep(1_500);

        // stopped together; still, a node stopping a moment after the others may see them go and
        // append a new term (or a session's close) that they never saw: equal state, a log a few
        // entries longer
        for (int i = 0; i < 3; i++)
        {
            processes[i].destroy();
        }
        final Map<Integer, String> hashes = new HashMap<>();
        for (int i = 0; i < 3; i++)
        {
            processes[i].waitFor();
            hashes.put(i, terminationLine(i, i == firstLeader ? "run2" : "run1"));
        }
        System.out.println("final positions and hashes: " + hashes);
        assertThat(hashes.values()).as("every node said where it stopped").doesNotContainNull();
        final String hash = hashes.get(0).split("/")[1];
        final long position = Long.parseLong(hashes.get(0).split("/")[0]);
        for (int i = 1; i < 3; i++)
        {
            assertThat(hashes.get(i).split("/")[1]).as("state hash of node " + i).isEqualTo(hash);
            assertThat(Long.parseLong(hashes.get(i).split("/")[0])).as("log position of node " + i)
                .isBetween(position - MAX_SHUTDOWN_LOG_BYTES, position + MAX_SHUTDOWN_LOG_BYTES);
        }
    }

    private Process startNode(final int memberId, final String run) throws IOException
    {
        final List<String> command = new ChildJvmCommand()
            .flags(List.of("-Xmx256m", "-XX:+UseSerialGC"))
            .flags(List.of(System.getProperty("gamehall.jvm.flags", "").trim().split("\\s+")))
            .main(Gamehall.class, List.of(
                "master",
                "--member-id", Integer.toString(memberId),
                "--members", String.join(",", members),
                "--data-dir", new File(baseDir, "node-" + memberId).getPath(),
                "--archive-secret-file", archiveSecretFile.getPath(),
                "--log-term-length", "1m", "--archive-segment-length", "4m", "--snapshot-interval-s", "0",
                "--max-users", "50000", "--max-instances", "50000", "--server-timeout-ms", "600000"));
        // the role secrets come from the environment, the archive secret from a file: neither on the command line
        final ProcessBuilder builder = new ProcessBuilder(command);
        for (final SecretKind kind : new SecretKind[]{SecretKind.GATEWAY, SecretKind.HOST, SecretKind.ADMIN})
        {
            builder.environment().put(kind.environmentVariable(), TestSecrets.VALUES.get(kind));
        }
        final Process process = builder
            .redirectOutput(new File(baseDir, "node-" + memberId + "-" + run + ".out"))
            .redirectError(new File(baseDir, "node-" + memberId + "-" + run + ".err"))
            .start();
        pids.add(process.pid());
        return process;
    }

    private int awaitLeader(final long timeoutMs)
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline)
        {
            for (int i = 0; i < 3; i++)
            {
                try
                {
                    if (NodeStatus.read(clusterDir(i), 1_000).role().equals("LEADER"))
                    {
                        return i;
                    }
                }
                catch (final RuntimeException ignore)
                {
                    // not up yet
                }
            }
            TestCluster.sleep(100);
        }
        throw new AssertionError("no leader among the node processes within " + timeoutMs + " ms");
    }

    private void awaitStatus(final int memberId, final long timeoutMs)
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline)
        {
            try
            {
                final NodeStatus status = NodeStatus.read(clusterDir(memberId), 1_000);
                if (status.role().equals("FOLLOWER") && status.electionState().equals("CLOSED"))
                {
                    return;
                }
            }
            catch (final RuntimeException ignore)
            {
                // not up yet
            }
            TestCluster.sleep(100);
        }
        String log;
        try
        {
            log = Files.readString(new File(baseDir, "node-" + memberId + "-run2.err").toPath()) +
                Files.readString(new File(baseDir, "node-" + memberId + "-run2.out").toPath());
        }
        catch (final IOException ex)
        {
            log = ex.toString();
        }
        String status;
        try
        {
            status = NodeStatus.read(clusterDir(memberId), 1_000).toString();
        }
        catch (final RuntimeException ex)
        {
            status = ex.toString();
        }
        throw new AssertionError("restarted node " + memberId + " did not rejoin as a follower in time; status: " +
            status + "\nits log:\n" + log);
    }

    private File clusterDir(final int memberId)
    {
        return new File(new File(baseDir, "node-" + memberId), "cluster");
    }

    private String terminationLine(final int memberId, final String run) throws IOException
    {
        final String err = Files.readString(new File(baseDir, "node-" + memberId + "-" + run + ".err").toPath(),
            StandardCharsets.UTF_8) + Files.readString(new File(baseDir, "node-" + memberId + "-" + run + ".out").toPath(),
            StandardCharsets.UTF_8);
        final Matcher m = Pattern.compile("terminating at log position (\\d+), state hash ([0-9a-f]+)").matcher(err);
        String last = null;
        while (m.find())
        {
            last = m.group(1) + "/" + m.group(2);
        }
        return last;
    }

    static String render(final byte[] bytes)
    {
        return MessageText.render(new org.agrona.concurrent.UnsafeBuffer(bytes), 0, bytes.length);
    }
}
