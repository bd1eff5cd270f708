package io.gamehall.store;

import io.gamehall.store.kv.Keyspace;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreConfigTest
{
    @Test
    void shouldDefaultToChronicleUnderTheDataDirectory()
    {
        final StoreConfig config = new StoreConfig().conclude();

        assertThat(config.type()).isEqualTo(StoreType.CHRONICLE);
        assertThat(config.chronicleDir()).isEqualTo(new File("gamehall-data/store"));
        assertThat(config.chronicleEntries(Keyspace.ACCOUNT)).isEqualTo(100_000);
        assertThat(config.couchbaseDurability()).isEqualTo(CouchbaseDurability.AUTO);
    }

    @Test
    void shouldReadCouchbaseSettingsFromProperties()
    {
        final Properties properties = new Properties();
        properties.setProperty("gamehall.store.type", "couchbase");
        properties.setProperty("gamehall.store.couchbase.connection-string", "couchbase://cb1.example,cb2.example");
        properties.setProperty("gamehall.store.couchbase.bucket", "games");
        properties.setProperty("gamehall.store.couchbase.password", "pw");
        properties.setProperty("gamehall.store.couchbase.durability", "majority");
        properties.setProperty("gamehall.store.couchbase.kv-timeout-ms", "800");
        properties.setProperty("gamehall.store.workers", "8");
        properties.setProperty("unrelated.property", "ignored");

        final StoreConfig config = StoreConfig.fromProperties(properties).conclude();

        assertThat(config.type()).isEqualTo(StoreType.COUCHBASE);
        assertThat(config.couchbaseConnectionString()).isEqualTo("couchbase://cb1.example,cb2.example");
        assertThat(config.couchbaseUsername()).isEqualTo("games");
        assertThat(config.couchbaseDurability()).isEqualTo(CouchbaseDurability.MAJORITY);
        assertThat(config.couchbaseKvTimeoutMs()).isEqualTo(800);
        assertThat(config.couchbaseDnsSrv()).isTrue();
        assertThat(config.workerThreads()).isEqualTo(8);
        assertThat(config.toString()).doesNotContain("pw,").contains("password=***");
    }

    @Test
    void shouldReadChronicleSizingFromProperties()
    {
        final Properties properties = new Properties();
        properties.setProperty("gamehall.store.chronicle.dir", "/var/lib/gamehall/store");
        properties.setProperty("gamehall.store.chronicle.games.entries", "5000000");
        properties.setProperty("gamehall.store.chronicle.backups.average-value-bytes", "32768");

        final StoreConfig config = StoreConfig.fromProperties(properties).conclude();

        assertThat(config.chronicleDir()).isEqualTo(new File("/var/lib/gamehall/store"));
        assertThat(config.chronicleEntries(Keyspace.GAME)).isEqualTo(5_000_000);
        assertThat(config.chronicleAverageValueBytes(Keyspace.BACKUP)).isEqualTo(32768);
    }

    @Test
    void shouldNameTheBadSetting()
    {
        final Properties typo = new Properties();
        typo.setProperty("gamehall.store.worker", "8");
        assertThatThrownBy(() -> StoreConfig.fromProperties(typo)).hasMessageContaining("gamehall.store.worker");

        assertThatThrownBy(() -> new StoreConfig().type(StoreType.COUCHBASE).conclude())
            .hasMessageContaining("couchbase.connection-string");
        assertThatThrownBy(() -> new StoreConfig().type(StoreType.COUCHBASE)
            .couchbaseConnectionString("couchbase://x").conclude()).hasMessageContaining("couchbase.password");
        assertThatThrownBy(() -> new StoreConfig().workerThreads(0).conclude()).hasMessageContaining("workers");
        assertThatThrownBy(() -> new StoreConfig().maxValueBytes(21 << 20).conclude())
            .hasMessageContaining("max-value-bytes");
        final Properties badType = new Properties();
        badType.setProperty("gamehall.store.type", "mongo");
        assertThatThrownBy(() -> StoreConfig.fromProperties(badType))
            .hasMessageContaining("gamehall.store.type must be one of chronicle, couchbase");
        final Properties notANumber = new Properties();
        notANumber.setProperty("gamehall.store.queue-capacity", "lots");
        assertThatThrownBy(() -> StoreConfig.fromProperties(notANumber)).hasMessageContaining("queue-capacity");
    }
}
