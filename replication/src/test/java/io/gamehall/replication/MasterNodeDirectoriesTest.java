package io.gamehall.replication;

import io.gamehall.replication.support.TestCluster;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A master node's data and media driver directories can be entered by their owner only.
 */
class MasterNodeDirectoriesTest
{
    @Test
    void shouldKeepAMasterNodesDataAndMediaDriverDirectoriesOwnerOnly() throws Exception
    {
        try (TestCluster cluster = TestCluster.start(1))
        {
            final MasterNode node = cluster.node(0);
            assertThat(mode(node.context().dataDir())).isEqualTo("rwx------");
            assertThat(mode(new File(node.context().aeronDirectoryName()))).isEqualTo("rwx------");
            assertThat(mode(new File(node.context().aeronDirectoryName()).getParentFile())).isEqualTo("rwx------");
        }
    }

    private static String mode(final File file) throws Exception
    {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file.toPath()));
    }
}
