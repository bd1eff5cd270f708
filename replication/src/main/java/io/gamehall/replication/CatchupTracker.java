package io.gamehall.replication;

import java.util.Locale;

/**
 * Decides, from samples of a node's own log position and the furthest position the cluster
 * holds, whether the node is behind, how fast it gains, when it will have caught up, and
 * whether it is stuck: behind for longer than a configured time. It says so through its
 * {@link Listener}: a "catching up" line now and then while behind, a warning at most once per
 * warning interval while stuck, a line when caught up. Time comes with each sample, so the
 * rules run the same under a test's clock.
 * <p>
 * A node is behind while an election runs on it (it cannot apply the leader's log then) or
 * while it holds {@link #LAG_BYTES} or more less of the log than the cluster. Its rate is
 * measured over the last {@link #RATE_WINDOW_MS}: the bytes it gained on the cluster per
 * second; the estimated time to catch up is what is left at that rate, unknown while it does
 * not gain.
 */
public final class CatchupTracker
{
    /** Lag in bytes from which a node in a closed election counts as behind. */
    public static final long LAG_BYTES = 1024 * 1024;
    /** A node behind for this long is reported as catching up (shorter: an ordinary election or burst). */
    public static final long REPORT_AFTER_MS = 2_000;
    /** Interval of the "catching up" lines while behind. */
    public static final long PROGRESS_INTERVAL_MS = 5_000;
    /** The gain rate is measured over this window. */
    public static final long RATE_WINDOW_MS = 10_000;
    /** What is reported while a value is not known. */
    public static final long UNKNOWN = -1;

    /**
     * Where the tracker's conclusions go.
     */
    public interface Listener
    {
        /**
         * The node has been behind for a while and is (perhaps) catching up.
         */
        void onCatchingUp(String line);

        /**
         * The node has been behind for longer than the stuck time; repeated at most once per warning interval.
         */
        void onStuck(String line);

        /**
         * The node is no longer behind.
         */
        void onCaughtUp(String line);
    }

    private static final int WINDOW_SAMPLES = 64;

    private final int memberId;
    private final long stuckAfterMs;
    private final long warnIntervalMs;
    private final Listener listener;
    private final long[] sampleTimesMs = new long[WINDOW_SAMPLES];
    private final long[] sampleBehind = new long[WINDOW_SAMPLES];
    private int samples;
    private int nextSample;

    private long behindSinceMs;
    private long bytesBehind = UNKNOWN;
    private long etaMs = UNKNOWN;
    private long gainPerSecond;
    private long lastProgressLineMs;
    private long lastWarningMs;
    private boolean progressReported;
    private boolean warned;
    private boolean stuck;

    /**
     * @param memberId       the node, for the lines.
     * @param stuckAfterMs   a node behind for longer than this is stuck.
     * @param warnIntervalMs at most one stuck warning per this interval.
     * @param listener       told the conclusions.
     */
    public CatchupTracker(final int memberId, final long stuckAfterMs, final long warnIntervalMs, final Listener listener)
    {
        if (stuckAfterMs < 1 || warnIntervalMs < 1)
        {
            throw new IllegalArgumentException("the stuck time and the warning interval must be positive");
        }
        this.memberId = memberId;
        this.stuckAfterMs = stuckAfterMs;
        this.warnIntervalMs = warnIntervalMs;
        this.listener = listener;
    }

