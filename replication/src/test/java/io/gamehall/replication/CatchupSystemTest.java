package io.gamehall.replication;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.gamehall.master.support.CommandText;
import io.gamehall.replication.client.PendingRequests;
import io.gamehall.replication.support.MasterCalls;
import io.gamehall.replication.support.SlowService;
import io.gamehall.replication.support.TestCluster;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A follower that comes back behind the cluster says so, in its log and in
 * {@code gamehall master status} ({@link NodeStatus}): catching up, bytes behind, ETA; and says
 * when it has caught up.
 */
@Timeout(180)
class CatchupSystemTest
{
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger)LoggerFactory.getLogger(CatchupMonitor.class);
    private TestCluster cluster;

    @AfterEach
    void stop()
    {
        logger.detachAppender(logged);
        if (cluster != null)
        {
            cluster.close();
        }
    }

    @Test
    void shouldShowAFollowerCatchingUpInItsStatusAndLogUntilItHasCaughtUp() throws Exception
    {
        logged.start();
        logger.addAppender(logged);
        cluster = TestCluster.start(3);
        final int leader = cluster.awaitLeader(20_000);
        final int follower = (leader + 1) % 3;
        cluster.stopNode(follower);

        // the cluster goes on without it, then it comes back on a node that applies a message per 3 ms:
        // 3,000 messages of log to catch up with take it 9 s at least
        final PendingRequests requests = new PendingRequests(null, null);
        cluster.client(ClientRole.ADMIN, requests);
        final MasterCalls calls = new MasterCalls(requests);
        final long gateway = calls.ok("RegisterServer role=GATEWAY capacity=100000 name=gw-a " +
            "endpoint=ws://127.0.0.1:8080/game softwareVersion=0.1.0");
        sendCheckIns(requests, gateway, 3_000);
        cluster.startNodeWith(follower, new SlowService(new MasterService(TestCluster.engineConfig()), 3_000));

        NodeStatus behind = null;
        final long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline)
        {
            final NodeStatus status = read(follower);
            if (status != null && status.catchup() != null && status.catchup().behind() &&
                status.catchup().bytesBehind() > 0)
            {
                behind = status;
                break;
            }
            TestCluster.sleep(200);
        }
        System.out.println("status of the follower while behind:\n" + behind);
        assertThat(behind).as("the follower's status said it was behind").isNotNull();
        assertThat(behind.toString()).containsPattern("sync: +catching up, [0-9,]+ bytes behind, ETA ");
        assertThat(behind.activeMembers()).as("a node in an election is not asked what only its consensus module knows")
            .startsWith("not asked while the node is in an election");

        final long caughtUpBy = System.currentTimeMillis() + 90_000;
        NodeStatus status = read(follower);
        while (System.currentTimeMillis() < caughtUpBy &&
            (status == null || status.catchup() == null || status.catchup().behind()))
        {
            TestCluster.sleep(500);
            status = read(follower);
        }
        System.out.println("status of the follower once caught up:\n" + status);
        assertThat(status.toString()).containsPattern("sync: +in sync \\(log position [0-9,]+\\)");

        final List<String> lines = new ArrayList<>();
        for (final ILoggingEvent event : logged.list)
        {
            lines.add(event.getLevel() + " " + event.getFormattedMessage());
        }
        System.out.println("catch-up log lines: " + lines);
        assertThat(lines).anySatisfy((line) -> assertThat(line)
            .matches("INFO member " + follower + " catching up, [0-9,]+ bytes behind, ETA .*"));
        assertThat(lines).anySatisfy((line) -> assertThat(line)
            .matches("INFO member " + follower + " caught up after [0-9.]+ s"));
        assertThat(lines).as("a follower that catches up within the stuck time is not stuck")
            .noneSatisfy((line) -> assertThat(line).contains("STUCK"));
    }

    private NodeStatus read(final int memberId)
    {
        try
        {
            return NodeStatus.read(cluster.node(memberId).clusterDir(), 2_000);
        }
        catch (final IllegalStateException ex)
        {
            return null;
        }
    }

    private static void sendCheckIns(final PendingRequests requests, final long gateway, final int users)
        throws Exception
    {
        final CommandText text = new CommandText();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final List<CompletableFuture<byte[]>> answers = new ArrayList<>();
        for (int user = 1; user <= users; user++)
        {
            final int length = text.encode("CheckInUser gatewayId=" + gateway + " userId=" + user + " userName=u" + user,
                buffer, 0);
            answers.add(requests.submit(buffer, 0, length));
            if (answers.size() == 200)
            {
                awaitAll(answers);
            }
        }
        awaitAll(answers);
    }

    private static void awaitAll(final List<CompletableFuture<byte[]>> answers) throws Exception
    {
        for (final CompletableFuture<byte[]> answer : answers)
        {
            answer.get(30, TimeUnit.SECONDS);
        }
        answers.clear();
    }
}
