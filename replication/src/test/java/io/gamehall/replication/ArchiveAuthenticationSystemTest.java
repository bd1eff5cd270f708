package io.gamehall.replication;

import io.aeron.archive.client.AeronArchive;
import io.aeron.driver.MediaDriver;
import io.aeron.security.CredentialsSupplier;
import io.aeron.security.NullCredentialsSupplier;
import io.gamehall.aeron.LocalMediaDriver;
import io.gamehall.replication.support.TestCluster;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A master node's archive control port (base port + 4) admits only clients that answer its
 * challenge with the cluster's archive secret.
 */
@Timeout(120)
class ArchiveAuthenticationSystemTest
{
    private TestCluster cluster;
    private MediaDriver driver;

    @BeforeEach
    void start() throws Exception
    {
        cluster = TestCluster.start(1);
        driver = LocalMediaDriver.launch("archive-auth-test");
    }

    @AfterEach
    void stop()
    {
        CloseHelper.quietCloseAll(driver, cluster);
    }

    @Test
    void shouldRefuseAnArchiveClientWithoutCredentials()
    {
        assertThatThrownBy(() -> connect(new NullCredentialsSupplier()).close())
            .hasMessageContaining("authentication");
    }

    @Test
    void shouldRefuseAnArchiveClientWithTheWrongSecret()
    {
        final byte[] wrong = "not-the-archive-secret-of-this-cluster".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> connect(ArchiveAuthenticator.credentials(wrong)).close())
            .hasMessageContaining("authentication");
    }

    @Test
    void shouldRefuseAClientThatPresentsTheSecretItselfInsteadOfAnsweringTheChallenge()
    {
        final byte[] secret = TestCluster.ARCHIVE_SECRET.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> connect(new CredentialsSupplier()
        {
            public byte[] encodedCredentials()
            {
                return secret;
            }

            public byte[] onChallenge(final byte[] challenge)
            {
                return secret;
            }
        }).close()).hasMessageContaining("authentication");
    }

    @Test
    void shouldAdmitAnArchiveClientThatKnowsTheSecret()
    {
        try (AeronArchive archive = connect(cluster.node(0).context().archiveCredentials()))
        {
            final int[] recordings = new int[1];
            archive.listRecordings(0, 100, (controlSessionId, correlationId, recordingId, startTimestamp,
                stopTimestamp, startPosition, stopPosition, initialTermId, segmentFileLength, termBufferLength,
                mtuLength, sessionId, streamId, strippedChannel, originalChannel, sourceIdentity) -> recordings[0]++);
            assertThat(recordings[0]).as("the cluster log is recorded").isGreaterThanOrEqualTo(1);
        }
    }

    private AeronArchive connect(final CredentialsSupplier credentials)
    {
        final MemberAddress member = MemberAddress.parse(cluster.members().get(0));
        return AeronArchive.connect(new AeronArchive.Context()
            .aeronDirectoryName(driver.aeronDirectoryName())
            .controlRequestChannel("aeron:udp?endpoint=" + member.endpoint(4))
            .controlResponseChannel("aeron:udp?endpoint=127.0.0.1:0")
            .messageTimeoutNs(TimeUnit.SECONDS.toNanos(5))
            .credentialsSupplier(credentials));
    }
}
