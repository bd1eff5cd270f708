package io.gamehall.aeron;

/**
 * How a polling thread waits when it found no work: the first half of {@link IdleSettings}.
 * The back-off is the default everywhere; spinning is opt-in because it burns a core per thread.
 */
public enum IdleKind
{
    /** Spin, yield, then park from 1 µs up to the longest park: the default, kind to a small machine. */
    BACKOFF,
    /** Spin and yield: lower latency, burns a core per busy thread. */
    YIELDING,
    /** Never sleep: lowest latency, burns a core per thread. Opt-in. */
    BUSY_SPIN,
    /** Sleep 1 ms: lowest CPU, highest latency. */
    SLEEPING
}
