package io.gamehall.replication;

import io.gamehall.master.EngineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineConfigFileTest
{
    @TempDir
    File dir;

    @Test
    void readsBackEveryValueItWrote()
    {
        final EngineConfig written = new EngineConfig().maxServers(64).maxUsers(5_000).maxInstances(700)
            .maxPlayersPerInstance(8).serverTimeoutMs(2_500).dedupWindow(128).maxClients(300).maxSearchExamined(99)
            .conclude();
        EngineConfigFile.write(dir, written);
        EngineConfigFile.write(dir, written); // replaces the file as a whole

        final EngineConfig read = EngineConfigFile.read(dir);

        assertThat(read.maxServers()).isEqualTo(64);
        assertThat(read.maxUsers()).isEqualTo(5_000);
        assertThat(read.maxInstances()).isEqualTo(700);
        assertThat(read.maxPlayersPerInstance()).isEqualTo(8);
        assertThat(read.serverTimeoutMs()).isEqualTo(2_500);
        assertThat(read.dedupWindow()).isEqualTo(128);
        assertThat(read.maxClients()).isEqualTo(300);
        assertThat(read.maxSearchExamined()).isEqualTo(99);
        assertThat(dir.list()).containsExactly(EngineConfigFile.FILE_NAME);
    }

    @Test
    void noFileIsNoConfiguration()
    {
        assertThat(EngineConfigFile.read(dir)).isNull();
    }

    @Test
    void refusesAFileWithAValueMissingOrWrong() throws IOException
    {
        EngineConfigFile.write(dir, new EngineConfig());
        final File file = new File(dir, EngineConfigFile.FILE_NAME);
        final String good = Files.readString(file.toPath(), StandardCharsets.UTF_8);

        Files.writeString(file.toPath(), good.replaceAll("(?m)^maxClients=.*$", ""));
        assertThatThrownBy(() -> EngineConfigFile.read(dir)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(file.getPath()).hasMessageContaining("has no maxClients");

        Files.writeString(file.toPath(), good.replaceAll("(?m)^maxUsers=.*$", "maxUsers=many"));
        assertThatThrownBy(() -> EngineConfigFile.read(dir)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("maxUsers is not a number: many");

        Files.writeString(file.toPath(), good.replaceAll("(?m)^dedupWindow=.*$", "dedupWindow=100"));
        assertThatThrownBy(() -> EngineConfigFile.read(dir)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("dedupWindow must be a power of two");
    }

    @Test
    void aStartedNodeWritesTheConfigurationItRunsWith() throws Exception
    {
        final EngineConfig config = io.gamehall.replication.support.TestCluster.engineConfig().serverTimeoutMs(1_234);
        final io.gamehall.replication.support.TestCluster cluster =
            io.gamehall.replication.support.TestCluster.start(1, (ctx) -> ctx.journalEnabled(false).engineConfig(config));
        try
        {
            final EngineConfig read = EngineConfigFile.read(cluster.node(0).context().dataDir());
            assertThat(read.serverTimeoutMs()).isEqualTo(1_234);
            assertThat(read.maxUsers()).isEqualTo(config.maxUsers());
            assertThat(read.maxClients()).isEqualTo(config.maxClients());
        }
        finally
        {
            cluster.close();
        }
    }
}