    /**
     * Take one sample.
     *
     * @param nowMs           the time of the sample.
     * @param nodePosition    the log position this node has applied.
     * @param clusterPosition the furthest log position known to be in the cluster, or {@link #UNKNOWN}.
     * @param electionState   the node's election state; {@code CLOSED} when none runs.
     */
    public void onSample(final long nowMs, final long nodePosition, final long clusterPosition, final String electionState)
    {
        final boolean inElection = !"CLOSED".equals(electionState);
        bytesBehind = clusterPosition == UNKNOWN ? UNKNOWN : Math.max(0, clusterPosition - nodePosition);
        final boolean behind = inElection || (bytesBehind != UNKNOWN && bytesBehind >= LAG_BYTES);
        if (!behind)
        {
            if (progressReported || warned)
            {
                listener.onCaughtUp(String.format(Locale.ROOT, "member %d caught up after %.1f s", memberId,
                    (nowMs - behindSinceMs) / 1e3));
            }
            behindSinceMs = 0;
            samples = 0;
            etaMs = UNKNOWN;
            gainPerSecond = 0;
            progressReported = false;
            warned = false;
            stuck = false;
            return;
        }
        if (behindSinceMs == 0)
        {
            behindSinceMs = nowMs;
        }
        addSample(nowMs, bytesBehind);
        final long behindForMs = nowMs - behindSinceMs;
        if (behindForMs >= REPORT_AFTER_MS &&
            (!progressReported || nowMs - lastProgressLineMs >= PROGRESS_INTERVAL_MS))
        {
            lastProgressLineMs = nowMs;
            progressReported = true;
            listener.onCatchingUp("member " + memberId + " " +
                line(nodePosition, clusterPosition, electionState, behindForMs));
        }
        stuck = behindForMs > stuckAfterMs;
        if (stuck && (!warned || nowMs - lastWarningMs >= warnIntervalMs))
        {
            lastWarningMs = nowMs;
            warned = true;
            listener.onStuck(String.format(Locale.ROOT, "member %d STUCK behind the cluster for %.0f s (more than %.0f s): %s",
                memberId, behindForMs / 1e3, stuckAfterMs / 1e3,
                line(nodePosition, clusterPosition, electionState, behindForMs)));
        }
    }

    private void addSample(final long nowMs, final long behindBytes)
    {
        sampleTimesMs[nextSample] = nowMs;
        sampleBehind[nextSample] = behindBytes;
        nextSample = (nextSample + 1) % WINDOW_SAMPLES;
        samples = Math.min(samples + 1, WINDOW_SAMPLES);
        etaMs = UNKNOWN;
        gainPerSecond = 0;
        if (behindBytes == UNKNOWN)
        {
            return;
        }
        int oldest = -1;
        for (int i = 1; i < samples; i++)
        {
            final int index = Math.floorMod(nextSample - 1 - i, WINDOW_SAMPLES);
            if (nowMs - sampleTimesMs[index] > RATE_WINDOW_MS || sampleBehind[index] == UNKNOWN)
            {
                break;
            }
            oldest = index;
        }
        if (oldest < 0 || sampleTimesMs[oldest] == nowMs)
        {
            return;
        }
        gainPerSecond = (sampleBehind[oldest] - behindBytes) * 1_000 / (nowMs - sampleTimesMs[oldest]);
        if (gainPerSecond > 0)
        {
            etaMs = behindBytes * 1_000 / gainPerSecond;
        }
    }

    private String line(final long nodePosition, final long clusterPosition, final String electionState, final long behindForMs)
    {
        final StringBuilder sb = new StringBuilder(160);
        sb.append("catching up, ");
        if (bytesBehind == UNKNOWN)
        {
            sb.append("bytes behind unknown (no other member answered)");
        }
        else
        {
            sb.append(String.format(Locale.ROOT, "%,d bytes behind", bytesBehind));
        }
        if (etaMs != UNKNOWN)
        {
            sb.append(String.format(Locale.ROOT, ", ETA %.0f s (gaining %,d bytes/s)", Math.ceil(etaMs / 1e3), gainPerSecond));
        }
        else
        {
            sb.append(", ETA unknown (not gaining)");
        }
        sb.append(String.format(Locale.ROOT, "; this node at %,d, the cluster at %s, election %s, behind for %.0f s",
            nodePosition, clusterPosition == UNKNOWN ? "?" : String.format(Locale.ROOT, "%,d", clusterPosition),
            electionState, behindForMs / 1e3));
        return sb.toString();
    }

    /**
     * @return bytes of the log this node lacks, {@link #UNKNOWN} when the cluster's position is not known.
     */
    public long bytesBehind()
    {
        return bytesBehind;
    }

    /**
     * @return estimated milliseconds to catch up, {@link #UNKNOWN} when not behind or not gaining.
     */
    public long etaMs()
    {
        return etaMs;
    }

    /**
     * @return when the node fell behind (the time of that sample), 0 when it is not behind.
     */
    public long behindSinceMs()
    {
        return behindSinceMs;
    }

    /**
     * @return whether the node has been behind for longer than the stuck time.
     */
    public boolean isStuck()
    {
        return stuck;
    }

    /**
     * @return the time after which a node behind is stuck.
     */
    public long stuckAfterMs()
    {
        return stuckAfterMs;
    }
}
