package io.gamehall.perf.cluster;

import io.gamehall.aeron.IdleKind;
import io.gamehall.replication.ClientRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node of the harness in a JVM of its own: it starts with the settings and secrets it was
 * given, becomes leader, and on close it stops and its data is gone.
 */
@Timeout(120)
class ProcessClusterTest
{
    @TempDir
    File dir;

    @Test
    void shouldStartANodeInItsOwnJvmThatLeadsAndStopsOnClose() throws Exception
    {
        final File baseDir = new File(dir, "echo-1-node");
        final File aeronRoot = new File(dir, "aeron");
        Files.createDirectories(aeronRoot.toPath());
        final ErrorCounter errors = new ErrorCounter("test");
        final ProcessCluster cluster = ProcessCluster.start(ServiceKind.ECHO, 1, baseDir, aeronRoot,
            new ProcessCluster.NodeSettings(IdleKind.SLEEPING, 100, true, 256),
            Map.of(ClientRole.GATEWAY, "test-gateway-secret-0123456789abcdef", ClientRole.HOST,
                "test-host-secret-0123456789abcdef0", ClientRole.ADMIN, "test-admin-secret-0123456789abcdef"),
            "test-archive-secret-0123456789abcdef", errors);
        try
        {
            assertThat(cluster.awaitLeader(1_000)).isZero();
            assertThat(cluster.ingressEndpoints()).startsWith("0=127.0.0.1:");
            assertThat(new File(baseDir, "node-0.log")).as("the node's output").isFile();
            assertThat(ProcessHandle.current().children().count()).as("one node JVM").isEqualTo(1);
        }
        finally
        {
            cluster.close();
        }
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count()).as("stopped").isZero();
        assertThat(baseDir).doesNotExist();
        assertThat(errors.errors()).isZero();
    }
}
