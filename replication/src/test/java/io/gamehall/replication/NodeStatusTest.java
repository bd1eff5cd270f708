package io.gamehall.replication;

import io.gamehall.aeron.StaleDriverDirectories;
import io.gamehall.replication.support.ChildJvm;
import io.gamehall.replication.support.ChildMasterNode;
import io.gamehall.replication.support.TestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link NodeStatus#read} answers within its timeout or says why not: a directory where no node
 * ever ran, a node whose process was killed (its mark file, media driver directory and counters
 * left behind), a node whose process hangs.
 */
@Timeout(120)
class NodeStatusTest
{
    private static final long TIMEOUT_MS = 2_000;
    /** What the machine may add to the timeout (a JVM starting a thread, a busy machine). */
    private static final long SLACK_MS = 1_500;

    @TempDir
    File dir;

    private Process child;

    @AfterEach
    void stop() throws Exception
    {
        if (child != null)
        {
            signal("CONT", child.pid());
            child.destroyForcibly().waitFor();
        }
        StaleDriverDirectories.remove();
    }

    @Test
    void shouldSayNoNodeRanInADirectoryWhereNoneStarted()
    {
        for (final File clusterDir : new File[]{new File(dir, "never-made/cluster"), dir})
        {
            final long start = System.nanoTime();
            assertThatThrownBy(() -> NodeStatus.read(clusterDir, TIMEOUT_MS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no master node has run in " + clusterDir);
            assertThat(elapsedMs(start)).isLessThan(TIMEOUT_MS);
        }
    }

    @Test
    void shouldSayAKilledNodeIsNotRunningWithinItsTimeout() throws Exception
    {
        final File clusterDir = startChildNode();
        child.destroyForcibly().waitFor();
        final long pid = child.pid();
        child = null;

        final long start = System.nanoTime();
        assertThatThrownBy(() -> NodeStatus.read(clusterDir, TIMEOUT_MS))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("is not running: process " + pid + ", which ran it, is gone (killed or crashed: " +
                "its files are stale)");
        final long tookMs = elapsedMs(start);
        System.out.println("status of a killed node answered in " + tookMs + " ms");
        assertThat(tookMs).isLessThan(TIMEOUT_MS + SLACK_MS);
    }

    @Test
    void shouldAnswerWithinItsTimeoutWhenTheNodeHangs() throws Exception
    {
        final File clusterDir = startChildNode();
        signal("STOP", child.pid());

        // at once: the files look alive, the node (out of its election: it is asked) does not answer;
        // later: its mark file is stale
        for (final long waitMs : new long[]{0, NodeStatus.STALE_MS + 1_000})
        {
            Thread.sleep(waitMs);
            final long start = System.nanoTime();
            assertThatThrownBy(() -> System.out.println("status of a hung node:\n" +
                NodeStatus.read(clusterDir, TIMEOUT_MS)))
                .as("%d ms after the node hung", waitMs)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageMatching("(?s).*(did not answer|mark file is stale|has not beaten).*");
            final long tookMs = elapsedMs(start);
            System.out.println("status of a hung node answered in " + tookMs + " ms, " + waitMs + " ms after it hung");
            assertThat(tookMs).isLessThan(TIMEOUT_MS + SLACK_MS);
        }
    }

    private File startChildNode() throws Exception
    {
        final File dataDir = new File(dir, "node");
        child = ChildJvm.start(ChildMasterNode.class, dir, dataDir.getPath()).process();
        final File clusterDir = new File(dataDir, "cluster");
        final long deadline = System.currentTimeMillis() + 30_000;
        while (true)
        {
            try
            {
                final NodeStatus status = NodeStatus.read(clusterDir, TIMEOUT_MS);
                assertThat(status.role()).isEqualTo("LEADER");
                assertThat(status.electionState()).isEqualTo("CLOSED");
                return clusterDir;
            }
            catch (final IllegalStateException | AssertionError ex)
            {
                if (System.currentTimeMillis() > deadline)
                {
                    throw ex;
                }
                TestCluster.sleep(200);
            }
        }
    }

    private static long elapsedMs(final long startNs)
    {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
    }

    private static void signal(final String signal, final long pid) throws Exception
    {
        new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
    }
}
