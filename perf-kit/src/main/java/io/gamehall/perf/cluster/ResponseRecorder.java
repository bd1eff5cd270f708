package io.gamehall.perf.cluster;

import io.gamehall.replication.client.MasterClientListener;
import io.gamehall.sbe.master.CommandResultDecoder;
import io.gamehall.sbe.master.MessageHeaderDecoder;
import io.gamehall.sbe.master.ResultCode;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;

import java.util.concurrent.TimeUnit;

/**
 * The harness's {@link MasterClientListener}: times every response, checks it and counts what
 * came back. Runs on the client's agent thread and allocates nothing per response.
 * <p>
 * A measured request's tag is its sequence number in the phase. In a fixed-rate phase request
 * {@code seq} was due at {@code phaseStart + seq * interval}, so its latency is taken from
 * that intended send time (coordinated-omission correction: a stall that delays sending is
 * charged to the requests it delayed) and, for comparison, from the moment it was actually
 * handed to the client. Set-up calls use negative tags and are answered through
 * {@link #awaitSetUpResponse(long, long)}.
 * <p>
 * Threads: the main thread starts a phase only when no request is in flight, and reads the
 * histograms and counters only after every request of the phase was answered; the volatile
 * {@link #completed()} count orders those reads after the agent's writes.
 */
final class ResponseRecorder implements MasterClientListener
{
    /** Requests of a phase that may be outstanding at once; bounds the send-time ring. */
    static final int MAX_OUTSTANDING = 1 << 17;

    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final long HIGHEST_NS = TimeUnit.SECONDS.toNanos(60);
    private static final int CODES = 64;
    private static final int NOT_A_RESULT = CODES - 1;

    /** How responses are checked. */
    enum Check
    {
        /** Each must be a CommandResult with code OK: the master. */
        COMMAND_RESULT_OK,
        /** Each must be the request echoed with the CommandResult template id: the echo service. */
        ECHO
    }

    private final Check check;
    private final Histogram latency = new Histogram(HIGHEST_NS, 3);
    private final Histogram uncorrectedLatency = new Histogram(HIGHEST_NS, 3);
    private final long[] sendTimes = new long[MAX_OUTSTANDING];
    private final long[] codeCounts = new long[CODES];
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final CommandResultDecoder result = new CommandResultDecoder();
    private RequestScript script;

    private volatile long phaseStartNs;
    private volatile long intervalNs;
    private volatile boolean recording;
    private volatile long completed;
    private volatile long badResponses;
    private volatile long timeouts;
    private volatile long events;
    private volatile long disconnects;
    private volatile long leaderChanges;
    private volatile long clientErrors;

    private volatile long setUpTag;
    private volatile byte[] setUpResponse;

    ResponseRecorder(final Check check)
    {
        this.check = check;
    }

    /**
     * @param script the requests the phases send; set before the first phase.
     */
    void script(final RequestScript script)
    {
        this.script = script;
    }

    /**
     * Start a fixed-rate phase; no request may be in flight.
     *
     * @param startNs    when request 0 is due.
     * @param intervalNs between two requests' intended send times.
     * @param record     false for a warm-up.
     */
    void beginFixedRatePhase(final long startNs, final long intervalNs, final boolean record)
    {
        latency.reset();
        uncorrectedLatency.reset();
        phaseStartNs = startNs;
        this.intervalNs = intervalNs;
        recording = record;
        completed = 0;
    }

    /**
     * Start a phase that only counts responses; no request may be in flight.
     */
    void beginCountingPhase()
    {
        recording = false;
        completed = 0;
    }

    /**
     * The sender is about to offer request {@code seq}; called before each attempt.
     */
    void sending(final long seq, final long nowNs)
    {
        sendTimes[(int)(seq & (MAX_OUTSTANDING - 1))] = nowNs;
    }

    /**
     * @return requests of this phase answered or timed out.
     */
    long completed()
    {
        return completed;
    }

    Histogram latency()
    {
        return latency;
    }

    Histogram uncorrectedLatency()
    {
        return uncorrectedLatency;
    }

    long badResponses()
    {
        return badResponses;
    }

    long timeouts()
    {
        return timeouts;
    }

    long events()
    {
        return events;
    }

    long disconnects()
    {
        return disconnects;
    }

    long leaderChanges()
    {
        return leaderChanges;
    }

    long clientErrors()
    {
        return clientErrors;
    }

    /**
     * @return the result codes other than OK seen so far, e.g. {@code UNKNOWN_SERVER=3}, or "".
     */
    String badCodes()
    {
        final StringBuilder sb = new StringBuilder();
        for (int code = 0; code < CODES; code++)
        {
            final long count = codeCounts[code];
            if (count > 0 && code != ResultCode.OK.value())
            {
                sb.append(sb.length() == 0 ? "" : ", ")
                    .append(code == NOT_A_RESULT ? "not a CommandResult" : ResultCode.get(code).name())
                    .append('=').append(count);
            }
        }
        return sb.toString();
    }

    /**
     * Wait for the response to a set-up call.
     *
     * @return its bytes, or null when it timed out in the client.
     * @throws IllegalStateException when nothing came within the timeout.
     */
    byte[] awaitSetUpResponse(final long tag, final long timeoutMs)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (setUpTag != tag)
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException("no answer to a set-up command within " + timeoutMs + " ms");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
        }
        return setUpResponse;
    }

    public void onResponse(final long tag, final DirectBuffer buffer, final int offset, final int length)
    {
        final long nowNs = System.nanoTime();
        if (tag < 0)
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            setUpResponse = copy;
            setUpTag = tag;
            return;
        }
        if (!isGood(tag, buffer, offset, length))
        {
            badResponses++;
        }
        if (recording)
        {
            record(latency, nowNs - (phaseStartNs + tag * intervalNs));
            record(uncorrectedLatency, nowNs - sendTimes[(int)(tag & (MAX_OUTSTANDING - 1))]);
        }
        completed++;
    }

    public void onTimeout(final long tag)
    {
        if (tag < 0)
        {
            setUpResponse = null;
            setUpTag = tag;
            return;
        }
        timeouts++;
        completed++;
    }

    public void onEvent(final DirectBuffer buffer, final int offset, final int length)
    {
        events++;
    }

    public void onDisconnected(final String reason)
    {
        disconnects++;
        System.err.println("client disconnected: " + reason);
    }

    public void onNewLeader(final int leaderMemberId)
    {
        leaderChanges++;
    }

    public void onError(final Throwable error)
    {
        clientErrors++;
        System.err.println("client: " + error.getMessage());
    }

    private boolean isGood(final long seq, final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        final boolean isResult = header.templateId() == CommandResultDecoder.TEMPLATE_ID &&
            header.schemaId() == CommandResultDecoder.SCHEMA_ID;
        if (check == Check.ECHO)
        {
            return isResult && length == script.length(script.index(seq));
        }
        if (!isResult || length < HEADER + CommandResultDecoder.BLOCK_LENGTH)
        {
            codeCounts[NOT_A_RESULT]++;
            return false;
        }
        result.wrap(buffer, offset + HEADER, header.blockLength(), header.version());
        final int code = result.codeRaw();
        codeCounts[Math.min(code, NOT_A_RESULT - 1)]++;
        return code == ResultCode.OK.value();
    }

    private static void record(final Histogram histogram, final long valueNs)
    {
        histogram.recordValue(Math.max(0, Math.min(valueNs, HIGHEST_NS)));
    }
}
