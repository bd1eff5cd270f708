package io.gamehall.replication;

import io.gamehall.aeron.IdleKind;
import io.gamehall.aeron.IdleSettings;
import io.gamehall.replication.support.TestCluster;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The election and idle defaults of a node, and what its configuration refuses.
 */
class MasterNodeContextTest
{
    @TempDir
    File dir;

    @Test
    void shouldDefaultToTimeoutsThatReplaceADeadLeaderWithinASecond()
    {
        final MasterNode.Context ctx = new MasterNode.Context();
        // the longest an election after a leader's death takes, on a healthy network: the heartbeat timeout
        // (since the leader's last heartbeat), a status interval to hear the other follower, the longest
        // random nomination delay (half the election timeout), the whole election timeout for the ballot
        // (a dead member never votes, so no ballot is unanimous)
        final long longestElectionMs = ctx.leaderHeartbeatTimeoutMs() + ctx.electionStatusIntervalMs() +
            ctx.electionTimeoutMs() / 2 + ctx.electionTimeoutMs();
        assertThat(longestElectionMs).as("leaves at least 100 ms of the second for the new leader to start " +
            "and tell its clients").isLessThanOrEqualTo(900);
        assertThat(ctx.startupCanvassTimeoutMs()).isGreaterThanOrEqualTo(2 * ctx.leaderHeartbeatTimeoutMs());
        assertThat(ctx.leaderHeartbeatIntervalMs()).isLessThanOrEqualTo(ctx.leaderHeartbeatTimeoutMs() / 5);
    }

    @Test
    void shouldRefuseAnElectionStatusIntervalNotBelowTheElectionTimeoutAndAShortStuckTime()
    {
        assertThatThrownBy(() -> context().electionStatusIntervalMs(200).conclude())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("election status interval (200 ms) must be positive and below the election " +
                "timeout (200 ms)");
        assertThatThrownBy(() -> context().catchupStuckAfterMs(999).conclude())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("the catch-up stuck time must be at least 1 s");
        assertThat(context().catchupStuckAfterMs(1_000).conclude().catchupStuckAfterMs()).isEqualTo(1_000);
    }

    @Test
    void shouldBackOffByDefaultAndGiveEveryAgentTheNodesIdleSettings()
    {
        assertThat(context().idle()).isEqualTo(IdleSettings.DEFAULT);
        assertThat(context().idleStrategySupplier().get()).isInstanceOf(BackoffIdleStrategy.class);
        final MasterNode.Context yielding = context().idle(IdleSettings.DEFAULT.withKind(IdleKind.YIELDING));
        assertThat(yielding.idleStrategySupplier().get()).isInstanceOf(YieldingIdleStrategy.class);
        assertThat(yielding.driverContext().sharedIdleStrategy()).isInstanceOf(YieldingIdleStrategy.class);
        assertThatThrownBy(() -> context().idle(null).conclude())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idle settings missing");
    }

    private MasterNode.Context context()
    {
        return new MasterNode.Context()
            .dataDir(new File(dir, "data"))
            .aeronDirectoryName(new File(dir, "aeron").getPath())
            .secrets(TestCluster.SECRETS);
    }
}
