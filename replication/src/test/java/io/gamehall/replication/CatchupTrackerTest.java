package io.gamehall.replication;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catch-up rules under a test's clock: when a node counts as behind, its ETA, and the
 * stuck warning, rate-limited.
 */
class CatchupTrackerTest
{
    private static final long STUCK_AFTER_MS = 30_000;
    private static final long WARN_INTERVAL_MS = 30_000;

    private final List<String> catchingUp = new ArrayList<>();
    private final List<String> stuck = new ArrayList<>();
    private final List<String> caughtUp = new ArrayList<>();
    private final CatchupTracker tracker = new CatchupTracker(2, STUCK_AFTER_MS, WARN_INTERVAL_MS,
        new CatchupTracker.Listener()
        {
            public void onCatchingUp(final String line)
            {
                catchingUp.add(line);
            }

            public void onStuck(final String line)
            {
                stuck.add(line);
            }

            public void onCaughtUp(final String line)
            {
                caughtUp.add(line);
            }
        });

    @Test
    void shouldFlagANodeBehindLongerThanTheStuckTimeAndWarnAtMostOncePerInterval()
    {
        final long start = 1_000_000;
        // in an election and not gaining: the cluster moves on as fast as the node
        for (long t = 0; t <= 100_000; t += 1_000)
        {
            tracker.onSample(start + t, 5_000_000 + t * 100, 9_000_000 + t * 100, "FOLLOWER_CATCHUP");
            assertThat(tracker.isStuck()).as("stuck at %d ms", t).isEqualTo(t > STUCK_AFTER_MS);
        }
        assertThat(stuck).as("warnings at 31, 61 and 91 s").hasSize(3);
        assertThat(stuck.get(0)).contains("member 2 STUCK behind the cluster for 31 s (more than 30 s): catching up, ",
            "4,000,000 bytes behind", "ETA unknown (not gaining)", "election FOLLOWER_CATCHUP");
        assertThat(tracker.behindSinceMs()).isEqualTo(start);
        assertThat(tracker.bytesBehind()).isEqualTo(4_000_000);
        assertThat(tracker.etaMs()).isEqualTo(CatchupTracker.UNKNOWN);

        tracker.onSample(start + 101_000, 19_100_000, 19_100_000, "CLOSED");
        assertThat(tracker.isStuck()).isFalse();
        assertThat(tracker.behindSinceMs()).isZero();
        assertThat(caughtUp).containsExactly("member 2 caught up after 101.0 s");
    }

    @Test
    void shouldEstimateTheTimeToCatchUpFromWhatTheNodeGains()
    {
        // the node applies 3 MB/s, the cluster writes 1 MB/s: it gains 2 MB/s on 40 MB
        for (long t = 0; t <= 10_000; t += 1_000)
        {
            tracker.onSample(t + 1, t * 3_000, 40_000_000 + t * 1_000, "FOLLOWER_CATCHUP");
        }
        assertThat(tracker.bytesBehind()).isEqualTo(20_000_000);
        assertThat(tracker.etaMs()).isEqualTo(10_000);
        assertThat(catchingUp).as("a line after 2 s, then every 5 s").hasSize(2);
        assertThat(catchingUp.get(1)).isEqualTo("member 2 catching up, 26,000,000 bytes behind, ETA 13 s " +
            "(gaining 2,000,000 bytes/s); this node at 21,000,000, the cluster at 47,000,000, " +
            "election FOLLOWER_CATCHUP, behind for 7 s");
        assertThat(stuck).isEmpty();
    }

    @Test
    void shouldNotReportAnOrdinaryElectionOrALagBelowTheThreshold()
    {
        tracker.onSample(1_000, 100, 100, "CANVASS");
        tracker.onSample(2_000, 200, 200 + CatchupTracker.LAG_BYTES - 1, "CLOSED");
        tracker.onSample(3_000, 300, 300 + CatchupTracker.LAG_BYTES - 1, "CLOSED");
        assertThat(tracker.behindSinceMs()).isZero();
        assertThat(catchingUp).isEmpty();
        assertThat(caughtUp).as("nothing was reported, so nothing to take back").isEmpty();

        tracker.onSample(4_000, 400, 400 + CatchupTracker.LAG_BYTES, "CLOSED");
        assertThat(tracker.behindSinceMs()).as("a lag of the threshold counts, election or not").isEqualTo(4_000);
    }

    @Test
    void shouldSayWhenTheClusterPositionIsUnknown()
    {
        for (long t = 0; t <= 3_000; t += 1_000)
        {
            tracker.onSample(t + 1, 700, CatchupTracker.UNKNOWN, "CANVASS");
        }
        assertThat(tracker.bytesBehind()).isEqualTo(CatchupTracker.UNKNOWN);
        assertThat(catchingUp).hasSize(1);
        assertThat(catchingUp.get(0)).contains("bytes behind unknown (no other member answered)",
            "the cluster at ?", "election CANVASS");
    }
}
