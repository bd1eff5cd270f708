package io.gamehall.perf.cluster;

import io.gamehall.replication.client.MasterClient;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends the script's requests through a {@link MasterClient} from the calling thread, in one
 * of two ways: at a fixed rate, every request at its own intended time (latency), or as fast
 * as the client's in-flight window lets responses come back (throughput). Every wait is
 * bounded in time; a phase that cannot finish fails with the reason.
 */
final class LoadGenerator
{
    /** How far a fixed-rate phase may fall behind its schedule before it is called off. */
    private static final long MAX_SEND_LAG_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long HIGHEST_NS = TimeUnit.SECONDS.toNanos(60);

    private final MasterClient client;
    private final RequestScript script;
    private final ResponseRecorder recorder;
    private final Pacer pacer;
    private final IdleStrategy idleStrategy;
    private final long drainTimeoutNs;
    private final Histogram sendLag = new Histogram(HIGHEST_NS, 3);
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private double senderCpuShare = Double.NaN;

    /**
     * @param drainTimeoutMs how long to wait for the last responses of a phase; more than
     *                       the client's request timeout, after which it reports timeouts.
     */
    LoadGenerator(
        final MasterClient client,
        final RequestScript script,
        final ResponseRecorder recorder,
        final Pacer pacer,
        final IdleStrategy idleStrategy,
        final long drainTimeoutMs)
    {
        this.client = client;
        this.script = script;
        this.recorder = recorder;
        this.pacer = pacer;
        this.idleStrategy = idleStrategy;
        drainTimeoutNs = TimeUnit.MILLISECONDS.toNanos(drainTimeoutMs);
    }

    /**
     * @return how late the last recorded fixed-rate phase handed requests to the client,
     * relative to their intended send times: the harness's own share of the latency.
     */
    Histogram sendLag()
    {
        return sendLag;
    }

    /**
     * @return CPU time of the sending thread over the wall time of the last fixed-rate phase,
     * 0..1 (NaN if the JVM cannot tell): what pacing costs the machine the cluster runs on.
     */
    double senderCpuShare()
    {
        return senderCpuShare;
    }

    /**
     * Send {@code ratePerSecond × seconds} requests, request {@code seq} due at
     * {@code start + seq / rate}, and wait for all responses.
     *
     * @param record false for a warm-up: responses are checked and counted, not timed.
     * @return requests sent.
     */
    long fixedRate(final long ratePerSecond, final long seconds, final boolean record)
    {
        final long intervalNs = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        final long total = ratePerSecond * seconds;
        final long startNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
        final long cpuStartNs = threads.getCurrentThreadCpuTime();
        sendLag.reset();
        recorder.beginFixedRatePhase(startNs, intervalNs, record);
        final DirectBuffer buffer = script.buffer();
        for (long seq = 0; seq < total; seq++)
        {
            final long intendedNs = startNs + seq * intervalNs;
            pacer.awaitUntil(intendedNs);
            while (seq - recorder.completed() >= ResponseRecorder.MAX_OUTSTANDING)
            {
                checkLag(intendedNs, seq);
                LockSupport.parkNanos(10_000);
            }
            final int index = script.index(seq);
            while (true)
            {
                final long nowNs = System.nanoTime();
                recorder.sending(seq, nowNs);
                if (client.offer(seq, buffer, script.offset(index), script.length(index)))
                {
                    if (record)
                    {
                        sendLag.recordValue(Math.min(nowNs - intendedNs, HIGHEST_NS));
                    }
                    break;
                }
                checkLag(intendedNs, seq);
                Thread.yield();
            }
        }
        final long cpuEndNs = threads.getCurrentThreadCpuTime();
        senderCpuShare = cpuStartNs < 0 ? Double.NaN : (cpuEndNs - cpuStartNs) / (double)(System.nanoTime() - startNs);
        awaitAll(total);
        return total;
    }

    /**
     * Keep the client's in-flight window full: {@code rampSeconds} unmeasured, then count the
     * responses that arrive in {@code seconds}; then wait for the rest.
     *
     * @param window requests outstanding at most, the client's in-flight window.
     * @return responses per second in the measured part.
     */
    double pipelined(final int window, final long rampSeconds, final long seconds)
    {
        recorder.beginCountingPhase();
        final DirectBuffer buffer = script.buffer();
        final long startNs = System.nanoTime();
        final long measureFromNs = startNs + TimeUnit.SECONDS.toNanos(rampSeconds);
        final long endNs = measureFromNs + TimeUnit.SECONDS.toNanos(seconds);
        long measuredFromNs = 0;
        long completedAtStart = -1;
        long sent = 0;
        long nowNs;
        while ((nowNs = System.nanoTime()) - endNs < 0)
        {
            if (completedAtStart < 0 && nowNs - measureFromNs >= 0)
            {
                completedAtStart = recorder.completed();
                measuredFromNs = nowNs;
            }
            int work = 0;
            while (work < window && sent - recorder.completed() < window)
            {
                final int index = script.index(sent);
                if (!client.offer(sent, buffer, script.offset(index), script.length(index)))
                {
                    break;
                }
                sent++;
                work++;
            }
            idleStrategy.idle(work);
        }
        final long completedAtEnd = recorder.completed();
        final double throughput = (completedAtEnd - completedAtStart) * 1e9 / (nowNs - measuredFromNs);
        awaitAll(sent);
        return throughput;
    }

    private void awaitAll(final long sent)
    {
        final long deadlineNs = System.nanoTime() + drainTimeoutNs;
        while (recorder.completed() < sent)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException((sent - recorder.completed()) + " of " + sent +
                    " requests neither answered nor timed out within " +
                    TimeUnit.NANOSECONDS.toMillis(drainTimeoutNs) + " ms");
            }
            LockSupport.parkNanos(100_000);
        }
    }

    private static void checkLag(final long intendedNs, final long seq)
    {
        if (System.nanoTime() - intendedNs > MAX_SEND_LAG_NS)
        {
            throw new IllegalStateException("the cluster cannot sustain the rate: request " + seq + " is " +
                TimeUnit.NANOSECONDS.toSeconds(MAX_SEND_LAG_NS) + " s behind its schedule");
        }
    }
}
